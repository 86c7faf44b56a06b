#!/usr/bin/env python3
"""Writes Tests/Fixtures/images/resize_*.f32: PyTorch's bilinear resize (align_corners=False,
no antialias) of rgb8.png to a few sizes, as raw little-endian float32 HWC, the reference the
Swift `Image.resized` is checked against (it rounds to 8 bits, so tests allow half a level).

Run once: python3 -m venv scripts/.venv-torch && scripts/.venv-torch/bin/pip install torch pillow numpy
          scripts/.venv-torch/bin/python scripts/make_resize_fixtures.py
"""
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

DIR = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "images")
SIZES = [(80, 56), (30, 21), (53, 74)]  # (width, height): up, down, anisotropic

source = torch.from_numpy(np.array(Image.open(f"{DIR}/rgb8.png").convert("RGB"))).permute(2, 0, 1)[None].float()
for width, height in SIZES:
    out = F.interpolate(source, size=(height, width), mode="bilinear", align_corners=False, antialias=False)
    out[0].permute(1, 2, 0).contiguous().numpy().astype("<f4").tofile(f"{DIR}/resize_{width}x{height}.f32")
