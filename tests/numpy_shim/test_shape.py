"""Shape functions against real NumPy: values, dtypes, errors, and which results are views."""
import numpy
import pytest
import torch
from hypothesis import given, strategies as st

import numpy_shim
from tests.differential import ALL_DTYPES, arrays, check, shapes


def _writes_through(fn):
    """Write into ``fn(a)`` and return ``a``: equal to NumPy's exactly when both are views."""
    def run(xp):
        a = xp.arange(24, dtype=xp.int64).reshape(2, 3, 4)
        b = fn(xp, a)
        if b.size:
            b[(0,) * b.ndim] = -7
        return a
    return run


# -- reshape, ravel, flatten -----------------------------------------------------------------

def _divisor_shapes(size):
    ds = [d for d in range(1, size + 1) if size % d == 0] or [1]
    return st.sampled_from(ds)


@given(arrays(), st.data())
def test_reshape_matches_numpy(a, data):
    d = data.draw(_divisor_shapes(a.size)) if a.size else 0
    rest = a.size // d if d else 0
    for shape in [(d, rest), (-1,), (rest, -1) if rest else (0, -1), a.size]:
        check(lambda xp: xp.reshape(xp.asarray(a), shape))
        check(lambda xp: xp.asarray(a).reshape(shape, order="F"))


@pytest.mark.parametrize("shape", [(4, -1, -1), (5, -1), (7,), (-2, 3), (0, -1)])
def test_reshape_errors(shape):
    check(lambda xp: xp.arange(6).reshape(shape))


@pytest.mark.parametrize("order", ["C", "F", "A"])
@pytest.mark.parametrize("src", ["c", "t", "slice"])
def test_reshape_is_view_exactly_when_numpy_is(order, src):
    def fn(xp, a):
        base = {"c": a, "t": a.transpose(2, 1, 0), "slice": a[:, 1:]}[src]
        return base.reshape(-1, base.shape[-1], order=order)
    check(_writes_through(fn))


def test_reshape_copy_argument():
    check(_writes_through(lambda xp, a: xp.reshape(a, (6, 4), copy=True)))
    check(_writes_through(lambda xp, a: xp.reshape(a, (6, 4), copy=False)))
    check(lambda xp: xp.reshape(xp.arange(6).reshape(2, 3).T, 6, copy=False))
    check(lambda xp: xp.arange(6).reshape((2, 3), order="X"))


@given(arrays())
def test_ravel_flatten(a):
    for order in ["C", "F", "A", "K"]:
        check(lambda xp: xp.ravel(xp.asarray(a), order=order))
        check(lambda xp: xp.asarray(a).T.ravel(order=order))
        check(lambda xp: xp.asarray(a).flatten(order))


@pytest.mark.parametrize("order", ["C", "K"])
def test_ravel_views(order):
    check(_writes_through(lambda xp, a: xp.ravel(a, order)))
    check(_writes_through(lambda xp, a: xp.ravel(a.T, "K")))
    check(_writes_through(lambda xp, a: a.flatten()))
    check(_writes_through(lambda xp, a: xp.ravel(a[0, 0, ::2], order)))
    check(_writes_through(lambda xp, a: xp.ravel(a[:, :1], order)))


# -- transpose family -----------------------------------------------------------------------

@given(arrays(), st.data())
def test_transpose_permute_dims(a, data):
    perm = data.draw(st.permutations(range(a.ndim)))
    check(lambda xp: xp.transpose(xp.asarray(a)))
    check(lambda xp: xp.transpose(xp.asarray(a), perm))
    check(lambda xp: xp.permute_dims(xp.asarray(a), tuple(perm)))
    check(lambda xp: xp.asarray(a).transpose(*perm) if perm else xp.asarray(a).transpose())


@pytest.mark.parametrize("axes", [(0, 0, 1), (0, 1), (0, 1, 3), (-1, 0, 1)])
def test_transpose_errors(axes):
    check(lambda xp: xp.transpose(xp.zeros((2, 3, 4)), axes))


@given(arrays(shape=shapes(min_dims=1)), st.data())
def test_moveaxis_rollaxis_swapaxes(a, data):
    n = a.ndim
    ax = st.integers(-n - 1, n)
    s, d = data.draw(ax), data.draw(ax)
    check(lambda xp: xp.moveaxis(xp.asarray(a), s, d))
    check(lambda xp: xp.swapaxes(xp.asarray(a), s, d))
    start = data.draw(st.integers(-n - 2, n + 2))
    check(lambda xp: xp.rollaxis(xp.asarray(a), s, start))


def test_moveaxis_sequences_and_errors():
    for src, dst in [([0, 1], [2, 0]), ([0, 0], [1, 2]), ([0], [1, 2]), ((-1, 0), (0, -1)), (0, 3)]:
        check(lambda xp: xp.moveaxis(xp.zeros((2, 3, 4)), src, dst))


