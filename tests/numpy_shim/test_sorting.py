"""Sorting and searching against real NumPy: sort, argsort, lexsort, searchsorted, partition."""
import numpy
import pytest
import torch
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import numpy_shim
from tests.differential import ALL_DTYPES, FLOAT_DTYPES, INT_DTYPES, arrays, check, shapes

REAL_DTYPES = [d for d in ALL_DTYPES if d.kind != "c"]
COMPLEX_DTYPES = [d for d in ALL_DTYPES if d.kind == "c"]


def _axes(a):
    return [None] + list(range(-a.ndim, a.ndim))


@given(arrays(), st.data())
def test_sort_matches_numpy(a, data):
    axis = data.draw(st.sampled_from(_axes(a) or [None]))
    check(lambda xp: xp.sort(xp.asarray(a), axis=axis))
    check(lambda xp: xp.sort(xp.asarray(a), axis=axis, kind="stable"))


@given(arrays(REAL_DTYPES), st.data())
def test_argsort_stable_matches_numpy(a, data):
    axis = data.draw(st.sampled_from(_axes(a) or [None]))
    check(lambda xp: xp.argsort(xp.asarray(a), axis=axis, kind="stable"))
    check(lambda xp: xp.asarray(a).argsort(axis=axis, kind="stable"))


@given(hnp.arrays(st.sampled_from(COMPLEX_DTYPES), st.integers(1, 8), elements=st.complex_numbers(
    max_magnitude=4, allow_nan=False, allow_infinity=False, width=64)))
def test_argsort_complex_lexicographic(a):
    a = numpy.round(a)  # many ties in the real part
    check(lambda xp: xp.argsort(xp.asarray(a), kind="stable"))
    check(lambda xp: xp.sort_complex(xp.asarray(a)))


def test_sort_nans_last():
    a = [3.0, numpy.nan, -numpy.inf, 1.0, numpy.nan, numpy.inf, -0.0]
    check(lambda xp: xp.sort(xp.asarray(a)))
    check(lambda xp: xp.argsort(xp.asarray(a), kind="stable"))
    c = [complex(1, numpy.nan), 1 + 1j, complex(numpy.nan, 0), 0 + 2j]
    check(lambda xp: xp.sort(xp.asarray(c)))


def test_sort_uint64_large():
    a = numpy.array([2**64 - 1, 0, 2**63, 5], dtype=numpy.uint64)
    check(lambda xp: xp.sort(xp.asarray(a)))
    check(lambda xp: xp.argsort(xp.asarray(a)))


@given(arrays(min_dims=1))
def test_ndarray_sort_in_place(a):
    def f(xp):
        x = xp.asarray(a.copy())
        x.sort()
        return x
    check(f)


def test_ndarray_sort_writes_through_view():
    for xp in (numpy, numpy_shim):
        base = xp.asarray(numpy.array([[3, 1, 2], [9, 8, 7]]))
        base[1].sort()
        assert base.tolist() == [[3, 1, 2], [7, 8, 9]]


@given(arrays(REAL_DTYPES, shape=shapes(min_dims=1, max_dims=1, max_side=6)),
       arrays(REAL_DTYPES, shape=shapes(max_dims=2, max_side=3)), st.sampled_from(["left", "right"]))
def test_searchsorted_matches_numpy(a, v, side):
    a = numpy.sort(a)
    check(lambda xp: xp.searchsorted(xp.asarray(a), xp.asarray(v), side=side))


@given(arrays(FLOAT_DTYPES + INT_DTYPES, shape=shapes(min_dims=1, max_dims=1, max_side=6)),
       st.sampled_from(["left", "right"]))
def test_searchsorted_sorter_and_scalars(a, side):
    sorter = numpy.argsort(a, kind="stable")
    check(lambda xp: xp.searchsorted(xp.asarray(a), xp.asarray(a)[:2], side=side,
                                     sorter=xp.asarray(sorter)))
    check(lambda xp: xp.searchsorted(xp.sort(xp.asarray(a)), 1, side=side))
    check(lambda xp: xp.sort(xp.asarray(a)).searchsorted(0.5, side=side))


