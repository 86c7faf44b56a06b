#!/usr/bin/env python3
"""Writes the golden files of the model's losses and RLE results under Tests/Fixtures/model/.

Peers: PyTorch's F.binary_cross_entropy_with_logits / F.cross_entropy (the mask and keypoint
losses as detectron2 calls them) and pycocotools' mask.encode (compressed RLE results). Run once;
the JSON files are committed so `swift test` needs no Python:

    python3 -m venv scripts/.venv-torch
    scripts/.venv-torch/bin/pip install -r scripts/requirements-torch.txt
    scripts/.venv-torch/bin/python scripts/make_model_fixtures.py
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
from pycocotools import mask as mask_utils

from make_roi_fixtures import floats  # shortest float32 text per value, shared with the RoI fixtures

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "model")


def mask_loss_cases():
    g = torch.Generator().manual_seed(2017)
    cases = []
    for classes_count, class_specific in [(3, True), (3, False)]:
        rois, m = 3, 5
        labels = torch.randint(1, classes_count + 1, (rois,), generator=g)   # 1...K, background 0
        targets = (torch.rand(rois, m, m, generator=g) > 0.5).float()
        # sigmoid: channel label - 1 (or the single agnostic channel).
        channels = classes_count if class_specific else 1
        logits = (torch.randn(rois, channels, m, m, generator=g) * 3).requires_grad_()
        index = labels - 1 if class_specific else torch.zeros_like(labels)
        loss = F.binary_cross_entropy_with_logits(logits[torch.arange(rois), index], targets)
        loss.backward()
        cases.append({"loss": "sigmoid", "class_specific": class_specific, "shape": list(logits.shape),
                      "labels": labels.tolist(), "targets": targets.int().ravel().tolist(),
                      "logits": floats(logits.detach()), "value": floats(loss.detach())[0],
                      "gradient": floats(logits.grad)})
        # softmax over background (channel 0) and the classes (channel = label; 1 if agnostic).
        channels = classes_count + 1 if class_specific else 2
        logits = (torch.randn(rois, channels, m, m, generator=g) * 3).requires_grad_()
        foreground = labels if class_specific else torch.ones_like(labels)
        pixel_labels = torch.where(targets > 0, foreground[:, None, None].expand(rois, m, m),
                                   torch.zeros((rois, m, m), dtype=torch.long))
        loss = F.cross_entropy(logits, pixel_labels)
        loss.backward()
        cases.append({"loss": "softmax", "class_specific": class_specific, "shape": list(logits.shape),
                      "labels": labels.tolist(), "targets": targets.int().ravel().tolist(),
                      "logits": floats(logits.detach()), "value": floats(loss.detach())[0],
                      "gradient": floats(logits.grad)})
    return cases


def keypoint_loss_case():
    g = torch.Generator().manual_seed(56)
    rois, keypoints, m = 2, 3, 6
    logits = (torch.randn(rois, keypoints, m, m, generator=g) * 2).requires_grad_()
    targets = torch.randint(0, m * m, (rois * keypoints,), generator=g)
    valid = torch.tensor([1, 0, 1, 1, 1, 0], dtype=torch.bool)
    # detectron2 keypoint_rcnn_loss: sum over valid / number of valid.
    loss = F.cross_entropy(logits.view(rois * keypoints, m * m)[valid], targets[valid], reduction="sum") / valid.sum()
    loss.backward()
    return {"shape": list(logits.shape), "logits": floats(logits.detach()),
            "targets": [int(t) if v else None for t, v in zip(targets.tolist(), valid.tolist())],
            "value": floats(loss.detach())[0], "gradient": floats(logits.grad)}


def rle_cases():
    rng = np.random.default_rng(7)
    cases = []
    for height, width, density in [(5, 7, 0.5), (28, 31, 0.2), (64, 64, 0.9), (3, 4, 0.0), (40, 23, 0.5)]:
        mask = (rng.random((height, width)) < density).astype(np.uint8)
        if height == 40:  # long runs with large count differences (multi-byte groups, negative deltas)
            mask[:] = 0
            mask[5:35, 2:20] = 1
        encoded = mask_utils.encode(np.asfortranarray(mask))
        cases.append({"height": height, "width": width, "values": mask.ravel().tolist(),
                      "counts": encoded["counts"].decode("ascii")})
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    generator = f"scripts/make_model_fixtures.py (torch {torch.__version__}, pycocotools)"
    with open(os.path.join(OUT, "losses.json"), "w") as f:
        json.dump({"generator": generator, "mask": mask_loss_cases(), "keypoint": keypoint_loss_case()}, f)
    with open(os.path.join(OUT, "rle.json"), "w") as f:
        json.dump({"generator": generator, "cases": rle_cases()}, f)


if __name__ == "__main__":
    main()
