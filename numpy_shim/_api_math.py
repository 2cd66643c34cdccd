"""Elementwise math: clip, round, fix, trace, nan_to_num, real/imag/angle, real_if_close,
sinc, i0; the products of _linalg_core.py are exported from here.

Dtypes follow NumPy because the arithmetic goes through the shim's ufuncs (NumPy's loop
selection); the data path is torch ops only, so these are differentiable.
"""
import math

import numpy as np
import torch

from . import _scalars
from ._axes import normalize_axis
from ._convert import to_tensor, cast, asarray
from ._dtypes import TORCH_TO_NP, NP_TO_TORCH
from ._ndarray import ndarray, _wrap
from . import _ufunc_table as U
from ._linalg_core import dot, vdot, inner, outer, tensordot, einsum, kron  # noqa: F401 (exported)

__all__ = ["clip", "round", "around", "fix", "real", "imag", "angle", "real_if_close", "nan_to_num",
           "sinc", "i0", "dot", "vdot", "inner", "outer", "tensordot", "einsum", "kron", "trace"]

_NOVALUE = np._NoValue


def _res(t):
    """A tensor result as NumPy gives it: scalar for 0-d, else an array."""
    return _scalars.result(t) if t.dim() == 0 else _wrap(t)


def _dt(t):
    return TORCH_TO_NP[t.dtype]


# -- clip and rounding -----------------------------------------------------
def clip(a, a_min=_NOVALUE, a_max=_NOVALUE, out=None, *, min=_NOVALUE, max=_NOVALUE, **kwargs):
    """Limit the values of an array to [a_min, a_max] (NaN propagates, as NumPy)."""
    if a_min is _NOVALUE and a_max is _NOVALUE:
        a_min = None if min is _NOVALUE else min
        a_max = None if max is _NOVALUE else max
    elif a_min is _NOVALUE:
        raise TypeError("clip() missing 1 required positional argument: 'a_min'")
    elif a_max is _NOVALUE:
        raise TypeError("clip() missing 1 required positional argument: 'a_max'")
    elif min is not _NOVALUE or max is not _NOVALUE:
        raise ValueError("Passing `min` or `max` keyword argument when `a_min` and `a_max` are "
                         "provided is forbidden.")
    return _clip(a, a_min, a_max, out=out, **kwargs)


def _clip(a, lo, hi, out=None, **kwargs):
    if not isinstance(a, ndarray):
        a = asarray(a)
    dt = a.dtype
    if dt.kind in "iu":
        # Python ints beyond the dtype's range cannot clip anything (NumPy drops them)
        info = np.iinfo(dt)
        if type(lo) is int and lo <= info.min:
            lo = None
        if type(hi) is int and hi >= info.max:
            hi = None
    if out is not None:
        kwargs["out"] = out
    if lo is None and hi is None:
        if out is None:
            # torch.positive returns its input itself: copy, as NumPy gives a new array
            return _res(a._t.clone()) if a.ndim == 0 else _wrap(a._t.clone())
        return U.positive(a, **kwargs)
    if lo is None:
        return U.minimum(a, hi, **kwargs)
    if hi is None:
        return U.maximum(a, lo, **kwargs)
    # one loop for both bounds (NumPy's clip ufunc): its dtype decides the result
    keys = tuple(x.dtype if isinstance(x, ndarray) else (type(x) if type(x) in (int, float, complex)
                 else asarray(x).dtype) for x in (a, lo, hi))
    casting = kwargs.pop("casting", "same_kind")
    ck = keys + (casting,)
    loop = _CLIP_LOOPS.get(ck)
    if loop is None:
        loop = _CLIP_LOOPS[ck] = np._core.umath.clip.resolve_dtypes(keys + (None,), casting=casting)[0]
    if not kwargs and (loop.kind in "fi" or loop == np.uint8):
        # fast path: maximum then minimum in torch (NaN propagates as in NumPy)
        tdt = NP_TO_TORCH[loop]
        bounds = [torch.tensor(x, dtype=tdt) if type(x) in (int, float) else cast(to_tensor(x), tdt)
                  for x in (lo, hi)]
        r = torch.minimum(torch.maximum(cast(a._t, tdt), bounds[0]), bounds[1])
        return _res(r)
    mid = U.maximum(a, lo, dtype=loop, casting="unsafe")
    r = U.minimum(mid, hi, dtype=loop, casting="unsafe", **kwargs)
    return r


_CLIP_LOOPS = {}


def round(a, decimals=0, out=None):
    """Evenly round to ``decimals`` (half to even; negative decimals round to tens...)."""
    t = to_tensor(a)
    dt = _dt(t)
    decimals = int(decimals)
    if dt.kind == "b":
        if decimals:
            # NumPy's bool loop scales in place into the bool array and fails to cast
            from numpy._core._exceptions import _UFuncOutputCastingError
            name = "multiply" if decimals > 0 else "divide"
            raise _UFuncOutputCastingError(getattr(np, name), "same_kind", np.dtype(np.float64),
                                           np.dtype(np.bool_), 0)
        t = t.to(torch.float16)
    elif dt.kind in "iu":
        if decimals >= 0:
            r = t.clone()
        else:
            f = 10 ** (-decimals)
            x = cast(t, torch.float64)
            r = cast(torch.round(x / f) * f, t.dtype)
        return _store(r, out)
    if t.is_complex():
        r = torch.complex(_round_float(t.real, decimals), _round_float(t.imag, decimals))
    else:
        r = _round_float(t, decimals)
    return _store(r, out)


