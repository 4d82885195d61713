#!/bin/sh
# inspect-html-screenshot.sh: render `essayexport inspect --html` for an
# essay to PNG with headless Chromium, and check the page: it must be one
# self-contained file (no external resource), show every source line, and
# carry the colour legend; the PNG is for a person to look at.
#
# Usage: tools/inspect-html-screenshot.sh ESSAY.txt [OUT.png]
#
# Writes OUT.png (default inspect.png) and OUT.html beside it. Installs
# chromium with apt-get when it is missing. Exits 1 when a check fails.
set -eu

if [ $# -lt 1 ] || [ ! -f "$1" ]; then
	echo "usage: $0 ESSAY.txt [OUT.png]" >&2
	exit 2
fi
essay=$(readlink -f "$1")
png=$(readlink -f "${2:-inspect.png}")
html="${png%.png}.html"
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
	apt-get install -y chromium >/dev/null
fi

go run ./cmd/essayexport inspect --html "$essay" >"$html"

# Self-contained: no script, no link to a style sheet, image or font.
if grep -Eq '<script|<link|src=|url\(' "$html"; then
	echo "FAIL: $html refers to something outside itself" >&2
	exit 1
fi
# Every source line is a row, and the legend is there.
lines=$(awk 'END { print NR }' "$essay")
rows=$(grep -c '<td class="n">' "$html" || true)
if [ "$rows" -lt "$lines" ]; then
	echo "FAIL: $html shows $rows lines, the essay has $lines" >&2
	exit 1
fi
grep -q 'class="legend"' "$html" || { echo "FAIL: no legend in $html" >&2; exit 1; }

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --no-first-run --user-data-dir="$profile" \
	--screenshot="$png" --window-size=1200,1600 "file://$html" >/dev/null 2>&1
if [ ! -s "$png" ]; then
	echo "FAIL: chromium wrote no screenshot" >&2
	exit 1
fi
echo "$png ($rows lines marked; look at it)"
