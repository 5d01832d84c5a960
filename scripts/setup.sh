#!/usr/bin/env bash
# Installs what yusuan needs on a fresh Debian machine. Idempotent: it installs only
# what is missing, so the run and test commands can call it every time.
set -euo pipefail

# System packages the build and the documents need: CJK fonts for the PDF.
packages=(pkg-config fonts-noto-cjk fonts-wqy-microhei)
# With --test, also the tests' independent readers of what we write: poppler
# (pdftotext, pdffonts) for our PDFs, LibreOffice Calc (headless) for our workbooks;
# PostgreSQL for the store's second backend; Chromium for the browser test (driven by
# playwright-core from npm, which needs Node.js); Python's venv for the dataset tests'
# readers (DuckDB and Frictionless from PyPI, which scripts/test.sh installs into it).
if [ "${1:-}" = "--test" ]; then
  packages+=(poppler-utils libreoffice-calc-nogui postgresql chromium python3 python3-venv)
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "setup: cargo not found (install Rust with rustup)" >&2; exit 1; }
