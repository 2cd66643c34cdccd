"""Joining, splitting and editing arrays against real NumPy (values, promoted dtypes, errors)."""
import numpy
import pytest
import torch
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import numpy_shim
from tests.differential import ALL_DTYPES, arrays, check, shapes


def _pair(dtypes=ALL_DTYPES):
    """Two arrays of independent dtypes and shapes that agree except possibly along one axis."""
    @st.composite
    def build(draw):
        shape = draw(shapes(min_dims=1, max_side=3))
        axis = draw(st.integers(0, len(shape) - 1))
        other = list(shape)
        other[axis] = draw(st.integers(0, 3))
        a = draw(hnp.arrays(st.sampled_from(dtypes), shape))
        b = draw(hnp.arrays(st.sampled_from(dtypes), tuple(other)))
        return a, b, axis
    return build()


# -- concatenate and friends -----------------------------------------------------------------

@given(_pair())
def test_concatenate_promotes_like_numpy(pab):
    a, b, axis = pab
    check(lambda xp: xp.concatenate([xp.asarray(a), xp.asarray(b)], axis=axis))
    check(lambda xp: xp.concatenate((xp.asarray(a), xp.asarray(b)), axis=axis - a.ndim))
    check(lambda xp: xp.concatenate([xp.asarray(a), xp.asarray(b)], axis=None))
    check(lambda xp: xp.concat([xp.asarray(a), xp.asarray(b)], axis=axis))


@given(_pair(), st.sampled_from(["no", "equiv", "safe", "same_kind", "unsafe"]),
       st.sampled_from(ALL_DTYPES))
def test_concatenate_dtype_and_casting(pab, casting, dtype):
    a, b, axis = pab
    check(lambda xp: xp.concatenate([xp.asarray(a), xp.asarray(b)], axis=axis, casting=casting))
    check(lambda xp: xp.concatenate([xp.asarray(a), xp.asarray(b)], axis=axis, dtype=dtype, casting=casting))


@pytest.mark.parametrize("case", range(9))
def test_concatenate_errors(case):
    def f(xp):
        a, b, c = xp.ones((2, 2)), xp.ones((2, 3)), xp.ones(2)
        return [lambda: xp.concatenate([]), lambda: xp.concatenate([1, 2]),
                lambda: xp.concatenate([a, c]), lambda: xp.concatenate([a, b]),
                lambda: xp.concatenate([a, a], axis=2), lambda: xp.concatenate([a, a], dtype="i8"),
                lambda: xp.concatenate([a, a], out=xp.zeros((4, 2)), dtype="f8"),
                lambda: xp.concatenate(xp.arange(3)),
                lambda: xp.concatenate([xp.ones(2, "i8"), xp.ones(2, "u8")], casting="no")][case]()
    err = check(f, exc_match=True)
    assert isinstance(err, Exception)


def test_concatenate_out():
    def f(xp, shape, dtype):
        out = xp.zeros(shape, dtype=dtype)
        r = xp.concatenate([xp.ones((2, 2)), xp.full((1, 2), 2.5)], out=out)
        return r is out, out
    check(lambda xp: f(xp, (3, 2), "f4"))
    check(lambda xp: f(xp, (3, 2), "c16"))
    check(lambda xp: f(xp, (3, 2), "i8"))
    check(lambda xp: f(xp, (2, 3), "f8"))
    check(lambda xp: f(xp, (6,), "f8"))


@pytest.mark.parametrize("casting", ["no", "equiv", "safe", "same_kind", "unsafe"])
@pytest.mark.parametrize("out_dtype", [">f8", "<f4", ">i4", "S4"])
@pytest.mark.parametrize("fn", ["concatenate", "stack"])
def test_join_into_a_real_numpy_out(fn, out_dtype, casting):
    # out= a real NumPy array (as NumPy's dispatch hands it over) is written in place
    def f(xp):
        out = numpy.zeros(4 if fn == "concatenate" else (2, 2), dtype=out_dtype)
        r = getattr(xp, fn)([xp.asarray([1.1, 2.2]), xp.asarray([3.3, 4.4])], out=out, casting=casting)
        return r is out, out.tolist(), out.dtype.str
    check(f)


