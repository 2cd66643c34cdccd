"""``python -m numpy_shim [--report] script.py [args...]``: run a NumPy script on the shim."""
import sys

from ._runner import run

sys.exit(run(sys.argv[1:]))
