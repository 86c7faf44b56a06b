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
        wide=wide_cases(g),
        fpn_levels=fpn_levels(),
    )


def wide_cases(g):
    """20 channels: the kernels' 16-channel vector blocks plus a scalar tail, against torchvision."""
    features = torch.randn(1, 20, 6, 7, generator=g)
    rois = torch.tensor([[0, 1.1, 0.7, 9.6, 8.2], [0, -3.0, 2.5, 5.5, 14.0], [0, 6.2, 3.3, 6.9, 3.6],
                         [0, 4.0, 1.0, 4.0, 9.0], [0, 0.0, 0.0, 14.0, 12.0]], dtype=torch.float32)
    cases = []
    for op, aligned, sampling in (("roi_pool", False, 0), ("roi_align", True, 0), ("roi_align", False, 2)):
        x = features.clone().requires_grad_(True)
        out = (roi_pool(x, rois, (3, 3), 0.5) if op == "roi_pool"
               else roi_align(x, rois, (3, 3), 0.5, sampling, aligned))
        grad_out = torch.randn(out.shape, generator=g)
        out.backward(grad_out)
        cases.append(dict(op=op, output_size=[3, 3], spatial_scale=0.5, sampling_ratio=sampling, aligned=aligned,
                          output=floats(out.detach()), grad_output=floats(grad_out), grad_input=floats(x.grad)))
    return dict(features=dict(shape=list(features.shape), values=floats(features)),
                rois=[[float(str(np.float32(v))) for v in r] for r in rois.tolist()], cases=cases)


def bits(mask):
    """A boolean array as a row-major string of 0 and 1."""
    return "".join("1" if v else "0" for v in np.asarray(mask).ravel())


def smooth_probabilities(g, m):
    """A smooth random m x m sigmoid map (blobs, so thresholds cut interesting shapes)."""
    coarse = torch.randn(1, 1, 4, 4, generator=g) * 3
    return torch.sigmoid(torch.nn.functional.interpolate(coarse, size=(m, m), mode="bilinear", align_corners=False))[0, 0]


def d2_paste(mask, box, img_h, img_w, threshold=0.5):
    """detectron2 layers/mask_ops.py: _do_paste_mask (skip_empty) + paste_masks_in_image, one mask."""
    masks = mask[None, None].float()
    boxes = torch.tensor([box], dtype=torch.float32)
    x0_int, y0_int = torch.clamp(boxes.min(dim=0).values.floor()[:2] - 1, min=0).to(dtype=torch.int32)
    x1_int = torch.clamp(boxes[:, 2].max().ceil() + 1, max=img_w).to(dtype=torch.int32)
    y1_int = torch.clamp(boxes[:, 3].max().ceil() + 1, max=img_h).to(dtype=torch.int32)
    out = torch.zeros(img_h, img_w, dtype=torch.bool)
    if x0_int >= x1_int or y0_int >= y1_int:  # box outside the image: detectron2's arange raises; nothing to paste
        return out
    x0, y0, x1, y1 = torch.split(boxes, 1, dim=1)
    img_y = torch.arange(y0_int, y1_int, dtype=torch.float32) + 0.5
    img_x = torch.arange(x0_int, x1_int, dtype=torch.float32) + 0.5
    img_y = (img_y - y0) / (y1 - y0) * 2 - 1
    img_x = (img_x - x0) / (x1 - x0) * 2 - 1
    gx = img_x[:, None, :].expand(1, img_y.size(1), img_x.size(1))
    gy = img_y[:, :, None].expand(1, img_y.size(1), img_x.size(1))
    grid = torch.stack([gx, gy], dim=3)
    pasted = torch.nn.functional.grid_sample(masks, grid.to(masks.dtype), align_corners=False)[:, 0]
    out[y0_int:y1_int, x0_int:x1_int] = pasted[0] >= threshold
    return out


def d2_bitmask_target(bitmask, box, m):
    """detectron2 structures/masks.py: BitMasks.crop_and_resize (RoIAlign aligned, sampling 0, >= 0.5)."""
    rois = torch.tensor([[0.0] + list(box)], dtype=torch.float32)
    out = roi_align(bitmask[None, None].float(), rois, (m, m), 1.0, 0, True)[:, 0]
    return out[0] >= 0.5


