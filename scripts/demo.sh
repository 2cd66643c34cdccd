#!/usr/bin/env bash
# Install numpy_shim into a virtualenv and run the demo of the three ways in.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${NUMPY_SHIM_VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q -e .
"$VENV/bin/python" examples/demo.py
