"""Set routines against real NumPy: unique and its Array API forms, isin, intersect1d, union1d,
setdiff1d, setxor1d."""
import numpy
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import numpy_shim
from tests.differential import ALL_DTYPES, FLOAT_DTYPES, arrays, check, shapes


def _small(dtypes=ALL_DTYPES, **kw):
    """Arrays with many repeated values (and NaNs for floats)."""
    def shrink(a):
        if a.dtype.kind in "iu":
            return a % 4
        if a.dtype.kind == "f":
            return numpy.where(numpy.isnan(a), a, numpy.round(numpy.nan_to_num(a) % 3))
        if a.dtype.kind == "c":
            return (numpy.round(numpy.nan_to_num(a.real) % 3) + 1j * numpy.round(numpy.nan_to_num(a.imag) % 2)
                    ).astype(a.dtype)
        return a
    return arrays(dtypes, **kw).map(shrink)


@given(_small(), st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_unique_matches_numpy(a, index, inverse, counts, equal_nan):
    check(lambda xp: xp.unique(xp.asarray(a), return_index=index, return_inverse=inverse,
                               return_counts=counts, equal_nan=equal_nan))


@given(_small(min_dims=1), st.data(), st.booleans())
def test_unique_axis_matches_numpy(a, data, extras):
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    check(lambda xp: xp.unique(xp.asarray(a), axis=axis, return_index=extras, return_inverse=extras,
                               return_counts=extras))


@given(_small([d for d in ALL_DTYPES if d.kind != "f"]))
def test_unique_array_api_forms(a):
    # NumPy 2.4's unique_values order is its hash table's; the shim's is sorted: compare as sets
    check(lambda xp: xp.sort(xp.unique_values(xp.asarray(a))))
    check(lambda xp: tuple(xp.unique_counts(xp.asarray(a))))
    check(lambda xp: tuple(xp.unique_inverse(xp.asarray(a))))
    check(lambda xp: tuple(xp.unique_all(xp.asarray(a))))


def test_unique_nan_examples():
    check(lambda xp: xp.unique(xp.asarray([numpy.nan, 1, numpy.nan]), return_index=True,
                               return_inverse=True, return_counts=True))
    check(lambda xp: xp.unique(xp.asarray([numpy.nan, 1, numpy.nan]), equal_nan=False))
    check(lambda xp: xp.unique(xp.asarray([1 + 1j, complex(numpy.nan, 1), complex(1, numpy.nan), 1 + 1j])))
    check(lambda xp: xp.unique(xp.asarray(3), return_inverse=True))
    check(lambda xp: xp.unique(xp.asarray(3), axis=0))
    check(lambda xp: xp.unique(xp.asarray([2**63, 1, 2**64 - 1, 1], dtype="u8"), return_index=True))


@given(_small(), _small(), st.booleans())
def test_isin_matches_numpy(a, b, invert):
    check(lambda xp: xp.isin(xp.asarray(a), xp.asarray(b), invert=invert))


def test_isin_large_and_kind():
    a = numpy.arange(200)
    b = numpy.arange(50, 400, 3)
    check(lambda xp: xp.isin(xp.asarray(a), xp.asarray(b)))
    check(lambda xp: xp.isin(xp.asarray(a), xp.asarray(b), kind="table"))
    check(lambda xp: xp.isin(xp.asarray([1.0]), xp.asarray([1.0]), kind="table"))
    check(lambda xp: xp.isin(xp.asarray([1]), [1], kind="bogus"))


@given(_small(shape=shapes(max_dims=2)), _small(shape=shapes(max_dims=2)))
def test_set_operations_match_numpy(a, b):
    check(lambda xp: xp.intersect1d(xp.asarray(a), xp.asarray(b)))
    check(lambda xp: xp.union1d(xp.asarray(a), xp.asarray(b)))
    check(lambda xp: xp.setdiff1d(xp.asarray(a), xp.asarray(b)))
    check(lambda xp: xp.setxor1d(xp.asarray(a), xp.asarray(b)))


@given(_small([d for d in ALL_DTYPES if d.kind in "iu"], shape=shapes(max_dims=1)),
       _small([d for d in ALL_DTYPES if d.kind in "iu"], shape=shapes(max_dims=1)))
def test_intersect1d_indices(a, b):
    check(lambda xp: xp.intersect1d(xp.asarray(a), xp.asarray(b), return_indices=True))
    ua, ub = numpy.unique(a), numpy.unique(b)
    check(lambda xp: xp.intersect1d(xp.asarray(ua), xp.asarray(ub), assume_unique=True))
    check(lambda xp: xp.setxor1d(xp.asarray(ua), xp.asarray(ub), assume_unique=True))
    check(lambda xp: xp.setdiff1d(xp.asarray(ua), xp.asarray(ub), assume_unique=True))
