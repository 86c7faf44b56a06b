#!/usr/bin/env python3
"""Writes the COCOEval parity fixtures under Tests/Fixtures/eval/ with pycocotools 2.0.11.

Each case is a folder `cases/<name>/` holding `gt.json`, `results.json` and `expected.json`
(pycocotools' stats with their bit patterns, FNV-1a hashes of the precision/recall/scores
arrays, the full recall array, detectron2's per-category AP, the summary lines, and for
keypoints the OKS matrices). Cases where pycocotools crashes (empty results, GT without
iscrowd/area/num_keypoints) are evaluated by pycocotools on the equivalent input we promise
(documented in README-cocoeval.md), written next to the crashing input.

Run:  python3 -m venv scripts/.venv && scripts/.venv/bin/pip install -r scripts/requirements-eval.txt
      scripts/.venv/bin/python scripts/make_eval_fixtures.py
"""
import contextlib
import copy
import io
import json
import os
import struct
import sys

import numpy as np
from pycocotools import mask as mask_utils
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "eval")
CASES = []


def fnv1a(array):
    """FNV-1a 64 over the float64 bit patterns in C order (the Swift tests hash the same way)."""
    h = 0xCBF29CE484222325
    for word in np.ascontiguousarray(array, dtype="<f8").view("<u8").ravel().tolist():
        h ^= word
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def bits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", float(x)))[0]


def run_pycocotools(gt, results, iou_type, params):
    with contextlib.redirect_stdout(io.StringIO()):
        coco_gt = COCO()
        coco_gt.dataset = copy.deepcopy(gt)
        coco_gt.createIndex()
        coco_dt = coco_gt.loadRes(copy.deepcopy(results))
        ev = COCOeval(coco_gt, coco_dt, iou_type)
        if "maxDets" in params:
            ev.params.maxDets = params["maxDets"]
        if "areaRng" in params:
            ev.params.areaRng = params["areaRng"]
            ev.params.areaRngLbl = params["areaRngLbl"]
        if "imgIds" in params:
            ev.params.imgIds = params["imgIds"]
        if "useCats" in params:
            ev.params.useCats = params["useCats"]
        ev.evaluate()
        ev.accumulate()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        ev.summarize()
    precision = ev.eval["precision"]
    per_category = []
    cat_ids = ev.params.catIds if ev.params.useCats else [-1]
    for k, cat in enumerate(cat_ids):
        p = precision[:, :, k, 0, -1]
        p = p[p > -1]
        per_category.append([int(cat), float(np.mean(p)) if p.size else None])
    expected = {
        "stats": [float(s) for s in ev.stats],
        "statsBits": [bits(s) for s in ev.stats],
        "shape": list(precision.shape),
        "precisionHash": fnv1a(precision),
        "recallHash": fnv1a(ev.eval["recall"]),
        "scoresHash": fnv1a(ev.eval["scores"]),
        "recall": ev.eval["recall"].ravel().tolist(),
        "perCategoryAP": per_category,
        "summary": out.getvalue().rstrip("\n").split("\n"),
    }
    if iou_type == "keypoints":
        expected["oks"] = [
            {"imageId": int(i), "categoryId": int(c), "values": np.asarray(v).ravel().tolist(),
             "bits": [bits(x) for x in np.asarray(v).ravel().tolist()]}
            for (i, c), v in sorted(ev.ious.items()) if len(v)
        ]
    return expected


def case(name, iou_type, gt, results, params=None, note="", reference=None):
    """Registers a case; `reference` = (gt, results) pycocotools evaluates instead (crash cases)."""
    CASES.append((name, iou_type, gt, results, params or {}, note, reference))


# ---------------------------------------------------------------------------------------------
# Builders

def dataset(images, anns, cats=None, keypoints=False):
    cats = cats or [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]
    if keypoints:
        cats = [{"id": 1, "name": "person", "keypoints": ["k%d" % i for i in range(17)],
                 "skeleton": [[1, 2]]}]
    return {"images": [{"id": i, "width": w, "height": h} for (i, w, h) in images],
            "annotations": anns, "categories": cats}


def box_gt(id, img, cat, box, crowd=0, **extra):
    a = {"id": id, "image_id": img, "category_id": cat, "bbox": box,
         "area": box[2] * box[3], "iscrowd": crowd}
    a.update(extra)
    return a


def box_dt(img, cat, box, score, **extra):
    d = {"image_id": img, "category_id": cat, "bbox": box, "score": score}
    d.update(extra)
    return d


IMAGES = [(1, 200, 150), (2, 200, 150), (3, 320, 240)]


def shifted(box, dx, dy=0.0):
    return [box[0] + dx, box[1] + dy, box[2], box[3]]


