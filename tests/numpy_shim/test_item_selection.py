"""take, put, *_along_axis, choose, compress, where, nonzero family, place/putmask, select, flat, item."""
import warnings

import numpy
import pytest
import torch
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import numpy_shim
from tests.differential import ALL_DTYPES, INT_DTYPES, arrays, check, shapes

MODES = ["raise", "wrap", "clip"]


def int_arrays(shape, lo, hi):
    """int64 arrays of ``shape`` (a strategy or tuple) with values in [lo, hi]."""
    return hnp.arrays(numpy.int64, shape, elements=st.integers(lo, hi))


@given(st.data())
def test_take_matches_numpy(data):
    a = data.draw(arrays(ALL_DTYPES, shapes(min_dims=0, max_dims=3, max_side=4)))
    axis = data.draw(st.one_of(st.none(), st.integers(-a.ndim, a.ndim - 1) if a.ndim else st.none()))
    mode = data.draw(st.sampled_from(MODES))
    if (a.size if axis is None else a.shape[axis]) == 0:
        mode = "raise"  # NumPy's own take loops forever for wrap/clip on an empty axis
    ind = data.draw(int_arrays(shapes(0, 2, 0, 3), -6, 6))
    check(lambda xp: xp.take(xp.asarray(a), xp.asarray(ind), axis=axis, mode=mode))
    check(lambda xp: xp.asarray(a).take(int(ind.ravel()[0]) if ind.size else 0, axis=axis, mode=mode))


@given(st.data())
def test_put_matches_numpy(data):
    a = data.draw(arrays(ALL_DTYPES, shapes(min_dims=0, max_dims=3, min_side=1, max_side=4)))
    mode = data.draw(st.sampled_from(MODES))
    ind = data.draw(st.lists(st.integers(-2 * a.size, 2 * a.size), max_size=5))
    v = data.draw(arrays([a.dtype], shapes(1, 1, 1, 4)))

    def f(xp):
        b = xp.asarray(a.copy())
        xp.put(b, ind, xp.asarray(v), mode=mode)
        return b
    check(f)


@given(st.data())
def test_take_put_along_axis_match_numpy(data):
    a = data.draw(arrays(ALL_DTYPES, shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)))
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    ishape = list(a.shape)
    ishape[axis] = data.draw(st.integers(0, 3))
    ishape = [s if data.draw(st.booleans()) or k == axis % a.ndim else 1 for k, s in enumerate(ishape)]
    ind = data.draw(int_arrays(tuple(ishape), -a.shape[axis], a.shape[axis] - 1))
    check(lambda xp: xp.take_along_axis(xp.asarray(a), xp.asarray(ind), axis=axis))

    def put(xp):
        b = xp.asarray(a.copy())
        xp.put_along_axis(b, xp.asarray(ind), xp.asarray(a.ravel()[:1]), axis=axis)
        return b
    check(put)
    check(lambda xp: xp.take_along_axis(xp.asarray(a), xp.asarray(ind.ravel()), axis=None))


@given(st.data())
def test_choose_matches_numpy(data):
    shape = data.draw(shapes(0, 2, 0, 3))
    n = data.draw(st.integers(1, 3))
    idx = data.draw(int_arrays(shape, -1, n))
    choices = [data.draw(arrays(ALL_DTYPES, st.just(shape[k % 2:]))) for k in range(n)]
    mode = data.draw(st.sampled_from(MODES))
    check(lambda xp: xp.choose(xp.asarray(idx), [xp.asarray(c) for c in choices], mode=mode))


@given(st.data())
def test_compress_extract_match_numpy(data):
    a = data.draw(arrays(ALL_DTYPES, shapes(min_dims=1, max_dims=3, max_side=4)))
    axis = data.draw(st.one_of(st.none(), st.integers(-a.ndim, a.ndim - 1)))
    n = a.size if axis is None else a.shape[axis]
    cond = data.draw(st.lists(st.booleans(), max_size=n + 1))
    check(lambda xp: xp.compress(cond, xp.asarray(a), axis=axis))
    mask = data.draw(arrays([numpy.dtype(bool), numpy.dtype("int8")], st.just(a.shape)))
    check(lambda xp: xp.extract(xp.asarray(mask), xp.asarray(a)))


@given(cond=arrays([numpy.dtype(bool)], shapes(0, 2, 0, 3)), x=arrays(ALL_DTYPES, shapes(0, 2, 0, 3)),
       y=st.one_of(st.integers(-5, 5), st.floats(-2, 2), arrays(ALL_DTYPES, shapes(0, 1, 0, 3))))
