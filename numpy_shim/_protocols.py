"""NumPy's dispatch protocols: real numpy functions called on shim arrays run the shim's."""
import numpy as np

from ._ndarray import ndarray
from . import _fallback


def _shim_module():
    import numpy_shim
    return numpy_shim


def _lookup(func):
    """The shim function standing for numpy function ``func``, or None."""
    mod = _shim_module()
    name = func.__name__
    modname = getattr(func, "__module__", "numpy") or "numpy"
    for part in modname.split(".")[1:]:
        if part.startswith("_"):
            continue
        mod = getattr(mod, part, None)
        if mod is None:
            return None
    target = getattr(mod, name, None)
    if target is None or target is func or getattr(target, "__numpy_shim_fallback__", False):
        return None
    return target


def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
    from ._ufunc_table import BY_NAME
    shim = BY_NAME.get(ufunc.__name__)
    if shim is None:
        return _fallback.wrap_numpy_function(f"{ufunc.__name__}.{method}", getattr(ufunc, method))(*inputs, **kwargs)
    out = kwargs.get("out")
    if out is not None and any(not isinstance(o, ndarray) for o in (out if isinstance(out, tuple) else (out,))
                               if o is not None):
        return NotImplemented
    fn = shim if method == "__call__" else getattr(shim, method)
    return fn(*inputs, **kwargs)


def __array_function__(self, func, types, args, kwargs):
    target = _lookup(func)
    if target is None:
        return _fallback.wrap_numpy_function(func.__name__, func)(*args, **kwargs)
    return target(*args, **kwargs)


ndarray.__array_ufunc__ = __array_ufunc__
ndarray.__array_function__ = __array_function__