def bbox_cases():
    g = [10.0, 10.0, 40.0, 40.0]
    case("bbox_single_perfect", "bbox", dataset(IMAGES[:1], [box_gt(1, 1, 1, g)]),
         [box_dt(1, 1, g, 0.9)], note="lone perfect detection: AP = 1-2^-52 (the eps)")
    # IoU ladder: shifts giving IoUs around every threshold, one GT per detection.
    anns, dts = [], []
    for i, dx in enumerate([0, 2, 4, 5, 6, 8, 10, 12, 13.3333333, 14, 20, 30]):
        b = [10.0 + 60 * (i % 3), 10.0 + 45 * (i // 3), 40.0, 40.0]
        anns.append(box_gt(i + 1, 3, 1, b))
        dts.append(box_dt(3, 1, shifted(b, dx), 0.95 - 0.05 * i))
    case("bbox_iou_ladder", "bbox", dataset(IMAGES, anns), dts, note="IoUs straddling thresholds")
    # 1/3 IoU exactly 0.5: box 40x40 shifted by 40/3.
    case("bbox_iou_exactly_half", "bbox", dataset(IMAGES[:1], [box_gt(1, 1, 1, [0.0, 0.0, 30.0, 10.0])]),
         [box_dt(1, 1, [10.0, 0.0, 30.0, 10.0], 0.5)], note="IoU exactly 0.5 passes t=0.5")
    case("bbox_equal_iou_later_gt_wins", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, [0.0, 0.0, 20.0, 20.0]), box_gt(2, 1, 1, [20.0, 0.0, 20.0, 20.0])]),
         [box_dt(1, 1, [10.0, 0.0, 20.0, 20.0], 0.9), box_dt(1, 1, [0.0, 0.0, 20.0, 20.0], 0.8)],
         note="two GTs tie on IoU: second chosen; then the second det finds GT 1 free")
    crowd = [0.0, 0.0, 100.0, 100.0]
    case("bbox_crowd_absorbs", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, [120.0, 10.0, 30.0, 30.0]), box_gt(2, 1, 1, crowd, crowd=1)]),
         [box_dt(1, 1, [10.0, 10.0, 30.0, 30.0], 0.9), box_dt(1, 1, [50.0, 50.0, 20.0, 20.0], 0.8),
          box_dt(1, 1, [120.0, 10.0, 30.0, 30.0], 0.7), box_dt(1, 1, [90.0, 90.0, 30.0, 30.0], 0.6)],
         note="crowd GT absorbs many dets; crowd IoU = inter / det area")
    case("bbox_regular_before_crowd_break", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, crowd, crowd=1), box_gt(2, 1, 1, [0.0, 0.0, 60.0, 60.0])]),
         [box_dt(1, 1, [0.0, 0.0, 50.0, 50.0], 0.9), box_dt(1, 1, [0.0, 0.0, 50.0, 50.0], 0.8)],
         note="a match to a regular GT stops at the ignored block even if the crowd IoU is higher")
    case("bbox_ignore_field_overwritten", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, g, ignore=1), box_gt(2, 1, 1, [100.0, 10.0, 40.0, 40.0], ignore=1)]),
         [box_dt(1, 1, g, 0.9)], note="ignore=1 without iscrowd counts as a regular GT")
    case("bbox_ignore_zero_on_crowd", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, g, crowd=1, ignore=0), box_gt(2, 1, 1, [100.0, 10.0, 40.0, 40.0])]),
         [box_dt(1, 1, g, 0.9), box_dt(1, 1, [100.0, 10.0, 40.0, 40.0], 0.8)], note="iscrowd wins over ignore=0")
    case("bbox_gt_id_zero", "bbox",
         dataset(IMAGES[:1], [box_gt(0, 1, 1, g), box_gt(1, 1, 1, [100.0, 10.0, 40.0, 40.0])]),
         [box_dt(1, 1, g, 0.9), box_dt(1, 1, [100.0, 10.0, 40.0, 40.0], 0.8)],
         note="GT id 0 is never counted as matched")
    case("bbox_gt_negative_id", "bbox",
         dataset(IMAGES[:1], [box_gt(-5, 1, 1, g)]), [box_dt(1, 1, g, 0.9)], note="negative ids count (nonzero)")
    case("bbox_duplicate_ids_same_image", "bbox",
         dataset(IMAGES[:1], [box_gt(7, 1, 1, g), box_gt(7, 1, 1, [100.0, 10.0, 40.0, 40.0])]),
         [box_dt(1, 1, g, 0.9), box_dt(1, 1, [100.0, 10.0, 40.0, 40.0], 0.8)],
         note="duplicate GT ids: last wins, counted twice -> AP 0.25")
    case("bbox_duplicate_ids_across_images", "bbox",
         dataset(IMAGES[:2], [box_gt(7, 1, 1, g), box_gt(8, 2, 2, g), box_gt(7, 2, 1, [100.0, 10.0, 40.0, 40.0])]),
         [box_dt(1, 1, g, 0.9), box_dt(2, 1, [100.0, 10.0, 40.0, 40.0], 0.8), box_dt(2, 2, g, 0.7)],
         note="the first id-7 annotation (image 1) is replaced by image 2's")
    case("bbox_area_boundaries", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, [0.0, 0.0, 32.0, 32.0]), box_gt(2, 1, 1, [50.0, 0.0, 96.0, 96.0]),
                              box_gt(3, 1, 1, [0.0, 100.0, 31.0, 33.0])]),
         [box_dt(1, 1, [0.0, 0.0, 32.0, 32.0], 0.9), box_dt(1, 1, [50.0, 0.0, 96.0, 96.0], 0.8),
          box_dt(1, 1, [0.0, 100.0, 31.0, 33.0], 0.7)],
         note="area 1024 in small and medium, 9216 in medium and large")
    case("bbox_gt_area_field_used", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, g, area=500.0), box_gt(2, 1, 1, [100.0, 10.0, 40.0, 40.0], area=20000.0)]),
         [box_dt(1, 1, g, 0.9), box_dt(1, 1, [100.0, 10.0, 40.0, 40.0], 0.8)],
         note="GT area is the JSON field, not w*h")
    case("bbox_unmatched_dt_area_ignored", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, [0.0, 0.0, 20.0, 20.0])]),
         [box_dt(1, 1, [100.0, 100.0, 50.0, 50.0], 0.95), box_dt(1, 1, [0.0, 0.0, 20.0, 20.0], 0.9),
          box_dt(1, 1, [60.0, 60.0, 10.0, 10.0], 0.85)],
         note="unmatched dets outside the area range are ignored")
    case("bbox_score_ties_across_images", "bbox",
         dataset(IMAGES, [box_gt(1, 1, 1, g), box_gt(2, 2, 1, g), box_gt(3, 3, 1, g)]),
         [box_dt(3, 1, g, 0.5), box_dt(2, 1, [120.0, 90.0, 20.0, 20.0], 0.5), box_dt(1, 1, g, 0.5),
          box_dt(2, 1, g, 0.5), box_dt(1, 1, [120.0, 90.0, 20.0, 20.0], 0.5)],
         note="equal scores: image order then file order")
    case("bbox_score_ties_within_image", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, g)]),
         [box_dt(1, 1, shifted(g, 3), 0.7), box_dt(1, 1, g, 0.7), box_dt(1, 1, shifted(g, 30), 0.7)],
         note="equal scores in one image: file order decides which det takes the GT")
    many = [box_dt(1, 1, [float(i % 20) * 9, float(i // 20) * 7, 8.0, 6.0], 1.0 - i / 300.0) for i in range(130)]
    gts = [box_gt(i + 1, 1, 1, [float(i % 20) * 9, float(i // 20) * 7, 8.0, 6.0]) for i in range(0, 130, 3)]
    case("bbox_maxdets_cut", "bbox", dataset(IMAGES[:1], gts), many, note="more than 100 dets in one image")
    case("bbox_maxdets_without_100", "bbox", dataset(IMAGES[:1], gts), many, params={"maxDets": [1, 5, 10]},
         note="stats[0] hard-codes maxDets=100 -> -1")
    case("bbox_maxdets_large", "bbox", dataset(IMAGES[:1], gts), many, params={"maxDets": [10, 100, 300]},
         note="maxDets above 100")
    case("bbox_maxdets_four", "bbox", dataset(IMAGES[:1], gts), many, params={"maxDets": [300, 1, 10, 100]},
         note="four maxDets, unsorted: the summary reads the first three of the sorted list")
    case("bbox_category_without_gt", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, g)]), [box_dt(1, 1, g, 0.9), box_dt(1, 2, g, 0.95)],
         note="dets of a GT-less category: -1 and their FPs never counted")
    case("bbox_category_without_dets", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, g), box_gt(2, 1, 2, [100.0, 10.0, 40.0, 40.0])]),
         [box_dt(1, 1, g, 0.9)], note="a category with GT and no dets scores 0")
    case("bbox_result_unknown_category", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, g)]), [box_dt(1, 1, g, 0.9), box_dt(1, 42, g, 0.99)],
         note="results of a category not in the GT are dropped")
    case("bbox_no_cats", "bbox",
         dataset(IMAGES[:2], [box_gt(1, 1, 2, g), box_gt(2, 1, 1, shifted(g, 5)), box_gt(3, 2, 1, g)]),
         [box_dt(1, 1, g, 0.9), box_dt(1, 2, shifted(g, 5), 0.8), box_dt(2, 2, g, 0.8), box_dt(1, 1, g, 0.8)],
         params={"useCats": 0}, note="useCats=0: categories concatenated in catIds order")
    case("bbox_img_ids_subset", "bbox",
         dataset(IMAGES, [box_gt(1, 1, 1, g), box_gt(2, 2, 1, g), box_gt(3, 3, 1, g)]),
         [box_dt(1, 1, g, 0.9), box_dt(2, 1, shifted(g, 30), 0.8), box_dt(3, 1, g, 0.7)],
         params={"imgIds": [3, 1, 3]}, note="imgIds subset, unsorted with a duplicate")
    case("bbox_custom_area_ranges", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, [0.0, 0.0, 10.0, 10.0]), box_gt(2, 1, 1, [50.0, 0.0, 30.0, 30.0])]),
         [box_dt(1, 1, [0.0, 0.0, 10.0, 10.0], 0.9), box_dt(1, 1, [50.0, 0.0, 30.0, 30.0], 0.8)],
         params={"areaRng": [[0, 1e10], [0, 400], [400, 1e10]], "areaRngLbl": ["all", "small", "medium"]},
         note="custom area ranges; a missing label gives -1")
    case("bbox_zero_size_boxes", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, g), box_gt(2, 1, 1, [100.0, 100.0, 0.0, 10.0])]),
         [box_dt(1, 1, [10.0, 10.0, 0.0, 40.0], 0.9), box_dt(1, 1, [100.0, 100.0, 0.0, 10.0], 0.8),
          box_dt(1, 1, g, 0.7)], note="zero-width boxes have IoU 0")
    case("bbox_precision_envelope", "bbox",
         dataset(IMAGES[:1], [box_gt(i + 1, 1, 1, [20.0 * i, 0.0, 15.0, 15.0]) for i in range(6)]),
         [box_dt(1, 1, [20.0 * i, 0.0 if i % 2 == 0 else 50.0, 15.0, 15.0], 0.9 - 0.1 * i) for i in range(6)]
         + [box_dt(1, 1, [20.0 * i, 0.0, 15.0, 15.0], 0.3 - 0.01 * i) for i in range(1, 6, 2)],
         note="interleaved TP/FP: precision envelope and unreached recall thresholds")
    case("bbox_empty_images", "bbox",
         dataset(IMAGES, [box_gt(1, 2, 1, g)]), [box_dt(2, 1, g, 0.9), box_dt(3, 1, g, 0.4)],
         note="images without GT or dets; an image with dets only")
    case("bbox_integer_coordinates", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, [10, 10, 40, 40]), box_gt(2, 1, 2, [60, 20, 30, 50])]),
         [box_dt(1, 1, [12, 9, 40, 41], 1), box_dt(1, 2, [60, 20, 30, 50], 0)],
         note="integers in JSON; scores 1 and 0")
    case("bbox_crowd_only", "bbox",
         dataset(IMAGES[:1], [box_gt(1, 1, 1, crowd, crowd=1)]), [box_dt(1, 1, g, 0.9)],
         note="only crowd GT: no positives, -1")
    # Crash cases: pycocotools evaluates the equivalent input we promise.
    gts_plain = [box_gt(1, 1, 1, g), box_gt(2, 1, 2, [100.0, 10.0, 40.0, 40.0])]
    none_res = [box_dt(1, 99999, g, 0.5)]   # dropped by the category filter: same as no results
    case("bbox_empty_results", "bbox", dataset(IMAGES[:1], gts_plain), [],
         note="pycocotools crashes (IndexError); we score AP 0",
         reference=(dataset(IMAGES[:1], gts_plain), none_res))
    no_crowd = [{k: v for k, v in a.items() if k != "iscrowd"} for a in gts_plain] + [
        box_gt(3, 1, 1, crowd, crowd=1)]
    case("bbox_gt_without_iscrowd", "bbox", dataset(IMAGES[:1], no_crowd),
         [box_dt(1, 1, g, 0.9), box_dt(1, 2, shifted(g, 90), 0.8)],
         note="missing iscrowd means 0",
         reference=(dataset(IMAGES[:1], [dict(a, iscrowd=a.get("iscrowd", 0)) for a in no_crowd]),
                    [box_dt(1, 1, g, 0.9), box_dt(1, 2, shifted(g, 90), 0.8)]))
    no_area = [{k: v for k, v in a.items() if k != "area"} for a in
               [box_gt(1, 1, 1, [0.0, 0.0, 30.0, 20.0]), box_gt(2, 1, 1, [100.0, 10.0, 40.0, 40.0])]]
    res = [box_dt(1, 1, [0.0, 0.0, 30.0, 20.0], 0.9), box_dt(1, 1, [100.0, 10.0, 40.0, 40.0], 0.8)]
    case("bbox_gt_without_area", "bbox", dataset(IMAGES[:1], no_area), res,
         note="missing area means w*h of the GT box",
         reference=(dataset(IMAGES[:1], [dict(a, area=a["bbox"][2] * a["bbox"][3]) for a in no_area]), res))


