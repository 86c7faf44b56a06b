#!/usr/bin/env python3
"""Times MaskBench's Tensor-free detector pieces against torchvision's at R10-FPN@256 sizes.

Usage: python3 scripts/bench_detector_pieces.py --detector-bench .build/release/detector-bench
Both sides use random RPN/box-head outputs of the same shapes and 1 thread; the last line is
`worst-ratio: R` (MaskBench time / torchvision time, the largest over the pieces).
"""
import argparse
import json
import math
import subprocess
import time

import torch_venv  # noqa: F401  (creates scripts/.venv-torch when torch is missing)

import torch
import torchvision
from torchvision.models.detection import _utils as det_utils
from torchvision.ops import boxes as box_ops


def measure(body, repetitions=30):
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        body()
        samples.append((time.perf_counter() - start) * 1e3)
    samples.sort()
    return {"median_ms": samples[repetitions // 2], "min_ms": samples[0]}


def torch_pieces():
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(1)
    levels = []
    for size, stride in zip([16, 32, 64, 128, 256], [4, 8, 16, 32, 64]):
        n = 256 // stride
        cells = []
        for r in [0.5, 1.0, 2.0]:
            w = math.sqrt(size * size / r)
            cells.append([-w / 2, -r * w / 2, w / 2, r * w / 2])
        s = torch.arange(0, n * stride, stride, dtype=torch.float32)
        yy, xx = torch.meshgrid(s, s, indexing="ij")
        shifts = torch.stack([xx.reshape(-1), yy.reshape(-1)] * 2, 1)
        anchors = (shifts.view(-1, 1, 4) + torch.tensor(cells).view(1, -1, 4)).reshape(-1, 4)
        levels.append((anchors, torch.rand(len(anchors), generator=g) * 6 - 3, torch.rand(len(anchors), 4, generator=g) * 0.6 - 0.3))
    anchors = torch.cat([a for a, _, _ in levels])
    xy = torch.rand(6, 2, generator=g) * 200
    gt = torch.cat([xy, xy + torch.rand(6, 2, generator=g) * 44 + 12], 1)
    rpn_coder, roi_coder = det_utils.BoxCoder((1.0, 1.0, 1.0, 1.0)), det_utils.BoxCoder((10.0, 10.0, 5.0, 5.0))
    results = {}

    def assign():
        matcher = det_utils.Matcher(0.7, 0.3, allow_low_quality_matches=True)
        idx = matcher(box_ops.box_iou(gt, anchors))
        labels = (idx >= 0).float()
        labels[idx == -2] = -1
        det_utils.BalancedPositiveNegativeSampler(256, 0.5)([labels])
        rpn_coder.encode_single(gt[idx.clamp(min=0)], anchors)
    results["rpn_label_assignment"] = measure(assign)
    logits = levels[0][1]
    results["top_k_1000_of_12288"] = measure(lambda: logits.topk(1000))
    scores, idx = logits.topk(1000)
    boxes = box_ops.clip_boxes_to_image(rpn_coder.decode_single(levels[0][2][idx], levels[0][0][idx]), (256, 256))
    results["nms_1000"] = measure(lambda: torchvision.ops.nms(boxes, scores, 0.7))

    def proposals(pre, post):
        bs, ss, ls = [], [], []
        for i, (a, l, d) in enumerate(levels):
            k = min(pre, len(l))
            s, j = l.topk(k)
            bs.append(rpn_coder.decode_single(d[j], a[j]))
            ss.append(s)
            ls.append(torch.full((k,), i))
        b, s, lv = box_ops.clip_boxes_to_image(torch.cat(bs), (256, 256)), torch.cat(ss), torch.cat(ls)
        keep = box_ops.remove_small_boxes(b, 1e-3)
        b, s, lv = b[keep], s[keep], lv[keep]
        keep = box_ops.batched_nms(b, s, lv, 0.7)[:post]
        return b[keep]
    results["proposals_train"] = measure(lambda: proposals(1000, 500))
    results["proposals_test"] = measure(lambda: proposals(500, 250))
    train_proposals, test_proposals = proposals(1000, 500), proposals(500, 250)

    def sample():
        p = torch.cat([train_proposals, gt])
        idx = det_utils.Matcher(0.5, 0.5, allow_low_quality_matches=False)(box_ops.box_iou(gt, p))
        labels = (idx >= 0).long()
        pos, neg = det_utils.BalancedPositiveNegativeSampler(128, 0.25)([labels])
        keep = torch.where(pos[0] | neg[0])[0]
        roi_coder.encode_single(gt[idx[keep].clamp(min=0)], p[keep])
    results["roi_sampling"] = measure(sample)
    r, k = len(test_proposals), 4
    probabilities = torch.softmax(torch.rand(r, k + 1, generator=g) * 2 - 1, 1)
    deltas = torch.rand(r, 4 * k, generator=g) - 0.5

    def detections():
        b = roi_coder.decode(deltas, [test_proposals]).reshape(r, k, 4)
        b = box_ops.clip_boxes_to_image(b, (256, 256)).reshape(-1, 4)
        s = probabilities[:, :-1].reshape(-1)
        labels = torch.arange(k).repeat(r)
        keep = torch.where(s > 0.05)[0]
        b, s, labels = b[keep], s[keep], labels[keep]
        keep = box_ops.batched_nms(b, s, labels, 0.5)[:100]
    results[f"detections_{r}_rois"] = measure(detections)
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--detector-bench", required=True)
    args = parser.parse_args()
    output = subprocess.run([args.detector_bench], check=True, capture_output=True, text=True).stdout
    ours = {row["name"]: row for row in map(json.loads, output.splitlines())}
    theirs = torch_pieces()
    print(f"torch {torch.__version__}, torchvision {torchvision.__version__}; medians (min) in ms")
    print(f"{'piece':28} {'MaskBench':>18} {'torchvision':>18} {'ratio':>7}")
    worst = 0.0
    for name, row in ours.items():
        if name not in theirs:
            continue
        ratio = row["median_ms"] / theirs[name]["median_ms"]
        worst = max(worst, ratio)
        print(f"{name:28} {row['median_ms']:9.3f} ({row['min_ms']:6.3f}) {theirs[name]['median_ms']:9.3f} "
              f"({theirs[name]['min_ms']:6.3f}) {ratio:7.2f}")
    print(f"worst-ratio: {worst:.2f}")


if __name__ == "__main__":
    main()
