"""Window functions: bartlett, blackman, hamming, hanning, kaiser.

NumPy's formulas, computed in float64 with the shim's own operations (so the windows
live on the default device and ``kaiser`` is differentiable in ``beta``). ``M`` is a
length, read on the host as NumPy reads it (``np.array([0.0, M])`` decides the dtype).
"""
import numpy as np
import torch

from ._convert import to_tensor
from ._ndarray import ndarray, _wrap

__all__ = ["bartlett", "blackman", "hamming", "hanning", "kaiser"]

# float128/complex256 where the platform has them: dtypes torch lacks
_LONG = {d for d in (np.dtype(np.longdouble), np.dtype(np.clongdouble)) if d.itemsize > 16
         or d.kind == "f" and d.itemsize > 8}


def _length(M):
    """``M`` as NumPy's windows read it: a float64 (complex128) scalar, never an array."""
    if isinstance(M, ndarray):
        M = M.__array__()
    values = np.array([0.0, M])
    return values.dtype, values[1]


def _special(dt, M, name):
    """The ``M < 1`` (empty) and ``M == 1`` (one) windows, NumPy's own window for a
    longdouble ``M`` (torch has no such dtype; kept as a NumPy array), or None."""
    if dt in _LONG:
        return getattr(np, name)(M)
    from ._creation import ones
    from ._convert import array
    if M < 1:
        return array([], dtype=dt)
    if M == 1:
        return ones(1, dtype=dt)
    return None


def _centered(M):
    """NumPy's ``arange(1 - M, M, 2)``."""
    from ._creation import arange
    return arange(1 - M, M, 2)


def _cosine_window(M, name, coeffs):
    """``sum(c_k * cos(k * pi * n / (M - 1)))`` over centered n: NumPy's cosine windows."""
    dt, M = _length(M)
    w = _special(dt, M, name)
    if w is not None:
        return w
    from ._ufunc_table import cos
    n = _centered(M)
    w = coeffs[0]
    for k, c in enumerate(coeffs[1:], start=1):
        w = w + c * cos(k * np.pi * n / (M - 1))
    return w


def bartlett(M):
    """The Bartlett (triangular) window of length ``M``."""
    dt, M = _length(M)
    w = _special(dt, M, "bartlett")
    if w is not None:
        return w
    import numpy_shim as snp
    n = _centered(M)
    return snp.where(snp.less_equal(n, 0), 1 + n / (M - 1), 1 - n / (M - 1))


def blackman(M):
    """The Blackman window of length ``M``."""
    return _cosine_window(M, "blackman", (0.42, 0.5, 0.08))


def hamming(M):
    """The Hamming window of length ``M``."""
    return _cosine_window(M, "hamming", (0.54, 0.46))


def hanning(M):
    """The Hann window of length ``M``."""
    return _cosine_window(M, "hanning", (0.5, 0.5))


def kaiser(M, beta):
    """The Kaiser window of length ``M`` and shape ``beta`` (torch.special.i0).

    ``beta`` may be a shim array, traced included: the window is differentiable in it.
    """
    from ._creation import ones, arange
    if isinstance(beta, ndarray):
        if beta.dtype.kind == "c":
            raise TypeError("i0 not supported for complex values")
        dt, M = _length(M)
        b = to_tensor(beta).to(torch.float64)
    else:
        values = np.array([0.0, M, beta])
        dt, M, b = values.dtype, values[1], values[2]
    if dt in _LONG:
        return np.kaiser(M, b)
    if M == 1:
        return ones(1, dtype=dt)
    if dt.kind == "c":
        raise TypeError("i0 not supported for complex values")
    n = arange(0, M)
    alpha = (M - 1) / 2.0
    arg = torch.sqrt(1 - ((n._t.to(torch.float64) - alpha) / alpha) ** 2.0)
    if not isinstance(b, torch.Tensor):
        b = torch.tensor(float(b), dtype=torch.float64, device=arg.device)
    return _wrap(torch.special.i0(b * arg) / torch.special.i0(b))
