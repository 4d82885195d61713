#!/usr/bin/env bash
# Installs the validators the tests assert with, when any is missing:
# epubcheck (with Java), qpdf and poppler-utils (pdftotext, pdffonts,
# pdfinfo). Debian's epubcheck is a bare jar, run as
# `java -jar /usr/share/java/epubcheck.jar`.
set -euo pipefail

missing=()
[ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null || missing+=(epubcheck)
command -v qpdf >/dev/null || missing+=(qpdf)
for t in pdftotext pdffonts pdfinfo; do
  command -v "$t" >/dev/null || { missing+=(poppler-utils); break; }
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing test tools: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