def test_where_matches_numpy(cond, x, y):
    check(lambda xp: xp.where(xp.asarray(cond), xp.asarray(x), xp.asarray(y) if isinstance(y, numpy.ndarray) else y))


@given(a=arrays(ALL_DTYPES, shapes(0, 3, 0, 4)))
def test_nonzero_family_matches_numpy(a):
    check(lambda xp: xp.nonzero(xp.asarray(a)))
    check(lambda xp: xp.asarray(a).nonzero())
    check(lambda xp: xp.where(xp.asarray(a)))
    check(lambda xp: xp.argwhere(xp.asarray(a)))
    check(lambda xp: xp.flatnonzero(xp.asarray(a)))
    check(lambda xp: xp.count_nonzero(xp.asarray(a)))
    if a.ndim:
        check(lambda xp: xp.count_nonzero(xp.asarray(a), axis=-1))
        check(lambda xp: xp.count_nonzero(xp.asarray(a), axis=0, keepdims=True))


@given(a=arrays(ALL_DTYPES, shapes(1, 3, 0, 4)), size=st.integers(0, 8), fill=st.integers(-3, 3))
def test_nonzero_size_extension(a, size, fill):
    """nonzero(size=, fill_value=): the first ``size`` of NumPy's indices, padded."""
    want = numpy.nonzero(a)
    got = numpy_shim.nonzero(numpy_shim.asarray(a), size=size, fill_value=fill)
    for w, g in zip(want, got):
        expected = numpy.concatenate([w[:size], numpy.full(max(0, size - len(w)), fill, w.dtype)])
        numpy.testing.assert_array_equal(numpy.asarray(g), expected)
        assert numpy.asarray(g).dtype == numpy.intp
    fw = numpy.flatnonzero(a)[:size]
    fg = numpy.asarray(numpy_shim.flatnonzero(numpy_shim.asarray(a), size=size, fill_value=fill))
    numpy.testing.assert_array_equal(fg[:len(fw)], fw)
    assert numpy_shim.argwhere(numpy_shim.asarray(a), size=size).shape == (size, a.ndim)


@given(st.data())
def test_place_putmask_match_numpy(data):
    a = data.draw(arrays(ALL_DTYPES, shapes(min_dims=1, max_dims=3, max_side=4)))
    mask = data.draw(arrays([numpy.dtype(bool)], st.just(a.shape)))
    vals = data.draw(arrays([a.dtype], shapes(1, 1, 1, 3)))

    def place(xp):
        b = xp.asarray(a.copy())
        xp.place(b, xp.asarray(mask), xp.asarray(vals))
        return b

    def putmask(xp):
        b = xp.asarray(a.copy())
        xp.putmask(b, xp.asarray(mask), xp.asarray(vals))
        return b
    check(place)
    check(putmask)


@given(st.data())
def test_select_matches_numpy(data):
    shape = data.draw(shapes(0, 2, 0, 3))
    n = data.draw(st.integers(1, 3))
    conds = [data.draw(arrays([numpy.dtype(bool)], st.just(shape))) for _ in range(n)]
    choices = [data.draw(arrays(ALL_DTYPES, st.just(shape))) for _ in range(n)]
    default = data.draw(st.one_of(st.integers(-3, 3), st.floats(-1, 1)))
    check(lambda xp: xp.select([xp.asarray(c) for c in conds], [xp.asarray(c) for c in choices], default))


@pytest.mark.parametrize("call", [
    lambda xp: xp.take(xp.arange(3), 5),
    lambda xp: xp.take(xp.zeros(0), [0]),
    lambda xp: xp.take(xp.arange(3), [0.5]),
    lambda xp: xp.put(xp.arange(3), [5], [1]),
    lambda xp: xp.put([1, 2], [0], [1]),
    lambda xp: xp.choose([0, 3], [[1, 2], [3, 4]]),
    lambda xp: xp.compress([True, False, False, True], xp.arange(3)),
    lambda xp: xp.nonzero(xp.asarray(5)),
    lambda xp: xp.take_along_axis(xp.arange(3), xp.asarray([0.0]), 0),
    lambda xp: xp.take_along_axis(xp.arange(3), xp.asarray([[0]]), 0),
    lambda xp: xp.select([xp.asarray([1, 0])], [xp.asarray([1, 2])]),
    lambda xp: xp.select([], []),
    lambda xp: xp.where(True, 1),
    lambda xp: xp.place(xp.arange(3), [True, False, True], []),
])
def test_errors_match_numpy(call):
    check(call, exc_match=True)