def test_concatenate_nep50_weak_scalars():
    check(lambda xp: xp.concatenate([xp.float32(1), 1.0], axis=None))
    check(lambda xp: xp.concatenate([xp.float32(1), 1.0], axis=None, casting="no"))
    check(lambda xp: xp.concatenate([xp.asarray([1], dtype="i1"), 300], axis=None))
    check(lambda xp: xp.concatenate([xp.asarray([1, 2], dtype="u1"), 2.5], axis=None))
    check(lambda xp: xp.concatenate([1, 2.5], axis=None))
    check(lambda xp: xp.stack([xp.float32(1), 1.0]))  # stack converts scalars first: float64
    check(lambda xp: xp.choose(1, [xp.float32(1), 1.0]))


def test_concatenate_of_an_array_joins_its_rows():
    check(lambda xp: xp.concatenate(xp.arange(6).reshape(3, 2)))
    check(lambda xp: xp.concatenate(xp.arange(8).reshape(2, 2, 2), axis=1))


@given(arrays(shape=shapes(max_side=3)), st.integers(1, 3), st.data())
def test_stack(a, n, data):
    axis = data.draw(st.integers(-a.ndim - 2, a.ndim + 1))
    check(lambda xp: xp.stack([xp.asarray(a)] * n, axis=axis))
    check(lambda xp: xp.stack([xp.asarray(a), xp.asarray(a).astype("f4")], axis=axis, dtype="f8"))


def test_stack_errors():
    check(lambda xp: xp.stack([]))
    check(lambda xp: xp.stack([xp.ones(2), xp.ones(3)]))
    check(lambda xp: xp.stack(x for x in [xp.ones(2)]))


@given(st.lists(arrays(shape=shapes(max_dims=3, max_side=2)), min_size=1, max_size=3))
def test_hstack_vstack_dstack_column_stack(arrs):
    for name in ["hstack", "vstack", "dstack", "column_stack"]:
        check(lambda xp: getattr(xp, name)([xp.asarray(x) for x in arrs]))
    check(lambda xp: xp.hstack([xp.asarray(x) for x in arrs], dtype="f8"))
    check(lambda xp: xp.vstack(tuple(xp.asarray(x) for x in arrs), casting="unsafe", dtype="i2"))


def test_stacking_matching_shapes_and_lists():
    a, b = [[1, 2], [3, 4]], [[5, 6]]
    check(lambda xp: xp.vstack([a, b]))
    check(lambda xp: xp.hstack([a, numpy.array(b).T]))
    check(lambda xp: xp.dstack([a, a]))
    check(lambda xp: xp.column_stack([[1, 2, 3], [4, 5, 6]]))
    check(lambda xp: xp.column_stack([xp.arange(3), xp.ones((3, 2), "f4")]))
    check(lambda xp: xp.hstack([]))
    with pytest.warns(DeprecationWarning):
        got = numpy_shim.row_stack([a, b])
    assert numpy.asarray(got).tolist() == numpy.vstack([a, b]).tolist()


# -- block ---------------------------------------------------------------------------------

def test_block_layouts():
    def f(xp):
        A, B = xp.eye(2) * 2, xp.eye(3) * 3
        return xp.block([[A, xp.zeros((2, 3))], [xp.ones((3, 2), "i4"), B]])
    check(f)
    check(lambda xp: xp.block([xp.arange(2), 5, xp.arange(3)]))
    check(lambda xp: xp.block([[1, 2], [3, 4]]))
    check(lambda xp: xp.block([[[1], [2]], [[3], [4]]]))
    check(lambda xp: xp.block(xp.arange(3)))
    check(lambda xp: xp.block(1))
    check(lambda xp: xp.block([[xp.ones((2, 2, 2))], [xp.zeros((1, 2, 2))]]))


@pytest.mark.parametrize("arg", ["empty", "tuple", "depth1", "depth2", "inner_empty"])
def test_block_errors(arg):
    def f(xp):
        a = xp.ones((2, 2))
        return xp.block({"empty": [], "tuple": (a, a), "depth1": [[a], a], "depth2": [a, [a]],
                         "inner_empty": [[]]}[arg])
    check(f, exc_match=True)


def test_block_returns_a_copy():
    def f(xp):
        a = xp.zeros(3)
        b = xp.block([a])
        b[0] = 5
        c = xp.block(a)
        c[1] = 7
        return a
    check(f)


# -- splitting -----------------------------------------------------------------------------

