#!/usr/bin/env python3
"""Writes the PyTorch parity fixtures for the Tensor library (Tests/Fixtures/tensor/).

Each case stores its inputs, an upstream gradient `<case>.gy`, PyTorch's output `<case>.y` and
the gradients of sum(y * gy) with respect to each input (`<case>.g<input>`), in one
safetensors file written by Python's `safetensors` package (so the file doubles as the
Python -> Swift cross-load fixture). The op settings are fixed below and mirrored in
Tests/TensorTests/TorchParityTests.swift.

Run with torch in a venv:
    python3 -m venv scripts/.venv-torch && scripts/.venv-torch/bin/pip install -r scripts/requirements-torch.txt
    scripts/.venv-torch/bin/python scripts/make_tensor_fixtures.py
"""
import os
import torch
import torch.nn.functional as F
from safetensors.torch import save_file

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "tensor")
torch.manual_seed(20261127)
tensors = {}


def rand(*shape, scale=1.0):
    return torch.randn(tuple(shape), dtype=torch.float32) * scale


def case(name, fn, inputs, grad_inputs):
    """Runs fn(**inputs), stores inputs, y, gy and the gradients of sum(y * gy)."""
    leaves = {k: v.clone().requires_grad_(k in grad_inputs) for k, v in inputs.items()}
    y = fn(**leaves)
    gy = rand(*y.shape)
    (y * gy).sum().backward()
    for k, v in inputs.items():
        tensors[f"{name}.{k}"] = v.contiguous()
    tensors[f"{name}.y"] = y.detach().contiguous()
    tensors[f"{name}.gy"] = gy.contiguous()
    for k in grad_inputs:
        tensors[f"{name}.g{k}"] = leaves[k].grad.contiguous()


# Convolutions: (stride, padding, dilation) per case, mirrored in the Swift test.
case("conv", lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1),
     dict(x=rand(2, 3, 9, 9), w=rand(4, 3, 3, 3, scale=0.3), b=rand(4)), "xwb")
case("conv_dilated", lambda x, w, b: F.conv2d(x, w, b, stride=1, padding=2, dilation=2),
     dict(x=rand(1, 2, 8, 8), w=rand(3, 2, 3, 3, scale=0.3), b=rand(3)), "xwb")
case("conv_blocked", lambda x, w, b: F.conv2d(x, w, b, stride=1, padding=1),
     dict(x=rand(2, 16, 10, 10), w=rand(16, 16, 3, 3, scale=0.1), b=rand(16)), "xwb")
case("conv_7x7", lambda x, w: F.conv2d(x, w, None, stride=2, padding=3),
     dict(x=rand(1, 3, 16, 16), w=rand(8, 3, 7, 7, scale=0.1)), "xw")
case("deconv_2x2", lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2),
     dict(x=rand(2, 4, 5, 5), w=rand(4, 3, 2, 2, scale=0.3), b=rand(3)), "xwb")
case("deconv_4x4", lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, padding=1),
     dict(x=rand(1, 4, 5, 5), w=rand(4, 2, 4, 4, scale=0.3), b=rand(2)), "xwb")
case("linear", lambda x, w, b: F.linear(x, w, b),
     dict(x=rand(5, 7), w=rand(3, 7), b=rand(3)), "xwb")
case("group_norm", lambda x, w, b: F.group_norm(x, 3, w, b, eps=1e-5),
     dict(x=rand(2, 6, 4, 4, scale=3.0) + 1.5, w=rand(6), b=rand(6)), "xwb")
case("bilinear", lambda x: F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False),
     dict(x=rand(1, 2, 5, 4)), "x")
case("nearest", lambda x: F.interpolate(x, scale_factor=2, mode="nearest"), dict(x=rand(1, 2, 3, 4)), "x")
case("max_pool", lambda x: F.max_pool2d(x, 3, stride=2, padding=1), dict(x=rand(1, 2, 7, 7)), "x")
case("frozen_bn", lambda x, m, v, w, b: x * (w * (v + 1e-5).rsqrt()).view(1, -1, 1, 1)
     + (b - m * w * (v + 1e-5).rsqrt()).view(1, -1, 1, 1),
     dict(x=rand(2, 3, 4, 4), m=rand(3), v=rand(3).abs() + 0.5, w=rand(3), b=rand(3)), "x")

