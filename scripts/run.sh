#!/usr/bin/env bash
# Install jixiao and run its main job on the embedded default: the web application on SQLite with
# demo data (our own example projects). Prints the address and the demo accounts.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-system.sh
scripts/install.sh
exec .venv/bin/jixiao serve --demo "$@"
