#!/usr/bin/env bash
# Batch benchmark: makes N essays from the bundled samples (the seed's
# essay-bank layout and the other layouts the corpus has), then times the
# batch modes and reports essays per second and peak RSS (/usr/bin/time -v).
# When pandoc or calibre's ebook-convert are installed, it runs them on the
# same inputs in the same run and prints the ratio.
#
#   bash tools/bench.sh [N]        (default N=1000; the pack uses N/2)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
PACK=$((N / 2))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
go build -o "$work/essayexport" ./cmd/essayexport
bin="$work/essayexport"

# N inputs, cycling through the samples (each layout the parser knows,
# the seed's essay-bank layout among them).
mkdir -p "$work/in"
mapfile -t samples < <(ls samples/*.txt)
for ((i = 0; i < N; i++)); do
  s=${samples[$((i % ${#samples[@]}))]}
  cp "$s" "$work/in/essay$(printf %05d "$i").txt"
done
ls "$work/in" | sed -n "1,${PACK}p" | sed "s#^#$work/in/#" >"$work/pack.list"
sync # let the inputs' writeback finish before anything is timed
echo "inputs: $N essays cycling through ${#samples[@]} samples ($(du -sh "$work/in" | cut -f1)); $(nproc) CPUs"

calc() { awk "BEGIN { print $* }"; }

# measure LABEL COUNT CMD...: wall time, essays/s and peak RSS of one command.
measure() {
  local label=$1 count=$2; shift 2
  local start end secs rss
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>"$work/err.txt" || { cat "$work/err.txt" >&2; echo "$label: FAILED" >&2; return 1; }
  end=$(date +%s.%N)
  secs=$(calc "$end - $start")
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$work/time.txt")
  printf '%-34s %6d essays %8.3f s %9.1f essays/s   peak RSS %6.1f MB\n' "$label" "$count" "$secs" "$(calc "$count / $secs")" "$(calc "$rss / 1024")"
  echo "$secs" >"$work/last"
}

sync; measure "essayexport epub (batch)" "$N" "$bin" epub -q -d "$work/epub" "$work/in"; ours_epub=$(cat "$work/last")
sync; measure "essayexport pdf (batch)" "$N" "$bin" pdf -q -d "$work/pdf" "$work/in"; ours_pdf=$(cat "$work/last")
measure "essayexport pdf --pack" "$PACK" "$bin" pdf -q --pack -o "$work/pack.pdf" --files-from "$work/pack.list"
measure "essayexport epub --pack" "$PACK" "$bin" epub -q --pack -o "$work/pack.epub" --files-from "$work/pack.list"

# One essay, process start included: the mean of 20 runs.
one=samples/essay-bank-preview.txt
start=$(date +%s.%N)
for _ in $(seq 20); do "$bin" pdf -q -o "$work/one.pdf" "$one"; done
end=$(date +%s.%N)
printf '%-34s %6d essay  %8.1f ms per run (mean of 20, process start included)\n' "essayexport pdf (one essay)" 1 "$(calc "($end - $start) * 50")"

sync
if command -v pandoc >/dev/null; then
  measure "pandoc epub (2 processes)" "$N" bash -c "ls '$work/in'/*.txt | xargs -P 2 -I{} pandoc -f markdown -o {}.epub {}"
  printf '  essayexport epub is %.1fx faster than pandoc\n' "$(calc "$(cat "$work/last") / $ours_epub")"
else
  echo "pandoc: not installed, no comparison"
fi
if command -v ebook-convert >/dev/null; then
  small=$((N < 50 ? N : 50))
  ls "$work/in"/*.txt | sed -n "1,${small}p" >"$work/small.list"
  measure "calibre ebook-convert epub" "$small" bash -c "xargs -P 2 -I{} ebook-convert {} {}.epub <'$work/small.list'"
  printf '  per essay: calibre %.1f ms, essayexport %.2f ms\n' "$(calc "$(cat "$work/last") * 1000 / $small")" "$(calc "$ours_epub * 1000 / $N")"
else
  echo "ebook-convert: not installed, no comparison"
fi
