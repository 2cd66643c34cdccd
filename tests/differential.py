"""Differential testing against real NumPy: same call on both, results compared.

``check(fn)`` runs ``fn(numpy)`` and ``fn(numpy_shim)``; both must raise the same
exception type or return equal values of equal dtype and kind (NumPy scalar vs array).
"""
import math

import numpy
import numpy_shim
import pytest
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# every dtype the shim supports
ALL_DTYPES = [numpy.dtype(c) for c in "?bhilBHILefdFD"]
INT_DTYPES = [d for d in ALL_DTYPES if d.kind in "iu"]
FLOAT_DTYPES = [d for d in ALL_DTYPES if d.kind == "f"]
INEXACT_DTYPES = [d for d in ALL_DTYPES if d.kind in "fc"]


def to_numpy(x):
    """A shim result as NumPy objects (arrays stay arrays, scalars stay scalars)."""
    if isinstance(x, numpy_shim.ndarray):
        return numpy.asarray(x)
    if isinstance(x, (tuple, list)):
        return type(x)(to_numpy(v) for v in x)
    return x


def assert_same(got, expected, *, rtol=1e-7, atol=0, check_kind=True, equal_nan=True):
    """``got`` (shim) equals ``expected`` (NumPy) in value, dtype and scalar/array kind."""
    if isinstance(expected, (tuple, list)):
        assert isinstance(got, (tuple, list)) and len(got) == len(expected), (got, expected)
        for g, e in zip(got, expected):
            assert_same(g, e, rtol=rtol, atol=atol, check_kind=check_kind, equal_nan=equal_nan)
        return
    if isinstance(expected, numpy.ndarray):
        if check_kind:
            assert isinstance(got, numpy_shim.ndarray), f"expected an array, got {type(got)}"
        g = numpy.asarray(got)
        assert g.dtype == expected.dtype, f"dtype {g.dtype} != {expected.dtype}"
        assert g.shape == expected.shape, f"shape {g.shape} != {expected.shape}"
        _values(g, expected, rtol, atol, equal_nan)
    elif isinstance(expected, numpy.generic):
        if check_kind:
            assert isinstance(got, numpy.generic), f"expected NumPy scalar {type(expected)}, got {type(got)}"
        g = numpy.asarray(got)
        assert g.dtype == expected.dtype, f"dtype {g.dtype} != {expected.dtype}"
        _values(g, numpy.asarray(expected), rtol, atol, equal_nan)
    elif isinstance(expected, float) and math.isnan(expected):
        assert math.isnan(got)
    else:
        assert type(got) is type(expected) and got == expected, (got, expected)


def _values(g, e, rtol, atol, equal_nan):
    if e.dtype.kind in "fc" and (rtol or atol):
        numpy.testing.assert_allclose(g, e, rtol=rtol, atol=atol, equal_nan=equal_nan)
    else:
        numpy.testing.assert_array_equal(g, e)


def check(fn, *, rtol=1e-7, atol=0, check_kind=True, exc_match=False):
    """Run ``fn`` with numpy and with numpy_shim as its argument and compare outcomes."""
    try:
        with numpy.errstate(all="ignore"):
            expected = fn(numpy)
    except Exception as e:  # NumPy's exception is the spec
        with numpy.errstate(all="ignore"):
            with pytest.raises(type(e)) as info:
                fn(numpy_shim)
        if exc_match:
            assert str(info.value) == str(e)
        return e
    with numpy.errstate(all="ignore"):
        got = fn(numpy_shim)
    assert_same(got, expected, rtol=rtol, atol=atol, check_kind=check_kind)
    return expected


def shapes(min_dims=0, max_dims=3, min_side=0, max_side=4):
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side)


def arrays(dtypes=ALL_DTYPES, shape=None, **kw):
    """NumPy arrays of any supported dtype; pass to both sides via ``xp.asarray``."""
    dt = st.sampled_from(dtypes) if isinstance(dtypes, (list, tuple)) else dtypes
    return hnp.arrays(dt, shape if shape is not None else shapes(**kw))


def quiet(fn):
    """Run a check with NumPy's RuntimeWarnings (empty / all-NaN slices) silenced on both sides."""
    import warnings

    def run(xp):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return fn(xp)
    return run