def poly(box):
    x, y, w, h = box
    return [[x, y, x + w, y, x + w, y + h, x, y + h]]


def rle_of(polys, h, w):
    r = mask_utils.merge(mask_utils.frPyObjects(polys, h, w))
    return {"size": r["size"], "counts": r["counts"].decode("ascii")}


def seg_gt(id, img, cat, polys, h=150, w=200, crowd=0, **extra):
    r = mask_utils.merge(mask_utils.frPyObjects(polys, h, w))
    a = {"id": id, "image_id": img, "category_id": cat, "segmentation": polys,
         "area": float(mask_utils.area(r)), "bbox": [float(v) for v in mask_utils.toBbox(r)], "iscrowd": crowd}
    a.update(extra)
    return a


def segm_cases():
    tri = [[10.0, 10.0, 60.0, 12.0, 30.0, 70.0]]
    sq = poly([100.0, 20.0, 40.0, 40.0])
    case("segm_polygon_perfect", "segm", dataset(IMAGES[:1], [seg_gt(1, 1, 1, tri), seg_gt(2, 1, 1, sq)]),
         [{"image_id": 1, "category_id": 1, "segmentation": rle_of(tri, 150, 200), "score": 0.9},
          {"image_id": 1, "category_id": 1, "segmentation": rle_of(poly([105.0, 25.0, 40.0, 40.0]), 150, 200),
           "score": 0.8}], note="polygon GT, compressed RLE dets")
    two = [[10.0, 10.0, 40.0, 10.0, 40.0, 40.0, 10.0, 40.0], [60.0, 60.0, 90.0, 60.0, 75.0, 90.0]]
    case("segm_multipart_polygon", "segm", dataset(IMAGES[:1], [seg_gt(1, 1, 1, two)]),
         [{"image_id": 1, "category_id": 1, "segmentation": rle_of(two[:1], 150, 200), "score": 0.9},
          {"image_id": 1, "category_id": 1, "segmentation": rle_of(two, 150, 200), "score": 0.7}],
         note="multi-part polygons are merged (union)")
    crowd_rle = mask_utils.frPyObjects(poly([0.0, 0.0, 120.0, 100.0]), 150, 200)[0]
    crowd_mask = mask_utils.decode(crowd_rle)
    counts, prev, run = [], 0, 0
    for v in crowd_mask.ravel(order="F").tolist():
        if v != prev:
            counts.append(run)
            run, prev = 0, v
        run += 1
    counts.append(run)
    crowd_gt = {"id": 2, "image_id": 1, "category_id": 1, "iscrowd": 1,
                "segmentation": {"size": [150, 200], "counts": counts},
                "area": float(mask_utils.area(crowd_rle)), "bbox": [0.0, 0.0, 120.0, 100.0]}
    case("segm_crowd_uncompressed_rle", "segm",
         dataset(IMAGES[:1], [seg_gt(1, 1, 1, poly([150.0, 10.0, 30.0, 30.0])), crowd_gt]),
         [{"image_id": 1, "category_id": 1, "segmentation": rle_of(poly([10.0, 10.0, 30.0, 30.0]), 150, 200),
           "score": 0.9},
          {"image_id": 1, "category_id": 1, "segmentation": rle_of(poly([150.0, 10.0, 30.0, 30.0]), 150, 200),
           "score": 0.8},
          {"image_id": 1, "category_id": 1, "segmentation": rle_of(poly([50.0, 50.0, 10.0, 10.0]), 150, 200),
           "score": 0.85}], note="crowd GT as uncompressed RLE; crowd union = det area")
    small_mask = [[10.0, 10.0, 40.0, 10.0, 25.0, 40.0]]   # triangle, area ~450 but box 900 x 30
    res = [{"image_id": 1, "category_id": 1, "segmentation": rle_of(small_mask, 150, 200),
            "bbox": [0.0, 0.0, 40.0, 40.0], "score": 0.9}]
    case("segm_results_with_bbox", "segm", dataset(IMAGES[:1], [seg_gt(1, 1, 1, small_mask)]), res,
         note="segm results carrying a bbox take the bbox branch: area = box area")
    case("segm_box_results", "segm", dataset(IMAGES[:1], [seg_gt(1, 1, 1, sq), seg_gt(2, 1, 1, tri)]),
         [box_dt(1, 1, [100.0, 20.0, 40.0, 40.0], 0.9), box_dt(1, 1, [10.0, 10.0, 50.0, 60.0], 0.8)],
         note="box-only results evaluated as segm: box polygons")
    case("segm_gt_area_field", "segm",
         dataset(IMAGES[:1], [seg_gt(1, 1, 1, sq, area=900.0), seg_gt(2, 1, 1, tri, area=10000.0)]),
         [{"image_id": 1, "category_id": 1, "segmentation": rle_of(sq, 150, 200), "score": 0.9},
          {"image_id": 1, "category_id": 1, "segmentation": rle_of(tri, 150, 200), "score": 0.8}],
         note="GT area is the JSON field, not the mask area")
    no_area = [{k: v for k, v in seg_gt(1, 1, 1, tri).items() if k != "area"},
               {k: v for k, v in seg_gt(2, 1, 1, sq).items() if k != "area"}]
    res = [{"image_id": 1, "category_id": 1, "segmentation": rle_of(tri, 150, 200), "score": 0.9}]
    with_area = [dict(a, area=float(mask_utils.area(mask_utils.merge(
        mask_utils.frPyObjects(a["segmentation"], 150, 200))))) for a in no_area]
    case("segm_gt_without_area", "segm", dataset(IMAGES[:1], no_area), res,
         note="missing area means the mask area", reference=(dataset(IMAGES[:1], with_area), res))
    case("segm_bbox_eval_of_mask_results", "bbox", dataset(IMAGES[:1], [seg_gt(1, 1, 1, tri)]),
         [{"image_id": 1, "category_id": 1, "segmentation": rle_of(tri, 150, 200), "score": 0.9}],
         note="bbox eval of mask-only results: box from toBbox, area from the mask")


