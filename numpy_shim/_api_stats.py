"""Order statistics and moments: median, quantile, percentile, average, cov, corrcoef.

Quantiles follow NumPy's methods (the Hyndman & Fan virtual index, ``gamma`` and its
lerp), computed on a stable torch sort, so they are differentiable; the NaN-aware
variants in _api_nanfunctions.py reuse the same core with a per-slice count.
"""
import warnings

import numpy as np
import torch

from . import _scalars
from ._axes import normalize_axes
from ._convert import to_tensor, cast, asarray
from ._dtypes import TORCH_TO_NP, NP_TO_TORCH
from ._ndarray import ndarray, _wrap
from ._api_sorting import sort_tensor, take_along, argsort_tensor

__all__ = ["median", "quantile", "percentile", "average", "cov", "corrcoef"]

_NOVALUE = np._NoValue

# (alpha, beta) of the continuous methods: virtual index n*q + alpha + q*(1-alpha-beta) - 1
_CONTINUOUS = {"interpolated_inverted_cdf": (0.0, 1.0), "hazen": (0.5, 0.5), "weibull": (0.0, 0.0),
               "median_unbiased": (1 / 3.0, 1 / 3.0), "normal_unbiased": (3 / 8.0, 3 / 8.0)}
METHODS = ("inverted_cdf", "averaged_inverted_cdf", "closest_observation", "interpolated_inverted_cdf",
           "hazen", "weibull", "linear", "median_unbiased", "normal_unbiased", "lower", "higher",
           "midpoint", "nearest")
_DISCRETE = ("inverted_cdf", "closest_observation", "lower", "higher", "nearest")


def _dt(t):
    return TORCH_TO_NP[t.dtype]


def move_reduced(t, axis):
    """``t`` with the reduced axes flattened into dim 0; returns (tensor, kept shape for keepdims)."""
    if t.dim() == 0:
        normalize_axes(axis, 0)  # AxisError for any explicit axis
        return t.reshape(1), []
    dims = normalize_axes(axis, t.dim())
    rest = [d for d in range(t.dim()) if d not in dims]
    keep_shape = [1 if d in dims else s for d, s in enumerate(t.shape)]
    moved = t.permute(*dims, *rest)
    n = 1
    for d in dims:
        n *= t.shape[d]
    return moved.reshape((n,) + tuple(t.shape[d] for d in rest)), keep_shape


def _discrete_index(v, cond):
    prev = torch.floor(v)
    res = torch.where(cond(v - prev, v), prev, prev + 1)
    return res.clamp(min=0)


def virtual_index(n, q, method):
    """(index tensor, gamma or None): where quantile ``q`` of ``n`` sorted values lies."""
    nm1q = (n - 1) * q
    if method == "linear":
        return nm1q, None
    if method == "lower":
        return torch.floor(nm1q), "int"
    if method == "higher":
        return torch.ceil(nm1q), "int"
    if method == "nearest":
        return torch.round(nm1q), "int"
    if method == "midpoint":
        return 0.5 * (torch.floor(nm1q) + torch.ceil(nm1q)), "midpoint"
    if method == "inverted_cdf":
        return _discrete_index(n * q - 1, lambda g, i: g == 0), "int"
    if method == "closest_observation":
        return _discrete_index(n * q - 1 - 0.5,
                               lambda g, i: (g == 0) & (torch.remainder(torch.floor(i), 2) == 1)), "int"
    if method == "averaged_inverted_cdf":
        return n * q - 1, "averaged"
    alpha, beta = _CONTINUOUS[method]
    return n * q + (alpha + q * (1 - alpha - beta)) - 1, None


