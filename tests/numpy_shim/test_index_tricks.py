"""ix_, r_/c_/s_, *_indices, ravel/unravel_index, fill_diagonal, ndenumerate, nditer vs NumPy."""
import numpy
import pytest
import torch
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import numpy_shim
from tests.differential import ALL_DTYPES, arrays, check, shapes


@given(n=st.integers(0, 5), m=st.one_of(st.none(), st.integers(0, 5)), k=st.integers(-3, 3))
def test_triangle_indices_match_numpy(n, m, k):
    check(lambda xp: xp.tril_indices(n, k, m))
    check(lambda xp: xp.triu_indices(n, k, m))
    a = numpy.zeros((n, m if m is not None else n))
    check(lambda xp: xp.tril_indices_from(xp.asarray(a), k))
    check(lambda xp: xp.triu_indices_from(xp.asarray(a), k))


@given(n=st.integers(0, 4), ndim=st.integers(1, 3))
def test_diag_indices_match_numpy(n, ndim):
    check(lambda xp: xp.diag_indices(n, ndim))
    check(lambda xp: xp.diag_indices_from(xp.zeros((n,) * max(ndim, 2))))


def test_mask_indices_matches_numpy():
    check(lambda xp: xp.mask_indices(3, xp.triu))
    check(lambda xp: xp.mask_indices(4, xp.tril, -1))


@given(shape=shapes(1, 3, 1, 5), data=st.data())
def test_ravel_unravel_roundtrip_match_numpy(shape, data):
    size = int(numpy.prod(shape))
    flat = data.draw(hnp.arrays(numpy.int64, shapes(0, 2, 0, 3), elements=st.integers(0, size - 1)))
    order = data.draw(st.sampled_from(["C", "F"]))
    check(lambda xp: xp.unravel_index(xp.asarray(flat), shape, order=order))
    check(lambda xp: xp.unravel_index(int(flat.ravel()[0]) if flat.size else 0, shape, order=order))
    coords = numpy.unravel_index(flat, shape, order=order)
    check(lambda xp: xp.ravel_multi_index(tuple(xp.asarray(c) for c in coords), shape, order=order))
    mode = data.draw(st.sampled_from(["raise", "wrap", "clip"]))
    shifted = tuple(c + data.draw(st.integers(-2, 2)) for c in coords)
    check(lambda xp: xp.ravel_multi_index(tuple(xp.asarray(c) for c in shifted), shape, mode=mode))


@pytest.mark.parametrize("call", [
    lambda xp: xp.ravel_multi_index((3, 2), (3, 4)),
    lambda xp: xp.ravel_multi_index((1, 2), (3, 4)),
    lambda xp: xp.ravel_multi_index(([1],), (3, 4)),
    lambda xp: xp.ravel_multi_index((1.0, 2), (3, 4)),
    lambda xp: xp.unravel_index(12, (3, 4)),
    lambda xp: xp.unravel_index(-1, (3, 4)),
    lambda xp: xp.unravel_index(1.0, (3, 4)),
    lambda xp: xp.unravel_index([], (3, 4)),
    lambda xp: xp.unravel_index(0, ()),
    lambda xp: xp.ix_([[1]]),
    lambda xp: xp.diag_indices_from(xp.zeros((2, 3))),
    lambda xp: xp.fill_diagonal(xp.zeros(3), 1),
    lambda xp: xp.tril_indices_from(xp.zeros(3)),
])
def test_errors_and_scalars_match_numpy(call):
    check(call, exc_match=True)


def test_ix_matches_numpy():
    check(lambda xp: xp.ix_([0, 1], [True, False, True], xp.asarray([2], dtype="int8")))
    check(lambda xp: xp.ix_(range(0)))
    check(lambda xp: xp.ix_([]))
    a = numpy.arange(20).reshape(4, 5)
    check(lambda xp: xp.asarray(a)[xp.ix_([0, 3], [1, 2, 4])])


def test_r_c_s_match_numpy():
    check(lambda xp: xp.r_[1:3, 5, [7, 8], xp.asarray([9])])
    check(lambda xp: xp.r_[0:1:3j, 2.0])
    check(lambda xp: xp.r_[-1:1:5j])
    check(lambda xp: xp.r_[0, xp.asarray(1), 2])
    check(lambda xp: xp.r_["0,2", [1, 2], [3, 4]])
    check(lambda xp: xp.r_["1,2,0", [1, 2], [3, 4]])
    check(lambda xp: xp.r_[xp.asarray([1, 2], dtype="int8"), 3])
    check(lambda xp: xp.c_[xp.asarray([1, 2]), xp.asarray([3, 4])])
    check(lambda xp: xp.c_[xp.zeros((2, 2)), [1, 2]])
    assert numpy_shim.s_[1:2, ::-1] == numpy.s_[1:2, ::-1]
    assert numpy_shim.index_exp[3] == numpy.index_exp[3]