# Losses (scalar outputs; gy is a 0-d upstream gradient). Large logits test stability.
labels = torch.tensor([0, 3, -100, 2, 1, 3])
tensors["cross_entropy.labels"] = labels.float()
case("cross_entropy", lambda x, cw: F.cross_entropy(x, labels, weight=cw, ignore_index=-100),
     dict(x=rand(6, 4, scale=30.0), cw=torch.tensor([1.0, 2.0, 0.5, 1.5])), "x")
case("cross_entropy_plain", lambda x: F.cross_entropy(x, labels.clamp(min=0)), dict(x=rand(6, 4, scale=3.0)), "x")
targets = (torch.rand(3, 2, 4, 4) > 0.5).float()
selected = torch.zeros(3, 2, 4, 4, dtype=torch.bool)
selected[0, 1] = True
selected[1, 0] = True
selected[2, 1] = True
tensors["bce.targets"] = targets
tensors["bce.selected"] = selected.float()
case("bce", lambda x: F.binary_cross_entropy_with_logits(x[selected], targets[selected]),
     dict(x=rand(3, 2, 4, 4, scale=40.0)), "x")
smooth_target = rand(12)
tensors["smooth_l1.target"] = smooth_target
for beta, reduction in [(0.5, "mean"), (0.0, "sum"), (1.0 / 9, "sum")]:
    name = f"smooth_l1_{str(beta).replace('.', '_')[:6]}_{reduction}"
    case(name, lambda x: F.smooth_l1_loss(x, smooth_target, beta=beta, reduction=reduction),
         dict(x=smooth_target + rand(12, scale=0.7)), "x")

# SGD: momentum 0.9, weight decay 1e-4, warm-up 4 iterations from factor 0.1, decay 0.1 at
# iteration 6, gradient-norm clipping at 2.0, 8 steps with stored gradients.
p1, p2 = rand(3, 4), rand(5)
tensors["sgd.p1.initial"], tensors["sgd.p2.initial"] = p1.clone(), p2.clone()
params = [p1.clone().requires_grad_(), p2.clone().requires_grad_()]
opt = torch.optim.SGD(params, lr=0.05, momentum=0.9, weight_decay=1e-4)
sched = torch.optim.lr_scheduler.ChainedScheduler([
    torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.1, total_iters=4),
    torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[6], gamma=0.1)])
lrs = []
for step in range(8):
    g1, g2 = rand(3, 4, scale=0.3 + step % 3), rand(5, scale=0.3 + step % 3)
    params[0].grad, params[1].grad = g1.clone(), g2.clone()
    tensors[f"sgd.step{step}.g1"], tensors[f"sgd.step{step}.g2"] = g1, g2
    torch.nn.utils.clip_grad_norm_(params, max_norm=2.0)
    lrs.append(opt.param_groups[0]["lr"])
    opt.step()
    sched.step()
    tensors[f"sgd.step{step}.p1"] = params[0].detach().clone()
    tensors[f"sgd.step{step}.p2"] = params[1].detach().clone()
tensors["sgd.lrs"] = torch.tensor(lrs, dtype=torch.float32)

# Linear at a size where oneDNN's matmul splits rows, K (200 = 12 x 16 + 8) and N into blocks with
# tails, and without bias (a separate primitive); appended last so earlier cases keep their draws.
case("linear_blocked", lambda x, w, b: F.linear(x, w, b),
     dict(x=rand(40, 200), w=rand(24, 200, scale=0.1), b=rand(24)), "xwb")
case("linear_no_bias", lambda x, w: F.linear(x, w), dict(x=rand(9, 70), w=rand(12, 70, scale=0.2)), "xw")

os.makedirs(OUT, exist_ok=True)
save_file(tensors, os.path.join(OUT, "torch_parity.safetensors"),
          metadata={"generator": "scripts/make_tensor_fixtures.py", "torch": torch.__version__})
print(f"wrote {len(tensors)} tensors to {OUT}/torch_parity.safetensors")
