"""Reductions: sum, prod, min/max, any/all, mean, var/std, argmin/argmax, cumsum/cumprod."""
import warnings

import numpy as np
import torch

from . import _scalars
from ._axes import normalize_axes, normalize_axis
from ._convert import to_tensor, cast
from ._dtypes import TORCH_TO_NP, NP_TO_TORCH, np_dtype, torch_dtype
from ._ndarray import ndarray, _wrap
from ._ufunc_table import add, multiply, maximum, minimum, logical_and, logical_or

_NOVALUE = np._NoValue


def _kw(initial, where):
    kw = {}
    if initial is not _NOVALUE:
        kw["initial"] = initial
    if where is not _NOVALUE and where is not True:
        kw["where"] = where
    return kw


def sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NOVALUE, where=_NOVALUE):
    """Sum of array elements over the given axes."""
    return add.reduce(a, axis=axis, dtype=dtype, out=out, keepdims=keepdims, **_kw(initial, where))


def prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NOVALUE, where=_NOVALUE):
    """Product of array elements over the given axes."""
    return multiply.reduce(a, axis=axis, dtype=dtype, out=out, keepdims=keepdims, **_kw(initial, where))


def max(a, axis=None, out=None, keepdims=False, initial=_NOVALUE, where=_NOVALUE):
    """Maximum along the given axes (NaN propagates)."""
    return maximum.reduce(a, axis=axis, out=out, keepdims=keepdims, **_kw(initial, where))


def min(a, axis=None, out=None, keepdims=False, initial=_NOVALUE, where=_NOVALUE):
    """Minimum along the given axes (NaN propagates)."""
    return minimum.reduce(a, axis=axis, out=out, keepdims=keepdims, **_kw(initial, where))


amax = max
amin = min


def all(a, axis=None, out=None, keepdims=False, *, where=_NOVALUE):
    """Whether all elements along the axes are true."""
    t = to_tensor(a)
    return logical_and.reduce(_wrap(t != 0) if t.dtype is not torch.bool else _wrap(t), axis=axis,
                              out=out, keepdims=keepdims, **_kw(_NOVALUE, where))


def any(a, axis=None, out=None, keepdims=False, *, where=_NOVALUE):
    """Whether any element along the axes is true."""
    t = to_tensor(a)
    return logical_or.reduce(_wrap(t != 0) if t.dtype is not torch.bool else _wrap(t), axis=axis,
                             out=out, keepdims=keepdims, **_kw(_NOVALUE, where))


def _mean_dtype(t, dtype):
    if dtype is not None:
        return np_dtype(dtype)
    dt = TORCH_TO_NP[t.dtype]
    if dt.kind in "biu":
        return np.dtype(np.float64)
    return dt


def _count(t, dims):
    n = 1
    for d in dims:
        n *= t.shape[d]
    return n


def _finish(r, out, keepdims):
    if out is not None:
        from ._write import write
        write(out, torch.broadcast_to(cast(r, out._t.dtype), out._t.shape))
        return out
    return _scalars.result(r) if r.dim() == 0 else _wrap(r)


def mean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=_NOVALUE):
    """Arithmetic mean along the given axes (float64 for integer input)."""
    t = to_tensor(a)
    dims = normalize_axes(axis, t.dim())
    dt = _mean_dtype(t, dtype)
    # float16 accumulates in float32, as NumPy does
    work = torch.float32 if dt == np.float16 else torch_dtype(dt)
    x = cast(t, work)
    if where is not _NOVALUE and where is not True:
        m = to_tensor(where, np.dtype(np.bool_))
        x, m = torch.broadcast_tensors(x, m)
        s = torch.where(m, x, torch.zeros((), dtype=x.dtype, device=x.device)).sum(dim=dims, keepdim=keepdims) \
            if dims else x
        n = m.sum(dim=dims, keepdim=keepdims).to(x.dtype) if dims else m.to(x.dtype)
        r = s / n
    else:
        n = _count(t, dims)
        if n == 0:
            warnings.warn("Mean of empty slice.", RuntimeWarning, stacklevel=2)
        if not dims:
            r = x.clone()
        elif len(dims) == t.dim() and not keepdims:
            r = x.sum() / n if n else torch.tensor(float("nan"), dtype=x.dtype, device=x.device)
        else:
            r = x.sum(dim=dims, keepdim=keepdims) / n if n else \
                torch.full(_reduced_shape(t.shape, dims, keepdims), float("nan"), dtype=x.dtype, device=x.device)
    return _finish(cast(r, torch_dtype(dt)), out, keepdims)


