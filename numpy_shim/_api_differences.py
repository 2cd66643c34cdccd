"""Differences, integrals and sequences: diff, ediff1d, gradient, trapezoid, interp,
cumulative_sum/prod, cross, convolve, correlate, unwrap.

Dtypes follow NumPy because the arithmetic goes through the shim's ufuncs (NumPy's loop
selection); the data path is torch ops only, so these are differentiable.
"""
import math
import warnings

import numpy as np
import torch

from . import _scalars
from ._axes import normalize_axis
from ._convert import to_tensor, cast, asarray
from ._dtypes import NP_TO_TORCH
from ._ndarray import ndarray, _wrap
from . import _ufunc_table as U
from ._api_math import _res, _dt, _store

__all__ = ["diff", "ediff1d", "gradient", "trapezoid", "interp", "cumulative_sum", "cumulative_prod",
           "cross", "convolve", "correlate", "unwrap"]

_NOVALUE = np._NoValue


# -- differences and integrals ---------------------------------------------
def _concat(parts, axis):
    """Concatenate tensors with NumPy's promotion of their dtypes."""
    dt = np.result_type(*[_dt(p) for p in parts])
    try:
        return torch.cat([cast(p, NP_TO_TORCH[dt]) for p in parts], dim=axis)
    except RuntimeError:
        raise ValueError("all the input array dimensions except for the concatenation axis must "
                         "match exactly") from None


def diff(a, n=1, axis=-1, prepend=_NOVALUE, append=_NOVALUE):
    """n-th discrete difference along an axis (bool uses not_equal, as NumPy)."""
    if n == 0:
        return a
    if n < 0:
        raise ValueError("order must be non-negative but got " + repr(n))
    t = to_tensor(a)
    if t.dim() == 0:
        raise ValueError("diff requires input that is at least one dimensional")
    axis = normalize_axis(axis, t.dim())
    parts = []
    for extra in (prepend,):
        if extra is not _NOVALUE:
            parts.append(_edge(extra, t, axis))
    parts.append(t)
    if append is not _NOVALUE:
        parts.append(_edge(append, t, axis))
    if len(parts) > 1:
        t = _concat(parts, axis)
    r = _wrap(t)
    op = U.not_equal if t.dtype is torch.bool else U.subtract
    for _ in range(n):
        m = r._t.shape[axis]
        k = builtin_max(m - 1, 0)
        r = op(_wrap(r._t.narrow(axis, m - k, k)), _wrap(r._t.narrow(axis, 0, k)))
        if not isinstance(r, ndarray):
            r = asarray(r)
    return r


builtin_max = max


def _edge(v, t, axis):
    e = to_tensor(v)
    if e.dim() == 0:
        shape = list(t.shape)
        shape[axis] = 1
        e = torch.broadcast_to(e, shape)
    return e


def ediff1d(ary, to_end=None, to_begin=None):
    """Differences between consecutive elements of the flattened array."""
    t = to_tensor(ary).reshape(-1)
    dt = _dt(t)
    parts = []
    for extra in (to_begin, to_end):
        if extra is None:
            parts.append(None)
            continue
        e = to_tensor(extra)
        if not np.can_cast(_dt(e), dt, casting="same_kind"):
            which = "to_begin" if extra is to_begin else "to_end"
            raise TypeError(f"dtype of `{which}` must be compatible with input `ary` under the "
                            "`same_kind` rule.")
        parts.append(cast(e.reshape(-1), t.dtype))
    d = to_tensor(U.subtract(_wrap(t[1:]), _wrap(t[:-1]))) if t.dtype is not torch.bool else t[1:] != t[:-1]
    d = cast(d, t.dtype)
    seq = [p for p in (parts[0], d, parts[1]) if p is not None]
    return _wrap(torch.cat(seq) if len(seq) > 1 else d)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    """Integrate along an axis with the composite trapezoidal rule."""
    y = y if isinstance(y, ndarray) else asarray(y)
    axis = normalize_axis(axis, y.ndim)
    if x is None:
        d = dx
    else:
        x = x if isinstance(x, ndarray) else asarray(x)
        if x.ndim == 1:
            d = diff(x)
            shape = [1] * y.ndim
            shape[axis] = d.shape[0]
            d = d.reshape(shape)
        else:
            d = diff(x, axis=axis)
    n = y.shape[axis]
    t = y._t
    y1 = _wrap(t.narrow(axis, n - builtin_max(n - 1, 0), builtin_max(n - 1, 0)))
    y0 = _wrap(t.narrow(axis, 0, builtin_max(n - 1, 0)))
    from ._reductions import sum as _sum
    return _sum(d * U.add(y1, y0) / 2.0, axis=axis)


