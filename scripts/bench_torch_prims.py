#!/usr/bin/env python3
"""Side-by-side speed of the Tensor library and PyTorch on the reference shapes.

Runs our `tensor-bench` (release build) with --json, times the same rows with PyTorch on the
same thread count, and prints for each row both times and the ratio ours/torch (< 1: we are
faster), ending with `worst-ratio: R`. Timing: the fastest of --repeats runs after two warm-ups,
as tensor-bench does (the figure least disturbed on a shared machine); --rounds alternates
ours and torch that many times and keeps each side's best, so load spikes hit both alike.

To add rows (e.g. RoIAlign), append to TORCH_ROWS a (name, make) pair where make() returns a
zero-argument callable that runs one iteration; the name must match tensor-bench's row name.

    python3 -m venv scripts/.venv-torch && scripts/.venv-torch/bin/pip install -r scripts/requirements-torch.txt
    scripts/.venv-torch/bin/python scripts/bench_torch_prims.py --tensor-bench .build/release/tensor-bench
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import torch
import torch.nn.functional as F


def convolution_row(input_shape, weight_shape, stride, padding, backward, input_is_data=False):
    """An iteration of conv2d forward (inference) or forward + backward (weight, bias and, unless
    the input is data as a stem's image is, input gradients)."""
    x = torch.randn(input_shape)
    w = torch.randn(weight_shape)
    b = torch.randn(weight_shape[0])
    if not backward:
        def run():
            with torch.no_grad():
                F.conv2d(x, w, b, stride=stride, padding=padding)
        return run
    xs, ws, bs = (t.clone().requires_grad_(not (t is x and input_is_data)) for t in (x, w, b))
    with torch.no_grad():
        upstream = torch.randn(F.conv2d(x, w, b, stride=stride, padding=padding).shape)

    def run():
        xs.grad = ws.grad = bs.grad = None
        F.conv2d(xs, ws, bs, stride=stride, padding=padding).backward(upstream)
    return run


def linear_row(rows, inputs, outputs, backward):
    x, w, b = torch.randn(rows, inputs), torch.randn(outputs, inputs), torch.randn(outputs)
    if not backward:
        def run():
            with torch.no_grad():
                F.linear(x, w, b)
        return run
    xs, ws, bs = (t.clone().requires_grad_() for t in (x, w, b))
    upstream = torch.randn(rows, outputs)

    def run():
        xs.grad = ws.grad = bs.grad = None
        F.linear(xs, ws, bs).backward(upstream)
    return run


TORCH_ROWS = [
    ("conv3x3 64->64 (2,64,64,64) fwd", lambda: convolution_row((2, 64, 64, 64), (64, 64, 3, 3), 1, 1, False)),
    ("conv3x3 64->64 (2,64,64,64) fwd+bwd", lambda: convolution_row((2, 64, 64, 64), (64, 64, 3, 3), 1, 1, True)),
    ("conv7x7/2 3->32 (2,3,256,256) fwd+bwd, image input", lambda: convolution_row((2, 3, 256, 256), (32, 3, 7, 7), 2, 3, True, input_is_data=True)),
    ("conv3x3 64->64 (50,64,14,14) fwd+bwd", lambda: convolution_row((50, 64, 14, 14), (64, 64, 3, 3), 1, 1, True)),
    ("linear 3136->256 (256 rows) fwd", lambda: linear_row(256, 3136, 256, False)),
    ("linear 3136->256 (256 rows) fwd+bwd", lambda: linear_row(256, 3136, 256, True)),
]


def fastest_seconds(run, repeats, clock=time.perf_counter):
    run()
    run()
    times = []
    for _ in range(repeats):
        start = clock()
        run()
        times.append(clock() - start)
    return min(times)


def time_torch_rows(threads, repeats, rows=TORCH_ROWS, cpu_time=False):
    """{row name: fastest milliseconds} for PyTorch on `threads` threads (thread CPU time with
    cpu_time, valid on one thread, where PyTorch runs ops on the calling thread)."""
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    clock = time.thread_time if cpu_time else time.perf_counter
    return {name: fastest_seconds(make(), repeats, clock) * 1e3 for name, make in rows}


def time_our_rows(tensor_bench, threads, repeats, cpu_time=False):
    """tensor-bench's JSON report (rows, sgemm ceiling) for `threads` threads."""
    with tempfile.TemporaryDirectory() as scratch:
        report_path = os.path.join(scratch, "ours.json")
        subprocess.run([tensor_bench, "--threads", str(threads), "--repeats", str(repeats),
                        "--json", report_path] + (["--cpu-time"] if cpu_time else []), check=True, stdout=sys.stderr)
        with open(report_path) as handle:
            return json.load(handle)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tensor-bench", default=".build/release/tensor-bench")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cpu-time", action="store_true",
                        help="time by thread CPU clock (needs --threads 1); robust on a loaded machine")
    args = parser.parse_args()
    if args.cpu_time and args.threads != 1:
        parser.error("--cpu-time needs --threads 1")
    ours, theirs = None, {}
    for _ in range(args.rounds):
        report = time_our_rows(args.tensor_bench, args.threads, args.repeats, args.cpu_time)
        if ours is None:
            ours = report
        else:
            best = {row["name"]: row for row in ours["rows"]}
            for row in report["rows"]:
                if row["milliseconds"] < best[row["name"]]["milliseconds"]:
                    best[row["name"]] = row
            ours["rows"] = [best[row["name"]] for row in ours["rows"]]
            ours["sgemmGigaflopsPerSecond"] = max(ours["sgemmGigaflopsPerSecond"], report["sgemmGigaflopsPerSecond"])
        for name, milliseconds in time_torch_rows(args.threads, args.repeats, cpu_time=args.cpu_time).items():
            theirs[name] = min(milliseconds, theirs.get(name, float("inf")))
    print(f"threads: {args.threads} ({'thread CPU time' if args.cpu_time else 'wall time'})  torch {torch.__version__}  sgemm ceiling (ours): "
          f"{ours['sgemmGigaflopsPerSecond']:.1f} GFLOP/s")
    print(f"{'shape':42s} {'torch ms':>9s} {'ours ms':>9s} {'ours/torch':>10s} {'ours GFLOP/s':>12s} {'fraction':>8s}")
    ratios, fractions = [], []
    for row in ours["rows"]:
        torch_ms = theirs.get(row["name"])
        if torch_ms is None:
            continue
        ratio = row["milliseconds"] / torch_ms
        ratios.append(ratio)
        # Each row's best time against the best ceiling over the rounds (both the least disturbed
        # figures), not against the ceiling of whichever round gave the row's best time.
        fraction = row["gigaflopsPerSecond"] / ours["sgemmGigaflopsPerSecond"]
        fractions.append(fraction)
        print(f"{row['name']:42s} {torch_ms:9.3f} {row['milliseconds']:9.3f} {ratio:10.3f} "
              f"{row['gigaflopsPerSecond']:12.1f} {fraction:8.3f}")
    print(f"worst-fraction-of-ceiling: {min(fractions):.3f}")
    print(f"worst-ratio: {max(ratios):.3f}")


if __name__ == "__main__":
    main()
