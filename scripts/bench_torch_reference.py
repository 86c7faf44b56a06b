#!/usr/bin/env python3
"""torchvision's MaskRCNN beside MaskBench's train-bench on `R10-FPN@256` (issues 6 and 7).

The same architecture on both sides: 256x256 inputs, 2 images per batch, BasicBlock ResNet
[1,1,1,1] of widths [32,64,128,256] with a 7x7 stride-2 stem of 32 and a 3x3 max-pool, frozen
BN, FPN of 64 channels on C2..C5 plus a max-pooled P6, anchors 16..256 on P2..P6 x 0.5/1/2, RPN
256 samples at 0.5 positive, pre/post-NMS 1000/500 train and 500/250 test, RoIAlign 7x7
sampling 2, 2fc-256 box head, 128 RoIs per image at 0.25 positive, 4 classes, score threshold
0.05, NMS 0.5, 100 detections; "-mask" adds RoIAlign 14x14, 4 conv of 64, deconv, 28x28 masks.
Random images with 6 random ellipse objects each; median of the timed steps; torch on 2 threads.
Ends with `worst-ratio: R` (ours / torchvision, the worst of the step and inference ratios).

    python3 -m venv scripts/.venv-torch
    scripts/.venv-torch/bin/pip install -r scripts/requirements-torch.txt
    scripts/.venv-torch/bin/python scripts/bench_torch_reference.py --train-bench .build/release/train-bench
"""
import argparse
import statistics
import subprocess
import time

import torch
import torch.nn as nn
from torchvision.models.detection import FasterRCNN, MaskRCNN
from torchvision.models.detection.anchor_utils import AnchorGenerator
from torchvision.models.detection.backbone_utils import BackboneWithFPN
from torchvision.models.resnet import BasicBlock, ResNet
from torchvision.ops import FrozenBatchNorm2d, MultiScaleRoIAlign
from torchvision.ops.feature_pyramid_network import LastLevelMaxPool