KP_SIGMAS_N = 17


def kp_gt(id, img, box, kps, crowd=0, **extra):
    nk = sum(1 for i in range(2, len(kps), 3) if kps[i] > 0)
    a = {"id": id, "image_id": img, "category_id": 1, "bbox": box, "area": box[2] * box[3] * 0.6,
         "iscrowd": crowd, "keypoints": kps, "num_keypoints": nk}
    a.update(extra)
    return a


def kp_points(rng, box, visible=2, nvis=None):
    out = []
    for i in range(KP_SIGMAS_N):
        x = box[0] + rng.random() * box[2]
        y = box[1] + rng.random() * box[3]
        v = visible if (nvis is None or i < nvis) else 0
        out += [round(x, 2), round(y, 2), v] if v else [0, 0, 0]
    return out


def jitter(rng, kps, s):
    out = list(kps)
    for i in range(0, len(out), 3):
        out[i] = round(out[i] + rng.normal() * s, 3)
        out[i + 1] = round(out[i + 1] + rng.normal() * s, 3)
        out[i + 2] = 1
    return out


def kp_dt(img, kps, score, **extra):
    d = {"image_id": img, "category_id": 1, "keypoints": kps, "score": score}
    d.update(extra)
    return d


def keypoint_cases():
    rng = np.random.default_rng(7)
    b1, b2 = [10.0, 10.0, 60.0, 120.0], [100.0, 20.0, 50.0, 100.0]
    k1, k2 = kp_points(rng, b1), kp_points(rng, b2, nvis=9)
    gts = [kp_gt(1, 1, b1, k1), kp_gt(2, 1, b2, k2)]
    case("kp_basic", "keypoints", dataset(IMAGES[:1], gts, keypoints=True),
         [kp_dt(1, jitter(rng, k1, 1.0), 0.9), kp_dt(1, jitter(rng, k2, 4.0), 0.8),
          kp_dt(1, jitter(rng, k1, 8.0), 0.7)], note="OKS with visible subsets")
    k3 = kp_points(rng, b1, visible=1)
    case("kp_visibility_one_counts", "keypoints", dataset(IMAGES[:1], [kp_gt(1, 1, b1, k3)], keypoints=True),
         [kp_dt(1, jitter(rng, k3, 2.0), 0.9)], note="v=1 counts as labelled")
    zero = [0] * 51
    case("kp_num_keypoints_zero_ignored", "keypoints",
         dataset(IMAGES[:1], [kp_gt(1, 1, b1, k1), kp_gt(2, 1, b2, zero)], keypoints=True),
         [kp_dt(1, jitter(rng, k1, 2.0), 0.9), kp_dt(1, jitter(rng, kp_points(rng, b2), 1.0), 0.95)],
         note="num_keypoints=0 -> ignored GT; OKS to the box distance")
    case("kp_invisible_but_counted", "keypoints",
         dataset(IMAGES[:1], [kp_gt(1, 1, b2, zero, num_keypoints=4)], keypoints=True),
         [kp_dt(1, jitter(rng, kp_points(rng, b2), 1.0), 0.9),
          kp_dt(1, jitter(rng, kp_points(rng, [0.0, 0.0, 30.0, 30.0]), 1.0), 0.8)],
         note="num_keypoints>0 but no v>0: not ignored, OKS from the box distance")
    partial = kp_points(rng, b1, nvis=6)
    dt_partial = list(partial)   # unlabelled (0,0,0) keypoints widen the box to the origin
    for i in range(0, 18, 3):
        dt_partial[i + 2] = 1
    case("kp_result_area_from_all_keypoints", "keypoints",
         dataset(IMAGES[:1], [kp_gt(1, 1, b1, partial)], keypoints=True),
         [kp_dt(1, dt_partial, 0.9)], note="result box/area span all keypoints incl. (0,0,0)")
    case("kp_crowd", "keypoints",
         dataset(IMAGES[:1], [kp_gt(1, 1, b1, k1, crowd=1), kp_gt(2, 1, b2, k2)], keypoints=True),
         [kp_dt(1, jitter(rng, k1, 1.0), 0.9), kp_dt(1, jitter(rng, k1, 1.0), 0.85),
          kp_dt(1, jitter(rng, k2, 1.0), 0.8)], note="crowd person GT")
    case("kp_no_cats", "keypoints", dataset(IMAGES[:1], gts, keypoints=True),
         [kp_dt(1, jitter(rng, k1, 1.0), 0.9)], params={"useCats": 0},
         note="computeOks ignores useCats: AP 0")
    many = [kp_dt(1, jitter(rng, k1, 3.0), 0.99 - i / 100.0) for i in range(25)]
    case("kp_maxdets_cut", "keypoints", dataset(IMAGES[:1], gts, keypoints=True), many,
         note="more than 20 dets in one image")
    case("kp_result_with_bbox", "keypoints", dataset(IMAGES[:1], gts, keypoints=True),
         [kp_dt(1, jitter(rng, k1, 1.0), 0.9, bbox=[0.0, 0.0, 5.0, 5.0]),
          kp_dt(1, jitter(rng, k2, 1.0), 0.8, bbox=[0.0, 0.0, 300.0, 300.0])],
         note="keypoint results with a bbox take the bbox branch: area = box area")
    nonk = [{k: v for k, v in a.items() if k != "num_keypoints"} for a in [kp_gt(1, 1, b1, k1), kp_gt(2, 1, b2, zero)]]
    res = [kp_dt(1, jitter(rng, k1, 2.0), 0.9)]
    case("kp_gt_without_num_keypoints", "keypoints", dataset(IMAGES[:1], nonk, keypoints=True), res,
         note="missing num_keypoints means the count of v>0",
         reference=(dataset(IMAGES[:1], [dict(a, num_keypoints=sum(1 for v in a["keypoints"][2::3] if v > 0))
                                          for a in nonk], keypoints=True), res))
    noarea = [{k: v for k, v in a.items() if k != "area"} for a in gts]
    res = [kp_dt(1, jitter(rng, k1, 2.0), 0.9), kp_dt(1, jitter(rng, k2, 2.0), 0.8)]
    case("kp_gt_without_area", "keypoints", dataset(IMAGES[:1], noarea, keypoints=True), res,
         note="missing area means the box area w*h",
         reference=(dataset(IMAGES[:1], [dict(a, area=a["bbox"][2] * a["bbox"][3]) for a in noarea],
                            keypoints=True), res))