@pytest.mark.parametrize("fn", [
    lambda xp, a: xp.transpose(a), lambda xp, a: a.T, lambda xp, a: xp.moveaxis(a, 0, -1),
    lambda xp, a: xp.rollaxis(a, 2), lambda xp, a: xp.swapaxes(a, 0, 2),
    lambda xp, a: xp.permute_dims(a, (1, 0, 2)), lambda xp, a: xp.matrix_transpose(a)])
def test_transposes_are_views(fn):
    check(_writes_through(fn))


# -- squeeze, expand_dims, atleast_Nd ---------------------------------------------------------

@given(arrays(shape=shapes(max_side=2)), st.data())
def test_squeeze(a, data):
    check(lambda xp: xp.squeeze(xp.asarray(a)))
    if a.ndim:
        ax = data.draw(st.integers(-a.ndim, a.ndim - 1))
        check(lambda xp: xp.squeeze(xp.asarray(a), axis=ax))
        check(lambda xp: xp.asarray(a).squeeze((ax,)))


@given(arrays(), st.data())
def test_expand_dims(a, data):
    n = a.ndim
    ax = data.draw(st.lists(st.integers(-n - 3, n + 2), min_size=1, max_size=3))
    check(lambda xp: xp.expand_dims(xp.asarray(a), tuple(ax)))
    check(lambda xp: xp.expand_dims(xp.asarray(a), ax[0]))


@given(arrays(max_dims=4))
def test_atleast(a):
    for name in ["atleast_1d", "atleast_2d", "atleast_3d"]:
        check(lambda xp: getattr(xp, name)(xp.asarray(a)))
        check(lambda xp: getattr(xp, name)(xp.asarray(a), 5, [1, 2]))
        check(lambda xp: getattr(xp, name)())


@pytest.mark.parametrize("fn", [
    lambda xp, a: xp.squeeze(a[:1]), lambda xp, a: xp.expand_dims(a, (0, 4)),
    lambda xp, a: xp.atleast_3d(a[0, 0]), lambda xp, a: xp.atleast_2d(a[0, 0])])
def test_squeeze_expand_atleast_are_views(fn):
    check(_writes_through(fn))


# -- broadcasting ---------------------------------------------------------------------------

@given(arrays(shape=shapes(max_side=3)), shapes(max_side=3))
def test_broadcast_to(a, shape):
    check(lambda xp: xp.broadcast_to(xp.asarray(a), shape))


def test_broadcast_to_errors_and_read_only():
    check(lambda xp: xp.broadcast_to(xp.ones(3), (4,)))
    check(lambda xp: xp.broadcast_to(xp.ones(3), ()))
    check(lambda xp: xp.broadcast_to(1, (-1,)))
    check(lambda xp: xp.broadcast_to(5, 3))

    def write(xp):
        b = xp.broadcast_to(xp.arange(3), (2, 3))
        b[0, 0] = 1
    err = check(write)
    assert "read-only" in str(err)
    check(lambda xp: xp.broadcast_to(xp.arange(3), (2, 3)).flags.writeable)


@given(st.lists(shapes(max_side=3), min_size=0, max_size=4))
def test_broadcast_shapes_arrays_object(shps):
    check(lambda xp: xp.broadcast_shapes(*shps))
    arrs = [numpy.arange(numpy.prod(s), dtype="f4").reshape(s) for s in shps]
    if arrs:
        check(lambda xp: xp.broadcast_arrays(*[xp.asarray(x) for x in arrs]))
    check(lambda xp: (lambda b: (b.shape, b.nd, b.ndim, b.size, b.numiter))(
        xp.broadcast(*[xp.asarray(x) for x in arrs])))


def test_broadcast_iteration():
    def f(xp):
        b = xp.broadcast(xp.arange(3), xp.array([[10], [20]]))
        first = next(b)
        return [first, b.index, list(b), b.index]
    check(f)
    check(lambda xp: xp.broadcast(xp.ones(2), xp.ones(3)))


def test_broadcast_arrays_returns_input_of_full_shape():
    x = numpy_shim.ones((2, 3))
    y, z = numpy_shim.broadcast_arrays(x, numpy_shim.ones(3))
    assert y is x
    assert numpy.asarray(z).tolist() == numpy.ones((2, 3)).tolist()


# -- tile, repeat, roll, resize --------------------------------------------------------------

@given(arrays(max_side=3), st.lists(st.integers(0, 3), max_size=4))
def test_tile(a, reps):
    check(lambda xp: xp.tile(xp.asarray(a), reps))
    check(lambda xp: xp.tile(xp.asarray(a), tuple(reps)))
    if reps:
        check(lambda xp: xp.tile(xp.asarray(a), reps[0]))