def test_flat_matches_numpy():
    a = numpy.arange(12).reshape(3, 4)[:, ::-1]
    for ix in [3, -1, slice(None), slice(2, 9, 3), slice(None, None, -2), [1, 5], numpy.array([[0, 11]]),
               Ellipsis, ()]:
        check(lambda xp: xp.asarray(a).flat[ix])
    check(lambda xp: list(xp.asarray(a).flat))
    check(lambda xp: len(xp.asarray(a).flat))

    def assign(xp):
        b = xp.asarray(a.copy())
        b.flat[[0, 5, 7]] = [100, 200]
        b.flat[::5] = -1
        b.flat[xp.asarray(a.ravel() > 9)] = 9
        return b
    check(assign)

    def whole(xp):
        b = xp.zeros((2, 3), dtype="int8")
        b.flat = [1, 2]
        return b
    check(whole)
    check(lambda xp: xp.asarray(a).flat[12], exc_match=True)


def test_item_matches_numpy():
    a = numpy.arange(12, dtype=numpy.float32).reshape(3, 4)
    for args in [(5,), (-1,), (1, 2), ((2, 3),)]:
        check(lambda xp: xp.asarray(a).item(*args))
    check(lambda xp: xp.asarray(a).item(), exc_match=True)
    check(lambda xp: xp.asarray(a).item(12), exc_match=True)
    check(lambda xp: xp.asarray(numpy.uint64(2 ** 64 - 1)).item())


def test_vmap_take_along_axis_and_putmask():
    x = torch.randn(4, 5, dtype=torch.float64)

    def f(t):
        a = numpy_shim.asarray(t)
        idx = numpy_shim.argsort(a) if hasattr(numpy_shim, "argsort") else numpy_shim.asarray([[4, 3, 2, 1, 0]])[0]
        b = numpy_shim.take_along_axis(a, idx, axis=-1)
        c = b.copy()
        numpy_shim.putmask(c, c > 0, 0.0)
        return numpy_shim.where(c < -0.5, c, -0.5).tensor

    torch.testing.assert_close(torch.func.vmap(f)(x), torch.stack([f(r) for r in x]))


def test_nonzero_under_vmap_needs_size():
    x = torch.tensor([[0.0, 1.0, 2.0], [3.0, 0.0, 0.0]])
    with pytest.raises(numpy_shim.DataDependentError, match="size="):
        torch.func.vmap(lambda t: numpy_shim.nonzero(numpy_shim.asarray(t))[0].tensor)(x)
    got = torch.func.vmap(lambda t: numpy_shim.nonzero(numpy_shim.asarray(t), size=2, fill_value=-1)[0].tensor)(x)
    assert got.tolist() == [[1, 2], [0, -1]]


def test_take_under_grad():
    x = torch.randn(5, dtype=torch.float64)
    g = torch.func.grad(lambda t: numpy_shim.take(numpy_shim.asarray(t), [0, 0, 3]).tensor.sum())(x)
    assert g.tolist() == [2.0, 0.0, 0.0, 1.0, 0.0]


def test_choose_method_takes_choices_as_separate_arguments():
    check(lambda xp: xp.asarray([0, 1, 2]).choose([1, 2, 3], [4, 5, 6], [7, 8, 9]))
    check(lambda xp: xp.asarray([0, 1]).choose([[1, 2], [3, 4]]))
    check(lambda xp: xp.asarray([0, 1]).choose())       # TypeError on both sides
    check(lambda xp: xp.choose(xp.asarray([0, 1]), []))  # ValueError on both sides


@pytest.mark.parametrize("shape, axis, idx", [((3, 0), 0, [5]), ((2, 0), 1, [0]), ((0, 3), 1, [5]),
                                              ((3, 0), 0, [1]), ((0,), 0, []), ((0,), 0, [0]),
                                              ((3, 0), 1, []), ((0, 1), 1, [1])])
def test_take_on_empty_arrays_checks_indices_as_numpy(shape, axis, idx):
    check(lambda xp: xp.take(xp.zeros(shape), idx, axis=axis))
    check(lambda xp: xp.compress([False, True], xp.zeros((0, 1)), axis=1))