def quantile_sorted(s, n, q, method, res_dt, weak_q):
    """Quantiles ``q`` of the sorted tensor ``s`` (dim 0 reduced, NaNs last, ``n`` valid
    values per slice: an int or a tensor of the slice shape). Result shape q.shape + s.shape[1:].
    """
    rest = tuple(s.shape[1:])
    qs = tuple(q.shape)
    qb = q.reshape(qs + (1,) * len(rest))
    nb = n if not isinstance(n, torch.Tensor) else n.to(q.dtype)
    v, kind = virtual_index(nb, qb, method)
    v = torch.broadcast_to(v, qs + rest)
    top = s.shape[0] - 1

    def take(idx):
        flat = idx.reshape((-1,) + rest)
        g = take_along(s, flat.to(torch.int64), 0) if rest else s[flat.to(torch.int64)]
        return g.reshape(qs + rest)

    nmax = (n - 1) if isinstance(n, torch.Tensor) else torch.tensor(n - 1)
    if kind == "int" or (q.dtype in (torch.int64, torch.int32) and method == "linear"):
        idx = torch.minimum(v, nmax.to(v.dtype)).clamp(min=0)
        return cast(take(idx), NP_TO_TORCH[res_dt])
    prev = torch.floor(v)
    nxt = prev + 1
    last = nmax.to(v.dtype)
    above = v >= last
    prev = torch.where(above, last, prev)
    nxt = torch.where(above, last, nxt)
    below = v < 0
    prev = torch.where(below, torch.zeros_like(prev), prev)
    nxt = torch.where(below, torch.zeros_like(nxt), nxt)
    prev, nxt = prev.clamp(0, top), nxt.clamp(0, top)
    gamma = v - torch.floor(v)
    if kind == "midpoint":
        gamma = torch.where(torch.remainder(v, 1) == 0, torch.zeros_like(gamma), torch.full_like(gamma, 0.5))
    elif kind == "averaged":
        gamma = torch.where(gamma == 0, torch.full_like(gamma, 0.5), torch.ones_like(gamma))
    work = NP_TO_TORCH[res_dt]
    # cast before subtracting: torch has no arithmetic for bool/uint16/32/64 (NumPy would
    # subtract in the input's integer dtype, which only differs when that wraps around)
    a, b = cast(take(prev), work), cast(take(nxt), work)
    diff = b - a
    t = gamma.to(work) if weak_q else gamma
    low = cast(a, work) + cast(diff * t, work)
    high = cast(b, work) - cast(diff * (1 - t), work)
    return torch.where(t >= 0.5, high, low)


def _q_tensor(q, what):
    weak = type(q) in (int, float)
    qa = to_tensor(q)
    if qa.dim() > 2:
        raise ValueError("q must be a scalar or 1d")
    qd = _dt(qa)
    if qd.kind not in "biuf":
        raise TypeError(f"{what} must be real numbers")
    if _scalars.is_plain(qa) and qa.numel() and not bool(((qa >= 0) & (qa <= 1)).all()):
        raise ValueError(f"{what} must be in the range [0, {'1' if what == 'Quantiles' else '100'}]")
    return qa, weak


def _result_dtype(adt, qa, weak, method):
    if method in _DISCRETE or (method == "linear" and _dt(qa).kind in "biu"):
        return adt
    if adt.kind in "biu":
        return np.dtype(np.float64) if weak else np.result_type(np.float64, _dt(qa))
    return adt if weak else np.result_type(adt, _dt(qa))


def quantile_impl(a, qa, weak, axis, out, method, keepdims, nan_aware):
    if method not in METHODS:
        raise ValueError(f"{method!r} is not a valid method. Use one of: {METHODS}")
    t = to_tensor(a)
    adt = _dt(t)
    if adt.kind == "c":
        raise TypeError("a must be an array of real numbers")
    if adt.kind == "b" and method not in _DISCRETE and not (method == "linear" and _dt(qa).kind in "biu"):
        raise TypeError("numpy boolean subtract, the `-` operator, is not supported, use the "
                        "bitwise_xor, the `^` operator, or the logical_xor function instead.")
    s, keep_shape = move_reduced(t, axis)
    res_dt = _result_dtype(adt, qa, weak, method)
    q = qa.to(torch.float64) if qa.dtype is torch.float16 else qa
    if q.dtype in (torch.bool, torch.int8, torch.int16, torch.int32, torch.uint8):
        q = q.to(torch.int64)
    n = s.shape[0]
    s = sort_tensor(s, 0) if n else s
    floating = s.is_floating_point()
    if nan_aware and floating:
        cnt = (~torch.isnan(s)).sum(0)
        all_nan = cnt == 0
        if _scalars.is_plain(cnt) and bool(all_nan.any()):
            warnings.warn("All-NaN slice encountered", RuntimeWarning, stacklevel=4)
        r = quantile_sorted(s, cnt.clamp(min=1), q, method, res_dt, weak)
        r = torch.where(all_nan, torch.tensor(float("nan"), dtype=r.dtype), r)
    else:
        if n == 0:
            raise IndexError("index -1 is out of bounds for axis 0 with size 0")
        r = quantile_sorted(s, n, q, method, res_dt, weak)
        if floating:
            # a NaN anywhere in the slice makes the result NaN (it sorted last)
            r = torch.where(torch.isnan(s[-1]), s[-1].to(r.dtype), r)
    if keepdims:
        r = r.reshape(tuple(q.shape) + tuple(keep_shape))
    return finish(r, out, keepdims)