@given(a=arrays(ALL_DTYPES, shapes(2, 3, 0, 4)), val=st.integers(0, 5), wrap=st.booleans())
def test_fill_diagonal_matches_numpy(a, val, wrap):
    def f(xp):
        b = xp.asarray(a.copy())
        if b.ndim > 2:
            b = xp.asarray(numpy.zeros((3, 3, 3), a.dtype))
        xp.fill_diagonal(b, val, wrap=wrap)
        return b
    check(f)
    check(lambda xp: _fill_list(xp, wrap))


def _fill_list(xp, wrap):
    b = xp.zeros((7, 3))
    xp.fill_diagonal(b, [5, 6], wrap=wrap)
    return b


def test_ndenumerate_ndindex_match_numpy():
    a = numpy.arange(6, dtype=numpy.int16).reshape(2, 3)
    check(lambda xp: list(xp.ndenumerate(xp.asarray(a))))
    check(lambda xp: list(xp.ndindex(2, 3)))


def test_nditer_read_and_readwrite():
    a = numpy.arange(6).reshape(2, 3)
    check(lambda xp: [x for x in xp.nditer(xp.asarray(a))])
    check(lambda xp: [x for x in xp.nditer(xp.asarray(a).T)])          # memory order ('K')
    check(lambda xp: [x for x in xp.nditer(xp.asarray(a).T, order="C")])
    check(lambda xp: [(x, y) for x, y in xp.nditer([xp.asarray(a), xp.asarray([10, 20, 30])])])

    def rw(xp):
        b = xp.asarray(a.copy())
        with xp.nditer(b, op_flags=["readwrite"]) as it:
            for x in it:
                x[...] = 2 * x
        return b
    check(rw)

    def multi(xp):
        it = xp.nditer(xp.asarray(a), flags=["multi_index"])
        out = []
        while not it.finished:
            out.append((it.multi_index, int(it[0])))
            it.iternext()
        return out
    check(multi)


def test_indices_run_under_vmap():
    rows, cols = numpy_shim.triu_indices(3, 1)

    def f(t):
        a = numpy_shim.asarray(t)
        return a[rows, cols].tensor

    xs = torch.randn(4, 3, 3)
    torch.testing.assert_close(torch.func.vmap(f)(xs), torch.stack([f(x) for x in xs]))


@pytest.mark.parametrize("make", [
    lambda xp: xp.r_[xp.arange(3, dtype=xp.int8), 7],
    lambda xp: xp.r_[xp.arange(3, dtype=xp.int8), 5.5, xp.int64(7)],
    lambda xp: xp.r_[xp.arange(3, dtype=xp.float32), 7.5],
    lambda xp: xp.r_[xp.int8(3), 4],
    lambda xp: xp.r_[1, 2.5, True],
    lambda xp: xp.r_["1,2", [1, 2], 3],
    lambda xp: xp.r_[xp.arange(5, dtype=xp.int8), 255],  # OverflowError on both sides
])
def test_r_scalars_follow_nep50(make):
    check(make)


def test_nditer_for_loop_reports_the_element_just_given():
    def run(xp):
        it = xp.nditer(xp.arange(6).reshape(2, 3), flags=["multi_index"])
        seen = [(it.multi_index, int(x), it.iterindex) for x in it]
        return seen, it.finished
    assert run(numpy_shim) == run(numpy)


@pytest.mark.parametrize("make", [
    lambda xp: xp.nditer(xp.arange(6).reshape(2, 3), flags=["external_loop"]),
    lambda xp: xp.nditer(xp.arange(6).reshape(2, 3), flags=["external_loop"], order="F"),
    lambda xp: xp.nditer(xp.arange(6).reshape(2, 3), flags=["external_loop", "buffered"], order="F"),
    lambda xp: xp.nditer(xp.arange(6).reshape(2, 3).T, flags=["external_loop"]),
    lambda xp: xp.nditer(xp.arange(6).reshape(2, 3)[:, ::2], flags=["external_loop"]),
    lambda xp: xp.nditer([xp.arange(6).reshape(2, 3), xp.arange(3)], flags=["external_loop"]),
    lambda xp: xp.nditer(xp.arange(20000), flags=["external_loop", "buffered"]),
    lambda xp: xp.nditer(xp.asarray(5), flags=["external_loop"]),
])
def test_nditer_external_loop_blocks(make):
    def blocks(xp):
        return [[numpy.asarray(v).tolist() for v in (b if isinstance(b, tuple) else (b,))]
                for b in make(xp)]
    assert blocks(numpy_shim) == blocks(numpy)


def test_nditer_external_loop_writes_reach_the_operand():
    def run(xp):
        a = xp.arange(6).reshape(2, 3)
        for x in xp.nditer(a, flags=["external_loop"], op_flags=["readwrite"], order="F"):
            x[...] = x * 10
        return a
    check(run)
