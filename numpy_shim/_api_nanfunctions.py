"""NaN-ignoring reductions: nansum, nanprod, nanmean, nanvar, nanstd, nanmax, nanmin,
nanargmax, nanargmin, nancumsum, nancumprod, nanmedian, nanpercentile, nanquantile.

As in NumPy, NaNs are replaced by the operation's neutral value (a ``torch.where``,
so gradients flow to the other elements) and the plain reduction runs; slices with no
valid value give NaN with NumPy's RuntimeWarning. Integer and bool arrays have no NaN
and go straight to the plain reduction.
"""
import warnings

import numpy as np
import torch

from . import _scalars
from . import _reductions as R
from ._axes import normalize_axes
from ._convert import to_tensor
from ._dtypes import TORCH_TO_NP, NP_TO_TORCH
from ._ndarray import _wrap
from ._api_stats import quantile_impl, median_impl, _q_tensor, pct_to_q, finish, weighted_quantile, \
    _check_weights

__all__ = ["nansum", "nanprod", "nanmean", "nanvar", "nanstd", "nanmax", "nanmin", "nanargmax",
           "nanargmin", "nancumsum", "nancumprod", "nanmedian", "nanpercentile", "nanquantile"]

_NOVALUE = np._NoValue


def _nanmask(t):
    if t.is_complex():
        return torch.isnan(t.real) | torch.isnan(t.imag)
    if t.is_floating_point():
        return torch.isnan(t)
    return None


def _replace(a, value):
    """(tensor with NaNs replaced by ``value``, NaN mask or None)."""
    t = to_tensor(a)
    m = _nanmask(t)
    if m is None:
        return t, None
    return torch.where(m, torch.tensor(value, dtype=t.dtype, device=t.device), t), m


def _kw(**kw):
    return {k: v for k, v in kw.items() if v is not _NOVALUE}


def nansum(a, axis=None, dtype=None, out=None, keepdims=_NOVALUE, initial=_NOVALUE, where=_NOVALUE):
    """Sum treating NaNs as zero."""
    t, _ = _replace(a, 0)
    return R.sum(_wrap(t), axis=axis, dtype=dtype, out=out, keepdims=keepdims is True,
                 **_kw(initial=initial, where=where))


def nanprod(a, axis=None, dtype=None, out=None, keepdims=_NOVALUE, initial=_NOVALUE, where=_NOVALUE):
    """Product treating NaNs as one."""
    t, _ = _replace(a, 1)
    return R.prod(_wrap(t), axis=axis, dtype=dtype, out=out, keepdims=keepdims is True,
                  **_kw(initial=initial, where=where))


def nancumsum(a, axis=None, dtype=None, out=None):
    """Cumulative sum treating NaNs as zero."""
    t, _ = _replace(a, 0)
    return R.cumsum(_wrap(t), axis=axis, dtype=dtype, out=out)


def nancumprod(a, axis=None, dtype=None, out=None):
    """Cumulative product treating NaNs as one."""
    t, _ = _replace(a, 1)
    return R.cumprod(_wrap(t), axis=axis, dtype=dtype, out=out)


def _extreme(a, axis, out, keepdims, initial, where, is_max):
    t = to_tensor(a)
    m = _nanmask(t)
    fn = R.max if is_max else R.min
    kw = _kw(initial=initial, where=where)
    if m is None:
        return fn(_wrap(t), axis=axis, out=out, keepdims=keepdims is True, **kw)
    if t.numel() == 0 and "initial" not in kw:
        dims = normalize_axes(axis, t.dim())
        if any(t.shape[d] == 0 for d in dims) or not dims:
            raise ValueError(f"zero-size array to reduction operation {'fmax' if is_max else 'fmin'} "
                             "which has no identity")
    fill = float("-inf") if is_max else float("inf")
    r = fn(_wrap(torch.where(m, torch.tensor(fill, dtype=t.dtype), t)), axis=axis,
           keepdims=keepdims is True, **kw)
    rt = to_tensor(r)
    allnan = R.all(_wrap(m), axis=axis, keepdims=keepdims is True)
    an = to_tensor(allnan)
    if "initial" not in kw:
        if _scalars.is_plain(an) and bool(an.any()):
            warnings.warn("All-NaN slice encountered", RuntimeWarning, stacklevel=4)
        rt = torch.where(an, torch.tensor(float("nan"), dtype=rt.dtype), rt)
    return finish(rt, out)


