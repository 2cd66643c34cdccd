"""Logic helpers against real NumPy: isclose, allclose, array_equal, array_equiv, isreal,
iscomplex, isrealobj, iscomplexobj, isfortran, isneginf, isposinf."""
import numpy
import pytest
from hypothesis import given, strategies as st

import numpy_shim
from tests.differential import ALL_DTYPES, arrays, check, shapes

TOLS = st.sampled_from([(1e-5, 1e-8), (0, 0), (0.1, 0), (0, 1.0)])


@given(arrays(ALL_DTYPES), arrays(ALL_DTYPES), TOLS, st.booleans())
def test_isclose_matches_numpy(a, b, tols, equal_nan):
    rtol, atol = tols
    check(lambda xp: xp.isclose(xp.asarray(a), xp.asarray(b), rtol=rtol, atol=atol, equal_nan=equal_nan))
    check(lambda xp: xp.allclose(xp.asarray(a), xp.asarray(b), rtol=rtol, atol=atol, equal_nan=equal_nan))


@given(arrays(ALL_DTYPES, max_dims=1), st.sampled_from([1, 1.0, 1e-9, numpy.inf, True]))
def test_isclose_python_scalars(a, s):
    check(lambda xp: xp.isclose(xp.asarray(a), s))
    check(lambda xp: xp.isclose(s, xp.asarray(a)))


def test_isclose_examples():
    check(lambda xp: xp.isclose(1, 1.0000001))
    check(lambda xp: xp.isclose(xp.asarray([1, numpy.nan]), [1, numpy.nan], equal_nan=True))
    check(lambda xp: xp.isclose(xp.asarray([numpy.inf, -numpy.inf]), [numpy.inf, numpy.inf]))
    check(lambda xp: xp.isclose(xp.asarray([-128], dtype="i1"), xp.asarray([127], dtype="i1")))
    check(lambda xp: xp.isclose(xp.asarray([1], dtype="u8"), -1))
    check(lambda xp: xp.allclose([1], [1]))
    check(lambda xp: xp.isclose(xp.ones(2), xp.ones(3)))


@given(arrays(ALL_DTYPES), arrays(ALL_DTYPES), st.booleans())
def test_array_equal_equiv(a, b, equal_nan):
    check(lambda xp: xp.array_equal(xp.asarray(a), xp.asarray(b), equal_nan=equal_nan))
    check(lambda xp: xp.array_equal(xp.asarray(a), xp.asarray(a.copy()), equal_nan=equal_nan))
    check(lambda xp: xp.array_equiv(xp.asarray(a), xp.asarray(b)))
    check(lambda xp: xp.array_equiv(xp.asarray(a), xp.asarray(a.copy())))


def test_array_equal_examples():
    check(lambda xp: xp.array_equal([1, 2], [1, 2]))
    check(lambda xp: xp.array_equal([1, 2], [1, 2, 3]))
    check(lambda xp: xp.array_equal(xp.asarray([numpy.nan]), xp.asarray([numpy.nan]), equal_nan=True))
    check(lambda xp: xp.array_equiv([1, 2], [[1, 2], [1, 2]]))
    check(lambda xp: xp.array_equiv([1, 2], [[1, 2, 3]]))


@given(arrays(ALL_DTYPES))
def test_real_complex_predicates(a):
    check(lambda xp: xp.isreal(xp.asarray(a)))
    check(lambda xp: xp.iscomplex(xp.asarray(a)))
    check(lambda xp: xp.isrealobj(xp.asarray(a)))
    check(lambda xp: xp.iscomplexobj(xp.asarray(a)))
    check(lambda xp: xp.isneginf(xp.asarray(a)))
    check(lambda xp: xp.isposinf(xp.asarray(a)))


def test_predicate_examples():
    check(lambda xp: xp.isreal(3))
    check(lambda xp: xp.isreal(1j))
    check(lambda xp: xp.iscomplex([1, 2]))
    check(lambda xp: xp.iscomplexobj([1j]))
    check(lambda xp: xp.isrealobj(3.0))
    check(lambda xp: xp.isneginf(xp.asarray(-numpy.inf)))
    check(lambda xp: xp.isposinf(xp.asarray([numpy.inf, -numpy.inf, 1.0])))

    def out(xp):
        o = xp.zeros(3, dtype=bool)
        xp.isposinf(xp.asarray([numpy.inf, -numpy.inf, 1.0]), out=o)
        return o
    check(out)
    for xp in (numpy, numpy_shim):
        assert not xp.isfortran(xp.ones((2, 3)))
        assert xp.isfortran(xp.ones((2, 3)).T)
        assert not xp.isfortran(xp.ones(3))
