"""Make a function written against real ``numpy`` run on numpy_shim.

Public helper (also used by ``_compile.py``)::

    redirect_numpy(fn, live=True) -> fn2

Both forms have plain-dict globals, which torch.compile's Dynamo can trace. Live
(the default): one translated dict per module, re-synced at each call. ``live=False``:
an independent snapshot. Dynamo caches compiled code by code object, so compile one
form per function, not both.

``fn2`` is ``fn`` rebuilt (same code, defaults, closure layout) so that while it
runs, its module-level names that are the ``numpy`` module, a NumPy submodule
(``numpy.linalg``, ``numpy.fft``, ``numpy.random``) or a function imported from
NumPy (``from numpy import sin``) resolve to numpy_shim's; functions of the same
module that it calls are rebuilt the same way (recursively, lazily at lookup
time), as are the user's functions from other modules that it names (not those of
the standard library or installed packages), also when reached as attributes of
the user's own modules (``import mylib; mylib.f(x)``); closure cells holding any
of these are swapped, and ``import numpy``
inside the function body imports numpy_shim. Anything else (a callable object,
a builtin, a method) is returned unchanged.

The rebuilt function's globals are a plain dict kept in step with the module's:
each ``redirect_numpy`` call re-translates the names whose value changed (so later
assignments and functions defined after decoration are seen at the next call).
Known differences: a ``global x; x = ...`` assignment inside ``fn2`` lands in the
redirected namespace, not in the module; classes and their methods
are not rebuilt (their NumPy calls on shim arrays are routed by NumPy's
``__array_ufunc__``/``__array_function__`` protocols instead).
"""
import builtins
import sysconfig
import types

import numpy

__all__ = ["redirect_numpy"]

_FunctionType = types.FunctionType


def _shim():
    import numpy_shim
    return numpy_shim


def translate(value):
    """numpy_shim's counterpart of one NumPy object, or ``value`` itself."""
    if isinstance(value, types.ModuleType):
        name = value.__name__
        if name == "numpy":
            return _shim()
        if name.startswith("numpy."):
            shim = _shim()
            for part in name.split(".")[1:]:
                shim = getattr(shim, part, None) if not part.startswith("_") else None
                if shim is None:
                    return value
            return shim
        return _user_module(value)
    if type(value) is _FunctionType:
        return redirect_numpy(value) if _is_user_code(value) else value
    mod = getattr(value, "__module__", None)
    if not mod or not (mod == "numpy" or mod.startswith("numpy.")):
        return value
    if isinstance(value, type):
        return value  # dtypes and scalar types are NumPy's own objects in the shim
    if isinstance(value, (_FunctionType, types.BuiltinFunctionType, numpy.ufunc)) or callable(value):
        from numpy_shim._protocols import _lookup
        try:
            target = _lookup(value)
        except Exception:  # an object whose name the shim cannot look up
            target = None
        return value if target is None else target
    return value


class _ModuleView(types.ModuleType):
    """A user's module seen through ``translate`` (``import mylib; mylib.f(x)``)."""

    def __init__(self, mod):
        super().__init__(mod.__name__, mod.__doc__)
        object.__setattr__(self, "_mod", mod)

    def __getattr__(self, name):
        return translate(getattr(object.__getattribute__(self, "_mod"), name))

    def __setattr__(self, name, value):
        setattr(object.__getattribute__(self, "_mod"), name, value)


_MODULE_VIEWS = {}


def _user_module(mod):
    filename = getattr(mod, "__file__", None)
    if not filename or filename.startswith(_LIB_DIRS) or mod.__name__.startswith(("numpy_shim", "torch")):
        return mod
    view = _MODULE_VIEWS.get(mod.__name__)
    if view is None or object.__getattribute__(view, "_mod") is not mod:
        view = _MODULE_VIEWS[mod.__name__] = _ModuleView(mod)
    return view


class _Namespace:
    """A module's translated globals: a plain dict kept in step with the module's."""

    __slots__ = ("orig", "g", "seen", "syncing")

    def __init__(self, orig):
        self.orig = orig
        # The interpreter takes builtins from here: copy them with an __import__ that
        # answers ``import numpy`` with numpy_shim.
        self.g = {"__builtins__": _BUILTINS}
        self.seen = {}  # name -> the module's value that g[name] was translated from
        self.syncing = False

    def sync(self):
        """Re-translate the names whose value changed in the module since the last call.

        A plain dict (not a dict subclass with __missing__) so that torch.compile's
        Dynamo, which reads a frame's globals as a dict, can trace the function.
        """
        if self.syncing:
            return
        self.syncing = True
        try:
            orig, g, seen = self.orig, self.g, self.seen
            for k, v in list(orig.items()):
                if k == "__builtins__" or (k in seen and seen[k] is v):
                    continue
                seen[k] = v
                if type(v) is _FunctionType and v.__globals__ is orig:
                    g[k] = _rebuild(v, g) if _is_user_code(v) else v
                else:
                    g[k] = translate(v)
            if len(seen) > len(orig) - ("__builtins__" in orig):
                for k in [k for k in seen if k not in orig]:
                    del seen[k]
                    g.pop(k, None)
        finally:
            self.syncing = False