def d2_polygon_target(polygons, box, m):
    """detectron2 structures/masks.py: rasterize_polygons_within_box + polygons_to_bitmask."""
    import copy
    from pycocotools import mask as mask_util
    box = np.asarray(box, dtype=np.float32)
    polygons = [np.asarray(p, dtype=np.float64) for p in polygons]
    w, h = box[2] - box[0], box[3] - box[1]
    polygons = copy.deepcopy(polygons)
    for p in polygons:
        p[0::2] = p[0::2] - box[0]
        p[1::2] = p[1::2] - box[1]
    ratio_h = m / max(h, 0.1)
    ratio_w = m / max(w, 0.1)
    if ratio_h == ratio_w:
        for p in polygons:
            p *= ratio_h
    else:
        for p in polygons:
            p[0::2] *= ratio_w
            p[1::2] *= ratio_h
    rles = mask_util.frPyObjects(polygons, m, m)
    return mask_util.decode(mask_util.merge(rles)).astype(bool)


def mask_cases():
    g = torch.Generator().manual_seed(2017)
    img_h, img_w = 48, 64
    paste_boxes = [
        [10.3, 5.7, 50.2, 34.9],     # inside, fractional
        [-8.5, 20.2, 20.1, 60.0],    # partly outside
        [30.2, 30.4, 31.1, 31.0],    # smaller than a pixel
        [-10.0, -10.0, 100.0, 90.0], # larger than the image
        [8.0, 8.0, 36.0, 36.0],      # whole pixels, 1 px per cell at m = 28
        [70.0, 10.0, 80.0, 20.0],    # outside the image
    ]
    paste = []
    for m in (28, 14):
        for box in paste_boxes:
            probs = smooth_probabilities(g, m)
            paste.append(dict(mask_size=m, box=box, probabilities=floats(probs),
                              pasted=bits(d2_paste(probs, box, img_h, img_w))))
    # A blobby ground-truth bitmask for RoIAlign-based targets.
    field = torch.nn.functional.interpolate(torch.randn(1, 1, 6, 8, generator=g), size=(img_h, img_w),
                                            mode="bilinear", align_corners=False)[0, 0]
    bitmask = field > 0.2
    target_boxes = [[4.0, 3.0, 40.0, 30.0], [20.5, 10.25, 63.9, 47.5], [-5.0, -5.0, 20.0, 12.0],
                    [30.0, 20.0, 30.6, 20.4], [0.0, 0.0, 64.0, 48.0]]
    bitmask_targets = [dict(mask_size=m, box=box, target=bits(d2_bitmask_target(bitmask, box, m)))
                       for m in (28, 7) for box in target_boxes]
    polygons = [[10.0, 10.0, 40.0, 12.0, 25.0, 44.0],
                [45.2, 5.5, 60.8, 5.5, 60.8, 20.3, 52.0, 28.9, 45.2, 20.3]]
    polygon_boxes = [[8.0, 4.0, 62.0, 46.0], [12.3, 9.1, 38.7, 30.2], [44.0, 4.0, 62.0, 30.0],
                     [20.0, 20.0, 20.05, 20.08], [0.0, 0.0, 30.0, 30.0]]
    polygon_targets = [dict(mask_size=m, box=box, target=bits(d2_polygon_target(polygons, box, m)))
                       for m in (28, 14) for box in polygon_boxes]
    return dict(
        peer=f"torch {torch.__version__}; detectron2 mask_ops/masks.py logic; pycocotools",
        image_height=img_h, image_width=img_w,
        paste=paste,
        bitmask=bits(bitmask), bitmask_targets=bitmask_targets,
        polygons=polygons, polygon_targets=polygon_targets,
    )


def fpn_levels():
    """detectron2 modeling/poolers.py: assign_boxes_to_levels (float32 torch ops), levels 2..5."""
    g = torch.Generator().manual_seed(4)
    boxes = [[0.0, 0.0, s, s] for s in (0.0, 1.0, 111.99, 112.0, 223.99, 224.0, 447.9, 448.0, 896.0, 5000.0)]
    boxes += [[10.0, 20.0, 10.0 + w, 20.0 + h] for w, h in (torch.rand(30, 2, generator=g) * 600).tolist()]
    tensor = torch.tensor(boxes, dtype=torch.float32)
    area = (tensor[:, 2] - tensor[:, 0]) * (tensor[:, 3] - tensor[:, 1])
    canonical_level, canonical_box_size, min_level, max_level = 4, 224, 2, 5
    levels = torch.floor(canonical_level + torch.log2(torch.sqrt(area) / canonical_box_size + 1e-8))
    levels = torch.clamp(levels, min=min_level, max=max_level).to(torch.int64)
    return dict(boxes=[[float(str(np.float32(v))) for v in b] for b in boxes], levels=levels.tolist())


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
    # pycocotools may live in another venv (e.g. scripts/.venv): PYCOCOTOOLS_SITE=<its site-packages>.
    if os.environ.get("PYCOCOTOOLS_SITE"):
        sys.path.append(os.environ["PYCOCOTOOLS_SITE"])
    write("masks.json", mask_cases())