def _reduced_shape(shape, dims, keepdims):
    return [1 if d in dims else s for d, s in enumerate(shape)] if keepdims else \
        [s for d, s in enumerate(shape) if d not in dims]


def var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=_NOVALUE, mean=_NOVALUE,
        correction=_NOVALUE):
    """Variance along the given axes (``ddof``/``correction`` as NumPy)."""
    if correction is not _NOVALUE:
        if ddof != 0:
            raise ValueError("ddof and correction can't be provided simultaneously.")
        ddof = correction
    t = to_tensor(a)
    dims = normalize_axes(axis, t.dim())
    dt = _mean_dtype(t, dtype)
    work = torch.float32 if dt == np.float16 else torch_dtype(dt)
    x = cast(t, work)
    n = _count(t, dims)
    if mean is not _NOVALUE:
        mu = cast(to_tensor(mean), work)
    else:
        mu = x.mean(dim=dims, keepdim=True) if dims and n else x
    d = x - mu
    sq = (d.conj() * d).real if d.is_complex() else d * d
    s = sq.sum(dim=dims, keepdim=keepdims) if dims else sq
    dof = n - ddof
    if dof <= 0:
        warnings.warn("Degrees of freedom <= 0 for slice", RuntimeWarning, stacklevel=2)
    r = s / dof if dof != 0 else s / 0.0
    out_dt = np.dtype(dt.char.lower()) if dt.kind == "c" else dt
    if dt.kind == "c":
        out_dt = np.dtype(np.float64 if dt == np.complex128 else np.float32)
    return _finish(cast(r, torch_dtype(out_dt)), out, keepdims)


def std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=_NOVALUE, mean=_NOVALUE,
        correction=_NOVALUE):
    """Standard deviation along the given axes."""
    v = var(a, axis=axis, dtype=dtype, ddof=ddof, keepdims=keepdims, mean=mean, correction=correction)
    r = torch.sqrt(to_tensor(v))
    return _finish(r, out, keepdims)


def _arg_extreme(a, axis, out, keepdims, name, fn):
    t = to_tensor(a)
    if t.numel() == 0:
        raise ValueError(f"attempt to get {name} of an empty sequence")
    if t.dtype is torch.bool:
        t = t.to(torch.uint8)
    elif t.dtype in (torch.uint16, torch.uint32):
        t = t.to(torch.int64)
    elif t.dtype is torch.uint64:
        t = t.view(torch.int64) ^ (-(2 ** 63))
    if t.is_complex():
        raise TypeError(f"{name} of complex arrays is not supported by numpy_shim yet (torch lacks it)")
    if axis is None:
        r = fn(t.reshape(-1), 0)
        if keepdims:
            r = r.reshape((1,) * t.dim())
    else:
        ax = normalize_axis(axis, t.dim())
        if t.dim() == 0:
            r = torch.zeros((), dtype=torch.int64)
        else:
            r = fn(t, ax, keepdim=keepdims)
    return _finish(r, out, keepdims)


def _nan_first(fn):
    # NumPy returns the first NaN's position; torch's argmax/argmin do too for floats.
    return fn


def argmax(a, axis=None, out=None, *, keepdims=False):
    """Indices of the maximum values along an axis (first occurrence)."""
    return _arg_extreme(a, axis, out, keepdims, "argmax", torch.argmax)


def argmin(a, axis=None, out=None, *, keepdims=False):
    """Indices of the minimum values along an axis (first occurrence)."""
    return _arg_extreme(a, axis, out, keepdims, "argmin", torch.argmin)


def _cum(uf, a, axis, dtype, out):
    t = to_tensor(a)
    if axis is None:
        t = t.reshape(-1)
        axis = 0
    return uf.accumulate(_wrap(t), axis=axis, dtype=dtype, out=out)


def cumsum(a, axis=None, dtype=None, out=None):
    """Cumulative sum along an axis (flattened when axis is None)."""
    return _cum(add, a, axis, dtype, out)


def cumprod(a, axis=None, dtype=None, out=None):
    """Cumulative product along an axis (flattened when axis is None)."""
    return _cum(multiply, a, axis, dtype, out)


def ptp(a, axis=None, out=None, keepdims=False):
    """Range of values (maximum - minimum) along an axis."""
    from ._ufunc_table import subtract
    return subtract(max(a, axis=axis, keepdims=keepdims), min(a, axis=axis, keepdims=keepdims),
                    **({"out": out} if out is not None else {}))