def test_tile_errors_and_copy():
    check(lambda xp: xp.tile(xp.arange(3), -1))
    check(lambda xp: xp.tile(xp.arange(3), 1.5))
    check(_writes_through(lambda xp, a: xp.tile(a, 1)))


@given(arrays(max_side=3), st.data())
def test_repeat(a, data):
    r = data.draw(st.integers(0, 3))
    check(lambda xp: xp.repeat(xp.asarray(a), r))
    if a.ndim:
        ax = data.draw(st.integers(-a.ndim, a.ndim - 1))
        reps = data.draw(st.lists(st.integers(0, 3), min_size=a.shape[ax], max_size=a.shape[ax]))
        check(lambda xp: xp.repeat(xp.asarray(a), reps, axis=ax))
        check(lambda xp: xp.asarray(a).repeat(reps, ax))
        check(lambda xp: xp.repeat(xp.asarray(a), xp.asarray(reps, dtype=xp.int64), axis=ax))


@pytest.mark.parametrize("reps,axis", [([1, 2], None), (-1, None), ([1, -1], 0), ([[1, 2]], 0),
                                       (2.5, None), ([1, 2], 2), ([3], 0), (numpy.array(2), 1)])
def test_repeat_edge_cases(reps, axis):
    check(lambda xp: xp.repeat(xp.arange(6).reshape(2, 3), reps, axis=axis))


def test_repeat_scalar():
    check(lambda xp: xp.repeat(5, 3))


@given(arrays(max_side=4), st.data())
def test_roll(a, data):
    shift = data.draw(st.integers(-9, 9))
    check(lambda xp: xp.roll(xp.asarray(a), shift))
    if a.ndim:
        axes = data.draw(st.lists(st.integers(-a.ndim, a.ndim - 1), min_size=1, max_size=3))
        shifts = data.draw(st.lists(st.integers(-9, 9), min_size=len(axes), max_size=len(axes)))
        check(lambda xp: xp.roll(xp.asarray(a), shifts, axis=axes))
        check(lambda xp: xp.roll(xp.asarray(a), shift, axis=tuple(axes)))


@pytest.mark.parametrize("shift,axis", [([1, 2], [0]), ([[1]], 0), (1, 2), (1.5, None), ([1, 2], (0, 1, 0))])
def test_roll_errors(shift, axis):
    check(lambda xp: xp.roll(xp.arange(6).reshape(2, 3), shift, axis=axis))


@given(arrays(max_side=3), shapes(max_side=4))
def test_resize_function(a, shape):
    check(lambda xp: xp.resize(xp.asarray(a), shape))


def test_resize_function_errors():
    check(lambda xp: xp.resize(xp.arange(3), -1))
    check(lambda xp: xp.resize(xp.arange(3), (2, -1)))
    check(lambda xp: xp.resize([1, 2, 3], 5))


@pytest.mark.parametrize("new", [(2, 3), (3,), ((4, 2),), (7,), (0,), ()])
def test_ndarray_resize_in_place(new):
    def f(xp):
        a = xp.array([[1.5, 2.5], [3.5, 4.5]])
        r = a.resize(*new, refcheck=False)
        return r, a
    check(f)


def test_ndarray_resize_needs_own_data():
    def same_size(xp):
        b = xp.arange(6)
        a = b.reshape(2, 3)
        a.resize(3, 2, refcheck=False)
        return a, b
    check(same_size)

    def grow_view(xp):
        b = xp.arange(6)
        b[1:].resize(7)
    check(grow_view)


# -- transforms --------------------------------------------------------------------------------

def test_shape_functions_under_vmap():
    x = torch.arange(24, dtype=torch.float64).reshape(2, 3, 4)

    def f(t):
        a = numpy_shim.asarray(t)
        b = numpy_shim.moveaxis(numpy_shim.tile(a, (2, 1)), 0, -1)
        c = numpy_shim.roll(numpy_shim.repeat(b, [1, 2, 0, 1], axis=0), 1, axis=1)
        return numpy_shim.broadcast_to(numpy_shim.expand_dims(c.ravel(), 0), (2, c.size)).tensor

    got = torch.func.vmap(f)(x)
    expected = torch.stack([f(x[i]) for i in range(2)])
    assert torch.equal(got, expected)


def test_shape_functions_under_grad():
    x = torch.arange(6, dtype=torch.float64)

    def f(t):
        a = numpy_shim.asarray(t).reshape(2, 3)
        b = numpy_shim.resize(numpy_shim.transpose(a), (4, 2))
        return numpy_shim.asarray((numpy_shim.repeat(b, 2, axis=1) * numpy_shim.roll(numpy_shim.tile(b, 2), 1)).sum()).tensor

    g = torch.func.grad(f)(x)
    # finite differences in float64
    eps = 1e-6
    fd = torch.stack([(f(x + eps * e) - f(x - eps * e)) / (2 * eps) for e in torch.eye(6, dtype=torch.float64)])
    assert torch.allclose(g, fd, atol=1e-6)