@given(arrays(shape=shapes(min_dims=1, max_side=5)), st.data())
def test_array_split_and_split(a, data):
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    sections = data.draw(st.integers(1, 6))
    idx = data.draw(st.lists(st.integers(-7, 7), max_size=4))
    check(lambda xp: xp.array_split(xp.asarray(a), sections, axis=axis))
    check(lambda xp: xp.split(xp.asarray(a), sections, axis=axis))
    check(lambda xp: xp.array_split(xp.asarray(a), idx, axis=axis))
    check(lambda xp: xp.split(xp.asarray(a), numpy.array(idx, dtype=int), axis=axis))


@pytest.mark.parametrize("fn", [
    lambda xp: xp.split(xp.arange(5), 2), lambda xp: xp.array_split(xp.arange(5), 0),
    lambda xp: xp.split(xp.arange(5), [1, 2], axis=1), lambda xp: xp.hsplit(xp.array(1), 2),
    lambda xp: xp.vsplit(xp.arange(4), 2), lambda xp: xp.dsplit(xp.ones((2, 2)), 2),
    lambda xp: xp.unstack(xp.array(1))])
def test_split_errors(fn):
    check(fn, exc_match=True)


@given(arrays(shape=shapes(min_dims=3, max_side=4)))
def test_hsplit_vsplit_dsplit_unstack(a):
    for name in ["hsplit", "vsplit", "dsplit"]:
        check(lambda xp: getattr(xp, name)(xp.asarray(a), [1, 3]))
    check(lambda xp: xp.hsplit(xp.asarray(a[0, 0]), [1]))
    for axis in range(-a.ndim, a.ndim):
        check(lambda xp: xp.unstack(xp.asarray(a), axis=axis))


def test_splits_are_views():
    def f(xp):
        a = xp.arange(12).reshape(3, 4)
        parts = xp.array_split(a, 3, axis=1) + xp.split(a, [1], axis=0) + list(xp.unstack(a, axis=1))
        for i, p in enumerate(parts):
            p[(0,) * p.ndim] = -i
        return a
    check(f)


# -- append, insert, delete ------------------------------------------------------------------

@given(_pair())
def test_append(pab):
    a, b, axis = pab
    check(lambda xp: xp.append(xp.asarray(a), xp.asarray(b)))
    check(lambda xp: xp.append(xp.asarray(a), xp.asarray(b), axis=axis))
    check(lambda xp: xp.append(xp.asarray(a), 2.5))


@given(arrays(shape=shapes(min_dims=1, max_side=4)), st.data())
def test_delete(a, data):
    axis = data.draw(st.integers(0, a.ndim - 1))
    n = a.shape[axis]
    i = data.draw(st.integers(-n - 1, n))
    lst = data.draw(st.lists(st.integers(-n, max(n - 1, 0)), max_size=4 if n else 0))
    mask = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    sl = slice(*data.draw(st.tuples(st.integers(-5, 5) | st.none(), st.integers(-5, 5) | st.none(),
                                    st.sampled_from([None, 1, 2, -1, -2]))))
    for obj in [i, lst, numpy.array(mask, dtype=bool), sl]:
        check(lambda xp: xp.delete(xp.asarray(a), obj, axis=axis))
    check(lambda xp: xp.delete(xp.asarray(a), i))


@pytest.mark.parametrize("obj", [5, [5], [True], 1.0, [1.0], [], numpy.array([], dtype=int)])
def test_delete_edge_cases(obj):
    check(lambda xp: xp.delete(xp.arange(4), obj))


@given(arrays(shape=shapes(min_dims=1, max_side=4)), st.data())
def test_insert(a, data):
    axis = data.draw(st.integers(0, a.ndim - 1))
    n = a.shape[axis]
    i = data.draw(st.integers(-n - 1, n + 1))
    lst = data.draw(st.lists(st.integers(-n, n), max_size=4))
    check(lambda xp: xp.insert(xp.asarray(a), i, 7, axis=axis))
    check(lambda xp: xp.insert(xp.asarray(a), lst, 3, axis=axis))
    check(lambda xp: xp.insert(xp.asarray(a), slice(0, n, 2), 1, axis=axis))
    check(lambda xp: xp.insert(xp.asarray(a), i, 1))
    vals_shape = list(a.shape)
    vals_shape[axis] = 1
    vals = numpy.arange(numpy.prod(vals_shape)).reshape(vals_shape)
    check(lambda xp: xp.insert(xp.asarray(a), [i % (n + 1)], xp.asarray(vals), axis=axis))


@pytest.mark.parametrize("obj,values", [(1, [[1, 2]]), (1, [[1], [2]]), ([1], [[1], [2]]),
                                        ([0, 2, 2], [7, 8, 9]), (1.5, 9), ([1.5], 9), (5, 9),
                                        ([5], 9), ([], 9), (1, [1.7, 2.9])])
