# MaskBench: set up, build, test, benchmark. `make test` is the README's (and CI's) test command.
SHELL := /bin/bash
SWIFT ?= swift
# Debian packages the targets need; `make deps` installs the missing ones.
DEB_PACKAGES := pkg-config libdnnl-dev libpng-dev libjpeg-dev zlib1g-dev python3-venv
VENV := scripts/.venv

.PHONY: deps build test bench-eval bench-roi bench-tensor bench-tensor-torch bench-data bench-train roialign ablations

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release

# MASKBENCH_TRAINING_TESTS=1 enables the model's overfit tests (~1 min in a debug build);
# OMP_WAIT_POLICY=passive stops oneDNN's idle OpenMP threads from spinning (on a loaded
# 2-core machine spinning made training steps up to 10x slower). Tests run side by side: each model
# computes on its own config's thread count (a `ComputeThreads.withCount` scope), so they cannot
# change each other's numbers; on a quiet machine 38-49 s side by side against 75 s serially.
test: deps
	$(SWIFT) build --build-tests
	MASKBENCH_TRAINING_TESTS=1 OMP_WAIT_POLICY=passive $(SWIFT) test --skip-build
	# Smoke presets against the committed Results/TABLE-smoke.json baselines. A release build:
	# the smoke presets train long enough for clearly non-zero APs (a debug build would be
	# 6-90x slower), so the check catches an accuracy regression, not only a crash.
	$(SWIFT) build -c release --product ablate
	OMP_WAIT_POLICY=passive $$($(SWIFT) build -c release --show-bin-path)/ablate check

# Issue 8's main job: Table 2c with the quick preset -> Results/roialign.json, Reports/roialign.md.
# Only the `ablate` product is built: the whole package in release takes minutes longer.
roialign: deps
	$(SWIFT) build -c release --product ablate
	OMP_WAIT_POLICY=passive .build/release/ablate roialign --preset quick

# Every paper table with its quick preset.
ablations: build
	for table in $$(.build/release/ablate list | cut -f1); do OMP_WAIT_POLICY=passive .build/release/ablate $$table --preset quick || exit $$?; done

# The Tensor-free detector pieces (issue 6: RPN labelling, top-k, NMS, proposals, RoI sampling,
# detection selection) beside torchvision's at R10-FPN@256 sizes, 1 thread, ending with
# `worst-ratio: R`. The script creates scripts/.venv-torch itself when torch is missing.
.PHONY: bench-detector
bench-detector: deps
	$(SWIFT) build -c release --product detector-bench
	python3 scripts/bench_detector_pieces.py --detector-bench .build/release/detector-bench

# A Python venv with the peers, only for fixture generation and side-by-side benchmarks.
$(VENV)/bin/python:
	python3 -m venv $(VENV)

bench-eval: build $(VENV)/bin/python
	$(VENV)/bin/pip install -q -r scripts/requirements-eval.txt
	$(VENV)/bin/python scripts/bench_eval.py --cocoeval .build/release/cocoeval

# Tensor engine speed: reference shapes against the sgemm ceiling measured in the same run.
bench-tensor: deps
	$(SWIFT) build -c release --product tensor-bench
	.build/release/tensor-bench

# The same rows side by side with PyTorch (torch CPU in its own venv), ratio ours/torch.
TORCH_VENV := scripts/.venv-torch
$(TORCH_VENV)/bin/python:
	python3 -m venv $(TORCH_VENV)

bench-tensor-torch: deps $(TORCH_VENV)/bin/python
	$(SWIFT) build -c release --product tensor-bench
	$(TORCH_VENV)/bin/pip install -q -r scripts/requirements-torch.txt
	$(TORCH_VENV)/bin/python scripts/bench_torch_prims.py --tensor-bench .build/release/tensor-bench

# RoI operators (issue 5): our release timings beside torchvision's, ending with `worst-ratio: R`.
bench-roi: build $(TORCH_VENV)/bin/python
	$(TORCH_VENV)/bin/pip install -q -r scripts/requirements-torch.txt
	$(TORCH_VENV)/bin/python scripts/bench_torch_roi.py --roi-bench .build/release/roi-bench
# Data pipeline throughput and PNG/JPEG decoding against Pillow on the same files.
bench-data: deps $(VENV)/bin/python
	$(SWIFT) build -c release --product datasets-bench
	$(SWIFT) build -c release --product ablate
	$(VENV)/bin/pip install -q -r scripts/requirements-data.txt
	$(VENV)/bin/python scripts/bench_data.py --bench .build/release/datasets-bench --ablate .build/release/ablate

# Training and inference speed of R10-FPN@256 (box-only and with masks, issues 6 and 7), ours
# beside torchvision's MaskRCNN of the same shape, ending with `worst-ratio: R`.
bench-train: deps $(TORCH_VENV)/bin/python
	$(SWIFT) build -c release --product train-bench
	$(TORCH_VENV)/bin/pip install -q -r scripts/requirements-torch.txt
	OMP_WAIT_POLICY=passive $(TORCH_VENV)/bin/python scripts/bench_torch_reference.py --train-bench .build/release/train-bench
