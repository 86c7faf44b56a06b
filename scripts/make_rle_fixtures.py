#!/usr/bin/env python3
"""Writes pycocotools' mask-API outputs for seeded random cases to Tests/Fixtures/coco/rle.json.

Every expected value in the file is computed by pycocotools (the peer), never by MaskBench:
encode/decode, compressed counts strings, area, toBbox, merge, iou, frBbox, frPoly and
COCO.annToRLE (the frPyObjects quirks). Masks are stored as '0'/'1' strings to keep the file small.

Run with a Python that has pycocotools 2.0.11 and numpy, e.g.
    python3 -m venv scripts/.venv && scripts/.venv/bin/pip install -r scripts/requirements-eval.txt
    scripts/.venv/bin/python scripts/make_rle_fixtures.py
"""
import json
import os
import random

import numpy as np
from pycocotools import mask as mask_utils
from pycocotools.coco import COCO

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "coco", "rle.json")
rng = random.Random(20261127)


def bits(array):
    return "".join("1" if v else "0" for v in array)


def from_counts(counts, h, w):
    """A compressed RLE built by pycocotools from raw runs (frUncompressedRLE)."""
    return mask_utils.frPyObjects({"size": [h, w], "counts": list(counts)}, h, w)


def text(rle):
    return rle["counts"].decode("ascii")


def random_counts(h, w, zero_runs):
    """Runs summing to h*w, optionally with zero-length runs sprinkled in."""
    total = h * w
    if zero_runs:
        cuts = sorted(rng.randint(0, total) for _ in range(rng.randint(0, 8)))
    else:  # distinct interior cuts: only the leading background run may be empty
        cuts = sorted(set(rng.randint(1, total - 1) for _ in range(rng.randint(0, 8)))) if total > 1 else []
        if total > 0 and rng.random() < 0.2:
            cuts = [0] + cuts
    runs = [b - a for a, b in zip([0] + cuts, cuts + [total])]
    if zero_runs:
        out = []
        for r in runs:
            out.append(r)
            # pycocotools' merge copies runs into an h*w+1 buffer: keep within it.
            if rng.random() < 0.3 and len(out) + len(runs) + 2 <= total + 1:
                out.extend([0, 0])
        runs = out
    return runs


def random_blob(h, w):
    mask = np.zeros((h, w), dtype=np.uint8)
    for _ in range(rng.randint(0, 3)):
        y0, x0 = rng.randint(0, h - 1), rng.randint(0, w - 1)
        y1, x1 = rng.randint(y0, h - 1), rng.randint(x0, w - 1)
        mask[y0:y1 + 1, x0:x1 + 1] = 1
    noise = np.array([[rng.random() < 0.05 for _ in range(w)] for _ in range(h)], dtype=np.uint8)
    return mask ^ noise


def random_polygon(h, w):
    kind = rng.choice(["plain", "plain", "integer", "half", "negative", "outside", "duplicate",
                       "tiny", "collinear"])
    n = rng.randint(3, 12)
    pts = []
    for _ in range(n):
        if kind == "integer":
            pts.append((float(rng.randint(-2, w + 2)), float(rng.randint(-2, h + 2))))
        elif kind == "half":
            pts.append((rng.randint(-4, 2 * w + 4) / 2, rng.randint(-4, 2 * h + 4) / 2))
        elif kind == "negative":
            pts.append((rng.uniform(-w, w / 2), rng.uniform(-h, h / 2)))
        elif kind == "outside":
            pts.append((rng.uniform(-2 * w, 3 * w), rng.uniform(-2 * h, 3 * h)))
        elif kind == "tiny":
            cx, cy = rng.uniform(0, w), rng.uniform(0, h)
            pts.append((cx + rng.uniform(-0.3, 0.3), cy + rng.uniform(-0.3, 0.3)))
        elif kind == "collinear":
            t = rng.uniform(0, 1)
            pts.append((t * w, t * h * 0.7 + 1))
        else:
            pts.append((rng.uniform(0, w), rng.uniform(0, h)))
    if kind == "duplicate":
        i = rng.randrange(len(pts))
        pts.insert(i, pts[i])
        pts.append(pts[0])
    return [c for p in pts for c in p]


