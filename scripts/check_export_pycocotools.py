#!/usr/bin/env python3
"""Proves `ablate export-data` writes COCO folders pycocotools reads, and records what
pycocotools sees in Tests/Fixtures/datasets/export_pycocotools.json for the Swift tests:
per annotation the area and bbox of pycocotools' own decoded mask (annToMask), per image the
size and the sum of the pixel bytes Pillow decodes, and COCOeval's AP when the ground truth
is scored against itself (1.0 means every record is well-formed and matchable).

Run once (venv with pycocotools, numpy, pillow):
  python3 -m venv scripts/.venv && scripts/.venv/bin/pip install -r scripts/requirements-eval.txt pillow
  swift build && scripts/.venv/bin/python scripts/check_export_pycocotools.py --ablate .build/debug/ablate
"""
import argparse
import contextlib
import io
import json
import os
import subprocess
import tempfile

import numpy as np
from PIL import Image
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

# Must match Tests/DatasetsTests/COCOFolder/ExportPycocotoolsTests.swift.
CASES = [("shapes", "tiny", 5, 6), ("figures", "small", 6, 4)]


def self_eval(gt, iou_type):
    results = []
    for ann in gt.loadAnns(gt.getAnnIds()):
        if ann.get("iscrowd", 0):
            continue
        record = {"image_id": ann["image_id"], "category_id": ann["category_id"], "score": 1.0}
        if iou_type == "bbox":
            record["bbox"] = ann["bbox"]
        elif iou_type == "segm":
            record["segmentation"] = gt.annToRLE(ann)
            record["segmentation"]["counts"] = record["segmentation"]["counts"].decode()
        else:
            record["keypoints"] = ann["keypoints"]
        results.append(record)
    with contextlib.redirect_stdout(io.StringIO()):
        evaluator = COCOeval(gt, gt.loadRes(results), iou_type)
        evaluator.evaluate()
        evaluator.accumulate()
        evaluator.summarize()
    return float(evaluator.stats[0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ablate", default=".build/debug/ablate")
    parser.add_argument("--out", default="Tests/Fixtures/datasets/export_pycocotools.json")
    args = parser.parse_args()
    cases = []
    for dataset, preset, seed, count in CASES:
        with tempfile.TemporaryDirectory() as root:
            subprocess.run([args.ablate, "export-data", root, "--dataset", dataset, "--preset", preset,
                            "--seed", str(seed), "--train-images", str(count), "--val-images", "0"], check=True)
            kind = "person_keypoints" if dataset == "figures" else "instances"
            with contextlib.redirect_stdout(io.StringIO()):
                gt = COCO(os.path.join(root, "annotations", f"{kind}_train.json"))
            annotations = []
            for ann in gt.loadAnns(gt.getAnnIds()):
                mask = gt.annToMask(ann)
                ys, xs = np.nonzero(mask)
                annotations.append({
                    "id": ann["id"],
                    "mask_area": int(mask.sum()),
                    "mask_bbox": [int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)],
                    "polygon": isinstance(ann["segmentation"], list),
                })
            images = []
            for info in gt.loadImgs(gt.getImgIds()):
                pixels = np.asarray(Image.open(os.path.join(root, "train", info["file_name"])).convert("RGB"))
                images.append({"id": info["id"], "width": info["width"], "height": info["height"],
                               "pixel_sum": int(pixels.astype(np.int64).sum())})
            ap = {t: self_eval(gt, t) for t in (["bbox", "segm"] + (["keypoints"] if dataset == "figures" else []))}
            cases.append({"dataset": dataset, "preset": preset, "seed": seed, "count": count,
                          "annotations": annotations, "images": images, "self_ap": ap})
    with open(args.out, "w") as f:
        json.dump({"cases": cases}, f, indent=1)


if __name__ == "__main__":
    main()