# id(module globals) -> its _Namespace (which holds the module's dict, keeping the id valid)
_GLOBALS = {}


def _redirected_globals(orig):
    ns = _GLOBALS.get(id(orig))
    if ns is None or ns.orig is not orig:
        ns = _GLOBALS[id(orig)] = _Namespace(orig)
    ns.sync()
    return ns.g


def _import(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 0 and (name == "numpy" or name.startswith("numpy.")):
        mod = builtins.__import__(name, globals, locals, fromlist, level)
        if fromlist:
            return translate(mod)
        return _shim()
    return builtins.__import__(name, globals, locals, fromlist, level)


_BUILTINS = dict(builtins.__dict__)
_BUILTINS["__import__"] = _import


def _cell_value(cell):
    try:
        return cell.cell_contents
    except ValueError:  # an empty cell (variable not assigned yet)
        return cell


_BUILDING = {}  # function -> its rebuilt version, while its closure is being translated


def _needs_new_cell(v):
    return type(v) is _FunctionType or translate(v) is not v


def _rebuild(fn, g, memo=None):
    closure = fn.__closure__
    cells = None
    if closure:
        # Cells whose value changes get new cells, filled after the function exists so
        # that a recursive inner function gets the rebuilt one; the others are shared,
        # so ``nonlocal`` writes still reach the enclosing function.
        cells = tuple(types.CellType() if _needs_new_cell(_cell_value(c)) else c for c in closure)
    new = _FunctionType(fn.__code__, g, fn.__name__, fn.__defaults__, cells)
    new.__kwdefaults__ = fn.__kwdefaults__
    new.__dict__.update(fn.__dict__)
    new.__qualname__ = fn.__qualname__
    new.__doc__ = fn.__doc__
    new.__module__ = fn.__module__
    new.__wrapped_numpy__ = fn
    if closure:
        _BUILDING[fn] = new
        try:
            for old_cell, cell in zip(closure, cells):
                if cell is old_cell:
                    continue
                v = _cell_value(old_cell)
                if type(v) is _FunctionType:
                    v = _BUILDING.get(v) or (redirect_numpy(v) if memo is None else _static(v, memo))
                else:
                    v = translate(v) if memo is None else _static(v, memo)
                cell.cell_contents = v
        finally:
            del _BUILDING[fn]
    return new


_LIB_DIRS = tuple({p for p in (sysconfig.get_paths().get(k) for k in ("stdlib", "platstdlib", "purelib", "platlib")) if p})


def _is_user_code(fn):
    """A function of the user's own (not the standard library's or an installed package's)."""
    filename = fn.__code__.co_filename
    return not filename.startswith(_LIB_DIRS) and not filename.startswith("<frozen")


def redirect_numpy(fn, live=True):
    """``fn`` with its NumPy references resolved to numpy_shim (see the module docstring).

    ``live=False`` gives a snapshot instead: plain dict globals, copied and translated
    now (later module assignments are not seen). torch.compile needs this form: Dynamo
    reads a frame's globals as a plain dict.
    """
    if not live:
        return _static(fn, {})
    if type(fn) is not _FunctionType:
        if isinstance(fn, types.MethodType) and type(fn.__func__) is _FunctionType:
            return types.MethodType(redirect_numpy(fn.__func__), fn.__self__)
        return fn
    if getattr(fn, "__wrapped_numpy__", None) is not None:
        return fn  # already redirected
    mod = fn.__globals__.get("__name__", "")
    if mod == "numpy_shim" or mod.startswith(("numpy_shim.", "numpy.", "torch")) or mod == "numpy" \
            or not _is_user_code(fn):
        return fn  # library code is not rewritten
    return _rebuild(fn, _redirected_globals(fn.__globals__))


# -- snapshot mode (live=False) ---------------------------------------------------

def _static(value, memo):
    """``translate`` for snapshots: user functions are rebuilt over snapshot globals."""
    if type(value) is _FunctionType:
        if getattr(value, "__wrapped_numpy__", None) is not None:
            value = value.__wrapped_numpy__
        if not _is_user_code(value) or value.__globals__.get("__name__", "").startswith("numpy_shim"):
            return value
        g = _snapshot_globals(value.__globals__, memo)
        if value.__globals__.get(value.__name__) is value and g.get(value.__name__) is not value:
            return g[value.__name__]  # the module's own function, already rebuilt there
        return _rebuild(value, g, memo)
    if isinstance(value, types.MethodType) and type(value.__func__) is _FunctionType:
        return types.MethodType(_static(value.__func__, memo), value.__self__)
    if isinstance(value, types.ModuleType) and not value.__name__.startswith("numpy"):
        return value  # user modules stay as they are in a snapshot
    return translate(value)


def _snapshot_globals(orig, memo):
    g = memo.get(id(orig))
    if g is not None:
        return g
    g = {}
    memo[id(orig)] = g
    own = []
    for k, v in orig.items():
        if type(v) is _FunctionType and v.__globals__ is orig:
            g[k] = v
            own.append(k)
        elif k != "__builtins__":
            g[k] = _static(v, memo)
    g["__builtins__"] = _BUILTINS
    for k in own:
        if _is_user_code(orig[k]):
            g[k] = _rebuild(orig[k], g, memo)
    return g
