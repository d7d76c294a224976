#!/usr/bin/env bash
# Set up, then write the fictional demo season and regenerate it: xlresidency-demo.xlsx in this folder.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/xlresidency demo --force "${1:-xlresidency-demo.xlsx}"
