# MaskBench: set up, build, test, benchmark. `make test` is the README's (and CI's) test command.
SHELL := /bin/bash
SWIFT ?= swift
# Debian packages the targets need; `make deps` installs the missing ones.
DEB_PACKAGES := pkg-config libdnnl-dev libpng-dev libjpeg-dev zlib1g-dev python3-venv
VENV := scripts/.venv

.PHONY: deps build test bench-eval bench-data

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

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# A Python venv with the peers, only for fixture generation and side-by-side benchmarks.
$(VENV)/bin/python:
	python3 -m venv $(VENV)

bench-eval: build $(VENV)/bin/python
	$(VENV)/bin/pip install -q -r scripts/requirements-eval.txt
	$(VENV)/bin/python scripts/bench_eval.py --cocoeval .build/release/cocoeval

# Data pipeline throughput and PNG/JPEG decoding against Pillow on the same files.
bench-data: build $(VENV)/bin/python
	$(VENV)/bin/pip install -q -r scripts/requirements-data.txt
	$(VENV)/bin/python scripts/bench_data.py --bench .build/release/datasets-bench --ablate .build/release/ablate
