#!/usr/bin/env bash
# Set up with the test tools, then run the quality gates: ruff, mypy on src/, the layers contract (import-linter)
# and the whole pytest suite on every core.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check src tests
.venv/bin/mypy
.venv/bin/lint-imports --no-cache
.venv/bin/python -m pytest -n auto "$@"