def test_repeat_with_traced_repeats_raises():
    def f(t):
        a = numpy_shim.asarray(t)
        return numpy_shim.repeat(numpy_shim.arange(3), a).tensor
    with pytest.raises(numpy_shim.DataDependentError):
        torch.func.vmap(f)(torch.ones(2, 3, dtype=torch.int64))


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_every_dtype_through_shape_functions(dtype):
    a = numpy.arange(12).reshape(3, 4).astype(dtype)
    check(lambda xp: xp.roll(xp.tile(xp.asarray(a), (1, 2)), 3, axis=1))
    check(lambda xp: xp.repeat(xp.asarray(a), [0, 1, 2], axis=0))
    check(lambda xp: xp.resize(xp.asarray(a).T, (5, 5)))
    check(lambda xp: xp.broadcast_arrays(xp.asarray(a), xp.asarray(a)[:1]))


# -- apply_along_axis, apply_over_axes -------------------------------------------------------

@given(arrays(dtypes=[numpy.dtype(d) for d in "ilfdD"], shape=shapes(min_dims=1, min_side=1, max_side=3)),
       st.data())
def test_apply_along_axis(a, data):
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    check(lambda xp: xp.apply_along_axis(lambda x: x[::-1] * x[:, None], axis, xp.asarray(a)), rtol=1e-6)
    check(lambda xp: xp.apply_along_axis(xp.sum, axis, xp.asarray(a)), rtol=1e-6)
    check(lambda xp: xp.apply_along_axis(lambda x: (x[0], x[-1]), axis, xp.asarray(a)))


def test_apply_along_axis_errors():
    check(lambda xp: xp.apply_along_axis(len, 0, xp.empty((0, 0))))
    check(lambda xp: xp.apply_along_axis(lambda x: 1, 1, xp.empty((10, 0))))
    check(lambda xp: xp.apply_along_axis(lambda x: 1, 0, xp.empty((10, 0))))


@pytest.mark.parametrize("axes", [0, [0, 2], (-1,), [1, 1]])
def test_apply_over_axes(axes):
    check(lambda xp: xp.apply_over_axes(xp.sum, xp.arange(24).reshape(2, 3, 4), axes))
    check(lambda xp: xp.apply_over_axes(lambda a, ax: a.max(axis=ax, keepdims=True), xp.arange(24.0).reshape(2, 3, 4), axes))


def test_apply_along_axis_under_vmap():
    def f(t):
        return numpy_shim.apply_along_axis(lambda x: x[::-1] * x[:, None], 1, numpy_shim.asarray(t)).tensor

    x = torch.arange(24, dtype=torch.float64).reshape(2, 3, 4)
    assert torch.equal(torch.func.vmap(f)(x), torch.stack([f(x[0]), f(x[1])]))


def test_roll_by_a_traced_shift_under_vmap():
    x = torch.arange(24, dtype=torch.float64).reshape(3, 2, 4)
    shifts = torch.tensor([1, -3, 6])

    def f(t, k, axis):
        return numpy_shim.roll(numpy_shim.asarray(t), numpy_shim.asarray(k), axis=axis).tensor

    for axis in [None, -1, (0, 1)]:
        got = torch.func.vmap(lambda t, k: f(t, k, axis))(x, shifts)
        expected = [numpy.roll(x[i].numpy(), int(shifts[i]), axis=axis) for i in range(3)]
        assert numpy.array_equal(got.numpy(), numpy.stack(expected)), axis


@pytest.mark.parametrize("order", [None, "C", "F", "A", "K", "c", "f", "a", "k"])
def test_ravel_flatten_reshape_take_any_case_order(order):
    check(lambda xp: xp.arange(6).reshape(2, 3).T.ravel(order))
    check(lambda xp: xp.arange(6).reshape(2, 3).T.flatten(order if order is not None else "C"))
    if order not in ("K", "k"):
        check(lambda xp: xp.arange(6).reshape(2, 3).T.reshape(6, order=order))
    else:
        check(lambda xp: xp.arange(6).reshape(6, order=order))  # ValueError on both sides


@pytest.mark.parametrize("make", [
    lambda xp: xp.reshape(xp.ones((2, 2)), (True, -1)),
    lambda xp: xp.reshape(xp.ones((2, 2)), True),
    lambda xp: xp.ones((2, 2)).reshape(True, -1),
    lambda xp: xp.zeros((True, 2)),
    lambda xp: xp.ones(True),
])
def test_bool_is_not_a_dimension(make):
    check(make)  # TypeError on both sides
