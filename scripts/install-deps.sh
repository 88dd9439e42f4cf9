#!/usr/bin/env bash
# Installs everything grappe needs to build, run and test, from Debian 12 packages only.
# Safe to run twice. Usage: scripts/install-deps.sh [--test]   (--test adds test-only tools)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

build_packages=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates
  libcli11-dev libfmt-dev libspdlog-dev nlohmann-json3-dev
  libsqlite3-dev libpq-dev libcpp-httplib-dev libmicrohttpd-dev libsodium-dev libcurl4-gnutls-dev
  libtbb-dev libproj-dev proj-data libgdal-dev
  libstemmer-dev libfast-float-dev zlib1g-dev libarchive-dev
  mythes-fr wordnet-base
  openmpi-bin libopenmpi-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-dev pybind11-dev python3-numpy
)
test_packages=(
  clang libclang-rt-14-dev clang-format clang-tidy
  postgresql chromium curl sqlite3 nginx
  python3 python3-networkx
)
# Peers of the benchmarks under bench/ (not needed by the tests): scripts/install-deps.sh --bench
# (bench/setup_peers.sh then builds future ≥ 1.32, doFuture and dbmss from source on these.)
bench_packages=(
  r-base-core r-base-dev r-cran-dbscan r-cran-data.table python3-pandas wrk hyperfine time bc
  r-cran-rcpp r-cran-rcppparallel r-cran-spatstat.explore r-cran-spatstat.geom r-cran-spatstat.random
  r-cran-spatstat.utils r-cran-cubature r-cran-progressr r-cran-reshape2 r-cran-rlang r-cran-tibble
  r-cran-ggplot2 r-cran-foreach r-cran-iterators r-cran-future.apply r-cran-globals r-cran-listenv
  r-cran-parallelly r-cran-digest
)

wanted=("${build_packages[@]}")
case "${1:-}" in
  --test) wanted+=("${test_packages[@]}") ;;
  --bench) wanted+=("${test_packages[@]}" "${bench_packages[@]}") ;;
esac
# Node.js: keep the one the machine has (it may come from another repository, whose nodejs
# conflicts with Debian's npm); otherwise Debian's nodejs and npm.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then wanted+=(nodejs npm); fi

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
