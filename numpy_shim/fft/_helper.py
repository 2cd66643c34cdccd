"""FFT helpers: fftfreq, rfftfreq, fftshift, ifftshift."""
import numpy as np
import torch

from .._axes import normalize_axis
from .._convert import to_tensor
from .._ndarray import ndarray, _wrap

_INTEGER_TYPES = (int, np.integer)


def _tensor(a):
    return a._t if isinstance(a, ndarray) else to_tensor(a)


def _shift(x, axes, sign):
    t = _tensor(x)
    if t.dim() == 0:
        # NumPy's roll of a 0-d array over no axes fails this way
        raise ValueError("not enough values to unpack (expected 2, got 0)")
    if axes is None:
        axes = tuple(range(t.dim()))
    elif isinstance(axes, _INTEGER_TYPES):
        axes = (axes,)
    axes = tuple(normalize_axis(ax, t.dim()) for ax in axes)
    if not axes:
        return _wrap(t.clone())
    shifts = tuple(sign * (t.shape[ax] // 2) for ax in axes)
    return _wrap(torch.roll(t, shifts, axes))


def fftshift(x, axes=None):
    """Shift the zero-frequency term to the centre of the spectrum."""
    return _shift(x, axes, 1)


def ifftshift(x, axes=None):
    """The inverse of fftshift (they differ for odd lengths)."""
    return _shift(x, axes, -1)


def _device(device):
    if device is None:
        from .._device import default_device
        return default_device()
    return torch.device(device)


def fftfreq(n, d=1.0, device=None):
    """Sample frequencies of an n-point DFT with sample spacing d."""
    if not isinstance(n, _INTEGER_TYPES):
        raise ValueError("n should be an integer")
    val = 1.0 / (n * d)
    n = int(n)
    N = (n - 1) // 2 + 1
    dev = _device(device)
    results = torch.cat([torch.arange(0, N, dtype=torch.int64, device=dev),
                         torch.arange(-(n // 2), 0, dtype=torch.int64, device=dev)])
    return _wrap(results) * val


def rfftfreq(n, d=1.0, device=None):
    """Sample frequencies of rfft's output (non-negative only)."""
    if not isinstance(n, _INTEGER_TYPES):
        raise ValueError("n should be an integer")
    val = 1.0 / (n * d)
    N = int(n) // 2 + 1
    return _wrap(torch.arange(0, N, dtype=torch.int64, device=_device(device))) * val