def nanmax(a, axis=None, out=None, keepdims=_NOVALUE, initial=_NOVALUE, where=_NOVALUE):
    """Maximum ignoring NaNs (NaN with a warning for all-NaN slices)."""
    return _extreme(a, axis, out, keepdims, initial, where, True)


def nanmin(a, axis=None, out=None, keepdims=_NOVALUE, initial=_NOVALUE, where=_NOVALUE):
    """Minimum ignoring NaNs (NaN with a warning for all-NaN slices)."""
    return _extreme(a, axis, out, keepdims, initial, where, False)


def _argextreme(a, axis, out, keepdims, is_max):
    t = to_tensor(a)
    m = _nanmask(t)
    fn = R.argmax if is_max else R.argmin
    if m is None:
        return fn(_wrap(t), axis=axis, out=out, keepdims=keepdims is True)
    if t.numel() and _scalars.is_plain(m):
        allnan = m.all() if axis is None else m.all(dim=axis)
        if bool(allnan.any()):
            raise ValueError("All-NaN slice encountered")
    fill = float("-inf") if is_max else float("inf")
    if t.is_complex():
        fill = complex(fill, fill)
    return fn(_wrap(torch.where(m, torch.tensor(fill, dtype=t.dtype), t)), axis=axis, out=out,
              keepdims=keepdims is True)


def nanargmax(a, axis=None, out=None, *, keepdims=_NOVALUE):
    """Index of the maximum ignoring NaNs; all-NaN slices raise ValueError."""
    return _argextreme(a, axis, out, keepdims, True)


def nanargmin(a, axis=None, out=None, *, keepdims=_NOVALUE):
    """Index of the minimum ignoring NaNs; all-NaN slices raise ValueError."""
    return _argextreme(a, axis, out, keepdims, False)


def _count(m, t, axis, keepdims, where):
    """Number of valid (non-NaN, where-selected) values per slice, as int64."""
    valid = ~m
    if where is not _NOVALUE and where is not True:
        valid = valid & to_tensor(where, np.dtype(np.bool_))
        valid = torch.broadcast_to(valid, t.shape)
    dims = normalize_axes(axis, t.dim())
    return valid.sum(dim=dims, keepdim=keepdims) if dims else valid.to(torch.int64)


def nanmean(a, axis=None, dtype=None, out=None, keepdims=_NOVALUE, *, where=_NOVALUE):
    """Mean ignoring NaNs (NaN with 'Mean of empty slice' when none are left)."""
    t, m = _replace(a, 0)
    kd = keepdims is True
    if m is None:
        return R.mean(_wrap(t), axis=axis, dtype=dtype, out=out, keepdims=kd, **_kw(where=where))
    if dtype is not None and TORCH_TO_NP[t.dtype].kind in "fc" and np.dtype(dtype).kind not in "fc":
        raise TypeError("If a is inexact, then dtype must be inexact")
    if out is not None and out.dtype.kind not in "fc":
        raise TypeError("If a is inexact, then out must be inexact")
    cnt = _count(m, t, axis, kd, where)
    tot = to_tensor(R.sum(_wrap(t), axis=axis, dtype=dtype, keepdims=kd, **_kw(where=where)))
    if _scalars.is_plain(cnt) and bool((cnt == 0).any()):
        warnings.warn("Mean of empty slice", RuntimeWarning, stacklevel=3)
    r = tot / cnt.to(tot.dtype if not tot.is_complex() else tot.real.dtype)
    return finish(r.to(tot.dtype), out)


def nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=_NOVALUE, *, where=_NOVALUE,
           mean=_NOVALUE, correction=_NOVALUE):
    """Variance ignoring NaNs."""
    if correction is not _NOVALUE:
        if ddof != 0:
            raise ValueError("ddof and correction can't be provided simultaneously.")
        ddof = correction
    t, m = _replace(a, 0)
    kd = keepdims is True
    if m is None:
        return R.var(_wrap(t), axis=axis, dtype=dtype, out=out, ddof=ddof, keepdims=kd,
                     **_kw(where=where, mean=mean))
    if dtype is not None and np.dtype(dtype).kind not in "fc":
        raise TypeError("If a is inexact, then dtype must be inexact")
    if out is not None and out.dtype.kind not in "fc":
        raise TypeError("If a is inexact, then out must be inexact")
    dims = normalize_axes(axis, t.dim())
    work = NP_TO_TORCH[np.dtype(dtype)] if dtype is not None else t.dtype
    acc = torch.float32 if work is torch.float16 else work
    x = t.to(acc)
    valid = ~m
    if where is not _NOVALUE and where is not True:
        valid = valid & to_tensor(where, np.dtype(np.bool_))
    valid = torch.broadcast_to(valid, x.shape)
    cnt = valid.sum(dim=dims, keepdim=True) if dims else valid.to(torch.int64)
    if mean is not _NOVALUE:
        avg = to_tensor(mean).to(acc)
    else:
        s = torch.where(valid, x, torch.zeros((), dtype=acc)).sum(dim=dims, keepdim=True) if dims else x
        avg = s / cnt.to(s.dtype if not s.is_complex() else s.real.dtype)
    d = torch.where(valid, x - avg, torch.zeros((), dtype=acc))
    sq = (d * d.conj()).real if d.is_complex() else d * d
    v = sq.sum(dim=dims, keepdim=kd) if dims else sq
    n = cnt if kd or not dims else cnt.reshape(v.shape)
    dof = n - ddof
    if _scalars.is_plain(dof) and bool((dof <= 0).any()):
        warnings.warn("Degrees of freedom <= 0 for slice.", RuntimeWarning, stacklevel=3)
    r = v / dof.to(v.dtype)
    r = torch.where(dof <= 0, torch.tensor(float("nan"), dtype=r.dtype), r)
    odt = work if not torch.empty((), dtype=work).is_complex() else torch.empty((), dtype=work).real.dtype
    return finish(r.to(odt), out)


def nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=_NOVALUE, *, where=_NOVALUE,
           mean=_NOVALUE, correction=_NOVALUE):
    """Standard deviation ignoring NaNs."""
    if out is not None and out.dtype.kind not in "fc" and TORCH_TO_NP[to_tensor(a).dtype].kind in "fc":
        raise TypeError("If a is inexact, then out must be inexact")
    v = nanvar(a, axis=axis, dtype=dtype, ddof=ddof, keepdims=keepdims, where=where, mean=mean,
               correction=correction)
    return finish(torch.sqrt(to_tensor(v)), out)


def _weighted(a, qa, axis, out, keepdims, weights, method):
    if method != "inverted_cdf":
        return _check_weights(to_tensor(a), weights, axis, method)  # raises NumPy's ValueError
    return weighted_quantile(a, qa, axis, out, keepdims is True, weights, nan_aware=True)


def _empty_nan_stat(a, axis, out, keepdims):
    """NumPy answers nanmedian/nanquantile of an empty array with nanmean (q's shape is dropped)."""
    return nanmean(a, axis, out=out, keepdims=keepdims)


def nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=_NOVALUE):
    """Median ignoring NaNs."""
    if to_tensor(a).numel() == 0:
        return _empty_nan_stat(a, axis, out, keepdims)
    return median_impl(to_tensor(a), axis, out, keepdims is True, True)


def nanquantile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=_NOVALUE,
                *, weights=None, interpolation=None):
    """Quantiles ignoring NaNs."""
    qa, weak = _q_tensor(q, "Quantiles")
    if weights is not None:
        return _weighted(a, qa, axis, out, keepdims, weights, interpolation or method)
    if to_tensor(a).numel() == 0:
        return _empty_nan_stat(a, axis, out, keepdims)
    return quantile_impl(a, qa, weak, axis, out, interpolation or method, keepdims is True, True)


def nanpercentile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=_NOVALUE,
                  *, weights=None, interpolation=None):
    """Percentiles ignoring NaNs."""
    qa, weak = pct_to_q(q)
    if weights is not None:
        return _weighted(a, qa, axis, out, keepdims, weights, interpolation or method)
    if to_tensor(a).numel() == 0:
        return _empty_nan_stat(a, axis, out, keepdims)
    return quantile_impl(a, qa, weak, axis, out, interpolation or method, keepdims is True, True)


from ._reductions import install_fallbacks  # noqa: E402
install_fallbacks(globals())

from ._subclass import keeps_subclass  # noqa: E402
# NumPy works on asanyarray(a): subclasses stay; reductions reach a 0-d subclass through
# the subclass's own method (argmax-type and quantile results stay scalars)
_SCALAR_SUB = {"nansum", "nanprod", "nanmean", "nanvar", "nanstd", "nanmax", "nanmin", "nanmedian"}
for _n in __all__:
    globals()[_n] = keeps_subclass(globals()[_n], scalars=_n in _SCALAR_SUB)
