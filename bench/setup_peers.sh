#!/usr/bin/env bash
# Installs the peers of bench/peers.sh (benchmarks only; grappe never needs them):
# - Debian 12 packages: scripts/install-deps.sh --bench (R, r-cran-dbscan, r-cran-data.table,
#   python3-networkx and dbmss's dependencies: spatstat, Rcpp, ggplot2…);
# - R packages that Debian 12 lacks or ships too old, built from their public repositories at a
#   pinned tag or commit: future 1.33.2 (Debian has 1.31; doFuture needs ≥ 1.32, and later
#   future needs parallelly ≥ 1.38 where Debian has 1.34), doFuture 1.0.1, dbmss 2.11-0.
# Usage: bench/setup_peers.sh [MIRRORS]   MIRRORS: a folder of git mirrors named owner+name/repo
#   (used instead of cloning from GitHub when present). Safe to run twice. Needs root for apt.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mirrors="${1:-}"
"$root/scripts/install-deps.sh" --bench

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# install_from_git OWNER/NAME REV PACKAGE MIN_VERSION
install_from_git() {
  local repo="$1" rev="$2" package="$3" min="$4"
  if Rscript -e "quit(status = !(requireNamespace('$package', quietly = TRUE) &&
                 packageVersion('$package') >= '$min'))" >/dev/null 2>&1; then
    echo "setup_peers: $package ≥ $min already installed"
    return
  fi
  local git_dir="$mirrors/${repo/\//+}/repo"
  if [[ -z "$mirrors" || ! -d "$git_dir" ]]; then
    git clone --quiet --bare "https://github.com/$repo.git" "$work/$package.git"
    git_dir="$work/$package.git"
  fi
  mkdir -p "$work/$package"
  git --git-dir="$git_dir" archive "$rev" | tar -x -C "$work/$package"
  echo "setup_peers: installing $package from $repo at $rev"
  R CMD INSTALL --no-docs --no-html "$work/$package" >"$work/$package.log" 2>&1 || {
    tail -20 "$work/$package.log" >&2
    exit 1
  }
}

install_from_git HenrikBengtsson/future 1.33.2 future 1.32
install_from_git HenrikBengtsson/doFuture 1.0.1 doFuture 1.0.1
install_from_git EricMarcon/dbmss 519af3e dbmss 2.11
Rscript -e 'suppressMessages(library(dbmss)); cat("setup_peers: dbmss", as.character(packageVersion("dbmss")), "ready\n")'
