#!/usr/bin/env python3
"""Writes Tests/Fixtures/detector/*.json: box IoU, NMS, box coding, anchors, matching,
proposal selection and keypoint heatmap coding, computed by torch/torchvision.

torchvision.ops.box_iou / nms / batched_nms are called directly. detectron2 is not installed:
its rules (Box2BoxTransform, DefaultAnchorGenerator, Matcher, find_top_rpn_proposals,
keypoint heatmap coding) are re-stated below in torch, from the zoo note's description.

Run: python3 scripts/make_detector_fixtures.py
(without torch in the running interpreter it creates scripts/.venv-torch from
scripts/requirements-torch.txt and re-runs itself there; it never installs system-wide).
"""
import json
import math
import os

import torch_venv  # noqa: F401  (creates scripts/.venv-torch when torch is missing)

import torch
import torch.nn.functional as F
import torchvision
from torchvision.ops import boxes as box_ops

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "detector")


def floats(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def random_boxes(g, n, size=64.0, grid=None):
    """Random float32 boxes; with `grid`, corners on a coarse grid so IoUs tie exactly."""
    if grid:
        xy = torch.randint(0, grid, (n, 2), generator=g).float() * (size / grid)
        wh = (torch.randint(1, grid // 2, (n, 2), generator=g).float()) * (size / grid)
    else:
        xy = torch.rand(n, 2, generator=g) * size
        wh = torch.rand(n, 2, generator=g) * size / 2 + 0.5
    return torch.cat([xy, xy + wh], dim=1).float()


def iou_cases(g):
    cases = []
    for n, m, grid in [(7, 9, None), (12, 10, 8), (5, 30, None)]:
        a, b = random_boxes(g, n, grid=grid), random_boxes(g, m, grid=grid)
        cases.append({"first": floats(a), "second": floats(b), "iou": floats(box_ops.box_iou(a, b))})
    return cases


def nms_cases(g):
    cases = []
    for n, threshold, grid, tie in [(40, 0.5, None, False), (60, 0.3, 8, True), (80, 0.7, None, True), (25, 0.0, 6, False)]:
        boxes = random_boxes(g, n, grid=grid)
        if tie:  # equal scores and duplicate boxes exercise the stable order
            scores = torch.randint(0, 6, (n,), generator=g).float() / 5
            boxes[n // 2] = boxes[0]
        else:
            scores = torch.rand(n, generator=g)
        groups = torch.randint(0, 3, (n,), generator=g)
        keep = torchvision.ops.nms(boxes, scores, threshold)
        vanilla = box_ops._batched_nms_vanilla(boxes, scores, groups, threshold)
        cases.append({
            "boxes": floats(boxes), "scores": floats(scores), "groups": groups.tolist(),
            "threshold": threshold, "keep": keep.tolist(), "keep_per_group": vanilla.tolist(),
        })
    return cases


# detectron2 Box2BoxTransform, restated.
def get_deltas(src, dst, w):
    wx, wy, ww, wh = w
    sw, sh = src[:, 2] - src[:, 0], src[:, 3] - src[:, 1]
    sx, sy = src[:, 0] + 0.5 * sw, src[:, 1] + 0.5 * sh
    tw, th = dst[:, 2] - dst[:, 0], dst[:, 3] - dst[:, 1]
    tx, ty = dst[:, 0] + 0.5 * tw, dst[:, 1] + 0.5 * th
    return torch.stack([wx * (tx - sx) / sw, wy * (ty - sy) / sh, ww * torch.log(tw / sw), wh * torch.log(th / sh)], dim=1)


def apply_deltas(deltas, boxes, w, clamp=math.log(1000.0 / 16)):
    wx, wy, ww, wh = w
    widths, heights = boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]
    cx, cy = boxes[:, 0] + 0.5 * widths, boxes[:, 1] + 0.5 * heights
    dx, dy = deltas[:, 0] / wx, deltas[:, 1] / wy
    dw, dh = torch.clamp(deltas[:, 2] / ww, max=clamp), torch.clamp(deltas[:, 3] / wh, max=clamp)
    px, py = dx * widths + cx, dy * heights + cy
    pw, ph = torch.exp(dw) * widths, torch.exp(dh) * heights
    return torch.stack([px - 0.5 * pw, py - 0.5 * ph, px + 0.5 * pw, py + 0.5 * ph], dim=1)


def coder_cases(g):
    cases = []
    for w in [(1.0, 1.0, 1.0, 1.0), (10.0, 10.0, 5.0, 5.0)]:
        src, dst = random_boxes(g, 20), random_boxes(g, 20)
        deltas = torch.randn(20, 4, generator=g) * 2
        deltas[0, 2] = 50.0  # beyond the clamp
        deltas[1, 3] = 30.0
        cases.append({
            "weights": list(w), "sources": floats(src), "targets": floats(dst),
            "encoded": floats(get_deltas(src, dst, w)), "deltas": floats(deltas),
            "decoded": floats(apply_deltas(deltas, src, w)),
        })
    return cases


# detectron2 DefaultAnchorGenerator, restated.
def cell_anchors(sizes, ratios):
    out = []
    for size in sizes:
        for r in ratios:
            w = math.sqrt(size ** 2.0 / r)
            h = r * w
            out.append([-w / 2.0, -h / 2.0, w / 2.0, h / 2.0])
    return torch.tensor(out)


def grid_anchors(sizes, ratios, stride, offset, gh, gw):
    sx = torch.arange(offset * stride, gw * stride, step=stride, dtype=torch.float32)
    sy = torch.arange(offset * stride, gh * stride, step=stride, dtype=torch.float32)
    yy, xx = torch.meshgrid(sy, sx, indexing="ij")
    xx, yy = xx.reshape(-1), yy.reshape(-1)
    shifts = torch.stack((xx, yy, xx, yy), dim=1)
    return (shifts.view(-1, 1, 4) + cell_anchors(sizes, ratios).view(1, -1, 4)).reshape(-1, 4)


def anchor_cases():
    cases = []
    for sizes, ratios, strides, offset, grids in [
        ([[16], [32], [64]], [0.5, 1.0, 2.0], [4, 8, 16], 0.0, [(3, 4), (2, 2), (1, 2)]),
        ([[16, 32, 64, 128]], [0.5, 1.0, 2.0], [16], 0.5, [(2, 3)]),
        ([[24, 40]], [0.25, 1.0, 3.0], [32], 0.0, [(2, 2)]),
    ]:
        levels = [floats(grid_anchors(s, ratios, st, offset, gh, gw)) for s, st, (gh, gw) in zip(sizes, strides, grids)]
        cases.append({"sizes": sizes, "aspect_ratios": ratios, "strides": strides, "offset": offset,
                      "grids": [list(x) for x in grids], "anchors": levels})
    return cases


# detectron2 Matcher, restated.
def match(iou, thresholds, labels, allow_low_quality):
    if iou.numel() == 0:
        return [0] * iou.shape[1], [labels[0]] * iou.shape[1]
    vals, matches = iou.max(dim=0)
    out = torch.full(matches.shape, 1, dtype=torch.int8)
    bounds = [-float("inf")] + thresholds + [float("inf")]
    for l, low, high in zip(labels, bounds[:-1], bounds[1:]):
        out[(vals >= low) & (vals < high)] = l
    if allow_low_quality:
        best, _ = iou.max(dim=1)
        _, preds = torch.nonzero(iou == best[:, None], as_tuple=True)
        out[preds] = 1
    return matches.tolist(), out.tolist()


def matcher_cases(g):
    cases = []
    for n, m, grid in [(3, 40, 8), (5, 60, None), (1, 20, 4), (0, 10, None)]:
        gt, preds = random_boxes(g, n, grid=grid), random_boxes(g, m, grid=grid)
        if n > 0:
            preds[3] = gt[0]  # an exact match
            preds[4] = gt[0]  # and a tie for it
        iou = box_ops.box_iou(gt, preds) if n > 0 else torch.zeros(0, m)
        rpn = match(iou, [0.3, 0.7], [0, -1, 1], True)
        roi = match(iou, [0.5], [0, 1], False)
        cases.append({"ground_truth": floats(gt), "predictions": floats(preds),
                      "rpn": {"matches": rpn[0], "labels": rpn[1]}, "roi": {"matches": roi[0], "labels": roi[1]}})
    return cases


# detectron2 find_top_rpn_proposals for one image, restated (NMS per level, exact per-level IoU).
def select_proposals(g):
    cases = []
    for pre, post, nms, min_size in [(30, 20, 0.7, 0.0), (8, 12, 0.5, 2.0)]:
        levels, selected_boxes, selected_scores, selected_levels = [], [], [], []
        height, width = 64, 96
        for level, (count, size) in enumerate([(50, 20.0), (20, 40.0), (6, 60.0)]):
            anchors = random_boxes(g, count, size=size) + torch.tensor([-4.0, -4.0, -4.0, -4.0]) * level
            logits = torch.randn(count, generator=g)
            deltas = torch.randn(count, 4, generator=g) * 0.5
            levels.append({"anchors": floats(anchors), "logits": floats(logits), "deltas": floats(deltas)})
            k = min(count, pre)
            scores, idx = logits.topk(k)
            selected_boxes.append(apply_deltas(deltas[idx], anchors[idx], (1.0, 1.0, 1.0, 1.0)))
            selected_scores.append(scores)
            selected_levels.append(torch.full((k,), level))
        boxes, scores, lvl = torch.cat(selected_boxes), torch.cat(selected_scores), torch.cat(selected_levels)
        boxes[:, 0::2] = boxes[:, 0::2].clamp(min=0, max=width)
        boxes[:, 1::2] = boxes[:, 1::2].clamp(min=0, max=height)
        keep = ((boxes[:, 2] - boxes[:, 0]) > min_size) & ((boxes[:, 3] - boxes[:, 1]) > min_size)
        boxes, scores, lvl = boxes[keep], scores[keep], lvl[keep]
        keep = box_ops._batched_nms_vanilla(boxes, scores, lvl, nms)[:post]
        cases.append({"pre_nms_top_k": pre, "post_nms_top_k": post, "nms_threshold": nms, "min_size": min_size,
                      "height": height, "width": width, "levels": levels,
                      "boxes": floats(boxes[keep]), "scores": floats(scores[keep])})
    return cases


# detectron2 fast_rcnn_inference_single_image, restated (exact per-class NMS).
def detection_cases(g):
    cases = []
    for rois, classes, agnostic, top_k in [(30, 3, False, 10), (12, 2, True, 100)]:
        height, width = 64, 80
        proposals = random_boxes(g, rois, size=70.0)
        probabilities = torch.softmax(torch.randn(rois, classes + 1, generator=g) * 2, dim=1)
        regression_classes = 1 if agnostic else classes
        deltas = torch.randn(rois, regression_classes * 4, generator=g) * 0.5
        boxes = torch.stack([apply_deltas(deltas[:, 4 * c:4 * c + 4], proposals, (10.0, 10.0, 5.0, 5.0))
                             for c in range(regression_classes)], dim=1)
        boxes[..., 0::2] = boxes[..., 0::2].clamp(min=0, max=width)
        boxes[..., 1::2] = boxes[..., 1::2].clamp(min=0, max=height)
        scores = probabilities[:, :-1]
        mask = scores > 0.05
        inds = mask.nonzero()
        boxes = boxes[inds[:, 0], 0] if agnostic else boxes[mask]
        scores = scores[mask]
        keep = box_ops._batched_nms_vanilla(boxes, scores, inds[:, 1], 0.5)[:top_k]
        cases.append({"height": height, "width": width, "detections_per_image": top_k,
                      "proposals": floats(proposals), "probabilities": floats(probabilities), "deltas": floats(deltas),
                      "boxes": floats(boxes[keep]), "scores": floats(scores[keep]),
                      "classes": inds[keep, 1].tolist(), "rois": inds[keep, 0].tolist()})
    return cases


# detectron2 keypoint heatmap coding, restated.
def keypoints_to_heatmap(kps, rois, m):
    ox, oy = rois[:, 0][:, None], rois[:, 1][:, None]
    sx, sy = m / (rois[:, 2] - rois[:, 0]), m / (rois[:, 3] - rois[:, 1])
    x, y = kps[..., 0], kps[..., 1]
    xb, yb = x == rois[:, 2][:, None], y == rois[:, 3][:, None]
    x = ((x - ox) * sx[:, None]).floor().long()
    y = ((y - oy) * sy[:, None]).floor().long()
    x[xb] = m - 1
    y[yb] = m - 1
    valid = (x >= 0) & (y >= 0) & (x < m) & (y < m) & (kps[..., 2] > 0)
    return torch.where(valid, y * m + x, torch.full_like(x, -1))


def heatmaps_to_keypoints(maps, rois):
    out = []
    widths = (rois[:, 2] - rois[:, 0]).clamp(min=1)
    heights = (rois[:, 3] - rois[:, 1]).clamp(min=1)
    wc, hc = widths.ceil(), heights.ceil()
    k = maps.shape[1]
    for i in range(rois.shape[0]):
        roi_map = F.interpolate(maps[[i]], size=(int(hc[i]), int(wc[i])), mode="bicubic", align_corners=False)[0]
        best = roi_map.view(k, -1).max(1)[0].view(k, 1, 1)
        full = (roi_map - best).exp()
        pool = (maps[i] - best).exp()
        scores = full / pool.sum((1, 2), keepdim=True)
        w = roi_map.shape[2]
        pos = roi_map.view(k, -1).argmax(1)
        xi, yi = pos % w, pos // w
        idx = torch.arange(k)
        x = (xi.float() + 0.5) * (widths[i] / wc[i]) + rois[i, 0]
        y = (yi.float() + 0.5) * (heights[i] / hc[i]) + rois[i, 1]
        out.append(torch.stack([x, y, roi_map[idx, yi, xi], scores[idx, yi, xi]], dim=1))
    return torch.stack(out)


def keypoint_cases(g):
    m = 8
    rois = torch.tensor([[10.0, 20.0, 42.0, 36.0], [0.5, 1.25, 13.75, 30.0], [5.0, 5.0, 5.6, 9.0]])
    kps = torch.rand(3, 6, 3, generator=g) * 50
    kps[..., 2] = torch.tensor([2.0, 1.0, 0.0, 2.0, 2.0, 2.0])
    kps[0, 4, 0], kps[0, 4, 1] = 42.0, 36.0  # on the far edges: forced into the last cell
    kps[1, 5, 0], kps[1, 5, 1] = 0.5, 1.25
    maps = torch.randn(3, 4, m, m, generator=g) * 3
    resized = F.interpolate(maps[[1]], size=(11, 5), mode="bicubic", align_corners=False)
    return {"heatmap_size": m, "rois": floats(rois), "keypoints": floats(kps),
            "targets": keypoints_to_heatmap(kps, rois, m).reshape(-1).tolist(),
            "heatmaps": floats(maps), "decoded": floats(heatmaps_to_keypoints(maps, rois)),
            "bicubic": {"height": 11, "width": 5, "values": floats(resized)}}


def main():
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(20261127)
    os.makedirs(OUT, exist_ok=True)
    fixtures = {
        "box_iou.json": iou_cases(g), "nms.json": nms_cases(g), "box_coder.json": coder_cases(g),
        "anchors.json": anchor_cases(), "matcher.json": matcher_cases(g),
        "proposals.json": select_proposals(g), "keypoints.json": [keypoint_cases(g)],
        "detections.json": detection_cases(g),
    }
    for name, value in fixtures.items():
        tmp = os.path.join(OUT, name + ".tmp")
        with open(tmp, "w") as f:
            json.dump({"generator": f"torch {torch.__version__}, torchvision {torchvision.__version__}", "cases": value}, f)
        os.replace(tmp, os.path.join(OUT, name))
        print(name, os.path.getsize(os.path.join(OUT, name)), "bytes")


if __name__ == "__main__":
    main()
