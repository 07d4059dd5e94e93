#!/usr/bin/env bash
# Compare the benchmark suite between two revisions with benchstat.
#
#   benchmarks/compare.sh [OLD [NEW]]
#
# OLD defaults to HEAD~1; NEW defaults to the working tree (uncommitted
# changes included). Each revision other than the working tree is checked
# out with `git worktree add` into a temporary directory. By default the
# suite of the working tree (benchmarks/) is run against both revisions, so
# old code is measured by the same benchmarks; SUITE=own runs each
# revision's own benchmarks/ instead.
#
# Environment:
#   BENCH   benchmark regexp (default "."; e.g. 'Rank|Bleve')
#   COUNT   runs per benchmark (default 6; benchstat wants 6 or more)
#   BENCHTIME  go test -benchtime (default: go's 1s)
#   OUT     directory for old.txt and new.txt (default: a new temporary one)
#   SKILLRANK_BENCH_LARGE=1  include 100k and 1M profiles
#
# The two binaries run alternately, one count at a time (old, new, old,
# new, …), so a change in machine load affects both sides alike.
set -euo pipefail

root=$(git rev-parse --show-toplevel)
cd "$root"
old=${1:-HEAD~1}
new=${2:-}
count=${COUNT:-6}
bench=${BENCH:-.}
out=${OUT:-$(mktemp -d -t skillrank-compare.XXXXXX)}
mkdir -p "$out"
tmp=$(mktemp -d -t skillrank-worktrees.XXXXXX)

cleanup() {
	for d in "$tmp/old" "$tmp/new"; do
		if [ -d "$d" ]; then git worktree remove --force "$d" >/dev/null 2>&1 || true; fi
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

checkout() { # REV DIR
	git worktree add --quiet --detach "$2" "$1"
	if [ "${SUITE:-new}" != own ]; then
		rm -rf "$2/benchmarks"
		mkdir -p "$2/benchmarks"
		# The working tree's suite, without the saved baselines.
		(cd "$root/benchmarks" && tar --exclude=./baselines -cf - .) | (cd "$2/benchmarks" && tar -xf -)
	fi
}

checkout "$old" "$tmp/old"
old_dir=$tmp/old
old_name=$(git rev-parse --short "$old")
if [ -n "$new" ]; then
	checkout "$new" "$tmp/new"
	new_dir=$tmp/new
	new_name=$(git rev-parse --short "$new")
else
	new_dir=$root
	new_name="working tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!benchmarks' || echo ' with uncommitted changes'))"
fi

echo "old: $old_name  new: $new_name  bench: $bench  count: $count  out: $out" >&2
for side in old new; do
	dir_var=${side}_dir
	(cd "${!dir_var}" && go test -c -o "$tmp/$side.test" ./benchmarks) || {
		echo "compare.sh: the suite does not build against the $side revision (SUITE=own runs its own suite)" >&2
		exit 1
	}
done

args=(-test.run '^$' -test.bench "$bench" -test.benchmem -test.count 1 -test.timeout 0)
if [ -n "${BENCHTIME:-}" ]; then args+=(-test.benchtime "$BENCHTIME"); fi
: >"$out/old.txt"
: >"$out/new.txt"
for i in $(seq "$count"); do
	echo "run $i/$count (load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'))" >&2
	for side in old new; do
		dir_var=${side}_dir
		name_var=${side}_name
		{
			# A comment, not a "revision:" configuration line, which would
			# make benchstat put old and new in separate tables.
			[ "$i" = 1 ] && echo "# revision ${!name_var}"
			# Each binary runs in its own tree, so its cache key hashes its own sources.
			(cd "${!dir_var}/benchmarks" && "$tmp/$side.test" "${args[@]}")
		} | if [ "$i" = 1 ]; then cat; else grep -v '^\(goos\|goarch\|pkg\|cpu\):'; fi >>"$out/$side.txt"
	done
done

go tool benchstat "$out/old.txt" "$out/new.txt"
echo "raw results: $out/old.txt $out/new.txt" >&2
