"""numpy_shim.emath (numpy.lib.scimath): math functions whose results go complex when
real inputs leave the real domain (``emath.sqrt(-1) == 1j``).

NumPy's rule, in shim operations: a real input with a value out of the real domain
(negative for sqrt/log/power, |x| > 1 for arccos/arcsin/arctanh) is cast to complex64
(small types) or complex128 first. The result dtype depends on values, so the check reads
the data: eager code and grad work, vmap/compile raise DataDependentError.
"""
import numpy as np

__all__ = ["sqrt", "log", "log2", "logn", "log10", "power", "arccos", "arcsin", "arctanh"]

_SMALL = {np.dtype(c) for c in "fbhBHF"}


def _np():
    import numpy_shim
    return numpy_shim


def _tocomplex(arr):
    return arr.astype(np.complex64 if arr.dtype in _SMALL else np.complex128)


def _fix_real_lt_zero(x):
    snp = _np()
    x = snp.asarray(x)
    if snp.any(snp.isreal(x) & (x < 0)):
        x = _tocomplex(x)
    return x


def _fix_int_lt_zero(x):
    snp = _np()
    x = snp.asarray(x)
    if snp.any(snp.isreal(x) & (x < 0)):
        x = x * 1.0
    return x


def _fix_real_abs_gt_1(x):
    snp = _np()
    x = snp.asarray(x)
    if snp.any(snp.isreal(x) & (abs(x) > 1)):
        x = _tocomplex(x)
    return x


def sqrt(x):
    """Square root; negative reals give imaginary results."""
    return _np().sqrt(_fix_real_lt_zero(x))


def log(x):
    """Natural logarithm; negative reals give complex results."""
    return _np().log(_fix_real_lt_zero(x))


def log10(x):
    """Base-10 logarithm; negative reals give complex results."""
    return _np().log10(_fix_real_lt_zero(x))


def log2(x):
    """Base-2 logarithm; negative reals give complex results."""
    return _np().log2(_fix_real_lt_zero(x))


def logn(n, x):
    """Logarithm of ``x`` to base ``n``."""
    x = _fix_real_lt_zero(x)
    n = _fix_real_lt_zero(n)
    snp = _np()
    return snp.log(x) / snp.log(n)


def power(x, p):
    """``x ** p``; negative real ``x`` gives complex results, negative integer ``p`` floats."""
    x = _fix_real_lt_zero(x)
    p = _fix_int_lt_zero(p)
    return _np().power(x, p)


def arccos(x):
    """Inverse cosine; real ``|x| > 1`` gives complex results."""
    return _np().arccos(_fix_real_abs_gt_1(x))


def arcsin(x):
    """Inverse sine; real ``|x| > 1`` gives complex results."""
    return _np().arcsin(_fix_real_abs_gt_1(x))


def arctanh(x):
    """Inverse hyperbolic tangent; real ``|x| > 1`` gives complex results."""
    return _np().arctanh(_fix_real_abs_gt_1(x))
