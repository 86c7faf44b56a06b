#!/usr/bin/env python3
"""Spread of smoke-preset metrics across runs that differ only in float rounding.

`ablate check` compares a fresh smoke run with the committed baseline within each table's
tolerance. Thread count and oneDNN's instruction set (ONEDNN_MAX_CPU_ISA) change the float
rounding of reductions, so a correct build on another machine lands near, not on, the baseline.
This script sizes the tolerance: give it the project roots of runs of the same smoke presets
(e.g. `--threads 1` / `--threads 2`, `ONEDNN_MAX_CPU_ISA=AVX2` / default), the first being the
baseline, and it prints, per table and metric, the largest deviation from the baseline in
pycocotools units (and points), over all variants; for the final training loss, the largest
deviation as a fraction of the baseline's (and in percent).

    python3 scripts/smoke_spread.py runs/t2 runs/t1 runs/t2-avx2 [--table roialign ...]

Standard library only (no venv needed).
"""
import argparse
import json
import pathlib
import sys


def seed_means(results):
    """{(variant, 'kind.STAT'): mean over seeds} of one results file."""
    means = {}
    for variant in results["variants"]:
        sums = {}
        for seed in variant["seeds"]:
            for kind, stats in seed["metrics"].items():
                for stat, value in stats.items():
                    sums.setdefault(f"{kind}.{stat}", []).append(value)
        for metric, values in sums.items():
            means[(variant["name"], metric)] = sum(values) / len(values)
    return means


def final_losses(results):
    """{variant: mean over seeds of the loss curve's last value} of one results file."""
    losses = {}
    for variant in results["variants"]:
        finals = [seed["loss_curve"]["loss"][-1] for seed in variant["seeds"] if seed["loss_curve"]["loss"]]
        if finals:
            losses[variant["name"]] = sum(finals) / len(finals)
    return losses


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("roots", nargs="+", type=pathlib.Path, help="project roots; the first is the baseline")
    parser.add_argument("--table", action="append", help="tables (default: every Results/*-smoke.json of the baseline)")
    args = parser.parse_args()
    if len(args.roots) < 2:
        sys.exit("smoke_spread: give the baseline root and at least one other run")
    base = args.roots[0] / "Results"
    tables = args.table or sorted(p.name[: -len("-smoke.json")] for p in base.glob("*-smoke.json"))
    print("table\tmetric\tbaseline_min\tmax_abs_deviation\tpoints\tworst_variant")
    for table in tables:
        runs, losses = [], []
        for root in args.roots:
            path = root / "Results" / f"{table}-smoke.json"
            if not path.exists():
                sys.exit(f"smoke_spread: {path}: missing")
            results = json.loads(path.read_text())
            runs.append(seed_means(results))
            losses.append(final_losses(results))
        metrics = sorted({metric for (_, metric) in runs[0]})
        for metric in metrics:
            worst, worst_variant, lowest = 0.0, "-", None
            for (variant, name), expected in runs[0].items():
                if name != metric or expected < 0:
                    continue
                lowest = expected if lowest is None else min(lowest, expected)
                for other in runs[1:]:
                    deviation = abs(other.get((variant, name), float("nan")) - expected)
                    if not deviation <= worst:  # also catches a missing value (nan)
                        worst, worst_variant = deviation, variant
            if lowest is not None:
                print(f"{table}\t{metric}\t{lowest:.4f}\t{worst:.4f}\t{worst * 100:.2f}\t{worst_variant}")
        # The final training loss: its deviation as a fraction of the baseline's
        # (`check.final_loss_tolerance`), printed in percent in the points column.
        worst, worst_variant = 0.0, "-"
        for variant, expected in losses[0].items():
            for other in losses[1:]:
                deviation = abs(other.get(variant, float("nan")) - expected) / expected
                if not deviation <= worst:
                    worst, worst_variant = deviation, variant
        if losses[0]:
            print(f"{table}\tfinal_loss\t{min(losses[0].values()):.4f}\t{worst:.4f}\t{worst * 100:.2f}%\t{worst_variant}")


if __name__ == "__main__":
    main()
