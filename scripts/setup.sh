#!/usr/bin/env bash
# Create .venv (Python 3.11+) and install xlresidency into it; with "test", also the test tools and,
# when running as root, LibreOffice Calc and poppler for the render tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "xlresidency needs Python 3.11 or newer")'
if [ "${1:-}" = "test" ] && { ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; }; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing LibreOffice Calc and poppler-utils for the render tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc poppler-utils >/dev/null
  else
    echo "LibreOffice (soffice) or pdftoppm is missing: install libreoffice-calc and poppler-utils for the render tests."
  fi
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
if [ "${1:-}" = "test" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
fi
