"""numpy_shim.random: numpy.random over torch.

Names not defined here come from real numpy.random through a counted fallback.
"""
import numpy.random as _np_random

from .._fallback import wrap_numpy_function as _wrap_numpy_function


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    obj = getattr(_np_random, name)
    if callable(obj) and not isinstance(obj, type):
        obj = _wrap_numpy_function(f"random.{name}", obj)
    globals()[name] = obj
    return obj
