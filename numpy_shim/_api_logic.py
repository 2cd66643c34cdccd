"""Logic helpers: isclose, allclose, array_equal, array_equiv, isreal, iscomplex,
isrealobj, iscomplexobj, isfortran, isneginf, isposinf.

The comparisons go through the shim's ufuncs, so NEP 50 promotion of the tolerance
arithmetic is NumPy's; ``allclose``/``array_equal`` return Python bools (a host read,
as in NumPy).
"""
import builtins
import warnings

import numpy as np
import torch

from . import _scalars
from ._convert import to_tensor, asarray
from ._ndarray import ndarray, _wrap
from . import _ufunc_table as U

__all__ = ["isclose", "allclose", "array_equal", "array_equiv", "isreal", "iscomplex", "isrealobj",
           "iscomplexobj", "isfortran", "isneginf", "isposinf"]

_WEAK = (int, float, complex)


def _arr(x):
    return x if isinstance(x, ndarray) else asarray(x)


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Elementwise ``|a - b| <= atol + rtol * |b|`` (plus exact equality, e.g. of infinities)."""
    x, y, atol_, rtol_ = (v if type(v) in _WEAK else _arr(v) for v in (a, b, atol, rtol))
    if isinstance(y, ndarray):
        # an inexact y avoids abs(MIN_INT) overflow; x follows through promotion
        dt = np.result_type(y.dtype, 1.0)
        y = y.astype(dt, copy=False)
    elif isinstance(y, int) and not isinstance(y, bool):
        y = float(y)
    _check_tolerances(atol_, rtol_, atol, rtol)
    with np.errstate(invalid="ignore"):
        # Python operators, as NumPy writes it: Python scalars stay Python (weak) numbers
        # through the tolerance arithmetic, arrays go through the shim's NEP 50 operators
        result = U.bitwise_or(
            U.bitwise_and(U.less_equal(abs(x - y), atol_ + rtol_ * abs(y)), U.isfinite(y)),
            U.equal(x, y))
        if equal_nan:
            result = U.bitwise_or(result, U.bitwise_and(U.isnan(x), U.isnan(y)))
    if isinstance(result, ndarray) and result.ndim == 0:
        return _scalars.result(result._t)
    return result


def _check_tolerances(atol_, rtol_, atol, rtol):
    for v in (atol_, rtol_):
        t = to_tensor(v) if not isinstance(v, ndarray) else v._t
        if _scalars.is_plain(t) and (t.is_floating_point() or t.is_complex()) and \
                not bool(torch.isfinite(t).all()):
            msg = f"One of rtol or atol is not valid, atol: {atol}, rtol: {rtol}"
            err = np.geterr()["invalid"]
            if err == "warn":
                warnings.warn(msg, RuntimeWarning, stacklevel=4)
            elif err == "raise":
                raise FloatingPointError(msg)
            elif err == "print":
                print(msg)
            return


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """True if all elements are close (a Python bool)."""
    r = isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)
    t = r._t if isinstance(r, ndarray) else to_tensor(r)
    return builtins.bool(_scalars.item(t.all(), "allclose"))


def array_equal(a1, a2, equal_nan=False):
    """True if two arrays have the same shape and elements (a Python bool)."""
    try:
        a1, a2 = _arr(a1), _arr(a2)
    except Exception:
        return False
    if a1.shape != a2.shape:
        return False
    eq = U.equal(a1, a2)
    t = eq._t if isinstance(eq, ndarray) else to_tensor(eq)
    if equal_nan and (a1.dtype.kind in "fc" or a2.dtype.kind in "fc"):
        n1, n2 = to_tensor(U.isnan(a1)), to_tensor(U.isnan(a2))
        t = (t | (n1 & n2))
    return builtins.bool(_scalars.item(t.all(), "array_equal"))


def array_equiv(a1, a2):
    """True if the arrays are shape-consistent (broadcastable) and equal."""
    try:
        a1, a2 = _arr(a1), _arr(a2)
    except Exception:
        return False
    try:
        torch.broadcast_shapes(a1._t.shape, a2._t.shape)
    except RuntimeError:
        return False
    eq = U.equal(a1, a2)
    t = eq._t if isinstance(eq, ndarray) else to_tensor(eq)
    return builtins.bool(_scalars.item(t.all(), "array_equiv"))


def iscomplexobj(x):
    """True if ``x`` has a complex dtype (regardless of its values)."""
    try:
        dt = x.dtype
        typ = dt.type
    except AttributeError:
        typ = np.asarray(x).dtype.type
    return issubclass(typ, np.complexfloating)


def isrealobj(x):
    """True if ``x`` does not have a complex dtype."""
    return not iscomplexobj(x)


def isreal(x):
    """Elementwise: imaginary part is zero."""
    from ._api_math import imag
    return imag(x) == 0


def iscomplex(x):
    """Elementwise: imaginary part is nonzero."""
    a = _arr(x)
    t = a._t
    r = (t.imag != 0) if t.is_complex() else torch.zeros(t.shape, dtype=torch.bool, device=t.device)
    return _scalars.result(r) if r.dim() == 0 else _wrap(r)


def isfortran(a):
    """True if the array is Fortran-contiguous but not C-contiguous."""
    return a.flags.fnc


def _isinf_sign(x, out, neg):
    a = _arr(x)
    if a.dtype.kind == "c":
        raise TypeError(f"This operation is not supported for {a.dtype} values because it would "
                        "be ambiguous.")
    t = a._t
    if t.is_floating_point():
        r = torch.isinf(t) & (torch.signbit(t) if neg else ~torch.signbit(t))
    else:
        r = torch.zeros(t.shape, dtype=torch.bool, device=t.device)
    if out is not None:
        from ._write import write
        write(out, torch.broadcast_to(r.to(out._t.dtype), out._t.shape))
        return out
    return _scalars.result(r) if r.dim() == 0 else _wrap(r)


def isneginf(x, out=None):
    """Elementwise: negative infinity."""
    return _isinf_sign(x, out, True)


def isposinf(x, out=None):
    """Elementwise: positive infinity."""
    return _isinf_sign(x, out, False)


from ._reductions import install_fallbacks  # noqa: E402
install_fallbacks(globals())
