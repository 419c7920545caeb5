#!/usr/bin/env bash
# Install the Debian packages jixiao needs (LibreOffice for .doc/.wps and PDF output, CJK fonts,
# poppler for PDF checks, chromium for browser tests, the PostgreSQL client) and make sure the local
# PostgreSQL server is running. Idempotent: does nothing when everything is already there.
set -euo pipefail

PACKAGES=(
  libreoffice-writer-nogui   # .doc/.wps import, .docx -> PDF
  libreoffice-calc-nogui     # .et/.xls fallback import
  fonts-noto-cjk             # 宋体/仿宋/黑体 mapped to Noto Serif/Sans CJK SC (render/fonts.conf)
  fonts-wqy-zenhei           # fallback CJK font for charts
  poppler-utils              # pdftoppm, pdftotext, pdffonts in rendering tests
  chromium                   # Playwright end-to-end tests (Debian's /usr/bin/chromium)
  postgresql-client          # psql, for the PostgreSQL test run
  wrk                        # HTTP load generator for bench/web_load_bench.py
  gcc                        # compiles the C scanner of the .docx reader (optional: a pure-Python one remains)
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-system: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The local PostgreSQL server (tests run on SQLite and on PostgreSQL). Start it when it is installed
# but stopped; a machine without a server skips the PostgreSQL run (scripts/test.sh says so).
if command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -q 2>/dev/null; then
  version=$(ls /etc/postgresql 2>/dev/null | head -n 1 || true)
  if [ -n "$version" ]; then
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
fi
