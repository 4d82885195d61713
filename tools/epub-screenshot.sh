#!/bin/sh
# epub-screenshot.sh: render an EPUB's title page and first chapter to PNG
# with headless Chromium, to look at what a reader would show.
#
# Usage: tools/epub-screenshot.sh BOOK.epub [OUTDIR]
#
# The EPUB is unpacked, as it is, into a temporary folder; the spine is
# read from the package document; the first spine document that is not
# the cover page is taken as the title page and the next one as the first
# chapter. Writes OUTDIR/titlepage.png and OUTDIR/chapter.png
# (OUTDIR defaults to the current folder). Installs chromium with apt-get
# when it is missing.
set -eu

if [ $# -lt 1 ] || [ ! -f "$1" ]; then
	echo "usage: $0 BOOK.epub [OUTDIR]" >&2
	exit 2
fi
epub=$(readlink -f "$1")
out=$(readlink -f "${2:-.}")
mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1; then
	apt-get install -y chromium >/dev/null
fi

tmp=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$tmp" "$profile"' EXIT
unzip -q "$epub" -d "$tmp/book"

# The package document, from META-INF/container.xml.
opf=$(sed -n 's/.*full-path="\([^"]*\)".*/\1/p' "$tmp/book/META-INF/container.xml" | head -n 1)
opfdir=$(dirname "$tmp/book/$opf")

# The spine's documents in reading order.
python3 - "$tmp/book/$opf" >"$tmp/spine" <<'EOF'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = {'o': 'http://www.idpf.org/2007/opf'}
items = {i.get('id'): i.get('href') for i in root.iterfind('.//o:manifest/o:item', ns)}
for r in root.iterfind('.//o:spine/o:itemref', ns):
    print(items[r.get('idref')])
EOF

# The title page is the first document that is not the cover page.
title=""
chapter=""
while read -r href; do
	f="$opfdir/$href"
	if [ -z "$title" ]; then
		grep -q 'epub:type="cover"' "$f" || title=$f
	elif [ -z "$chapter" ]; then
		chapter=$f
	fi
done <"$tmp/spine"
if [ -z "$title" ]; then
	echo "$0: no title page found in the spine" >&2
	exit 1
fi

shot() {
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --no-first-run --user-data-dir="$profile" \
		--screenshot="$2" --window-size=900,1200 "file://$1" >/dev/null 2>&1
	echo "$2"
}
shot "$title" "$out/titlepage.png"
if [ -n "$chapter" ]; then
	shot "$chapter" "$out/chapter.png"
fi
