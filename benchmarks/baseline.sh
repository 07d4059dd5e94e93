#!/usr/bin/env bash
# Save a baseline of the benchmark suite, to compare later runs against:
#
#   benchmarks/baseline.sh [NAME]      # → benchmarks/baselines/YYYY-MM-DD-NAME.txt
#   go tool benchstat benchmarks/baselines/2026-11-21-10k.txt new.txt
#
# NAME defaults to "10k", or "large" with SKILLRANK_BENCH_LARGE=1 (10k, 100k
# and 1M profiles; prebuild those caches with
# `go run ./benchmarks/cmd/benchcache build -n 100000,1000000`).
# BENCH (regexp, default ".") and COUNT (default 6) are passed to go test.
# Run it on a quiet machine: the file records the load average per run.
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
name=${1:-}
if [ -z "$name" ]; then
	if [ "${SKILLRANK_BENCH_LARGE:-}" = 1 ]; then name=large; else name=10k; fi
fi
file="benchmarks/baselines/$(date -u +%Y-%m-%d)-$name.txt"
mkdir -p benchmarks/baselines
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{
	# Comment lines, not "key: value" configuration lines: benchstat would
	# put results of files with different configuration in different tables.
	echo "# revision $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!benchmarks' || echo ' with uncommitted changes')"
	echo "# machine $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go env GOVERSION)"
	echo "# load average before $(cut -d' ' -f1-3 /proc/loadavg)"
	go test ./benchmarks -run '^$' -bench "${BENCH:-.}" -benchmem -count "${COUNT:-6}" -timeout 0
	echo "# load average after $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$tmp"
grep -q '^Benchmark' "$tmp" || { echo "baseline.sh: no benchmark results" >&2; exit 1; }
cp "$tmp" "$file"
echo "saved $file" >&2