# ---------------------------------------------------------------------------------------------
# Seeded random cases

def random_box(rng, w, h):
    bw = float(np.exp(rng.uniform(np.log(4), np.log(w * 0.8))))
    bh = float(np.exp(rng.uniform(np.log(4), np.log(h * 0.8))))
    return [round(float(rng.uniform(0, w - bw)), 2), round(float(rng.uniform(0, h - bh)), 2), round(bw, 2), round(bh, 2)]


def random_detection_case(seed, iou_type, n_images=50, n_cats=5, params=None):
    rng = np.random.default_rng(seed)
    images = [(i + 1, int(rng.integers(120, 320)), int(rng.integers(100, 240))) for i in range(n_images)]
    cats = [{"id": c * 3 + 1, "name": "c%d" % c} for c in range(n_cats)]
    anns, dts, next_id = [], [], 1
    for (img, w, h) in images:
        for _ in range(int(rng.integers(0, 8))):
            cat = cats[int(rng.integers(0, n_cats))]["id"]
            b = random_box(rng, w, h)
            crowd = 1 if rng.random() < 0.05 else 0
            if iou_type == "segm":
                x, y, bw, bh = b
                pts = []
                for k in range(int(rng.integers(3, 8))):
                    ang = 2 * np.pi * k / 7 + rng.uniform(0, 0.5)
                    pts += [round(x + bw / 2 + np.cos(ang) * bw / 2, 2), round(y + bh / 2 + np.sin(ang) * bh / 2, 2)]
                a = seg_gt(next_id, img, cat, [pts], h=h, w=w, crowd=crowd)
                if crowd:
                    a["segmentation"] = rle_of([pts], h, w)
            else:
                a = box_gt(next_id, img, cat, b, crowd=crowd)
            anns.append(a)
            next_id += 1
            for _ in range(int(rng.integers(0, 3))):
                jb = [round(b[0] + rng.normal() * b[2] * 0.1, 2), round(b[1] + rng.normal() * b[3] * 0.1, 2),
                      round(b[2] * float(np.exp(rng.normal() * 0.1)), 2), round(b[3] * float(np.exp(rng.normal() * 0.1)), 2)]
                score = round(float(rng.random()), 3)   # rounded: many ties
                dc = cat if rng.random() < 0.9 else cats[int(rng.integers(0, n_cats))]["id"]
                if iou_type == "segm":
                    dts.append({"image_id": img, "category_id": dc, "score": score,
                                "segmentation": rle_of(poly(jb), h, w)})
                else:
                    dts.append(box_dt(img, dc, jb, score))
        for _ in range(int(rng.integers(0, 6))):
            b = random_box(rng, w, h)
            score = round(float(rng.random()), 3)
            dc = cats[int(rng.integers(0, n_cats))]["id"]
            if iou_type == "segm":
                dts.append({"image_id": img, "category_id": dc, "score": score, "segmentation": rle_of(poly(b), h, w)})
            else:
                dts.append(box_dt(img, dc, b, score))
    order = rng.permutation(len(dts))
    dts = [dts[i] for i in order]
    return {"images": [{"id": i, "width": w, "height": h} for (i, w, h) in images],
            "annotations": anns, "categories": cats}, dts


