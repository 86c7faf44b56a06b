#!/usr/bin/env python3
"""torchvision's roi_align / roi_pool beside MaskBench's roi-bench, on the issue's shapes.

512 RoIs on a (2, 64, 64, 64) map, spatial scale 1/4, outputs 7x7 and 14x14, forward and
forward+backward, torch on 2 threads. The RoIs come from the same integer LCG as
Sources/roi-bench/main.swift, so both sides time identical boxes. `bench_roi()` is the function
the shared scripts/bench_torch_prims.py calls; it prints one row per measurement and ends with
`worst-ratio: R` (ours / torchvision, worst over the RoIAlign and RoIPool rows; <= 1.0 is the target).

    python scripts/bench_torch_roi.py --roi-bench .build/release/roi-bench
"""
import argparse
import os
import subprocess
import time

import torch
from torchvision.ops import roi_align, roi_pool


class SharedGenerator:
    """x <- (1103515245 x + 12345) mod 2^31, as in roi-bench."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (1103515245 * self.state + 12345) % (1 << 31)
        return self.state / (1 << 31)


def inputs():
    batch, channels, size, count = 2, 64, 64, 512
    g = SharedGenerator(2017)
    values = [g.next() * 2 - 1 for _ in range(batch * channels * size * size)]
    features = torch.tensor(values, dtype=torch.float32).reshape(batch, channels, size, size)
    rois = []
    for k in range(count):
        x1, y1 = g.next() * 224, g.next() * 224
        w, h = 8 + g.next() * 120, 8 + g.next() * 120
        rois.append([k % batch, x1, y1, min(x1 + w, 256.0), min(y1 + h, 256.0)])
    return features, torch.tensor(rois, dtype=torch.float32)


def fastest_ms(fn, repeats):
    """Fastest wall and fastest CPU (all threads) ms of `repeats` runs after a warm-up, as roi-bench."""
    fn()
    wall, cpu = float("inf"), float("inf")
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, (time.perf_counter() - start) * 1e3)
        cpu = min(cpu, (time.process_time() - cpu_start) * 1e3)
    return wall, cpu


def torch_rows(repeats):
    torch.set_num_threads(2)
    features, rois = inputs()
    rows = {}
    for output in (7, 14):
        ops = {
            "roi_align_avg": lambda x: roi_align(x, rois, (output, output), 0.25, 2, True),
            "roi_pool": lambda x: roi_pool(x, rois, (output, output), 0.25),
        }
        for name, op in ops.items():
            grad = torch.rand(len(rois), features.shape[1], output, output) - 0.5

            def forward():
                with torch.no_grad():
                    op(features)

            def both():
                x = features.clone().requires_grad_(True)
                op(x).backward(grad)

            rows[f"{name} {output}x{output} forward"] = fastest_ms(forward, repeats)
            rows[f"{name} {output}x{output} forward+backward"] = fastest_ms(both, repeats)
    return rows


def ours_rows(roi_bench, repeats):
    text = subprocess.run([roi_bench], check=True, capture_output=True, text=True,
                          env={**os.environ, "ROI_BENCH_REPEATS": str(repeats)}).stdout
    rows = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, wall, cpu = line.split("\t")
            rows[name] = (float(wall), float(cpu))
    return rows


def bench_roi(roi_bench=".build/release/roi-bench", repeats=5):
    """Prints each RoI row (wall ms ours / torchvision and their ratio, then CPU ms of both: the
    work done, steadier on a loaded machine), then `worst-ratio: R` over the wall-time ratios."""
    ours = ours_rows(roi_bench, repeats)
    theirs = torch_rows(repeats)
    worst = 0.0
    print(f"{'row':36} {'ours ms':>9} {'torch ms':>9} {'ratio':>6} {'ours cpu':>9} {'torch cpu':>9}")
    for name, (ms, cpu) in ours.items():
        if name in theirs:
            tms, tcpu = theirs[name]
            worst = max(worst, ms / tms)
            print(f"{name:36} {ms:9.2f} {tms:9.2f} {ms / tms:6.2f} {cpu:9.2f} {tcpu:9.2f}")
        else:
            print(f"{name:36} {ms:9.2f} {'-':>9} {'-':>6} {cpu:9.2f} {'-':>9}")
    print(f"worst-ratio: {worst:.2f}")
    return worst


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roi-bench", default=".build/release/roi-bench")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    bench_roi(args.roi_bench, args.repeats)
