"""Edge cases NumPy's own test files exercise, differential against NumPy."""
import numpy
import pytest

import numpy_shim
from tests.differential import check

INF = float("inf")
EPS, BIG = numpy.finfo(numpy.float64).eps, numpy.finfo(numpy.float64).max


@pytest.mark.parametrize("args", [(0, 1, INF), (0, 1, -INF), (0, -1, -INF), (0, -1, INF),
                                  (0, EPS, BIG), (0, EPS, -BIG), (0, -EPS, -BIG), (1e-300, 2e-300, 1e300)])
def test_arange_step_beyond_the_interval(args):
    check(lambda xp: xp.arange(*args))


@pytest.mark.parametrize("keys, axis", [((numpy.arange(1),), 2), ((numpy.array([]),), 1),
                                        ((numpy.array(1),), 10), ((numpy.array(1),), 0),
                                        ((numpy.array(1),), -1)])
def test_lexsort_axis_checks(keys, axis):
    check(lambda xp: xp.lexsort(tuple(xp.asarray(k) for k in keys), axis=axis))


def test_complex_sign_divides_by_the_magnitude():
    z = [INF, -INF, complex(0, INF), complex(INF, INF), numpy.nan, complex(0, numpy.nan), 0.0,
         3.0 + 4.0j, -8.0 + 6.0j, 1 + 1j, 1e-300 + 1e-300j]
    got = numpy.asarray(numpy_shim.sign(numpy_shim.asarray(z)))
    expected = numpy.sign(numpy.asarray(z))
    assert (got.view("u8") == expected.view("u8")).all()


@pytest.mark.parametrize("out_dtype", ["f4", "f8", "i4", "i8"])
def test_take_out_must_cast_safely_back(out_dtype):
    def run(xp):
        out = xp.zeros((2, 1), dtype=out_dtype)
        xp.asarray([[1, 2], [3, 4]]).compress([True, False], axis=1, out=out)
        return out
    check(run)


def test_float64_to_float16_rounds_once():
    h = numpy.arange(0, 0x7BFF, 7, dtype=numpy.uint16).view(numpy.float16).astype(numpy.float64)
    nxt = numpy.nextafter(h.astype(numpy.float16), numpy.float16(INF)).astype(numpy.float64)
    mid = (h + nxt) / 2  # halfway points: double rounding through float32 gets some wrong
    x = numpy.concatenate([mid, numpy.nextafter(mid, INF), numpy.nextafter(mid, -INF), -mid,
                           [INF, -INF, 65519.99, 65520.0, 5e-8, 3e-8, 0.0, -0.0]])
    with numpy.errstate(all="ignore"):
        expected = x.astype(numpy.float16)
        got = numpy.asarray(numpy_shim.asarray(x).astype(numpy.float16))
    assert (got.view("u2") == expected.view("u2")).all()


@pytest.mark.parametrize("make", [lambda xp: xp.empty(2 ** 64), lambda xp: xp.zeros((2 ** 63 - 1, 2)),
                                  lambda xp: xp.arange(2 ** 64)])
def test_impossible_sizes_raise_numpys_errors(make):
    check(make, exc_match=True)


@pytest.mark.parametrize("dt", ["i1", "i2", "i4", "i8"])
def test_gcd_lcm_of_the_most_negative_integer(dt):
    info = numpy.iinfo(dt)
    a = numpy.array([info.min, info.min, -4, 6, 0, info.max], dt)
    b = numpy.array([6, 0, 6, -4, 0, 3], dt)
    check(lambda xp: xp.gcd(xp.asarray(a), xp.asarray(b)))
    check(lambda xp: xp.lcm(xp.asarray(a), xp.asarray(b)))


@pytest.mark.parametrize("fn", ["flip", "flipud", "fliplr", "rot90"])
def test_flips_of_numpy_only_data_are_numpys(fn):
    host = numpy.arange(6, dtype=numpy.longdouble).reshape(2, 3)  # torch has no float128
    got = getattr(numpy_shim, fn)(host)
    assert type(got) is numpy.ndarray and got.dtype == numpy.longdouble
    numpy.testing.assert_array_equal(got, getattr(numpy, fn)(host))
