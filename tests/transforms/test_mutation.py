"""NumPy-style writes inside transformed functions (setitem, views, out=, in-place operators).

Each function is run with real NumPy in a loop (the expected value) and under the
transforms; gradients are checked against real-NumPy central differences.
"""
import numpy as np
import pytest

from numpy_shim import transforms as T


def setitem_and_iadd(x):
    a = np.zeros(4)
    a[0] = x[0]
    a[1:] += x * 2
    return a


def view_write(x):
    a = np.zeros((2, 3))
    row = a[1]
    row[:] = x
    row *= x
    return a


def two_views(x):
    a = np.zeros((2, 3))
    r0, r1 = a[0], a[1]
    r0[:] = x
    r1[:] = 2 * x
    return a


def transposed_view(x):
    a = np.zeros((3, 2))
    a.T[0] = x
    return a


def strided_inplace(x):
    a = np.ones(6)
    a[::2] *= x
    a[1::2] -= x ** 2
    return a


def reversed_write(x):
    a = np.zeros(3)
    a[::-1] = x
    return a


def ufunc_out(x):
    a = np.empty(3)
    np.sin(x, out=a)
    np.multiply(a, x, out=a)
    return a


def ufunc_out_view(x):
    a = np.zeros((2, 3))
    np.add(x, 1.0, out=a[1])
    return a


def fancy_write(x):
    a = np.zeros(5)
    a[np.array([0, 2, 4])] = x
    a[[1, 3]] += x[:2]
    return a


def f32_buffer(x):
    a = np.zeros(3, dtype=np.float32)
    a[...] = x
    return a * x


def loop_rows(x):
    out = np.zeros((3, 3))
    for i in range(3):
        out[i] = x * i
        out[i, i] += x[i]
    return out


def ellipsis_and_newaxis(x):
    a = np.zeros((3, 3))
    a[...] = x[:, None]
    a[..., 0] -= x
    return a


def write_then_reduce(x):
    a = np.zeros(3)
    a[1:] = x[:2]
    s = a.sum()
    a[0] = s
    return a


def inplace_operators(x):
    a = np.ones(3)
    a += x
    a *= x
    a -= 1.0
    a /= 2.0
    a **= 2
    return a


FUNCS = [setitem_and_iadd, view_write, two_views, transposed_view, strided_inplace,
         reversed_write, ufunc_out, ufunc_out_view, fancy_write, f32_buffer, loop_rows,
         ellipsis_and_newaxis, write_then_reduce, inplace_operators]

XS = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])


@pytest.mark.parametrize("f", FUNCS, ids=lambda f: f.__name__)
def test_vmap(f):
    expected = np.stack([f(x) for x in XS])
    got = T.vmap(f)(XS)
    assert type(got) is np.ndarray and got.dtype == expected.dtype
    np.testing.assert_allclose(got, expected, rtol=1e-6)


def _fd(loss, x, eps=1e-6):
    g = np.zeros_like(x)
    for k in range(x.size):
        e = np.zeros_like(x)
        e[k] = eps
        g[k] = (loss(x + e) - loss(x - e)) / (2 * eps)
    return g


@pytest.mark.parametrize("f", FUNCS, ids=lambda f: f.__name__)
def test_grad_and_nestings(f):
    w = np.linspace(0.5, 1.5, np.asarray(f(XS[0])).size).reshape(np.shape(f(XS[0])))

    def loss(x):
        return np.sum(f(x) * w)
    # the float32 buffer: a wider step (exact for this quadratic) against float32 rounding
    eps, tol = (1e-2, dict(rtol=1e-3, atol=1e-4)) if f is f32_buffer else (1e-6, dict(rtol=1e-6, atol=1e-7))
    expected = np.stack([_fd(loss, x, eps) for x in XS])
    np.testing.assert_allclose(T.grad(loss)(XS[0]), expected[0], **tol)
    np.testing.assert_allclose(T.vmap(T.grad(loss))(XS), expected, **tol)
    np.testing.assert_allclose(T.grad(lambda X: np.sum(T.vmap(loss)(X)))(XS), expected, **tol)
    np.testing.assert_allclose(T.jacfwd(T.grad(loss))(XS[0]), T.jacrev(T.grad(loss))(XS[0]),
                               rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("f", [setitem_and_iadd, view_write, strided_inplace], ids=lambda f: f.__name__)
def test_vmap_of_vmap(f):
    XX = np.stack([XS, XS[::-1] * 2])
    expected = np.stack([np.stack([f(x) for x in X]) for X in XX])
    np.testing.assert_allclose(T.vmap(T.vmap(f))(XX), expected, rtol=1e-12)


def test_write_into_argument_mutates_caller_array_like_numpy():
    def f(x):
        x[0] = 5.0
        return x * 2
    x = np.array([1.0, 2.0])
    x_np = x.copy()
    expected = f(x_np)
    got = T.functionalize(f)(x)
    np.testing.assert_allclose(got, expected)
    np.testing.assert_allclose(x, x_np)


def test_read_only_destination_still_raises():
    def f(x):
        a = np.broadcast_to(np.zeros(3), (2, 3))
        a[0] = x
        return a
    with pytest.raises(ValueError, match="read-only"):
        T.vmap(f)(XS)


def written_views_stay_views(x):
    a = np.zeros((2, 3))
    r0, r1 = a[0], a[1]
    r0[:] = x           # moves a (and r0) to the batch level
    r1[:] = 2 * x       # moves a again: r0 must follow
    r0 += 1.0           # written through r0 after the second move
    return a + r0.sum()


@pytest.mark.parametrize("t", ["vmap", "grad"])
def test_written_views_follow_their_base(t):
    expected = np.stack([written_views_stay_views(x) for x in XS])
    if t == "vmap":
        np.testing.assert_allclose(T.vmap(written_views_stay_views)(XS), expected)
    else:
        f = lambda x: np.sum(written_views_stay_views(x))  # noqa: E731
        g = T.grad(f)(XS[0])
        fd = np.array([(f(XS[0] + 1e-6 * e) - f(XS[0] - 1e-6 * e)) / 2e-6 for e in np.eye(3)])
        np.testing.assert_allclose(g, fd, rtol=1e-6)


def test_view_taken_before_move_sees_later_writes():
    def f(x):
        a = np.zeros(3)
        tail = a[1:]
        a[0] = x[0]
        a[1:] = x[1:]
        return tail * 1.0
    np.testing.assert_allclose(T.vmap(f)(XS), XS[:, 1:])


def test_numpy_view_converted_inside_grad_and_vmap():
    # a NumPy view (not owning its data) made into a shim array inside a transform
    import numpy_shim
    host = np.arange(6.0).reshape(2, 3)

    def f(x):
        c = numpy_shim.asarray(host.reshape(3, 2))
        return (x * c.sum()).sum()
    np.testing.assert_allclose(np.asarray(T.grad(f)(np.ones(2))), [15.0, 15.0])
    np.testing.assert_allclose(np.asarray(T.vmap(f)(np.ones((2, 2)))), [30.0, 30.0])
