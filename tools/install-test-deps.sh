#!/usr/bin/env bash
# Installs the validators the tests assert with, when any is missing:
#   apt: epubcheck (with Java), qpdf, poppler-utils (pdftotext, pdffonts,
#        pdfinfo), mupdf-tools (mutool), ghostscript (gs), chromium, and
#        nodejs/npm for Ace, man-db (the man page test renders with
#        man -l), python3 (the corpus score runs score-corpus.py);
#   npm: Ace by DAISY (@daisy/ace) into $ACE_DIR (default /opt/ace), the
#        folder internal/testutil runs it from.
# Debian's epubcheck is a bare jar, run as
# `java -jar /usr/share/java/epubcheck.jar`. Ace's `ace` command needs an
# Electron download that fails offline, so it is installed without any
# browser download and the tests run its `ace-puppeteer` entry with
# PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium.
#
# Installing needs root (or sudo) and network access; with everything
# present it does nothing and needs neither.
set -euo pipefail

ACE_DIR=${ACE_DIR:-/opt/ace}
ace_bin="$ACE_DIR/node_modules/.bin/ace-puppeteer"

missing=()
[ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null || missing+=(epubcheck)
command -v qpdf >/dev/null || missing+=(qpdf)
for t in pdftotext pdffonts pdfinfo; do
  command -v "$t" >/dev/null || { missing+=(poppler-utils); break; }
done
command -v mutool >/dev/null || missing+=(mupdf-tools)
command -v gs >/dev/null || missing+=(ghostscript)
command -v man >/dev/null || missing+=(man-db)
command -v python3 >/dev/null || missing+=(python3)
[ -x /usr/bin/chromium ] || missing+=(chromium)
need_ace=0
[ -x "$ace_bin" ] || need_ace=1
if [ "$need_ace" -eq 1 ]; then
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
fi
[ ${#missing[@]} -eq 0 ] && [ "$need_ace" -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    what="${missing[*]}"
    [ "$need_ace" -eq 1 ] && what="$what @daisy/ace"
    echo "install-test-deps: installing $what needs root (or sudo); run as root" >&2
    exit 1
  fi
  sudo=sudo
fi

start=$(date +%s)
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-test-deps: apt-get install ${missing[*]} (needs root; usually 1-3 minutes, chromium is the largest)" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ "$need_ace" -eq 1 ]; then
  echo "install-test-deps: npm install @daisy/ace into $ACE_DIR (needs root for $ACE_DIR; usually about 1 minute)" >&2
  $sudo mkdir -p "$ACE_DIR"
  # No browser downloads: the tests use Debian's chromium.
  (cd "$ACE_DIR" && $sudo env PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
    npm install --no-audit --no-fund --loglevel=error @daisy/ace >/dev/null)
  [ -x "$ace_bin" ] || { echo "install-test-deps: $ace_bin is still missing after npm install" >&2; exit 1; }
fi
echo "install-test-deps: done in $(( $(date +%s) - start )) s" >&2
