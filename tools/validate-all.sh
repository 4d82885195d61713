#!/usr/bin/env bash
# Converts every sample, the seed and the corpus (../shared, where it
# exists) to EPUB and PDF, with and without --watermark, and prints the
# epubcheck and qpdf verdict for each: the full check behind issue 5's
# "all 0/0". Slower than the test suite's subset (one JVM per EPUB).
#
#   bash tools/validate-all.sh
set -uo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
go build -o "$work/essayexport" ./cmd/essayexport
ins=(samples/*.txt)
[ -d ../shared ] && ins+=(../shared/seeds/essay-bank-preview.txt ../shared/corpus/*.txt)
bad=0; n=0
for wm in "" "PREVIEW"; do
  for in in "${ins[@]}"; do
    base=$(basename "$in" .txt)
    for fmt in epub pdf; do
      out="$work/$base${wm:+-wm}.$fmt"
      "$work/essayexport" "$fmt" -q ${wm:+--watermark "$wm"} -o "$out" "$in" || { echo "FAIL convert $in"; bad=$((bad+1)); continue; }
      n=$((n+1))
      if [ "$fmt" = epub ]; then
        verdict=$(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar /usr/share/java/epubcheck.jar "$out" 2>&1 | grep '^Messages:')
        [[ "$verdict" == *"0 fatals / 0 errors / 0 warnings"* ]] || bad=$((bad+1))
      else
        verdict=$(qpdf --check "$out" 2>&1 | grep -o "No syntax or stream encoding errors found" || echo "qpdf: ERRORS")
        [[ "$verdict" == *"No syntax or stream encoding errors"* ]] || bad=$((bad+1))
      fi
      printf '%-48s %-4s %-9s %s\n' "$base" "$fmt" "${wm:-plain}" "$verdict"
    done
  done
done
echo "$n outputs checked, $bad bad"
[ "$bad" -eq 0 ]
