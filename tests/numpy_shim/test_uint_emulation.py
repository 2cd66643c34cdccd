"""uint16/32/64, which torch stores but cannot compute with, against NumPy bit for bit:
wraparound, division, shifts, comparisons, float conversions (values >= 2**63 too),
max/min and sums."""
import operator

import numpy
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

from tests.differential import check, shapes

UINTS = [numpy.dtype(numpy.uint16), numpy.dtype(numpy.uint32), numpy.dtype(numpy.uint64)]
OPS = [operator.add, operator.sub, operator.mul, operator.floordiv, operator.mod, operator.pow,
       operator.and_, operator.or_, operator.xor, operator.lshift, operator.rshift,
       operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne, divmod]
UFUNCS = ["maximum", "minimum", "fmax", "fmin", "gcd", "lcm", "bitwise_count", "sign", "absolute",
          "negative", "invert", "square", "reciprocal", "true_divide", "fmod", "positive",
          "bitwise_left_shift", "bitwise_right_shift", "heaviside", "logaddexp", "sqrt"]


def edge_values(dt):
    top = numpy.iinfo(dt).max
    return numpy.array([0, 1, 2, 3, 7, top, top - 1, top // 2, top // 2 + 1, 1000 % (top + 1), 64, 63],
                       dtype=dt)


@st.composite
def uint_pair(draw):
    dt = draw(st.sampled_from(UINTS))
    shape = draw(shapes(max_dims=2))
    big = st.integers(0, int(numpy.iinfo(dt).max))
    return (draw(hnp.arrays(dt, shape, elements=big)), draw(hnp.arrays(dt, shape, elements=big)))


@pytest.mark.parametrize("op", OPS, ids=lambda f: f.__name__)
@given(pair=uint_pair())
@settings(max_examples=20)  # many parametrizations: keep the suite's time down
def test_operators_bit_exact(op, pair):
    a, b = pair
    check(lambda xp: op(xp.asarray(a), xp.asarray(b)))


@pytest.mark.parametrize("op", OPS, ids=lambda f: f.__name__)
def test_operators_on_edge_values(op):
    for dt in UINTS:
        a = edge_values(dt)
        for b in (a[::-1].copy(), numpy.roll(a, 5)):
            check(lambda xp: op(xp.asarray(a), xp.asarray(b)))
        for s in (0, 1, 5, 63, 64, int(numpy.iinfo(dt).max), -1, 2.5):
            check(lambda xp: op(xp.asarray(a), s), rtol=1e-12)
            check(lambda xp: op(s, xp.asarray(a)), rtol=1e-12)


@pytest.mark.parametrize("name", UFUNCS)
def test_ufuncs_on_edge_values(name):
    import numpy_shim
    nin = getattr(numpy, name).nin
    for dt in UINTS:
        a = edge_values(dt)
        args = [a, numpy.roll(a, 3)][:nin]
        check(lambda xp: getattr(xp, name)(*[xp.asarray(x) for x in args]), rtol=1e-12)
    assert numpy_shim.ufunc  # the shim exposes the ufunc type used above


def test_mixed_signed_unsigned_promotion():
    for dt in UINTS:
        a = edge_values(dt)
        for other in (numpy.int8, numpy.int16, numpy.int32, numpy.int64, numpy.float32, numpy.float64):
            b = numpy.array([-1, 2, -3, 4, 5, -6, 7, 8, -9, 10, 11, 12], dtype=other)
            for op in (operator.add, operator.mul, operator.lt, operator.eq, operator.truediv):
                check(lambda xp: op(xp.asarray(a), xp.asarray(b)), rtol=1e-6)


def test_float_conversions_beyond_2_63():
    big = numpy.array([2**63, 2**64 - 1, 2**63 + 2**11, 2**53 + 1, 0], dtype=numpy.uint64)
    check(lambda xp: xp.asarray(big).astype(numpy.float64))
    check(lambda xp: xp.asarray(big).astype(numpy.float32))
    check(lambda xp: xp.asarray(big) * 1.0)
    check(lambda xp: xp.asarray(big) / 3)
    check(lambda xp: xp.asarray(big) + xp.asarray([1.5] * 5))
    f = numpy.array([2.0**63, 1.8e19, 3.0, 0.0, 2.0**53])
    check(lambda xp: xp.asarray(f).astype(numpy.uint64))
    check(lambda xp: xp.asarray(numpy.array([70000.5, 3.7], dtype=numpy.float64)).astype(numpy.uint16))


def test_reductions():
    for dt in UINTS:
        a = edge_values(dt)
        for name in ("sum", "prod", "max", "min", "cumsum", "cumprod"):
            check(lambda xp: getattr(xp, name)(xp.asarray(a)))
        check(lambda xp: xp.maximum.reduce(xp.asarray(a).reshape(3, 4), axis=1))
        check(lambda xp: xp.minimum.accumulate(xp.asarray(a)))
        check(lambda xp: xp.add.reduce(xp.asarray(a), dtype=dt))
        check(lambda xp: xp.bitwise_xor.reduce(xp.asarray(a)))


def test_python_int_bounds():
    check(lambda xp: xp.asarray([1], dtype=numpy.uint64) + 2**64)
    check(lambda xp: xp.asarray([1], dtype=numpy.uint64) + (2**64 - 1))
    check(lambda xp: xp.asarray([1], dtype=numpy.uint16) - 70000)
    check(lambda xp: xp.asarray([1], dtype=numpy.uint32) < -1)
    check(lambda xp: xp.asarray([2**63], dtype=numpy.uint64) > 2**63 - 1)