def encode_cases():
    cases = []
    for _ in range(80):
        h, w = rng.randint(1, 16), rng.randint(1, 16)
        mask = random_blob(h, w)
        if rng.random() < 0.1:
            mask[:] = rng.randint(0, 1)
        rle = mask_utils.encode(np.asfortranarray(mask))
        decoded = mask_utils.decode(rle)
        assert (decoded == mask).all()
        cases.append({
            "height": h, "width": w,
            "rowMajor": bits(mask.flatten(order="C")),
            "columnMajor": bits(mask.flatten(order="F")),
            "string": text(rle),
            "area": int(mask_utils.area(rle)),
            "bbox": [float(v) for v in mask_utils.toBbox(rle)],
        })
    return cases


def runs_cases():
    """Raw runs (incl. zero-length runs, runs crossing columns) -> string, area, toBbox, decode."""
    cases = []
    special = [(3, 3, [0, 0, 9]), (3, 3, [9, 0]), (3, 3, [2, 3, 4]), (4, 2, [1, 6, 1]),
               (3, 3, [0, 9]), (2, 2, [0, 0, 0, 4]), (3, 4, [4, 0, 2, 0, 6]), (5, 1, [2, 3]),
               (1, 5, [1, 1, 1, 1, 1]), (0, 0, []), (0, 4, [0]), (3, 3, [9])]
    for h, w, c in special:
        cases.append((h, w, c))
    for _ in range(120):
        h, w = rng.randint(1, 12), rng.randint(1, 12)
        cases.append((h, w, random_counts(h, w, zero_runs=rng.random() < 0.5)))
    big = [(1000, 1000, [123456, 500000, 376544]), (2000, 3000, [5999999, 1]),
           (4000, 4000, [0, 16000000]), (300, 7, [1, 2, 3, 1000, 1094])]
    cases.extend(big)
    out = []
    for h, w, counts in cases:
        rle = from_counts(counts, h, w)
        case = {"height": h, "width": w, "counts": counts, "string": text(rle),
                "area": int(mask_utils.area(rle)),
                "bbox": [float(v) for v in mask_utils.toBbox(rle)]}
        if h * w <= 400:
            case["columnMajor"] = bits(mask_utils.decode(rle).flatten(order="F"))
        out.append(case)
    return out


def merge_cases():
    out = []
    for i in range(60):
        h, w = rng.randint(1, 12), rng.randint(1, 12)
        n = rng.randint(1, 4)
        # Zero-length runs only in pairs: pycocotools' merge can stop early when both lists hit a
        # zero-length run at once, and a third mask then loops forever on the short result.
        zero_runs = n <= 2 and rng.random() < 0.5
        runs = [random_counts(h, w, zero_runs=zero_runs) for _ in range(n)]
        if sum(len(r) for r in runs) > h * w + 1:
            # pycocotools' merge writes up to that many runs into an h*w+1 buffer (overflows).
            runs = [random_counts(h, w, zero_runs=False) for _ in range(n)]
        rles = [from_counts(r, h, w) for r in runs]
        if i % 10 == 9:
            rles.append(from_counts([6], 2, 3))  # size mismatch -> 0x0
        elif not merge_is_sound(rles):
            skipped["merge"] += 1
            continue
        out.append({
            "masks": [{"size": r["size"], "counts": text(r)} for r in rles],
            "union": rle_json(mask_utils.merge(rles, intersect=0)),
            "intersection": rle_json(mask_utils.merge(rles, intersect=1)),
        })
    return out


skipped = {"merge": 0, "iou": 0}


def merge_is_sound(rles):
    """False where pycocotools' early stop makes merge disagree with the pixelwise OR/AND."""
    masks = [mask_utils.decode(r).astype(bool) for r in rles]
    union, inter = masks[0].copy(), masks[0].copy()
    for m in masks[1:]:
        union |= m
        inter &= m
    return ((mask_utils.decode(mask_utils.merge(rles, intersect=0)) == union).all()
            and (mask_utils.decode(mask_utils.merge(rles, intersect=1)) == inter).all())