def test_insert_edge_cases(obj, values):
    check(lambda xp: xp.insert(xp.arange(4), obj, values))
    check(lambda xp: xp.insert(xp.arange(6).reshape(2, 3), obj, values, axis=1))


# -- trim_zeros, copyto --------------------------------------------------------------------

@given(arrays(shape=shapes(max_side=4)), st.sampled_from(["fb", "f", "b", "BF"]))
def test_trim_zeros(a, trim):
    check(lambda xp: xp.trim_zeros(xp.asarray(a), trim))
    if a.ndim:
        check(lambda xp: xp.trim_zeros(xp.asarray(a), trim, axis=-1))


@pytest.mark.parametrize("filt", [[0, 0, 1, 2, 0], [0, 0], [], [[0, 0, 0], [0, 1, 0], [0, 0, 0]]])
def test_trim_zeros_examples(filt):
    check(lambda xp: xp.trim_zeros(xp.asarray(filt)))
    check(lambda xp: xp.trim_zeros(xp.asarray(filt), "x"))
    assert numpy_shim.trim_zeros([0, 1, 0]) == [1]


@given(arrays(shape=shapes(max_side=3)), arrays(shape=shapes(max_side=3)),
       st.sampled_from(["no", "equiv", "safe", "same_kind", "unsafe"]))
def test_copyto(dst, src, casting):
    def f(xp, where=True):
        d = xp.asarray(dst.copy())
        xp.copyto(d, xp.asarray(src), casting=casting, where=where)
        return d
    check(f)
    mask = numpy.arange(dst.size).reshape(dst.shape) % 2 == 0
    check(lambda xp: f(xp, where=xp.asarray(mask)))


@pytest.mark.parametrize("src", [1.5, 300, -1, True, 2.5j, numpy.float64(1.5), [1.5, 2, 3],
                                 numpy.ones((3, 3))])
@pytest.mark.parametrize("dtype", ["i8", "u1", "f4", "?"])
def test_copyto_scalars_and_errors(src, dtype):
    def f(xp):
        d = xp.zeros((2, 3), dtype=dtype)
        xp.copyto(d, src)
        return d
    check(f)


def test_copyto_needs_an_array():
    check(lambda xp: xp.copyto([1], 1))


# -- transforms ------------------------------------------------------------------------------

def test_joining_under_vmap_and_grad():
    def f(t):
        a = numpy_shim.asarray(t)
        parts = numpy_shim.array_split(a, 3)
        j = numpy_shim.concatenate([parts[2], parts[0] * 2, numpy_shim.stack(parts[:2]).ravel()])
        j = numpy_shim.insert(numpy_shim.delete(j, [0, 3]), 1, a[:2])
        return numpy_shim.append(numpy_shim.block([[j], [j]]), 1.0).tensor

    x = torch.arange(12, dtype=torch.float64).reshape(2, 6)
    got = torch.func.vmap(f)(x)
    assert torch.equal(got, torch.stack([f(x[0]), f(x[1])]))

    g = torch.func.grad(lambda t: f(t).sum())(x[0])
    fd = torch.stack([(f(x[0] + 1e-6 * e).sum() - f(x[0] - 1e-6 * e).sum()) / 2e-6
                      for e in torch.eye(6, dtype=torch.float64)])
    assert torch.allclose(g, fd, atol=1e-6)


def test_copyto_under_vmap():
    def f(t):
        d = numpy_shim.zeros(4)
        numpy_shim.copyto(d, numpy_shim.asarray(t), where=numpy_shim.asarray([True, False, True, False]))
        return d.tensor
    x = torch.arange(8, dtype=torch.float64).reshape(2, 4)
    assert torch.equal(torch.func.vmap(f)(x), torch.stack([f(x[0]), f(x[1])]))


def test_copyto_into_a_view_reaches_the_base():
    def f(xp):
        a = xp.zeros((3, 4), dtype="f4")
        xp.copyto(a[:, 1], xp.arange(3))
        xp.copyto(a.T[2:], 7, where=xp.asarray([True, False, True]))
        return a
    check(f)


def test_copyto_into_a_real_numpy_array():
    dst = numpy.zeros(3)
    numpy_shim.copyto(dst, numpy_shim.arange(3), where=numpy_shim.asarray([True, False, True]))
    assert dst.tolist() == [0.0, 0.0, 2.0]
