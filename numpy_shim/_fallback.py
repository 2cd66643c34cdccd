"""Falling back to real NumPy where torch cannot go, counted and reportable.

Outside transforms a fallback is silent: arguments go to NumPy as NumPy arrays and
numeric results come back as shim arrays. Inside a transform it is a FallbackError
naming the feature, since NumPy cannot see traced values.
"""
import collections
import functools

import numpy as np

from ._errors import FallbackError, DataDependentError

COUNTS = collections.Counter()


class NeedsNumpy(TypeError):
    """Raised inside conversion when data has a dtype torch cannot hold."""

    def __init__(self, array):
        super().__init__(f"dtype {array.dtype} needs real numpy")
        self.array = array


def fallback_array(a, where):
    """A NumPy array of a dtype torch lacks (str, object, datetime...), kept as NumPy."""
    COUNTS[f"{where}:{a.dtype.kind}"] += 1
    return a


def _to_numpy(x):
    from ._ndarray import ndarray
    if isinstance(x, ndarray):
        return x.__array__()
    if isinstance(x, (list, tuple)):
        return type(x)(_to_numpy(v) for v in x) if not hasattr(x, "_fields") else x
    if isinstance(x, dict):
        return {k: _to_numpy(v) for k, v in x.items()}
    return x


def _from_numpy(x):
    from ._convert import asarray
    if isinstance(x, np.ma.MaskedArray):
        return x  # numpy.ma in, numpy.ma out: the mask has no shim counterpart
    if isinstance(x, np.ndarray) and x.dtype.kind in "biufc" and x.dtype.byteorder in "=|":
        return asarray(x)
    if isinstance(x, tuple) and not hasattr(x, "_fields"):
        return tuple(_from_numpy(v) for v in x)
    if isinstance(x, list):
        return [_from_numpy(v) for v in x]
    return x


def wrap_numpy_function(name, fn):
    """``fn`` from real NumPy, taking and giving shim arrays; counted per call."""
    @functools.wraps(fn)
    def fallback(*args, **kwargs):
        COUNTS[name] += 1
        try:
            a = _to_numpy(args)
            k = _to_numpy(kwargs)
        except DataDependentError:
            raise FallbackError(
                f"numpy_shim has no torch implementation of numpy.{name}, and real NumPy cannot "
                "run on arrays being transformed (grad/vmap/compile). Move this call outside the "
                "transformed function, or replace it with numpy_shim functions.") from None
        return _from_numpy(fn(*a, **k))
    fallback.__numpy_shim_fallback__ = True
    return fallback


def report():
    """How often each fallback to real NumPy happened, most frequent first."""
    return dict(COUNTS.most_common())


def reset():
    COUNTS.clear()


def module_getattr(np_module, prefix, namespace):
    """A submodule ``__getattr__``: names it lacks come from ``np_module``, counted, cached."""
    def __getattr__(name):
        if name.startswith("__"):
            raise AttributeError(name)
        obj = getattr(np_module, name)
        if callable(obj) and not isinstance(obj, type):
            obj = wrap_numpy_function(f"{prefix}.{name}", obj)
        namespace[name] = obj
        return obj
    return __getattr__
