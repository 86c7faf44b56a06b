#!/usr/bin/env python3
"""Writes Tests/Fixtures/images: small PNG/JPEG files in every variant the decoders support,
plus what Pillow decodes them to (`NAME.rgb`: raw interleaved RGB bytes, and `expected.json`:
sizes and Pillow's version), so the Swift tests check pixel equality without Python.

Run once with Pillow:  python3 -m venv scripts/.venv-torch && scripts/.venv-torch/bin/pip install pillow numpy
                       scripts/.venv-torch/bin/python scripts/make_image_fixtures.py
16-bit RGB PNG has no Pillow mode, so it is written with zlib here and its expected pixels are
the high bytes of the samples (what Pillow's RGB;16B raw mode yields).
"""
import json
import os
import struct
import zlib

import numpy as np
from PIL import Image

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "images")


def pattern(h, w, seed):
    """A smooth gradient plus noise and a sharp disc, so JPEG's IDCT and upsampling matter."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    img = np.stack([(x * 255 // max(w - 1, 1)), (y * 255 // max(h - 1, 1)), ((x + y) * 3) % 256], -1)
    img = img + rng.integers(-20, 21, size=img.shape)
    disc = (x - w / 2) ** 2 + (y - h / 2) ** 2 < (min(h, w) / 4) ** 2
    img[disc] = [250, 30, 60]
    return np.clip(img, 0, 255).astype(np.uint8)


def png16_rgb(path, samples):
    """Writes an (h, w, 3) uint16 array as a 16-bit RGB PNG (big-endian samples)."""
    h, w, _ = samples.shape
    raw = b"".join(b"\x00" + samples[r].astype(">u2").tobytes() for r in range(h))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw)))
        f.write(chunk(b"IEND", b""))


def main():
    os.makedirs(OUT, exist_ok=True)
    rgb = pattern(37, 53, 0)  # odd sizes exercise chroma subsampling edges
    gray = rgb[..., 1]
    files = {}

    Image.fromarray(rgb).save(f"{OUT}/rgb8.png")
    Image.fromarray(gray).save(f"{OUT}/gray8.png")
    rgba = np.dstack([rgb, (np.arange(53)[None, :].repeat(37, 0) * 4).astype(np.uint8)])
    Image.fromarray(rgba, "RGBA").save(f"{OUT}/rgba8.png")
    Image.fromarray(rgb).quantize(colors=16).save(f"{OUT}/palette.png")
    Image.fromarray(gray).convert("1").save(f"{OUT}/gray1.png")
    gray16 = (gray.astype(np.uint16) * 257 + np.arange(53, dtype=np.uint16)[None, :]).astype(np.uint16)
    Image.fromarray(gray16).save(f"{OUT}/gray16.png")
    rgb16 = rgb.astype(np.uint16) * 256 + 255 - rgb.astype(np.uint16)
    png16_rgb(f"{OUT}/rgb16.png", rgb16)

    Image.fromarray(rgb).save(f"{OUT}/baseline.jpg", quality=85)
    Image.fromarray(rgb).save(f"{OUT}/progressive.jpg", quality=85, progressive=True)
    Image.fromarray(gray).save(f"{OUT}/gray.jpg", quality=85)
    Image.fromarray(rgb).save(f"{OUT}/subsampling444.jpg", quality=95, subsampling=0)

    # Pillow's decoded pixels (high byte for 16-bit: Pillow has no 16-bit RGB mode and clips I;16).
    for name in sorted(os.listdir(OUT)):
        if not name.endswith((".png", ".jpg")):
            continue
        if name == "rgb16.png":
            pixels = (rgb16 >> 8).astype(np.uint8)
        elif name == "gray16.png":
            raw = np.array(Image.open(f"{OUT}/{name}")).astype(np.uint16)
            pixels = np.repeat((raw >> 8).astype(np.uint8)[..., None], 3, -1)
        else:
            pixels = np.array(Image.open(f"{OUT}/{name}").convert("RGB"))
        files[name] = {
            "width": int(pixels.shape[1]),
            "height": int(pixels.shape[0]),
        }
        with open(f"{OUT}/{name}.rgb", "wb") as f:
            f.write(np.ascontiguousarray(pixels).tobytes())
    # Broken files: the first half of a JPEG and of a PNG, and garbage after a JPEG header.
    jpeg = open(f"{OUT}/baseline.jpg", "rb").read()
    open(f"{OUT}/truncated.jpg.bin", "wb").write(jpeg[: len(jpeg) // 2])
    png = open(f"{OUT}/rgb8.png", "rb").read()
    open(f"{OUT}/truncated.png.bin", "wb").write(png[: len(png) // 2])
    open(f"{OUT}/corrupt.jpg.bin", "wb").write(jpeg[:2] + b"\x00" * 200)
    corrupt_png = bytearray(png)
    corrupt_png[60:80] = b"\xff" * 20  # inside IDAT: bad zlib data / CRC
    open(f"{OUT}/corrupt.png.bin", "wb").write(bytes(corrupt_png))
    with open(f"{OUT}/expected.json", "w") as f:
        json.dump({"pillow": Image.__version__, "files": files}, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