def test_searchsorted_nan_and_errors():
    a = [1.0, 2.0, numpy.nan, numpy.nan]
    check(lambda xp: xp.searchsorted(xp.asarray(a), xp.asarray([numpy.nan, 2.0, numpy.inf, 0.0])))
    check(lambda xp: xp.searchsorted(xp.asarray(a), xp.asarray([numpy.nan, 2.0, numpy.inf]), side="right"))
    check(lambda xp: xp.searchsorted(xp.ones((2, 2)), 1))
    check(lambda xp: xp.searchsorted(xp.asarray([1, 2]), 1, sorter=xp.asarray([0])))


@given(arrays(REAL_DTYPES, min_dims=1), st.data())
def test_partition_puts_kth_in_place(a, data):
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    n = a.shape[axis]
    if n == 0:
        return
    kth = data.draw(st.integers(-n, n - 1))
    got = numpy.asarray(numpy_shim.partition(numpy_shim.asarray(a), kth, axis=axis))
    exp = numpy.partition(a, kth, axis=axis)
    # NumPy leaves the order within each side unspecified: compare the kth slice and the sides
    numpy.testing.assert_array_equal(numpy.take(got, kth, axis), numpy.take(exp, kth, axis))
    numpy.testing.assert_array_equal(numpy.sort(got, axis), numpy.sort(exp, axis))
    idx = numpy.asarray(numpy_shim.argpartition(numpy_shim.asarray(a), kth, axis=axis))
    numpy.testing.assert_array_equal(numpy.take(numpy.take_along_axis(a, idx, axis), kth, axis),
                                     numpy.take(exp, kth, axis))


def test_partition_errors_and_method():
    check(lambda xp: xp.partition(xp.arange(3), 5))
    check(lambda xp: xp.partition(xp.arange(3), 1.5))
    check(lambda xp: xp.partition(xp.asarray(1), 0))
    check(lambda xp: xp.partition(xp.asarray(1), 0, axis=None))

    def f(xp):
        x = xp.asarray([5, 1, 4, 2])
        x.partition(2)
        return x[2]
    check(f)


@given(st.lists(arrays(INT_DTYPES + FLOAT_DTYPES, shape=(5,)), min_size=1, max_size=3))
def test_lexsort_matches_numpy(keys):
    keys = [numpy.round(k) if k.dtype.kind == "f" else k for k in keys]
    check(lambda xp: xp.lexsort([xp.asarray(k) for k in keys]))
    check(lambda xp: xp.lexsort(tuple(xp.asarray(k) for k in keys)))


def test_lexsort_examples():
    surnames = numpy.array([3, 1, 2, 1, 3])
    first = numpy.array([1, 2, 0, 1, 0])
    check(lambda xp: xp.lexsort((xp.asarray(first), xp.asarray(surnames))))
    check(lambda xp: xp.lexsort(xp.asarray([[1, 2, 1], [0, 0, 1]])))
    check(lambda xp: xp.lexsort(xp.asarray([[1, 2], [3, 4]]), axis=0))
    check(lambda xp: xp.lexsort(([1, 2], [1, 2, 3])))
    check(lambda xp: xp.lexsort(()))


def test_sort_is_differentiable():
    x = torch.tensor([3.0, 1.0, 2.0], dtype=torch.float64, requires_grad=True)
    y = numpy_shim.sort(numpy_shim.asarray(x))
    (y.tensor * torch.tensor([1.0, 10.0, 100.0], dtype=torch.float64)).sum().backward()
    assert x.grad.tolist() == [100.0, 1.0, 10.0]


def test_errors_match_numpy():
    check(lambda xp: xp.sort(xp.asarray(5)))
    check(lambda xp: xp.argsort(xp.asarray(5)))
    check(lambda xp: xp.sort(xp.asarray(5), axis=None))
    check(lambda xp: xp.sort(xp.arange(3), kind="bogus"))
    check(lambda xp: xp.sort(xp.arange(3), axis=1))
