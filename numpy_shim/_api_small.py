"""Small top-level names: astype, ndim, shape, size, asarray_chkfinite, poly, polydiv,
binary_repr, base_repr, the long/ulong types, flatiter, and NumPy's own host utilities
and modules (info, show_config, show_runtime, get_include, testing, dtypes, typing).

The utilities and modules are NumPy's: they touch no array data (or only Python ints, as
binary_repr/base_repr do), so there is nothing for torch to run.
"""
import math
import operator

import numpy as np
import numpy.dtypes  # noqa: F401  (NumPy's submodules, served as the shim's)
import numpy.testing  # noqa: F401
import numpy.typing  # noqa: F401

from ._convert import asarray
from ._device import check_device
from ._flatiter import flatiter
from ._ndarray import ndarray, _wrap

__all__ = ["astype", "ndim", "shape", "size", "asarray_chkfinite", "poly", "polydiv",
           "binary_repr", "base_repr", "long", "ulong", "flatiter", "info", "show_config",
           "show_runtime", "get_include", "testing", "dtypes", "typing", "emath", "lib"]

long = np.long
ulong = np.ulong
info = np.info
show_config = np.show_config
show_runtime = np.show_runtime
get_include = np.get_include
testing = np.testing
dtypes = np.dtypes
typing = np.typing


def astype(x, dtype, /, *, copy=True, device=None):
    """``x`` cast to ``dtype`` (Array API); ``device`` may move it."""
    if not (isinstance(x, (ndarray, np.ndarray)) or np.isscalar(x)):
        raise TypeError(f"Input should be a NumPy array or scalar. It is a {type(x)} instead.")
    dev = check_device(device)
    if isinstance(x, np.ndarray):
        if dev is not None and dev.type != "cpu":
            x = asarray(x)
        elif x.dtype.kind not in "biufc" or np.dtype(dtype).kind not in "biufc":
            return x.astype(dtype, copy=copy)
        else:
            x = asarray(x)
    elif not isinstance(x, ndarray):
        return x.astype(dtype, copy=copy) if dev is None or dev.type == "cpu" else \
            asarray(x, device=dev).astype(dtype, copy=copy)
    res = x.astype(dtype, copy=copy)
    if dev is not None and isinstance(res, ndarray) and res._t.device != dev:
        res = _wrap(res._t.to(dev))
    return res


def ndim(a):
    """The number of dimensions of ``a``."""
    try:
        return a.ndim
    except AttributeError:
        return asarray(a).ndim


def shape(a):
    """The shape of ``a``."""
    try:
        return a.shape
    except AttributeError:
        return asarray(a).shape


def size(a, axis=None):
    """The number of elements of ``a`` (along ``axis``, an int or a tuple of ints)."""
    if axis is None:
        try:
            return a.size
        except AttributeError:
            return asarray(a).size
    shp = shape(a)
    axis = np.lib.array_utils.normalize_axis_tuple(axis, len(shp), allow_duplicate=False)
    return math.prod(shp[ax] for ax in axis)


def asarray_chkfinite(a, dtype=None, order=None):
    """``asarray``, raising ValueError when a float/complex array holds inf or NaN."""
    from ._ufunc_table import isfinite
    a = asarray(a, dtype=dtype, order=order)
    if a.dtype.char in np.typecodes["AllFloat"] and not isfinite(a).all():
        raise ValueError("array must not contain infs or NaNs")
    return a


def poly(seq_of_zeros):
    """The coefficients of the monic polynomial with the given roots (or a square matrix's
    characteristic polynomial)."""
    import numpy_shim as snp
    seq_of_zeros = snp.atleast_1d(seq_of_zeros)
    sh = seq_of_zeros.shape
    if len(sh) == 2 and sh[0] == sh[1] and sh[0] != 0:
        seq_of_zeros = snp.linalg.eigvals(seq_of_zeros)
    elif len(sh) == 1:
        seq_of_zeros = seq_of_zeros.astype(np.mintypecode(seq_of_zeros.dtype.char))
    else:
        raise ValueError("input must be 1d or non-empty square 2d array.")
    if len(seq_of_zeros) == 0:
        return 1.0
    dt = seq_of_zeros.dtype
    a = snp.ones((1,), dtype=dt)
    for zero in seq_of_zeros:
        a = snp.convolve(a, snp.stack([snp.ones((), dtype=dt), -zero]).astype(dt), mode="full")
    if a.dtype.kind == "c":
        # complex roots in conjugate pairs give a real polynomial
        roots = snp.asarray(seq_of_zeros, complex)
        if snp.all(snp.sort_complex(roots) == snp.sort_complex(roots.conjugate())):
            a = a.real.copy()
    return a


def polydiv(u, v):
    """Quotient and remainder of polynomial division (coefficients highest power first)."""
    import numpy_shim as snp
    truepoly = isinstance(u, snp.poly1d) or isinstance(v, snp.poly1d)
    u = snp.atleast_1d(u) + 0.0
    v = snp.atleast_1d(v) + 0.0
    w = u[0] + v[0]  # the common type
    m = len(u) - 1
    n = len(v) - 1
    scale = 1. / v[0]
    q = snp.zeros((max(m - n + 1, 1),), w.dtype)
    r = u.astype(w.dtype)
    for k in range(m - n + 1):
        d = scale * r[k]
        q[k] = d
        r[k:k + n + 1] -= d * v
    while snp.allclose(r[0], 0, rtol=1e-14) and (r.shape[-1] > 1):
        r = r[1:]
    if truepoly:
        return snp.poly1d(q), snp.poly1d(r)
    return q, r


def _int(num):
    return operator.index(num) if isinstance(num, ndarray) else num


def binary_repr(num, width=None):
    """The binary string of the integer ``num`` (two's complement with ``width``)."""
    return np.binary_repr(_int(num), width)


def base_repr(number, base=2, padding=0):
    """The string of the integer ``number`` in ``base``."""
    return np.base_repr(_int(number), base, padding)


from . import emath, lib  # noqa: E402  (submodules, imported with the namespace)