def gradient(f, *varargs, axis=None, edge_order=1):
    """Second-order central differences inside, first/second order at the edges."""
    f = f if isinstance(f, ndarray) else asarray(f)
    t = f._t
    N = t.dim()
    if axis is None:
        axes = tuple(range(N))
    else:
        from ._axes import normalize_axes
        axes = normalize_axes(axis, N)
    len_axes = len(axes)
    n = len(varargs)
    if n == 0:
        dx = [1.0] * len_axes
    elif n == 1 and np.ndim(varargs[0]) == 0 and not (isinstance(varargs[0], ndarray) and varargs[0].ndim):
        dx = [varargs[0]] * len_axes
    elif n == len_axes:
        dx = list(varargs)
        for i, distances in enumerate(dx):
            d = to_tensor(distances)
            if d.dim() == 0:
                continue
            if d.dim() != 1:
                raise ValueError("distances must be either scalars or 1d")
            if d.shape[0] != t.shape[axes[i]]:
                raise ValueError("when 1d, distances must match the length of the corresponding dimension")
            if d.dtype.is_floating_point is False and not d.is_complex():
                d = d.to(torch.float64)
            dd = d[1:] - d[:-1]
            # uniform spacing is treated as a scalar, as NumPy does
            if _scalars.is_plain(dd) and dd.numel() and bool((dd == dd[0]).all()):
                dx[i] = dd[0]
            else:
                dx[i] = dd
    else:
        raise TypeError("invalid number of arguments")
    if edge_order > 2:
        raise ValueError("'edge_order' greater than 2 not supported")
    odt = _dt(t)
    if odt.kind in "iub":
        odt = np.dtype(np.float64)
    work = NP_TO_TORCH[odt]
    t = t.to(work)
    outvals = []
    for ax, ax_dx in zip(axes, dx):
        size = t.shape[ax]
        if size < edge_order + 1:
            raise ValueError("Shape of array too small to calculate a numerical gradient, at least "
                             "(edge_order + 1) elements are required.")
        outvals.append(_wrap(_grad_axis(t, ax, ax_dx, edge_order, work)))
    if len_axes == 1:
        return outvals[0]
    return tuple(outvals)


def _grad_axis(t, ax, h, edge_order, work):
    """Gradient of ``t`` along ``ax`` with spacing ``h`` (scalar or 1-d tensor of steps)."""
    def s(start, stop):
        n = t.shape[ax]
        start = start % n if start < 0 else start
        stop = n + stop if stop is not None and stop <= 0 else (n if stop is None else stop)
        return t.narrow(ax, start, stop - start)

    def bshape(v):
        shape = [1] * t.dim()
        shape[ax] = -1
        return v.reshape(shape)

    uniform = not isinstance(h, torch.Tensor) or h.dim() == 0
    if uniform:
        hh = h if isinstance(h, torch.Tensor) else torch.tensor(h)
        hh = hh.to(work) if not hh.is_complex() else hh
        interior = (s(2, None) - s(0, -2)) / (2.0 * hh)
        if edge_order == 1:
            first = (s(1, 2) - s(0, 1)) / hh
            last = (s(-1, None) - s(-2, -1)) / hh
        else:
            first = (-1.5 * s(0, 1) + 2.0 * s(1, 2) - 0.5 * s(2, 3)) / hh
            last = (0.5 * s(-3, -2) - 2.0 * s(-2, -1) + 1.5 * s(-1, None)) / hh
    else:
        h = h.to(work)
        dx1 = bshape(h[:-1])
        dx2 = bshape(h[1:])
        a = -dx2 / (dx1 * (dx1 + dx2))
        b = (dx2 - dx1) / (dx1 * dx2)
        c = dx1 / (dx2 * (dx1 + dx2))
        interior = a * s(0, -2) + b * s(1, -1) + c * s(2, None)
        if edge_order == 1:
            first = (s(1, 2) - s(0, 1)) / h[0]
            last = (s(-1, None) - s(-2, -1)) / h[-1]
        else:
            d1, d2 = h[0], h[1]
            a0 = -(2.0 * d1 + d2) / (d1 * (d1 + d2))
            b0 = (d1 + d2) / (d1 * d2)
            c0 = -d1 / (d2 * (d1 + d2))
            first = a0 * s(0, 1) + b0 * s(1, 2) + c0 * s(2, 3)
            d1, d2 = h[-2], h[-1]
            a1 = d2 / (d1 * (d1 + d2))
            b1 = -(d2 + d1) / (d1 * d2)
            c1 = (2.0 * d2 + d1) / (d2 * (d1 + d2))
            last = a1 * s(-3, -2) + b1 * s(-2, -1) + c1 * s(-1, None)
    return torch.cat([first, interior, last], dim=ax).to(work)