def iou_is_sound(dts, gts, crowd, iou):
    for d, dt in enumerate(dts):
        for g, gt in enumerate(gts):
            if dt["size"] != gt["size"] or iou[d][g] <= 0:
                continue
            a, b = mask_utils.decode(dt).astype(bool), mask_utils.decode(gt).astype(bool)
            u = a.sum() if crowd[g] else (a | b).sum()
            if float(np.float64((a & b).sum()) / np.float64(u)) != iou[d][g]:
                return False
    return True


def rle_json(rle):
    return {"size": [int(v) for v in rle["size"]], "counts": text(rle)}


def iou_cases():
    out = []
    for i in range(50):
        h, w = rng.randint(4, 30), rng.randint(4, 30)
        nd, ng = rng.randint(1, 5), rng.randint(1, 5)
        def mask():
            if rng.random() < 0.15:
                return from_counts(random_counts(h, w, zero_runs=True), h, w)
            return mask_utils.merge(mask_utils.frPyObjects([random_polygon(h, w)], h, w))
        dts = [mask() for _ in range(nd)]
        gts = [mask() for _ in range(ng)]
        if i % 7 == 6:
            # a detection of another size overlapping by box -> -1
            dts.append(mask_utils.merge(mask_utils.frPyObjects([[0, 0, w, 0, w, h + 1, 0, h + 1]], h + 1, w)))
        crowd = [rng.random() < 0.3 for _ in gts]
        iou = mask_utils.iou(dts, gts, [int(c) for c in crowd])
        if not iou_is_sound(dts, gts, crowd, iou):
            skipped["iou"] += 1
            continue
        out.append({
            "detections": [rle_json(r) for r in dts],
            "groundTruths": [rle_json(r) for r in gts],
            "isCrowd": crowd,
            "iou": [float(v) for v in np.asarray(iou).flatten(order="C")],
        })
    return out


def box_iou_cases():
    out = []
    for _ in range(40):
        nd, ng = rng.randint(1, 6), rng.randint(1, 6)
        def box():
            if rng.random() < 0.2:
                return [float(rng.randint(0, 20)), float(rng.randint(0, 20)),
                        float(rng.randint(0, 10)), float(rng.randint(0, 10))]
            return [rng.uniform(-5, 40), rng.uniform(-5, 40), rng.uniform(0, 30), rng.uniform(0, 30)]
        dts = [box() for _ in range(nd)]
        gts = [box() for _ in range(ng)]
        crowd = [rng.random() < 0.3 for _ in gts]
        iou = mask_utils.iou(dts, gts, [int(c) for c in crowd])
        out.append({"detections": dts, "groundTruths": gts, "isCrowd": crowd,
                    "iou": [float(v) for v in np.asarray(iou).flatten(order="C")]})
    return out


def box_cases():
    out = []
    for _ in range(80):
        h, w = rng.randint(1, 40), rng.randint(1, 40)
        if rng.random() < 0.3:
            box = [float(rng.randint(-3, w)), float(rng.randint(-3, h)),
                   float(rng.randint(0, w)), float(rng.randint(0, h))]
        else:
            box = [rng.uniform(-5, w), rng.uniform(-5, h), rng.uniform(0, w + 5), rng.uniform(0, h + 5)]
        rle = mask_utils.frPyObjects(np.array([box], dtype=np.double), h, w)[0]
        out.append({"height": h, "width": w, "box": box, "string": text(rle)})
    return out


def polygon_cases():
    out = []
    for _ in range(400):
        h, w = rng.randint(1, 50), rng.randint(1, 50)
        poly = random_polygon(h, w)
        rle = mask_utils.frPyObjects([poly], h, w)[0]
        case = {"height": h, "width": w, "polygon": poly, "string": text(rle)}
        if h * w <= 300:
            case["columnMajor"] = bits(mask_utils.decode(rle).flatten(order="F"))
        out.append(case)
    # Duplicated vertices give the same mask as the polygon without them.
    for _ in range(20):
        h, w = rng.randint(5, 40), rng.randint(5, 40)
        poly = random_polygon(h, w)[:8]
        dup = poly[:2] + poly[:2] + poly[2:] + poly[-2:]
        for p in (poly, dup):
            out.append({"height": h, "width": w, "polygon": p,
                        "string": text(mask_utils.frPyObjects([p], h, w)[0])})
    return out


