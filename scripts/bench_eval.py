#!/usr/bin/env python3
"""Side-by-side benchmark of `cocoeval` against the Python COCO evaluators (make bench-eval).

Generates a COCO-val2017-sized workload once (cached under bench-data/): 5000 images, 80
categories, ~36k GT with COCO's size mix and 1% crowd, 100 results per image; polygon GT and
compressed-RLE results for segm; a 17-keypoint person set. Then times, interleaved, each tool
end to end on each iou type and prints medians, peak RSS and the ratio to the fastest peer.

Timing: `cocoeval` is timed as a whole process (start-up and JSON parsing included). The Python
peers are timed inside their process from before loading the GT file to after summarize():
interpreter start-up and `import` are excluded, which favours them.

Every tool's 12 (10) stats are compared with pycocotools'; a mismatch is flagged in the table.
The last line is `worst-ratio: R`, the largest MaskBench / fastest-peer time ratio.
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

PEERS = ["pycocotools", "faster-coco-eval", "hotcoco", "ultrafast-pycocotools"]
IOU_TYPES = ["bbox", "segm", "keypoints"]

# COCO's 80 category ids (with its gaps), so ids are not simply 1..80.
COCO_CATEGORY_IDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
                     24, 25, 27, 28, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 46, 47,
                     48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 67, 70,
                     72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 84, 85, 86, 87, 88, 89, 90]
IMAGE_SIZES = [(640, 480), (480, 640), (640, 427), (427, 640), (640, 640), (500, 375), (640, 512)]
KEYPOINT_NAMES = ["nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder",
                  "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist",
                  "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle"]
SKELETON = [[16, 14], [14, 12], [17, 15], [15, 13], [12, 13], [6, 12], [7, 13], [6, 7], [6, 8],
            [7, 9], [8, 10], [9, 11], [2, 3], [1, 2], [1, 3], [2, 4], [3, 5], [4, 6], [5, 7]]


# --------------------------------------------------------------------------- workload

def _polygon(rng, x, y, w, h):
    """A star-shaped outline with 10-24 vertices inscribed in the box (x, y, w, h)."""
    import numpy as np
    n = int(rng.integers(10, 25))
    angles = np.sort(rng.uniform(0, 2 * np.pi, n))
    radius = rng.uniform(0.7, 1.0, n)
    px = x + w / 2 + np.cos(angles) * radius * w / 2
    py = y + h / 2 + np.sin(angles) * radius * h / 2
    return [round(float(v), 2) for pair in zip(px, py) for v in pair]


def _shoelace(poly):
    xs, ys = poly[0::2], poly[1::2]
    n = len(xs)
    return abs(sum(xs[i] * ys[(i + 1) % n] - xs[(i + 1) % n] * ys[i] for i in range(n))) / 2


def _random_box(rng, width, height, size_class=None):
    """A box with COCO's size mix: 41% small, 34% medium, 25% large (by area)."""
    import numpy as np
    if size_class is None:
        size_class = rng.choice(3, p=[0.41, 0.34, 0.25])
    low, high = [(4, 32), (32, 96), (96, min(width, height) * 0.95)][size_class]
    side = float(np.exp(rng.uniform(np.log(low), np.log(max(high, low + 1)))))
    aspect = float(np.exp(rng.uniform(np.log(0.4), np.log(2.5))))
    w = min(side * np.sqrt(aspect), width - 1)
    h = min(side / np.sqrt(aspect), height - 1)
    x = float(rng.uniform(0, width - w))
    y = float(rng.uniform(0, height - h))
    return x, y, w, h


def _uncompressed_rle(mask):
    """Column-major run lengths of a (h, w) 0/1 array, starting with a background run."""
    import numpy as np
    flat = mask.T.reshape(-1).astype(np.int8)
    changes = np.flatnonzero(np.diff(np.concatenate([[0], flat, [1 - flat[-1]]])))
    runs = np.diff(np.concatenate([[0], changes]))
    return [int(r) for r in runs]


