#!/usr/bin/env bash
# Peak memory (RSS) of essayexport on large inputs of several shapes, in
# both formats (issue 15): the bound README states is checked against
# these figures.
#
#   tools/memory.sh [SIZES_MB...]      default: 1 10 40
#
# Shapes: empty (mostly empty lines), paras (blank-line paragraphs),
# bullets (a long bulleted list), longline (one 5 MB-per-MB line of prose).
# Prints one line per run: shape, size, format, seconds, peak RSS and RSS
# per input byte. Needs GNU time (/usr/bin/time, Debian package "time").
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 10 40)
[ -x /usr/bin/time ] || { echo "memory.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/essayexport" ./cmd/essayexport

gen() { # gen SHAPE MB FILE
	python3 - "$1" "$2" "$3" <<'PY'
import sys
shape, mb, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
n = mb << 20
sentence = "The committee met on a wet Tuesday and decided, after a long debate, to plant more trees along the canal. "
with open(path, "w") as f:
    f.write("A Large Essay\n\n")
    if shape == "empty":
        # a paragraph now and then among millions of empty lines
        block = "\n" * 2000 + sentence + "\n"
    elif shape == "paras":
        block = sentence * 3 + "\n\n"
    elif shape == "bullets":
        block = "- " + sentence + "\n"
    elif shape == "longline":
        block = sentence
    written = 0
    while written < n:
        f.write(block)
        written += len(block)
PY
}

printf '%-9s %6s %-5s %9s %11s %9s\n' shape input format seconds "peak RSS" "RSS/byte"
for mb in "${sizes[@]}"; do
	for shape in empty paras bullets longline; do
		in="$work/$shape-$mb.txt"
		gen "$shape" "$mb" "$in"
		bytes=$(stat -c %s "$in")
		for format in epub pdf; do
			/usr/bin/time -o "$work/time" -f '%e %M' "$work/essayexport" "$format" -q --max-size 100MB -o "$work/out.$format" "$in" >/dev/null 2>&1 || true
			read -r secs kb < <(tail -1 "$work/time")
			printf '%-9s %4s MB %-5s %9s %8.1f MB %9.1f\n' "$shape" "$mb" "$format" "$secs" "$(echo "$kb/1024" | bc -l)" "$(echo "$kb*1024/$bytes" | bc -l)"
			rm -f "$work/out.$format"
		done
		rm -f "$in"
	done
done