def annotation_cases():
    """COCO.annToRLE: polygons merged, the 4-number box quirk, odd counts, foreign RLE sizes."""
    segs = []
    for _ in range(30):
        h, w = rng.randint(5, 40), rng.randint(5, 40)
        polys = [random_polygon(h, w) for _ in range(rng.randint(1, 3))]
        segs.append((h, w, polys))
    for _ in range(10):
        h, w = rng.randint(5, 40), rng.randint(5, 40)
        polys = [random_polygon(h, w) for _ in range(rng.randint(1, 3))]
        polys[0] = polys[0] + [rng.uniform(0, w)]  # odd count: last number dropped
        if len(polys) > 1:
            polys[-1] = polys[-1][:rng.choice([2, 4])]  # later short polygons are accepted
        segs.append((h, w, polys))
    for _ in range(10):
        h, w = rng.randint(5, 40), rng.randint(5, 40)
        boxes = [[rng.uniform(-3, w), rng.uniform(-3, h), rng.uniform(0, w), rng.uniform(0, h)]
                 for _ in range(rng.randint(1, 3))]
        segs.append((h, w, boxes))  # first polygon of 4 numbers: every polygon is a box
    for _ in range(8):
        h, w = rng.randint(5, 20), rng.randint(5, 20)
        oh, ow = rng.randint(1, 20), rng.randint(1, 20)
        segs.append((h, w, {"size": [oh, ow], "counts": random_counts(oh, ow, zero_runs=True)}))
    for _ in range(5):
        h, w = rng.randint(5, 20), rng.randint(5, 20)
        segs.append((h, w, rle_json(from_counts(random_counts(h, w, zero_runs=False), h, w))))
    images = [{"id": i + 1, "height": h, "width": w} for i, (h, w, _) in enumerate(segs)]
    anns = [{"id": i + 1, "image_id": i + 1, "category_id": 1, "segmentation": s, "area": 1.0,
             "bbox": [0, 0, 1, 1], "iscrowd": 0} for i, (_, _, s) in enumerate(segs)]
    coco = COCO()
    coco.dataset = {"images": images, "annotations": anns, "categories": [{"id": 1, "name": "x"}]}
    coco.createIndex()
    out = []
    for (h, w, seg), ann in zip(segs, anns):
        note = None
        try:
            rle = coco.annToRLE(ann)
        except TypeError:
            # pycocotools 2.0.11's frPyObjects routes a list whose first polygon has 4 numbers
            # to frBbox, which then rejects the list (cocoapi#369). Expected: the boxes through
            # the same frBbox, merged, which is what the routing means.
            rle = mask_utils.merge(mask_utils.frPyObjects(np.array(seg, dtype=np.double), h, w))
            note = "boxes: pycocotools raises TypeError; frBbox(np.array) + merge"
        out.append({"height": h, "width": w, "segmentation": seg, "note": note, "expected": {
            "size": [int(v) for v in rle["size"]],
            "counts": rle["counts"].decode("ascii") if isinstance(rle["counts"], bytes) else rle["counts"]}})
    return out


def main():
    fixtures = {
        "encode": encode_cases(),
        "runs": runs_cases(),
        "merge": merge_cases(),
        "iou": iou_cases(),
        "boxIoU": box_iou_cases(),
        "boxes": box_cases(),
        "polygons": polygon_cases(),
        "annotations": annotation_cases(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    tmp = OUT + ".tmp"
    with open(tmp, "w") as f:
        json.dump(fixtures, f, separators=(",", ":"))
    os.replace(tmp, OUT)
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes); skipped where pycocotools stops early: {skipped}")


if __name__ == "__main__":
    main()
