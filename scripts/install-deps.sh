#!/usr/bin/env bash
# Install exactly the Debian packages entente's build, tests and benchmarks need
# that are not already present. Idempotent: a second run installs nothing and
# does not touch the network.
set -euo pipefail

packages=(
  build-essential cmake make pkg-config git
  libboost-program-options-dev libboost-dev   # CLI parsing, Boost.Random
  libyaml-cpp-dev                             # scenario files
  libtbb-dev                                  # parallel ensemble
  catch2                                      # unit tests (Debian ships v2)
  libbenchmark-dev                            # micro-benchmarks
  nlohmann-json3-dev                          # JSON outputs
  libsqlite3-dev                              # result databases
  libcpp-httplib-dev                          # HTTP server of entente play serve
  gnuplot-nox                                 # charts (PNG via cairo, SVG) for reports
  openmpi-bin libopenmpi-dev                  # mpirun: run/compare/sweep over ranks (docs/cluster.md)
  pybind11-dev python3-dev                    # the Python module (python/, docs/python.md)
  python3-pytest python3-pandas python3-numpy # its tests
  clang libclang-rt-dev                       # sanitizer builds (make test-asan, make test-tsan) and fuzzing
  nodejs chromium                             # the browser test of entente play serve (tests/browser/)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