def generate(out_dir, seed=0, images=5000):
    import numpy as np
    from pycocotools import mask as mask_utils
    rng = np.random.default_rng(seed)
    os.makedirs(out_dir, exist_ok=True)
    category_weights = np.ones(len(COCO_CATEGORY_IDS))
    category_weights[0] = 25.0  # persons dominate COCO
    category_weights /= category_weights.sum()

    image_records, annotations, boxes_results, segm_results = [], [], [], []
    kp_annotations, kp_results = [], []
    ann_id = 1
    for index in range(images):
        image_id = int(rng.integers(1, 600000)) * 10 + index % 10  # unique, unordered ids
        width, height = IMAGE_SIZES[int(rng.integers(len(IMAGE_SIZES)))]
        image_records.append({"id": image_id, "width": width, "height": height,
                              "file_name": f"{image_id:012d}.jpg"})
        count = int(rng.poisson(7.3))
        gts = []
        for _ in range(count):
            category = int(rng.choice(COCO_CATEGORY_IDS, p=category_weights))
            x, y, w, h = _random_box(rng, width, height)
            poly = _polygon(rng, x, y, w, h)
            crowd = rng.uniform() < 0.01
            xs, ys = poly[0::2], poly[1::2]
            bbox = [round(min(xs), 2), round(min(ys), 2),
                    round(max(xs) - min(xs), 2), round(max(ys) - min(ys), 2)]
            record = {"id": ann_id, "image_id": image_id, "category_id": category,
                      "bbox": bbox, "area": round(_shoelace(poly), 3), "iscrowd": int(crowd)}
            if crowd:
                rle = mask_utils.merge(mask_utils.frPyObjects([poly], height, width))
                mask = mask_utils.decode(rle)
                record["segmentation"] = {"size": [height, width], "counts": _uncompressed_rle(mask)}
                record["area"] = int(mask.sum())
            else:
                record["segmentation"] = [poly]
            annotations.append(record)
            gts.append((category, x, y, w, h, poly))
            ann_id += 1

        # 100 detections: 1-3 jittered copies of each GT, the rest background clutter.
        detections = []
        for category, x, y, w, h, poly in gts:
            for _ in range(int(rng.integers(1, 4))):
                jitter = rng.normal(0, 0.08, 4) * [w, h, w, h]
                label = category if rng.uniform() < 0.85 else int(rng.choice(COCO_CATEGORY_IDS))
                box = (x + jitter[0], y + jitter[1], max(w + jitter[2], 1.0), max(h + jitter[3], 1.0))
                detections.append((label, box, float(rng.beta(5, 2))))
        while len(detections) < 100:
            box = _random_box(rng, width, height)
            detections.append((int(rng.choice(COCO_CATEGORY_IDS, p=category_weights)), box,
                               float(rng.beta(1.2, 6))))
        detections = detections[:100]
        polygons = []
        for label, (x, y, w, h), score in detections:
            x, y = min(max(x, 0.0), width - 2.0), min(max(y, 0.0), height - 2.0)
            w, h = min(w, width - x), min(h, height - y)
            score = round(score, 5)
            boxes_results.append({"image_id": image_id, "category_id": label,
                                  "bbox": [round(x, 2), round(y, 2), round(w, 2), round(h, 2)],
                                  "score": score})
            polygons.append(_polygon(rng, x, y, w, h))
        rles = mask_utils.frPyObjects(polygons, height, width)
        for (label, _, score), rle in zip(detections, rles):
            segm_results.append({"image_id": image_id, "category_id": label,
                                 "segmentation": {"size": rle["size"],
                                                  "counts": rle["counts"].decode("ascii")},
                                 "score": round(score, 5)})

        # Keypoint persons: about one in two images, 1-3 people each.
        if rng.uniform() < 0.55:
            for _ in range(int(rng.integers(1, 4))):
                x, y, w, h = _random_box(rng, width, height, size_class=int(rng.choice([1, 2])))
                xs = x + rng.uniform(0, w, 17)
                ys = y + rng.uniform(0, h, 17)
                vis = rng.choice([0, 1, 2], 17, p=[0.25, 0.15, 0.6])
                kps = []
                for k in range(17):
                    kps += [0, 0, 0] if vis[k] == 0 else [round(float(xs[k]), 2), round(float(ys[k]), 2), int(vis[k])]
                kp_annotations.append({"id": ann_id, "image_id": image_id, "category_id": 1,
                                       "bbox": [round(x, 2), round(y, 2), round(w, 2), round(h, 2)],
                                       "area": round(w * h * 0.6, 2), "iscrowd": 0,
                                       "num_keypoints": int((vis > 0).sum()), "keypoints": kps,
                                       "segmentation": [_polygon(rng, x, y, w, h)]})
                ann_id += 1
                for _ in range(int(rng.integers(1, 4))):
                    noise = rng.normal(0, 0.05 * max(w, h), (17, 2))
                    pts = []
                    for k in range(17):
                        pts += [round(float(xs[k] + noise[k, 0]), 2), round(float(ys[k] + noise[k, 1]), 2), 1]
                    kp_results.append({"image_id": image_id, "category_id": 1, "keypoints": pts,
                                       "score": round(float(rng.beta(4, 2)), 5)})
        for _ in range(int(rng.integers(0, 5))):  # false positives everywhere
            x, y, w, h = _random_box(rng, width, height)
            pts = []
            for _k in range(17):
                pts += [round(float(x + rng.uniform(0, w)), 2), round(float(y + rng.uniform(0, h)), 2), 1]
            kp_results.append({"image_id": image_id, "category_id": 1, "keypoints": pts,
                               "score": round(float(rng.beta(1.5, 5)), 5)})

    categories = [{"id": c, "name": f"category{c}", "supercategory": "thing"} for c in COCO_CATEGORY_IDS]
    categories[0].update(name="person", keypoints=KEYPOINT_NAMES, skeleton=SKELETON)
    instances = {"info": {"description": "MaskBench bench-eval workload", "year": 2026},
                 "images": image_records, "annotations": annotations, "categories": categories}
    keypoints = {"images": image_records, "annotations": kp_annotations, "categories": [categories[0]]}
    for name, payload in [("instances.json", instances), ("person_keypoints.json", keypoints),
                          ("results_bbox.json", boxes_results), ("results_segm.json", segm_results),
                          ("results_keypoints.json", kp_results)]:
        path = os.path.join(out_dir, name)
        with open(path + ".tmp", "w") as f:
            json.dump(payload, f)
        os.replace(path + ".tmp", path)
    print(f"workload: {images} images, {len(annotations)} GT ({sum(a['iscrowd'] for a in annotations)} crowd), "
          f"{len(boxes_results)} bbox/segm results, {len(kp_annotations)} persons, "
          f"{len(kp_results)} keypoint results", file=sys.stderr)


