#!/usr/bin/env python3
"""Checks that pycocotools reads files MaskBench's writer produced, and agrees on their masks.

    MASKBENCH_WRITER_OUTPUT=/tmp/written swift test --filter writesFilesForThePycocotoolsCheck
    scripts/.venv/bin/python scripts/check_written_json.py /tmp/written

Loads written_gt.json with COCO(), written_segm_results.json with loadRes(), runs a segm
COCOeval, and checks each annotation's stored area/bbox (computed by MaskBench's RLE API)
against pycocotools' own annToRLE/area/toBbox. Exits 1 on any mismatch.
"""
import sys
from pycocotools import mask as mask_utils
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

folder = sys.argv[1]
gt = COCO(f"{folder}/written_gt.json")
dt = gt.loadRes(f"{folder}/written_segm_results.json")
failures = 0
for ann in gt.dataset["annotations"]:
    rle = gt.annToRLE(ann)
    if float(mask_utils.area(rle)) != ann["area"] or list(mask_utils.toBbox(rle)) != ann["bbox"]:
        print("mismatch", ann["id"], mask_utils.area(rle), list(mask_utils.toBbox(rle)), ann["area"], ann["bbox"])
        failures += 1
for res in dt.dataset["annotations"]:
    mask_utils.decode(res["segmentation"])  # raises on a malformed string
ev = COCOeval(gt, dt, "segm")
ev.evaluate(); ev.accumulate(); ev.summarize()
print("files read by pycocotools;", "mismatches:", failures)
sys.exit(1 if failures else 0)
