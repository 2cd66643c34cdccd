#!/usr/bin/env bash
# Install numpy_shim with its test extras into a virtualenv and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${NUMPY_SHIM_VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q -e ".[test]"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
set +e
"$VENV/bin/python" -m pytest -p no:cacheprovider "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$rc"