def _round_float(x, decimals):
    if decimals >= 0:
        f = torch.tensor(10.0 ** decimals, dtype=x.dtype)
        return torch.round(x * f) / f
    f = torch.tensor(10.0 ** (-decimals), dtype=x.dtype)
    return torch.round(x / f) * f


def _store(r, out):
    if out is not None:
        from ._write import write
        write(out, torch.broadcast_to(cast(r, out._t.dtype), out._t.shape))
        return out
    return _res(r)


around = round


def fix(x, out=None):
    """Round towards zero (``trunc``, keeping NumPy's dtype and scalar results)."""
    return U.trunc(x) if out is None else U.trunc(x, out=out)


# -- complex parts ---------------------------------------------------------
def real(val):
    """The real part (a view for complex arrays)."""
    if isinstance(val, ndarray):
        return val.real
    try:
        return val.real
    except AttributeError:
        return asarray(val).real


def imag(val):
    """The imaginary part (a view for complex arrays)."""
    if isinstance(val, ndarray):
        return val.imag
    try:
        return val.imag
    except AttributeError:
        return asarray(val).imag


def angle(z, deg=False):
    """Counterclockwise angle from the positive real axis."""
    z = z if isinstance(z, ndarray) else asarray(z)
    if z.dtype.kind == "c":
        a = U.arctan2(z.imag, z.real)
    else:
        a = U.arctan2(0, z)
    if not deg:
        return a
    t = to_tensor(a)
    # the factor is rounded to the result dtype first, as NumPy's weak scalar is
    r = t * torch.tensor(180 / math.pi, dtype=t.dtype)
    return _res(r)


def real_if_close(a, tol=100):
    """The real part when all imaginary parts are within ``tol`` machine epsilons of 0.

    The test reads values (the result dtype depends on them, as in NumPy), so it runs
    eagerly; under a transform a complex input stays complex.
    """
    a = a if isinstance(a, ndarray) else asarray(a)
    if a.dtype.kind != "c":
        return a
    if tol > 1:
        tol = np.finfo(a.dtype).eps * tol
    t = a._t
    if _scalars.is_plain(t) and bool((t.imag.abs() < tol).all()):
        return _wrap(t.real.clone())
    return a


def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    """Replace NaN by ``nan`` and infinities by large finite numbers."""
    t = to_tensor(x)
    scalar = t.dim() == 0  # NumPy returns x[()]: a scalar for any 0-d input
    if t.is_floating_point() or t.is_complex():
        def fix_(p):
            return torch.nan_to_num(p, nan=float(nan), posinf=None if posinf is None else float(posinf),
                                    neginf=None if neginf is None else float(neginf))
        r = torch.complex(fix_(t.real), fix_(t.imag)) if t.is_complex() else fix_(t)
    else:
        r = t
    if not copy and isinstance(x, ndarray):
        if r is not t:
            from ._write import write
            write(x, r)
        return x
    if r is t:
        r = t.clone()
    return _scalars.result(r) if scalar else _wrap(r)


def sinc(x):
    """sin(pi x) / (pi x), 1 at 0 (x = 0 is replaced by the dtype's eps, as NumPy does)."""
    x = U.multiply(math.pi, x if isinstance(x, ndarray) else asarray(x))
    t = to_tensor(x)
    eps = float(np.finfo(TORCH_TO_NP[t.dtype]).eps) if t.is_floating_point() else 1e-20
    y = torch.where(t != 0, t, torch.tensor(eps, dtype=t.dtype))
    return _res(torch.sin(y) / y)


def i0(x):
    """Modified Bessel function of the first kind, order 0."""
    t = to_tensor(x)
    if t.is_complex():
        raise TypeError("i0 not supported for complex values")
    if not t.is_floating_point():
        t = t.to(torch.float64)
    work = t.to(torch.float32) if t.dtype is torch.float16 else t
    # NumPy returns an array even for scalar input
    return _wrap(torch.special.i0(work).to(t.dtype))


def trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    """Sum along a diagonal (over ``axis1``/``axis2``); dtype rules are ``sum``'s."""
    from ._reductions import sum as _sum
    t = to_tensor(a)
    if t.dim() < 2:
        raise ValueError("diag requires an array of at least two dimensions")
    ax1, ax2 = normalize_axis(axis1, t.dim()), normalize_axis(axis2, t.dim())
    if ax1 == ax2:
        raise ValueError("axis1 and axis2 cannot be the same")
    d = _diagonal(t, operator_index(offset), ax1, ax2)
    return _sum(_wrap(d), axis=-1, dtype=dtype, out=out)


def operator_index(x):
    import operator
    return operator.index(x)


def _diagonal(t, offset, ax1, ax2):
    if t.dtype in (torch.uint16, torch.uint32):
        return torch.diagonal(t.to(torch.int64), offset, ax1, ax2).to(t.dtype)
    if t.dtype is torch.uint64:
        return torch.diagonal(t.view(torch.int64), offset, ax1, ax2).view(torch.uint64)
    return torch.diagonal(t, offset, ax1, ax2)


def _m_trace(self, /, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    return trace(self, offset, axis1, axis2, dtype, out)


def _m_clip(self, /, min=None, max=None, out=None, **kwargs):
    return _clip(self, min, max, out=out, **kwargs)


def _m_round(self, /, decimals=0, out=None):
    return round(self, decimals, out)


NDARRAY_METHODS = {"clip": _m_clip, "round": _m_round, "trace": _m_trace}


from ._reductions import install_fallbacks  # noqa: E402
install_fallbacks(globals())