# --------------------------------------------------------------------------- one tool, one run

def run_peer(tool, iou_type, gt_path, results_path):
    """Runs in a child process: evaluates with `tool` and prints {"stats", "seconds"} as JSON."""
    import contextlib
    import io
    if tool == "pycocotools":
        from pycocotools.coco import COCO
        from pycocotools.cocoeval import COCOeval as Evaluator
    elif tool == "faster-coco-eval":
        from faster_coco_eval import COCO
        from faster_coco_eval import COCOeval_faster as Evaluator
    elif tool == "hotcoco":
        from hotcoco import COCO
        from hotcoco import COCOeval as Evaluator
    elif tool == "ultrafast-pycocotools":
        from ultrafast_pycocotools import COCO
        from ultrafast_pycocotools import COCOeval as Evaluator
    else:
        raise SystemExit(f"unknown tool {tool}")
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO(gt_path)
        dt = gt.loadRes(results_path)
        evaluator = Evaluator(gt, dt, iou_type)
        evaluator.evaluate()
        evaluator.accumulate()
        evaluator.summarize()
    seconds = time.perf_counter() - start
    print(json.dumps({"stats": [float(s) for s in evaluator.stats], "seconds": seconds}))


class PeerTimeout(Exception):
    """A run exceeded --timeout (ultrafast-pycocotools can stall for minutes on segm)."""