class R10(ResNet):
    """torchvision's ResNet with BasicBlock [1,1,1,1], widths 32..256 and a 32-wide stem."""

    def __init__(self):
        super().__init__(BasicBlock, [1, 1, 1, 1], norm_layer=FrozenBatchNorm2d)
        self.inplanes = 32
        self.conv1 = nn.Conv2d(3, 32, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = FrozenBatchNorm2d(32)
        self.layer1 = self._make_layer(BasicBlock, 32, 1)
        self.layer2 = self._make_layer(BasicBlock, 64, 1, stride=2)
        self.layer3 = self._make_layer(BasicBlock, 128, 1, stride=2)
        self.layer4 = self._make_layer(BasicBlock, 256, 1, stride=2)
        del self.fc


def build(masks):
    backbone = BackboneWithFPN(R10(), {"layer1": "0", "layer2": "1", "layer3": "2", "layer4": "3"},
                               [32, 64, 128, 256], 64, extra_blocks=LastLevelMaxPool())
    anchors = AnchorGenerator(((16,), (32,), (64,), (128,), (256,)), ((0.5, 1.0, 2.0),) * 5)
    from torchvision.models.detection.faster_rcnn import FastRCNNPredictor, TwoMLPHead
    kwargs = dict(
        min_size=256, max_size=256, rpn_anchor_generator=anchors,
        rpn_pre_nms_top_n_train=1000, rpn_post_nms_top_n_train=500,
        rpn_pre_nms_top_n_test=500, rpn_post_nms_top_n_test=250,
        rpn_batch_size_per_image=256, rpn_positive_fraction=0.5,
        box_roi_pool=MultiScaleRoIAlign(["0", "1", "2", "3"], 7, 2),
        box_head=TwoMLPHead(64 * 7 * 7, 256), box_predictor=FastRCNNPredictor(256, 5),
        box_batch_size_per_image=128, box_positive_fraction=0.25,
        box_score_thresh=0.05, box_nms_thresh=0.5, box_detections_per_img=100,
    )
    if masks:
        from torchvision.models.detection.mask_rcnn import MaskRCNNHeads, MaskRCNNPredictor
        kwargs.update(mask_roi_pool=MultiScaleRoIAlign(["0", "1", "2", "3"], 14, 2),
                      mask_head=MaskRCNNHeads(64, [64, 64, 64, 64], 1),
                      mask_predictor=MaskRCNNPredictor(64, 64, 5))
    # Box-only is Faster R-CNN (no mask branch at all).
    model = MaskRCNN(backbone, num_classes=None, **kwargs) if masks else FasterRCNN(backbone, num_classes=None, **kwargs)
    return model


def random_batch(generator, size=256):
    images, targets = [], []
    ys, xs = torch.meshgrid(torch.arange(size) + 0.5, torch.arange(size) + 0.5, indexing="ij")
    for _ in range(2):
        images.append(torch.rand(3, size, size, generator=generator))
        boxes, masks = [], []
        for _ in range(6):
            w, h = (size * (0.1 + 0.3 * torch.rand(2, generator=generator))).tolist()
            x1, y1 = ((size - w) * torch.rand(1, generator=generator)).item(), ((size - h) * torch.rand(1, generator=generator)).item()
            boxes.append([x1, y1, x1 + w, y1 + h])
            masks.append((((xs - x1 - w / 2) / (w / 2)) ** 2 + ((ys - y1 - h / 2) / (h / 2)) ** 2 <= 1).to(torch.uint8))
        targets.append({"boxes": torch.tensor(boxes), "labels": torch.randint(1, 5, (6,), generator=generator),
                        "masks": torch.stack(masks)})
    return images, targets


def measure(masks, steps, warmup):
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(7)
    model = build(masks)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.02, momentum=0.9, weight_decay=1e-4)
    batches = [random_batch(generator) for _ in range(steps + warmup)]
    step_times = []
    model.train()
    for index, (images, targets) in enumerate(batches):
        start = time.perf_counter()
        losses = model(images, targets)
        total = sum(losses.values())
        optimizer.zero_grad()
        total.backward()
        optimizer.step()
        if index >= warmup:
            step_times.append(time.perf_counter() - start)
    torch.manual_seed(0)
    model = build(masks).eval()   # untrained weights: 100 detections (and masks) per image
    infer_times, detections = [], 0
    with torch.no_grad():
        for index, (images, _) in enumerate(batches):
            start = time.perf_counter()
            outputs = model(images)
            if index >= warmup:
                infer_times.append((time.perf_counter() - start) / 2)
                detections += sum(len(o["boxes"]) for o in outputs)
    return statistics.median(step_times), statistics.median(infer_times), detections / (2 * steps)


def ours(train_bench, steps, warmup):
    text = subprocess.run([train_bench, "--steps", str(steps), "--warmup", str(warmup)], check=True,
                          capture_output=True, text=True).stdout
    rows = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[1] == "train_step_s":
            rows[parts[0]] = (float(parts[2]), float(parts[4]))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train-bench", required=True)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(2)
    mine = ours(args.train_bench, args.steps, args.warmup)
    worst = 0.0
    print(f"{'row':<20} {'ours s':>9} {'torch s':>9} {'ratio':>7}")
    for name, masks in [("R10-FPN@256-box", False), ("R10-FPN@256-mask", True)]:
        step, infer, detections = measure(masks, args.steps, args.warmup)
        our_step, our_infer = mine[name]
        for label, a, b in [("train step", our_step, step), ("infer image", our_infer, infer)]:
            ratio = a / b
            worst = max(worst, ratio)
            print(f"{name + ' ' + label:<36} {a:9.4f} {b:9.4f} {ratio:7.2f}")
        print(f"# torchvision {name}: {detections:.1f} detections per image")
    print(f"worst-ratio: {worst:.2f}")


if __name__ == "__main__":
    main()