def interp(x, xp, fp, left=None, right=None, period=None):
    """One-dimensional piecewise linear interpolation of increasing sample points."""
    xt = to_tensor(x)
    xpt = to_tensor(xp)
    fpt = to_tensor(fp)
    if xpt.dim() != 1 or fpt.dim() != 1:
        raise ValueError("object too deep for desired array")
    if xpt.shape[0] == 0:
        raise ValueError("array of sample points is empty")
    if xpt.shape[0] != fpt.shape[0]:
        raise ValueError("fp and xp are not of the same length.")
    if xt.is_complex() or xpt.is_complex():
        raise TypeError("Cannot cast array data from dtype('complex128') to dtype('float64') "
                        "according to the rule 'safe'")
    if fpt.is_complex():
        # NumPy interpolates the real and imaginary parts separately
        fpt = fpt.to(torch.complex128)
        lc = None if left is None else complex(left)
        rc = None if right is None else complex(right)
        re = to_tensor(interp(_wrap(xt), _wrap(xpt), _wrap(fpt.real), None if lc is None else lc.real,
                              None if rc is None else rc.real, period))
        im = to_tensor(interp(_wrap(xt), _wrap(xpt), _wrap(fpt.imag), None if lc is None else lc.imag,
                              None if rc is None else rc.imag, period))
        return _res(torch.complex(re, im))
    fpt = fpt.to(torch.float64)
    xt = xt.to(torch.float64)
    xpt = xpt.to(torch.float64)
    if period is not None:
        if period == 0:
            raise ValueError("period must be a non-zero value")
        period = abs(period)
        left = right = None
        xt = torch.remainder(xt, period)
        xpt = torch.remainder(xpt, period)
        order = torch.argsort(xpt, stable=True)
        xpt, fpt = xpt[order], fpt[order]
        xpt = torch.cat([xpt[-1:] - period, xpt, xpt[:1] + period])
        fpt = torch.cat([fpt[-1:], fpt, fpt[:1]])
    lval = fpt[0] if left is None else torch.as_tensor(left, dtype=fpt.dtype)
    rval = fpt[-1] if right is None else torch.as_tensor(right, dtype=fpt.dtype)
    n = xpt.shape[0]
    if n == 1:
        # NumPy's single-sample case compares only (NaN falls through to fp[0])
        r = torch.where(xt < xpt[0], lval, torch.where(xt > xpt[0], rval, fpt[0]))
        return _res(r)
    j = torch.searchsorted(xpt, xt.contiguous(), right=True) - 1
    jc = j.clamp(0, builtin_max(n - 2, 0))
    x0, x1 = xpt[jc], xpt[(jc + 1).clamp(max=n - 1)]
    y0, y1 = fpt[jc], fpt[(jc + 1).clamp(max=n - 1)]
    slope = (y1 - y0) / (x1 - x0)
    r = slope * (xt - x0) + y0
    # NumPy retries from the right end when the left one gives NaN (infinite slopes)
    r2 = slope * (xt - x1) + y1
    r = torch.where(torch.isnan(r), r2, r)
    r = torch.where(torch.isnan(r) & (y0 == y1), y0, r)
    r = torch.where(xt == x0, y0, r)
    r = torch.where(xt == xpt[-1], fpt[-1], r)
    r = torch.where(xt < xpt[0], lval, r)
    r = torch.where(xt > xpt[-1], rval, r)
    r = torch.where(torch.isnan(xt), xt.to(r.dtype), r)
    return _res(r)


def _cumulative(uf, x, axis, dtype, out, include_initial):
    t = to_tensor(x)
    if t.dim() == 0:
        t = t.reshape(1)
    if axis is None:
        if t.dim() > 1:
            raise ValueError("For arrays which have more than one dimension ``axis`` argument is required.")
        axis = 0
    ax = normalize_axis(axis, t.dim())
    r = uf.accumulate(_wrap(t), axis=ax, dtype=dtype)
    rt = r._t
    if include_initial:
        shape = list(rt.shape)
        shape[ax] = 1
        init = torch.full(shape, uf.identity, dtype=rt.dtype, device=rt.device) \
            if rt.dtype not in (torch.uint16, torch.uint32, torch.uint64) else \
            torch.full(shape, uf.identity, dtype=torch.int64, device=rt.device).to(rt.dtype)
        rt = torch.cat([init, rt], dim=ax)
    return _store(rt, out) if out is not None else _wrap(rt)


