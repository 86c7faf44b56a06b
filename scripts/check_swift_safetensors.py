#!/usr/bin/env python3
"""Checks that Python's `safetensors` loads the file MaskBench's Swift writer produced
(Tests/Fixtures/tensor/from_swift.safetensors) with the values the Swift test wrote.

The Swift test `SafeTensorsTests.writerReproducesTheFilePythonVerified` asserts our writer
still produces these exact bytes (regenerate with MASKBENCH_WRITE_FIXTURES=1 swift test).
Exit status 0 and `OK` when everything matches.
"""
import os
import sys
import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file

PATH = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "tensor", "from_swift.safetensors")
expected = {
    "alpha": np.arange(6, dtype=np.float32).reshape(2, 3) * np.float32(0.5) - np.float32(1),
    "beta": np.array([1e-30, -0.0, 3.4e38, np.float32(1) / np.float32(3)], dtype=np.float32),
    "scalar": np.array(7.25, dtype=np.float32),
    "empty": np.zeros((0, 3), dtype=np.float32),
}
loaded = load_file(PATH)
with safe_open(PATH, framework="numpy") as handle:
    metadata = handle.metadata()
errors = []
if set(loaded) != set(expected):
    errors.append(f"names {sorted(loaded)} != {sorted(expected)}")
for name, want in expected.items():
    got = loaded.get(name)
    if got is None:
        continue
    if got.dtype != np.float32 or got.shape != want.shape or got.tobytes() != want.tobytes():
        errors.append(f"{name}: got {got.dtype} {got.shape} {got.ravel()[:6]}, want {want.shape} {want.ravel()[:6]}")
if metadata != {"writer": "MaskBench"}:
    errors.append(f"metadata {metadata}")
print("\n".join(errors) if errors else "OK")
sys.exit(1 if errors else 0)