def measure(tool, iou_type, gt_path, results_path, cocoeval, scratch, timeout=None):
    """One timed run; returns (seconds, peak RSS in MiB, stats) of that child alone; raises
    PeerTimeout (after killing the child) when it runs longer than `timeout` seconds."""
    import tempfile
    if tool == "MaskBench":
        json_path = os.path.join(scratch, f"maskbench-{iou_type}.json")
        command = [cocoeval, gt_path, results_path, "--iou", iou_type, "--json", json_path]
    else:
        command = [sys.executable, os.path.abspath(__file__), "--run-tool", tool, iou_type, gt_path, results_path]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err)
        while True:  # the child's own rusage, for its peak RSS
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if timeout is not None and time.perf_counter() - start > timeout:
                child.kill()
                os.wait4(child.pid, 0)
                raise PeerTimeout(f"{tool} {iou_type}: no result after {timeout:.0f} s")
            time.sleep(0.002)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if child.returncode != 0:
        raise RuntimeError(f"{tool} {iou_type} failed ({child.returncode}):\n{stderr[-2000:]}")
    if tool == "MaskBench":
        with open(json_path) as f:
            stats = json.load(f)["stats"]
        seconds = wall
    else:
        payload = json.loads(stdout.strip().splitlines()[-1])
        stats, seconds = payload["stats"], payload["seconds"]
    return seconds, usage.ru_maxrss / 1024.0, stats


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cocoeval", default=os.path.join(ROOT, ".build/release/cocoeval"))
    parser.add_argument("--data", default=os.path.join(ROOT, "bench-data"))
    parser.add_argument("--reps", type=int, default=3, help="timed runs per tool and iou type (median)")
    parser.add_argument("--types", default=",".join(IOU_TYPES))
    parser.add_argument("--peers", default=",".join(PEERS))
    parser.add_argument("--images", type=int, default=5000)
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds after which a run is killed; that tool is then left out of the iou type")
    parser.add_argument("--run-tool", nargs=4, metavar=("TOOL", "IOU", "GT", "RESULTS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_tool:
        run_peer(*args.run_tool)
        return

    if not os.path.exists(os.path.join(args.data, "results_keypoints.json")):
        print(f"generating the workload in {args.data} (once) ...", file=sys.stderr)
        generate(args.data, images=args.images)
    peers = [p for p in args.peers.split(",") if p]
    tools = ["MaskBench"] + peers
    files = {"bbox": ("instances.json", "results_bbox.json"),
             "segm": ("instances.json", "results_segm.json"),
             "keypoints": ("person_keypoints.json", "results_keypoints.json")}
    print(f"cocoeval: {args.cocoeval}; {os.cpu_count()} cores; medians of {args.reps} interleaved runs; "
          "peers timed in-process after import", file=sys.stderr)

    rows = []
    worst = float("nan")  # stays nan when no peer finished
    for iou_type in args.types.split(","):
        gt_path, results_path = (os.path.join(args.data, f) for f in files[iou_type])
        times = {tool: [] for tool in tools}
        rss = {tool: 0.0 for tool in tools}
        stats = {}
        timed_out = set()
        for rep in range(args.reps):
            for tool in tools:
                if tool in timed_out:
                    continue
                try:
                    seconds, peak, tool_stats = measure(tool, iou_type, gt_path, results_path, args.cocoeval,
                                                        args.data, args.timeout)
                except PeerTimeout as error:
                    print(f"  {error}; left out of {iou_type}", file=sys.stderr)
                    timed_out.add(tool)
                    continue
                times[tool].append(seconds)
                rss[tool] = max(rss[tool], peak)
                stats[tool] = tool_stats
                print(f"  {iou_type} run {rep + 1}/{args.reps} {tool}: {seconds:.3f} s", file=sys.stderr)
        reference = stats.get("pycocotools")
        for tool in timed_out:
            rows.append((iou_type, tool, float("nan"), float("nan"), float("nan"), float("nan"),
                         f"timed out > {args.timeout:.0f} s"))
        finished = [tool for tool in tools if tool not in timed_out]
        medians = {tool: statistics.median(times[tool]) for tool in finished}
        finished_peers = [p for p in peers if p in medians]
        fastest_peer = min(finished_peers, key=lambda p: medians[p]) if finished_peers else None
        if "MaskBench" not in medians:
            raise SystemExit(f"MaskBench timed out on {iou_type}")
        for tool in finished:
            agrees = "ref" if tool == "pycocotools" else (
                "n/a" if reference is None else ("yes" if stats[tool] == reference else "NO"))
            ratio = medians[tool] / medians[fastest_peer] if fastest_peer else float("nan")
            rows.append((iou_type, tool, medians[tool], min(times[tool]), rss[tool], ratio, agrees))
        if fastest_peer:
            ratio = medians["MaskBench"] / medians[fastest_peer]
            worst = ratio if math.isnan(worst) else max(worst, ratio)

    rows.sort(key=lambda row: (args.types.split(",").index(row[0]), tools.index(row[1])))
    print(f"{'iou':<10} {'tool':<22} {'median s':>9} {'best s':>8} {'peak MiB':>9} {'/fastest peer':>14} {'stats = pycocotools':>20}")
    for iou_type, tool, median, best, rss, ratio, agrees in rows:
        print(f"{iou_type:<10} {tool:<22} {median:>9.3f} {best:>8.3f} {rss:>9.0f} {ratio:>14.2f} {agrees:>20}")
    print(f"worst-ratio: {worst:.2f}")


if __name__ == "__main__":
    main()
