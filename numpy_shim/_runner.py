"""``python -m numpy_shim script.py``: run an unmodified NumPy script on the shim.

The script's own ``import numpy`` (and ``from numpy import ...``, ``import numpy.linalg``)
gives a guarded view of numpy_shim; libraries it imports keep real NumPy and receive
shim arrays through ``__array__``/``__array_function__``. A guarded call that fails in
the shim is retried on real NumPy: if NumPy succeeds the call is counted as a fallback
and its result converted back, if NumPy fails too, NumPy's exception is raised.
"""
import builtins
import functools
import os
import runpy
import sys
import types

import numpy_shim
from . import _fallback


def _retry_on_numpy(name, shim_fn, np_fn):
    numpy_fallback = _fallback.wrap_numpy_function(name, np_fn)

    @functools.wraps(shim_fn)
    def guarded(*args, **kwargs):
        try:
            return shim_fn(*args, **kwargs)
        except (numpy_shim.DataDependentError, numpy_shim.FallbackError):
            raise  # NumPy cannot run on traced values either
        except Exception:
            pass
        # outside the except block: if NumPy fails too, its exception is raised alone,
        # not chained to the shim's
        return numpy_fallback(*args, **kwargs)
    return guarded


class GuardedModule(types.ModuleType):
    """numpy_shim (or a submodule) whose functions fall back to NumPy on failure."""

    def __init__(self, shim_mod, np_mod):
        super().__init__(np_mod.__name__, shim_mod.__doc__)
        self._shim = shim_mod
        self._np = np_mod
        self.__file__ = getattr(shim_mod, "__file__", None)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        try:
            obj = getattr(self._shim, name)
        except AttributeError:
            obj = getattr(self._np, name)
        np_obj = getattr(self._np, name, None)
        if isinstance(obj, types.ModuleType):
            obj = GuardedModule(obj, np_obj) if isinstance(np_obj, types.ModuleType) else obj
        elif callable(obj) and not isinstance(obj, type) and callable(np_obj) and obj is not np_obj \
                and not getattr(obj, "__numpy_shim_fallback__", False) \
                and not isinstance(obj, numpy_shim.ufunc):
            obj = _retry_on_numpy(name, obj, np_obj)
        setattr(self, name, obj)
        return obj

    def __dir__(self):
        return sorted(set(dir(self._shim)) | set(dir(self._np)))


_GUARDED = {}


def guarded(modname):
    """The guarded module standing for ``numpy`` or ``numpy.<sub>``."""
    if modname not in _GUARDED:
        np_mod = sys.modules.get(modname) or __import__(modname, fromlist=["_"])
        shim_name = "numpy_shim" + modname[len("numpy"):]
        try:
            shim_mod = __import__(shim_name, fromlist=["_"])
        except ImportError:
            return np_mod
        _GUARDED[modname] = GuardedModule(shim_mod, np_mod)
    return _GUARDED[modname]


def make_import(script_dir, real_import=builtins.__import__):
    """An ``__import__`` that gives numpy_shim to code under ``script_dir`` only."""
    script_dir = os.path.abspath(script_dir)

    def shim_import(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and (name == "numpy" or name.startswith("numpy.")) and _is_user(globals, script_dir):
            real_import(name, globals, locals, fromlist, level)  # keep NumPy's own import side effects
            if fromlist:
                return guarded(name)
            return guarded("numpy")  # submodules come from GuardedModule.__getattr__
        return real_import(name, globals, locals, fromlist, level)
    return shim_import


def _is_user(globals, script_dir):
    if not globals:
        return False
    f = globals.get("__file__")
    if f is None:
        return globals.get("__name__") == "__main__"
    return os.path.abspath(f).startswith(script_dir + os.sep)


def run(argv):
    """Entry point of ``python -m numpy_shim [--report] script.py [args...]``."""
    report = False
    while argv and argv[0].startswith("--"):
        opt = argv.pop(0)
        if opt == "--report":
            report = True
        elif opt in ("-h", "--help"):
            print(__doc__.strip() + "\n\nusage: python -m numpy_shim [--report] script.py [args...]")
            return 0
        else:
            print(f"numpy_shim: unknown option {opt}", file=sys.stderr)
            return 2
    if not argv:
        print("usage: python -m numpy_shim [--report] script.py [args...]", file=sys.stderr)
        return 2
    script = argv[0]
    sys.argv = list(argv)
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    old_import = builtins.__import__
    builtins.__import__ = make_import(os.path.dirname(os.path.abspath(script)), old_import)
    try:
        runpy.run_path(script, run_name="__main__")
    finally:
        builtins.__import__ = old_import
        if report:
            print_report()
    return 0


def print_report(file=None):
    counts = _fallback.report()
    out = file or sys.stderr
    if not counts:
        print("numpy_shim: no fallbacks to real NumPy", file=out)
        return
    print("numpy_shim: fallbacks to real NumPy (calls):", file=out)
    for name, n in counts.items():
        print(f"  {name}: {n}", file=out)