def cumulative_sum(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    """Cumulative sum (Array API): axis required for ndim > 1, optional leading 0."""
    return _cumulative(U.add, x, axis, dtype, out, include_initial)


def cumulative_prod(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    """Cumulative product (Array API): axis required for ndim > 1, optional leading 1."""
    return _cumulative(U.multiply, x, axis, dtype, out, include_initial)


# -- vector products ---------------------------------------------------------
def cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    """Cross product of (arrays of) 3- or 2-element vectors."""
    if axis is not None:
        axisa = axisb = axisc = axis
    a = a if isinstance(a, ndarray) else asarray(a)
    b = b if isinstance(b, ndarray) else asarray(b)
    if a.ndim < 1 or b.ndim < 1:
        raise ValueError("At least one array has zero dimension")
    ta = a._t.movedim(normalize_axis(axisa, a.ndim, "axisa"), -1)
    tb = b._t.movedim(normalize_axis(axisb, b.ndim, "axisb"), -1)
    msg = "incompatible dimensions for cross product\n(dimension must be 2 or 3)"
    if ta.shape[-1] not in (2, 3) or tb.shape[-1] not in (2, 3):
        raise ValueError(msg)
    if ta.shape[-1] == 2 and tb.shape[-1] == 2:
        warnings.warn("Arrays of 2-dimensional vectors are deprecated. Use arrays of "
                      "3-dimensional vectors instead. (deprecated in NumPy 2.0)",
                      DeprecationWarning, stacklevel=3)
    try:
        shape = torch.broadcast_shapes(ta.shape[:-1], tb.shape[:-1])
    except RuntimeError:
        raise ValueError("operands could not be broadcast together with shapes "
                         f"{tuple(ta.shape[:-1])} {tuple(tb.shape[:-1])} ") from None
    A = [_wrap(ta[..., i]) for i in range(ta.shape[-1])]
    B = [_wrap(tb[..., i]) for i in range(tb.shape[-1])]
    if len(A) == 2 and len(B) == 2:
        return _wrap(to_tensor(U.subtract(A[0] * B[1], A[1] * B[0])))
    if len(A) == 2:
        A.append(None)
    if len(B) == 2:
        B.append(None)

    def mul(x, y):
        return None if x is None or y is None else U.multiply(x, y)

    def sub(x, y):
        if y is None:
            return x
        if x is None:
            return U.negative(y)
        return U.subtract(x, y)

    comps = [sub(mul(A[1], B[2]), mul(A[2], B[1])), sub(mul(A[2], B[0]), mul(A[0], B[2])),
             sub(mul(A[0], B[1]), mul(A[1], B[0]))]
    dt = np.result_type(a.dtype, b.dtype)
    ct = [to_tensor(c) if c is not None else torch.zeros((), dtype=NP_TO_TORCH[dt]) for c in comps]
    odt = np.result_type(*[_dt(c) for c in ct])
    r = torch.stack([torch.broadcast_to(cast(c, NP_TO_TORCH[odt]), shape) for c in ct], dim=-1)
    axc = normalize_axis(axisc, r.dim(), "axisc")
    return _wrap(r.movedim(-1, axc))


def _correlate_full(a, v):
    """Full cross-correlation sum_j a[i - (m-1) + j] * v[j] of 1-d tensors (v not conjugated)."""
    n, m = a.shape[0], v.shape[0]
    pad = torch.zeros(m - 1, dtype=a.dtype, device=a.device)
    ap = torch.cat([pad, a, pad])
    if a.is_floating_point() and n * m > 1 << 20 and a.dtype in (torch.float32, torch.float64):
        import torch.nn.functional as F
        return F.conv1d(ap.reshape(1, 1, -1), v.reshape(1, 1, -1)).reshape(-1)
    win = ap.unfold(0, m, 1)
    return (win * v).sum(-1)


def _mode(mode):
    """NumPy 2.4's mode argument: 'valid'/'same'/'full' or 0/1/2, with its errors."""
    if isinstance(mode, str):
        if mode in ("valid", "same", "full"):
            return mode
        if mode.lower() in ("valid", "same", "full") or mode.lower()[:1] in ("v", "s", "f"):
            raise ValueError("Use one of 'valid', 'same', or 'full' for convolve/correlate mode")
        raise ValueError(f"mode must be one of 'valid', 'same', or 'full' (got {mode!r})")
    if isinstance(mode, (int, np.integer)) and not isinstance(mode, bool):
        if mode not in (0, 1, 2):
            raise ValueError("integer convolve/correlate mode must be 0, 1, or 2")
        return ("valid", "same", "full")[mode]
    raise TypeError("convolve/correlate mode not understood")


def _corr(a, v, mode, conj):
    at = to_tensor(a)
    vt = to_tensor(v)
    at = at.reshape(-1) if at.dim() == 0 else at
    vt = vt.reshape(-1) if vt.dim() == 0 else vt
    if at.dim() != 1 or vt.dim() != 1:
        raise ValueError("object too deep for desired array")
    mode = _mode(mode)
    if at.shape[0] == 0:
        raise ValueError("a cannot be empty")
    if vt.shape[0] == 0:
        raise ValueError("v cannot be empty")
    dt = np.result_type(_dt(at), _dt(vt))
    tdt = NP_TO_TORCH[dt]
    work = torch.int64 if dt.kind in "biu" else tdt
    at, vt = cast(at, tdt).to(work), cast(vt, tdt).to(work)
    if conj and vt.is_complex():
        vt = vt.conj()
    full = _correlate_full(at, vt)
    n, m = at.shape[0], vt.shape[0]
    if mode == "full":
        r = full
    elif mode == "valid":
        r = full[builtin_min(n, m) - 1: builtin_max(n, m)]
    else:
        # NumPy centres the 'same' window on the longer input
        lo = (m - 1) // 2 if n >= m else n // 2
        r = full[lo: lo + builtin_max(n, m)]
    if dt.kind == "b":
        r = r != 0
    return _wrap(cast(r, tdt) if dt.kind != "b" else r)


builtin_min = min


def correlate(a, v, mode="valid"):
    """Cross-correlation of two 1-d sequences (``v`` conjugated, as NumPy 2)."""
    return _corr(a, v, mode, True)


def convolve(a, v, mode="full"):
    """Discrete linear convolution of two 1-d sequences."""
    at, vt = to_tensor(a), to_tensor(v)
    at = at.reshape(-1) if at.dim() == 0 else at
    vt = vt.reshape(-1) if vt.dim() == 0 else vt
    if at.dim() == 1 and vt.dim() == 1:
        if at.shape[0] == 0:
            raise ValueError("a cannot be empty")
        if vt.shape[0] == 0:
            raise ValueError("v cannot be empty")
        if vt.shape[0] > at.shape[0]:
            at, vt = vt, at
        # reversed by indexing: torch has no flip for uint16/32/64
        vt = vt[torch.arange(vt.shape[0] - 1, -1, -1, device=vt.device)]
    return _corr(at, vt, mode, False)


def unwrap(p, discont=None, axis=-1, *, period=2 * math.pi):
    """Unwrap by taking the complement of large deltas with respect to the period."""
    p = p if isinstance(p, ndarray) else asarray(p)
    ax = normalize_axis(axis, p.ndim)
    dd = diff(p, axis=ax)
    if discont is None:
        discont = period / 2
    dt = np.result_type(dd.dtype, period)
    if dt.kind in "iu":
        high, rem = divmod(period, 2)
        ambiguous = rem == 0
    else:
        high = period / 2
        ambiguous = True
    low = -high
    ddmod = U.add(U.remainder(U.subtract(dd, low), period), low)
    ddt = to_tensor(ddmod)
    if ambiguous:
        # ufunc comparisons: torch has no > for uint16/32/64
        at_low = to_tensor(U.logical_and(U.equal(ddmod, low), U.greater(dd, 0)))
        ddt = torch.where(at_low, torch.as_tensor(high).to(ddt.dtype), ddt)
    corr = to_tensor(U.subtract(_wrap(ddt), dd))
    small = to_tensor(U.less(U.absolute(dd), discont))
    corr = torch.where(small, torch.zeros((), dtype=corr.dtype), corr)
    up = cast(p._t, NP_TO_TORCH[dt])
    n = up.shape[ax]
    if n > 1:
        head = up.narrow(ax, 0, 1)
        tail = up.narrow(ax, 1, n - 1) + torch.cumsum(corr, dim=ax).to(up.dtype)
        up = torch.cat([head, tail], dim=ax)
    else:
        up = up.clone()
    return _wrap(up)


from ._reductions import install_fallbacks  # noqa: E402
install_fallbacks(globals())
