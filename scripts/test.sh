#!/usr/bin/env bash
# Set up with the test tools, then run the quality gates: ruff, mypy on src/, and the whole pytest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check src tests
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