def _isnan(t):
    return torch.isnan(t.real) | torch.isnan(t.imag) if t.is_complex() else torch.isnan(t)


def finish(r, out, keepdims=False):
    if out is not None:
        from ._write import write
        write(out, torch.broadcast_to(cast(r, out._t.dtype), out._t.shape))
        return out
    return _scalars.result(r) if r.dim() == 0 and not keepdims else _wrap(r)


def _check_weights(t, weights, axis, method):
    """NumPy's checks of quantile weights; returns them broadcastable against ``t``."""
    if method != "inverted_cdf":
        raise ValueError(f"Only method 'inverted_cdf' supports weights. Got: {method}.")
    w = to_tensor(weights)
    if tuple(w.shape) != tuple(t.shape):
        if axis is None:
            raise TypeError("Axis must be specified when shapes of a and weights differ.")
        dims = normalize_axes(axis, t.dim())
        if tuple(w.shape) != tuple(t.shape[d] for d in dims):
            raise ValueError("Shape of weights must be consistent with shape of a along specified axis.")
        order = sorted(range(len(dims)), key=lambda i: dims[i])
        w = w.permute(*order).reshape([t.shape[d] if d in dims else 1 for d in range(t.dim())])
    if w.dtype.is_signed and _scalars.is_plain(w) and bool((w < 0).any()):
        raise ValueError("Weights must be non-negative.")
    return torch.broadcast_to(w, t.shape)


def weighted_quantile(a, qa, axis, out, keepdims, weights, nan_aware=False):
    """inverted_cdf quantiles with weights: the first value whose weighted CDF reaches q.

    NaN-aware: NaNs get weight 0 (the same as NumPy removing them); all-NaN slices give NaN.
    """
    t = to_tensor(a)
    w = _check_weights(t, weights, axis, "inverted_cdf")
    all_nan = None
    if nan_aware and (t.is_floating_point() or t.is_complex()):
        nan = _isnan(t)
        w = torch.where(nan, torch.zeros((), dtype=w.dtype), w)
        all_nan, _ = move_reduced(nan, axis)
        all_nan = all_nan.all(0)
        if _scalars.is_plain(all_nan) and bool(all_nan.any()):
            warnings.warn("All-NaN slice encountered", RuntimeWarning, stacklevel=4)
    s, keep_shape = move_reduced(t, axis)
    ws, _ = move_reduced(w, axis)
    n = s.shape[0]
    order = argsort_tensor(s, 0) if n else torch.zeros_like(s, dtype=torch.int64)
    s = take_along(s, order, 0)
    ws = take_along(ws, order, 0)
    cdf = torch.cumsum(ws.to(torch.float64), 0)
    cdf = cdf / cdf[-1:]
    bad = torch.isnan(cdf[-1]) if all_nan is None else torch.isnan(cdf[-1]) & ~all_nan
    if _scalars.is_plain(cdf) and bool(bad.any()):
        raise ValueError("Weights included NaN, inf or were all zero.")
    q = qa.to(torch.float64) if not qa.is_floating_point() else qa
    cdf = cdf.to(q.dtype)
    cdf = torch.where(cdf == 0, torch.tensor(-1.0, dtype=cdf.dtype), cdf)
    rest = tuple(s.shape[1:])
    qs = tuple(q.shape)
    # batched search: one sorted CDF per slice, the same quantiles for each
    cdf_b = cdf.movedim(0, -1).contiguous()
    qv = torch.broadcast_to(q.reshape(-1), rest + (q.numel(),)).contiguous()
    idx = torch.searchsorted(cdf_b, qv, side="left").clamp(max=n - 1)
    idx = idx.movedim(-1, 0)
    r = take_along(s, idx, 0) if rest else s[idx]
    r = r.reshape(qs + rest)
    if all_nan is not None:
        r = torch.where(all_nan, torch.tensor(float("nan"), dtype=r.dtype), r)
    elif s.is_floating_point():
        r = torch.where(torch.isnan(s[-1]), s[-1], r)
    if keepdims:
        r = r.reshape(qs + tuple(keep_shape))
    # NumPy fills an np.empty result here, so even a 0-d answer is an array
    return finish(r, out, True)


def quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False, *,
             weights=None, interpolation=None):
    """q-th quantile(s) along the axes (NumPy's methods; weights with 'inverted_cdf')."""
    method = interpolation or method
    qa, weak = _q_tensor(q, "Quantiles")
    if weights is not None:
        return weighted_quantile(a, qa, axis, out, keepdims, weights) if method == "inverted_cdf" \
            else _check_weights(to_tensor(a), weights, axis, method)
    return quantile_impl(a, qa, weak, axis, out, method, keepdims, False)


def percentile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False, *,
               weights=None, interpolation=None):
    """q-th percentile(s) along the axes (``q`` in [0, 100])."""
    method = interpolation or method
    qa, weak = pct_to_q(q)
    if weights is not None:
        return weighted_quantile(a, qa, axis, out, keepdims, weights) if method == "inverted_cdf" \
            else _check_weights(to_tensor(a), weights, axis, method)
    return quantile_impl(a, qa, weak, axis, out, method, keepdims, False)


def pct_to_q(q):
    weak = type(q) in (int, float)
    qa = to_tensor(q)
    if _dt(qa).kind == "c":
        raise TypeError("q must be real numbers")
    # NumPy divides by 100 in q's own (float) dtype: true_divide(q, 100)
    qd = np.result_type(_dt(qa), 100) if not weak else np.dtype(np.float64)
    qd = qd if qd.kind == "f" else np.dtype(np.float64)
    qa = cast(qa, NP_TO_TORCH[qd]) / 100
    if _scalars.is_plain(qa) and qa.numel() and not bool(((qa >= 0) & (qa <= 1)).all()):
        raise ValueError("Percentiles must be in the range [0, 100]")
    if qa.dim() > 2:
        raise ValueError("q must be a scalar or 1d")
    return qa, weak


def median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """Median along the axes: the mean of the two middle values for even counts."""
    t = to_tensor(a)
    return median_impl(t, axis, out, keepdims, False)


def median_impl(t, axis, out, keepdims, nan_aware):
    adt = _dt(t)
    s, keep_shape = move_reduced(t, axis)
    n = s.shape[0]
    res_dt = np.dtype(np.float64) if adt.kind in "biu" else adt
    work = torch.float32 if res_dt == np.float16 else NP_TO_TORCH[res_dt]
    rest = tuple(s.shape[1:])
    if n == 0:
        # NumPy takes the mean of the empty slice: both of its warnings
        warnings.warn("Mean of empty slice", RuntimeWarning, stacklevel=4)
        from ._fpe import report
        report("invalid", "scalar divide" if not rest else "divide")
        r = torch.full(rest, float("nan"), dtype=NP_TO_TORCH[res_dt])
    else:
        s = sort_tensor(s, 0)
        if nan_aware and (s.is_floating_point() or s.is_complex()):
            cnt = (~_isnan(s)).sum(0)
            all_nan = cnt == 0
            if _scalars.is_plain(cnt) and bool(all_nan.any()):
                # NumPy warns once per all-NaN slice when reducing along an axis
                times = int(all_nan.sum()) if axis is not None and t.dim() > 1 else 1
                for _ in range(times):
                    warnings.warn("All-NaN slice encountered", RuntimeWarning, stacklevel=4)
            c = cnt.clamp(min=1)
            lo, hi = (c - 1) // 2, c // 2
            a_ = take_along(s, lo.reshape((1,) + rest), 0).reshape(rest)
            b_ = take_along(s, hi.reshape((1,) + rest), 0).reshape(rest)
            r = cast((cast(a_, work) + cast(b_, work)) / 2, NP_TO_TORCH[res_dt])
            r = torch.where(all_nan, torch.tensor(float("nan"), dtype=r.dtype), r)
        else:
            lo, hi = (n - 1) // 2, n // 2
            x = cast(s[lo], work) if lo == hi else (cast(s[lo], work) + cast(s[hi], work)) / 2
            r = cast(x, NP_TO_TORCH[res_dt])
            if s.is_floating_point() or s.is_complex():
                r = torch.where(_isnan(s[-1]), s[-1].to(r.dtype), r)
    if keepdims:
        r = r.reshape(keep_shape)
    return finish(r, out, keepdims)


