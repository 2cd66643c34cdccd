"""numpy_shim.fft: numpy.fft over torch.fft (NumPy 2's dtypes and argument rules).

Names not defined here come from real numpy.fft through a counted fallback.
"""
import numpy.fft as _np_fft

from .._fallback import module_getattr as _module_getattr, wrap_numpy_function as _wrap_numpy_function
from ._transforms import (fft, ifft, fft2, ifft2, fftn, ifftn, rfft, irfft, rfft2,  # noqa: F401
                          irfft2, rfftn, irfftn, hfft, ihfft)
from ._helper import fftfreq, rfftfreq, fftshift, ifftshift  # noqa: F401

__all__ = list(_np_fft.__all__)


def _with_fallback(name):
    """Data torch cannot hold (longdouble, object) goes to real numpy.fft, counted."""
    import functools
    from .._fallback import NeedsNumpy
    fn = globals()[name]

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except NeedsNumpy:
            return _wrap_numpy_function(f"fft.{name}", getattr(_np_fft, name))(*args, **kwargs)
    wrapper.__module__ = __name__
    return wrapper


for _name in __all__:
    globals()[_name] = _with_fallback(_name)


__getattr__ = _module_getattr(_np_fft, "fft", globals())