def random_keypoint_case(seed, n_images=50):
    rng = np.random.default_rng(seed)
    images = [(i + 1, 320, 240) for i in range(n_images)]
    anns, dts, next_id = [], [], 1
    for (img, w, h) in images:
        for _ in range(int(rng.integers(0, 5))):
            b = random_box(rng, w, h)
            nvis = int(rng.integers(0, 18))
            kps = kp_points(rng, b, visible=int(rng.integers(1, 3)), nvis=nvis)
            a = kp_gt(next_id, img, b, kps, crowd=1 if rng.random() < 0.05 else 0)
            a["area"] = round(b[2] * b[3] * float(rng.uniform(0.3, 0.9)), 2)
            anns.append(a)
            next_id += 1
            for _ in range(int(rng.integers(0, 3))):
                dts.append(kp_dt(img, jitter(rng, kp_points(rng, b) if nvis == 0 else kps, float(rng.uniform(0.5, 8))),
                                 round(float(rng.random()), 3)))
        for _ in range(int(rng.integers(0, 3))):
            dts.append(kp_dt(img, jitter(rng, kp_points(rng, random_box(rng, w, h)), 1.0), round(float(rng.random()), 3)))
    return dataset(images, anns, keypoints=True), dts


def random_cases():
    for seed in (1, 2, 3):
        gt, dts = random_detection_case(seed, "bbox")
        case("random_bbox_%d" % seed, "bbox", gt, dts, note="seeded random bbox")
    gt, dts = random_detection_case(4, "bbox")
    case("random_bbox_no_cats", "bbox", gt, dts, params={"useCats": 0}, note="seeded random, useCats=0")
    case("random_bbox_maxdets", "bbox", gt, dts, params={"maxDets": [1, 3, 5]}, note="seeded random, small maxDets")
    for seed in (5, 6):
        gt, dts = random_detection_case(seed, "segm")
        case("random_segm_%d" % seed, "segm", gt, dts, note="seeded random segm: polygon GT, RLE dets")
    for seed in (8, 9):
        gt, dts = random_keypoint_case(seed)
        case("random_keypoints_%d" % seed, "keypoints", gt, dts, note="seeded random keypoints")


