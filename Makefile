# Thin wrapper over CMake: every target first installs what is missing
# (scripts/install-deps.sh), then configures and builds the release preset.
#   make run     build, compare the default scenario's policies, print the tables, write the report
#   make test    build and run every test through CTest
#   make bench   build and run the benchmarks (figures go to docs/performance.md)

SCENARIO ?= scenarios/sino_russia_2035.yaml
RUNS     ?= 10000
OUT      ?= out/sino_russia_2035
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
BUILD    := build/release
ENTENTE  := $(BUILD)/cli/entente

.PHONY: all deps build run test bench clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

run: build
	$(ENTENTE) compare $(SCENARIO) --runs $(RUNS) --seed 20240101 --out $(OUT)
	@echo "entente: results in $(OUT)/ (compare.csv, compare.json, manifest.json, charts/); open $(OUT)/report.html"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@scripts/bench.sh $(BUILD)

clean:
	rm -rf build out
