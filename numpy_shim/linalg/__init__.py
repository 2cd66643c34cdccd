"""numpy_shim.linalg: numpy.linalg over torch.

Names not defined here come from real numpy.linalg through a counted fallback.
"""
import numpy.linalg as _np_linalg

from .._fallback import wrap_numpy_function as _wrap_numpy_function


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    obj = getattr(_np_linalg, name)
    if callable(obj) and not isinstance(obj, type):
        obj = _wrap_numpy_function(f"linalg.{name}", obj)
    globals()[name] = obj
    return obj