def average(a, axis=None, weights=None, returned=False, *, keepdims=_NOVALUE):
    """Weighted average along the axes (``returned`` also gives the sum of weights)."""
    from ._reductions import mean
    a = a if isinstance(a, ndarray) else asarray(a)
    t = a._t
    kd = bool(keepdims) if keepdims is not _NOVALUE else False
    dims = normalize_axes(axis, t.dim()) if axis is not None else None
    if weights is None:
        avg = mean(a, axis=dims, keepdims=kd)
        avg_t = to_tensor(avg)
        n_avg = avg_t.numel()
        scl = torch.tensor(t.numel() / n_avg if n_avg else float("nan"), dtype=avg_t.dtype)
        scl = torch.broadcast_to(scl, avg_t.shape)
    else:
        w = to_tensor(weights)
        adt = _dt(t)
        if adt.kind in "biu":
            res_dt = np.result_type(adt, _dt(w), "f8")
        else:
            res_dt = np.result_type(adt, _dt(w))
        if tuple(t.shape) != tuple(w.shape):
            if axis is None:
                raise TypeError("Axis must be specified when shapes of a and weights differ.")
            if tuple(w.shape) != tuple(t.shape[d] for d in dims):
                raise ValueError("Shape of weights must be consistent with shape of a along specified axis.")
            order = sorted(range(len(dims)), key=lambda i: dims[i])
            w = w.permute(*order)
            shape = [t.shape[d] if d in dims else 1 for d in range(t.dim())]
            w = w.reshape(shape)
        work = NP_TO_TORCH[res_dt]
        wt = cast(w, work)
        rd = dims if dims is not None else tuple(range(t.dim()))
        scl_t = torch.broadcast_to(wt, torch.broadcast_shapes(wt.shape, t.shape)).sum(dim=rd, keepdim=kd) \
            if rd else wt
        if _scalars.is_plain(scl_t) and bool((scl_t == 0).any()):
            raise ZeroDivisionError("Weights sum to zero, can't be normalized")
        prod = cast(t, work) * wt
        avg_t = (prod.sum(dim=rd, keepdim=kd) if rd else prod) / scl_t
        scl = scl_t
    if not returned:
        return avg if weights is None else finish(avg_t, None)
    scl = torch.broadcast_to(scl, avg_t.shape).clone() if tuple(scl.shape) != tuple(avg_t.shape) else scl
    return finish(avg_t, None), finish(cast(scl, avg_t.dtype), None)


def cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, *, dtype=None):
    """Covariance matrix of the rows (variables) of ``m`` (and ``y``)."""
    if ddof is not None and ddof != int(ddof):
        raise ValueError("ddof must be integer")
    mt = to_tensor(m)
    if mt.dim() > 2:
        raise ValueError("m has more than 2 dimensions")
    yt = None
    if y is not None:
        yt = to_tensor(y)
        if yt.dim() > 2:
            raise ValueError("y has more than 2 dimensions")
    if dtype is None:
        dt = np.result_type(_dt(mt), np.float64) if yt is None else \
            np.result_type(_dt(mt), _dt(yt), np.float64)
    else:
        from ._dtypes import np_dtype
        dt = np_dtype(dtype)
    work = NP_TO_TORCH[dt]
    X = cast(mt, work)
    m_ndim = X.dim()
    X = X.reshape(1, -1) if X.dim() < 2 else X
    if not rowvar and m_ndim != 1:
        X = X.T
    if X.shape[0] == 0:
        return _wrap(torch.empty(0, 0, dtype=work))
    if yt is not None:
        Y = cast(yt, work)
        Y = Y.reshape(1, -1) if Y.dim() < 2 else Y
        if not rowvar and Y.shape[0] != 1:
            Y = Y.T
        X = torch.cat([X, Y], dim=0)
    if ddof is None:
        ddof = 0 if bias else 1
    w = None
    if fweights is not None:
        f = to_tensor(fweights)
        if f.is_floating_point() and _scalars.is_plain(f) and not bool((f == torch.round(f)).all()):
            raise TypeError("fweights must be integer")
        if f.dim() > 1:
            raise RuntimeError("cannot handle multidimensional fweights")
        if f.shape[0] != X.shape[1]:
            raise RuntimeError("incompatible numbers of samples and fweights")
        if _scalars.is_plain(f) and bool((f < 0).any()):
            raise ValueError("fweights cannot be negative")
        w = f.to(torch.float64)
    if aweights is not None:
        aw = to_tensor(aweights)
        if aw.dim() > 1:
            raise RuntimeError("cannot handle multidimensional aweights")
        if aw.shape[0] != X.shape[1]:
            raise RuntimeError("incompatible numbers of samples and aweights")
        if _scalars.is_plain(aw) and bool((aw < 0).any()):
            raise ValueError("aweights cannot be negative")
        aw = aw.to(torch.float64)
        w = aw if w is None else w * aw
    if w is None:
        avg = X.mean(dim=1)
        w_sum = X.shape[1]
        fact = w_sum - ddof
    else:
        w_sum = w.sum()
        avg = (X * w.to(work)).sum(dim=1) / w_sum.to(work)
        if ddof == 0:
            fact = w_sum
        elif aweights is None:
            fact = w_sum - ddof
        else:
            fact = w_sum - ddof * (w * aw).sum() / w_sum
    if _scalars.is_plain(torch.as_tensor(fact)) and float(fact) <= 0:
        warnings.warn("Degrees of freedom <= 0 for slice", RuntimeWarning, stacklevel=3)
        fact = 0.0
    X = X - avg[:, None]
    X_T = (X * w.to(work)).T if w is not None else X.T
    c = (X @ X_T.conj())
    c = c / (torch.as_tensor(fact).to(c.dtype) if isinstance(fact, torch.Tensor) else
             torch.tensor(float(fact), dtype=c.dtype))
    return _wrap(c.squeeze())


def corrcoef(x, y=None, rowvar=True, bias=_NOVALUE, ddof=_NOVALUE, *, dtype=None):
    """Pearson correlation coefficients (clipped to [-1, 1])."""
    if bias is not _NOVALUE or ddof is not _NOVALUE:
        warnings.warn("bias and ddof have no effect and are deprecated", DeprecationWarning, stacklevel=3)
    c = to_tensor(cov(x, y, rowvar, dtype=dtype))
    if c.dim() == 0:
        return finish(c / c, None)
    d = torch.diagonal(c)
    sd = torch.sqrt(d.real if d.is_complex() else d)
    c = c / sd[:, None]
    c = c / sd[None, :]
    if c.is_complex():
        c = torch.complex(c.real.clamp(-1, 1), c.imag.clamp(-1, 1))
    else:
        c = c.clamp(-1, 1)
    return _wrap(c)


from ._reductions import install_fallbacks  # noqa: E402
install_fallbacks(globals())

from ._subclass import keeps_subclass  # noqa: E402
for _n in ("median", "quantile", "percentile", "average"):
    # NumPy works on asanyarray(a): subclasses stay (median/average reach a 0-d subclass)
    globals()[_n] = keeps_subclass(globals()[_n], scalars=_n in ("median", "average"))
