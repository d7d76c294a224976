#!/usr/bin/env bash
# Create .venv (Python 3.11+) and install xlresidency into it; with "test", also the test tools and,
# when running as root, LibreOffice Calc and poppler for the render tests and Node.js for the Pyodide test.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "xlresidency needs Python 3.11 or newer")'
# Carlito: the metric twin of Calibri (the workbooks' font), so LibreOffice lays text out as Excel does.
if [ "${1:-}" = "test" ] && { ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null \
    || ! fc-list 2>/dev/null | grep -qi carlito; }; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing LibreOffice Calc, poppler-utils and the Carlito font for the render tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc poppler-utils fonts-crosextra-carlito \
      >/dev/null
  else
    echo "For the render tests install libreoffice-calc, poppler-utils and fonts-crosextra-carlito."
  fi
fi
# Node.js and npm: the xlwings Lite test runs the bundle in real Pyodide under Node (tests/pyodide_lite.py).
if [ "${1:-}" = "test" ] && { ! command -v node >/dev/null || ! command -v npm >/dev/null; }; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Node.js and npm for the xlwings Lite test in real Pyodide..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "For the xlwings Lite test in real Pyodide install nodejs and npm."
  fi
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
if [ "${1:-}" = "test" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
fi
