#!/usr/bin/env python3
"""Writes the golden files of the RoI operators and mask targets/pasting under Tests/Fixtures/roi/.

The peer is torchvision (roi_pool, roi_align, their autograd gradients), and detectron2's few
lines for mask targets and pasting, reproduced here with torch and pycocotools (detectron2 itself
does not install from a wheel). Run once; the JSON files are committed so `swift test` needs no Python:

    python3 -m venv scripts/.venv-torch
    scripts/.venv-torch/bin/pip install -r scripts/requirements-torch.txt
    scripts/.venv-torch/bin/python scripts/make_roi_fixtures.py
"""
import json
import os
import sys

import numpy as np
import torch
from torchvision.ops import roi_align, roi_pool

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "roi")


def floats(t):
    """Shortest float32 text per value (exact round trip), flattened."""
    return [float(str(np.float32(v))) for v in np.asarray(t, dtype=np.float32).ravel()]


def roi_cases():
    g = torch.Generator().manual_seed(20170320)
    features = torch.randn(2, 3, 10, 12, generator=g)  # N, C, H, W; stride 2 covers 24 x 20 px
    rois = [
        [0, 2.3, 3.1, 15.7, 12.2],     # inside
        [1, -6.4, -3.3, 8.1, 9.7],     # partly outside (top-left)
        [0, 18.2, 12.5, 31.0, 27.9],   # partly outside (bottom-right)
        [1, 40.0, 40.0, 50.0, 50.0],   # entirely outside
        [0, 5.0, 4.0, 5.0, 14.0],      # zero width
        [1, 7.7, 7.7, 7.7, 7.7],       # a point
        [0, 10.1, 6.2, 10.9, 6.8],     # smaller than a bin
        [1, 0.0, 0.0, 24.0, 20.0],     # the whole map
        [0, 12.0, 10.0, 9.0, 8.0],     # inverted corners
        [1, 3.5, 1.25, 4.5, 19.75],    # thin, tall; .5 coordinates exercise round-half-away
    ]
    for _ in range(6):
        x1, y1 = (torch.rand(2, generator=g) * torch.tensor([26.0, 22.0]) - 2).tolist()
        w, h = (torch.rand(2, generator=g) * 14 + 0.2).tolist()
        rois.append([float(torch.randint(0, 2, (1,), generator=g)), x1, y1, x1 + w, y1 + h])
    roi_tensor = torch.tensor(rois, dtype=torch.float32)

    specs = [
        dict(op="roi_pool", output_size=[7, 7], spatial_scale=0.5),
        dict(op="roi_pool", output_size=[3, 5], spatial_scale=0.25),
        dict(op="roi_align", output_size=[7, 7], spatial_scale=0.5, sampling_ratio=2, aligned=False),
        dict(op="roi_align", output_size=[7, 7], spatial_scale=0.5, sampling_ratio=2, aligned=True),
        dict(op="roi_align", output_size=[7, 7], spatial_scale=0.5, sampling_ratio=0, aligned=False),
        dict(op="roi_align", output_size=[7, 7], spatial_scale=0.5, sampling_ratio=0, aligned=True),
        dict(op="roi_align", output_size=[3, 5], spatial_scale=0.25, sampling_ratio=1, aligned=True),
        dict(op="roi_align", output_size=[2, 2], spatial_scale=1.0, sampling_ratio=0, aligned=False),
    ]
    cases = []
    for spec in specs:
        x = features.clone().requires_grad_(True)
        if spec["op"] == "roi_pool":
            out = roi_pool(x, roi_tensor, spec["output_size"], spec["spatial_scale"])
        else:
            out = roi_align(x, roi_tensor, spec["output_size"], spec["spatial_scale"],
                            spec["sampling_ratio"], spec["aligned"])
        grad_out = torch.randn(out.shape, generator=g)
        out.backward(grad_out)
        case = dict(spec)
        case.setdefault("sampling_ratio", 0)
        case.setdefault("aligned", False)
        case.update(output=floats(out.detach()), grad_output=floats(grad_out), grad_input=floats(x.grad))
        cases.append(case)
    return dict(
        peer=f"torch {torch.__version__}, torchvision {__import__('torchvision').__version__}",
        features=dict(shape=list(features.shape), values=floats(features)),
        rois=[[float(str(np.float32(v))) for v in r] for r in rois],
        cases=cases,
    )


def write(name, payload):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(payload, f, separators=(",", ":"))
        f.write("\n")
    os.replace(tmp, path)
    print(f"wrote {path} ({os.path.getsize(path)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    torch.set_num_threads(1)
    write("roi_ops.json", roi_cases())