def write_numeric_fixtures():
    """numpy's own grids, sigmas and pairwise sums/means, for the Params and PairwiseSum tests."""
    from pycocotools.cocoeval import Params
    det, kp = Params("bbox"), Params("keypoints")
    rng = np.random.default_rng(11)
    sums = []
    for n in list(range(0, 140)) + [200, 255, 256, 257, 300, 1000, 1212, 4097]:
        values = (rng.random(n) * 10 ** rng.uniform(-3, 3)).tolist()
        sums.append({"values": values, "sumBits": bits(np.sum(np.array(values))),
                     "meanBits": bits(np.mean(np.array(values))) if n else None})
    with open(os.path.join(ROOT, "numeric.json"), "w") as f:
        json.dump({"iouThrsBits": [bits(x) for x in det.iouThrs], "recThrsBits": [bits(x) for x in det.recThrs],
                   "sigmasBits": [bits(x) for x in kp.kpt_oks_sigmas], "sums": sums}, f, separators=(",", ":"))


def main():
    write_numeric_fixtures()
    bbox_cases()
    segm_cases()
    keypoint_cases()
    random_cases()
    cases_dir = os.path.join(ROOT, "cases")
    os.makedirs(cases_dir, exist_ok=True)
    manifest = []
    for name, iou_type, gt, results, params, note, reference in CASES:
        ref_gt, ref_results = reference if reference else (gt, results)
        expected = run_pycocotools(ref_gt, ref_results, iou_type, params)
        expected.update({"iouType": iou_type, "params": params, "note": note})
        folder = os.path.join(cases_dir, name)
        os.makedirs(folder, exist_ok=True)
        for file, obj in (("gt.json", gt), ("results.json", results), ("expected.json", expected)):
            with open(os.path.join(folder, file), "w") as f:
                json.dump(obj, f, separators=(",", ":"))
        manifest.append(name)
        print("%-40s %s" % (name, " ".join("%.3f" % s for s in expected["stats"])), file=sys.stderr)
    with open(os.path.join(ROOT, "cases.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
