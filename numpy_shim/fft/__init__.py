"""numpy_shim.fft: numpy.fft over torch.

Names not defined here come from real numpy.fft through a counted fallback.
"""
import numpy.fft as _np_fft

from .._fallback import wrap_numpy_function as _wrap_numpy_function


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    obj = getattr(_np_fft, name)
    if callable(obj) and not isinstance(obj, type):
        obj = _wrap_numpy_function(f"fft.{name}", obj)
    globals()[name] = obj
    return obj
