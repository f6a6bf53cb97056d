# Thin wrapper over CMake: every target first installs what is missing
# (scripts/install-deps.sh), then configures and builds its preset (release,
# or asan/tsan for the sanitizer targets).
#   make run           build, compare the default scenario's policies, print the tables, write the report
#   make test          what CI runs (.ci/run): test-release, then test-asan, then test-tsan
#   make check         the fast path: build and run every test through CTest (release only);
#                      make test-release is the same
#   make test-asan     every test under AddressSanitizer + UndefinedBehaviorSanitizer + LeakSanitizer
#                      (build/asan)
#   make test-tsan     the TBB-parallel tests (TSAN_TAGS) under ThreadSanitizer (build/tsan)
#   make bench         build and run the benchmarks (figures go to docs/performance.md)
#   make fuzz          run the libFuzzer targets FUZZ_SECONDS each (fuzz/README.md)

SCENARIO ?= scenarios/sino_russia_2035.yaml
RUNS     ?= 10000
OUT      ?= out/sino_russia_2035
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
BUILD    := build/release
ENTENTE  := $(BUILD)/cli/entente
# Catch2 test spec of what make test-tsan runs: every test that runs an ensemble,
# a comparison or a sweep on more than one thread (through TBB), in-process or
# through the CLI. tests/sanitizers/run-ctest.sh turns it into a ctest -R selection.
TSAN_TAGS ?= [ensemble],[compare],[sweep],[determinism]

.PHONY: all deps build run test check test-release test-asan test-tsan bench fuzz clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

run: build
	$(ENTENTE) compare $(SCENARIO) --runs $(RUNS) --seed 20240101 --out $(OUT)
	@echo "entente: results in $(OUT)/ (compare.csv, compare.json, manifest.json, charts/); open $(OUT)/report.html"

# One stage after the other, even under make -j; each stops make test on failure.
test:
	@$(MAKE) --no-print-directory test-release
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory test-tsan

check: test-release

test-release: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Sanitizer builds (CMakePresets.json: clang, -O1 -g1, no benchmarks, no MPI;
# the TSan build compiles only the test files that use a tag of TSAN_TAGS); reports from the tests and from every CLI subprocess land in
# build/<preset>/sanitizer-logs/ and fail the target (tests/sanitizers/README.md).
test-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	tests/sanitizers/run-ctest.sh asan -j $(JOBS)

test-tsan: deps
	@cmake --preset tsan -DENTENTE_TEST_TAGS='$(TSAN_TAGS)' >/dev/null
	@cmake --build --preset tsan -j $(JOBS)
	tests/sanitizers/run-ctest.sh tsan --tags '$(TSAN_TAGS)' -j $(JOBS)

bench: build
	@scripts/bench.sh $(BUILD)

# libFuzzer on the scenario loader and --set (clang; fuzz/README.md):
# FUZZ_SECONDS per target, new inputs merged into tests/fuzz/corpus.
FUZZ_SECONDS ?= 60
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf build out
