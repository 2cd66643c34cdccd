"""Views: flip/rot90 negative-stride views, base, shares_memory, diagonal, writes both ways."""
import numpy
import pytest
import torch
from hypothesis import given, strategies as st

import numpy_shim
from tests.differential import ALL_DTYPES, arrays, check, shapes

VIEW_OPS = {
    "flip": lambda xp, a: xp.flip(a),
    "flip0": lambda xp, a: xp.flip(a, 0),
    "flip-1": lambda xp, a: xp.flip(a, -1),
    "flipud": lambda xp, a: xp.flipud(a),
    "fliplr": lambda xp, a: xp.fliplr(a),
    "rot90": lambda xp, a: xp.rot90(a),
    "rot90_2": lambda xp, a: xp.rot90(a, 2),
    "rot90_3": lambda xp, a: xp.rot90(a, -1, axes=(1, 0)),
    "rev_then_slice": lambda xp, a: a[::-1][1:],
    "rev_rev": lambda xp, a: a[::-2][::-1],
    "flip_then_index": lambda xp, a: xp.flip(a)[0],
    "rot_then_rev": lambda xp, a: xp.rot90(a)[::-1, 1:],
}


@pytest.mark.parametrize("op", sorted(VIEW_OPS))
@given(a=arrays(ALL_DTYPES, shapes(min_dims=2, max_dims=3, min_side=0, max_side=4)))
def test_view_values_match_numpy(op, a):
    check(lambda xp: VIEW_OPS[op](xp, xp.asarray(a)))


@pytest.mark.parametrize("op", sorted(VIEW_OPS))
@given(a=arrays(ALL_DTYPES, shapes(min_dims=2, max_dims=3, min_side=1, max_side=4)))
def test_write_through_view_reaches_base(op, a):
    def f(xp):
        b = xp.asarray(a.copy())
        v = VIEW_OPS[op](xp, b)
        if isinstance(v, (numpy.ndarray, numpy_shim.ndarray)) and v.size:
            v[(0,) * v.ndim] = numpy.ones((), a.dtype)
            v[..., -1:] = numpy.zeros((), a.dtype)
        return b
    check(f)


@pytest.mark.parametrize("op", sorted(VIEW_OPS))
@given(a=arrays(ALL_DTYPES, shapes(min_dims=2, max_dims=3, min_side=1, max_side=4)))
def test_view_sees_later_writes_to_base(op, a):
    def f(xp):
        b = xp.asarray(a.copy())
        v = VIEW_OPS[op](xp, b)
        b[...] = numpy.zeros((), a.dtype)
        b[(0,) * b.ndim] = numpy.ones((), a.dtype)
        return v, xp.shares_memory(v, b) if isinstance(v, (numpy.ndarray, numpy_shim.ndarray)) else None
    check(f)


def test_inplace_operators_and_out_through_flipped_view():
    def f(xp):
        a = xp.arange(6.0).reshape(2, 3)
        v = a[::-1]
        v += xp.asarray([[1.0, 2.0, 3.0]])
        xp.multiply(v, 2, out=v)
        w = xp.fliplr(a)
        w[:, 0] = -1
        return a
    check(f)


def test_negative_strides_reported():
    check(lambda xp: xp.arange(6).reshape(2, 3)[::-1, ::2].strides)
    check(lambda xp: xp.flip(xp.arange(6).reshape(2, 3)).strides)


def test_base_and_owndata():
    def f(xp):
        a = xp.arange(6)
        v = a[1:][::-1]
        return v.base is a, a.base is None, v.flags.owndata, a[[0, 1]].base is None
    check(f)


@given(st.data())
def test_shares_memory_matches_numpy(data):
    a = numpy.arange(24, dtype=numpy.int32).reshape(4, 6)
    cands = [lambda x: x[0], lambda x: x[1], lambda x: x[:, ::2], lambda x: x[:, 1::2], lambda x: x[::-1],
             lambda x: x[1:3, 2:4], lambda x: x[2:, :3], lambda x: x.T, lambda x: x[:, 0],
             lambda x: x.view("int16")[:, 1::2], lambda x: x.view("int16")[:, ::4], lambda x: x[[0, 1]]]
    i = data.draw(st.integers(0, len(cands) - 1))
    j = data.draw(st.integers(0, len(cands) - 1))

    def f(xp):
        x = xp.asarray(a.copy())
        return xp.shares_memory(cands[i](x), cands[j](x)), xp.may_share_memory(cands[i](x), cands[j](x))
    check(f)


def test_shares_memory_separate_arrays():
    check(lambda xp: xp.shares_memory(xp.zeros(3), xp.zeros(3)))
    check(lambda xp: xp.may_share_memory(xp.zeros(3), [1, 2]))


def test_diagonal_is_read_only_view():
    def f(xp):
        a = xp.arange(9).reshape(3, 3)
        d = a.diagonal()
        a[1, 1] = 100
        return d, d.flags.writeable, xp.shares_memory(a, d)
    check(f)
    with pytest.raises(ValueError, match="read-only"):
        numpy_shim.arange(9).reshape(3, 3).diagonal()[0] = 1


@given(a=arrays(ALL_DTYPES, shapes(min_dims=2, max_dims=4, min_side=0, max_side=3)),
       offset=st.integers(-3, 3), axes=st.sampled_from([(0, 1), (1, 0), (0, -1), (-1, -2)]))
def test_diagonal_matches_numpy(a, offset, axes):
    check(lambda xp: xp.diagonal(xp.asarray(a), offset, *axes))


def test_flip_errors_match_numpy():
    check(lambda xp: xp.fliplr(xp.arange(3)), exc_match=True)
    check(lambda xp: xp.flipud(xp.asarray(3)), exc_match=True)
    check(lambda xp: xp.rot90(xp.arange(3)), exc_match=True)
    check(lambda xp: xp.rot90(xp.zeros((2, 2)), axes=(0, 0)), exc_match=True)
    check(lambda xp: xp.flip(xp.zeros((2, 2)), axis=2))
    check(lambda xp: xp.flip(xp.asarray(3)))


def test_flip_under_grad_and_vmap():
    x = torch.randn(3, 4, dtype=torch.float64)
    w = torch.arange(12.0, dtype=torch.float64).reshape(3, 4)

    def f(t):
        a = numpy_shim.asarray(t)
        return (numpy_shim.rot90(a)[::-1] * numpy_shim.rot90(numpy_shim.asarray(w))[::-1]).tensor.sum()

    torch.testing.assert_close(torch.func.grad(f)(x), w)

    def g(t):
        return numpy_shim.fliplr(numpy_shim.asarray(t))[:, 1:].tensor

    xs = torch.randn(5, 3, 4)
    torch.testing.assert_close(torch.func.vmap(g)(xs), torch.stack([g(t) for t in xs]))


def test_write_into_flipped_view_under_vmap():
    def f(t):
        a = numpy_shim.zeros(4)
        a[::-1] = numpy_shim.asarray(t)
        return a.tensor

    xs = torch.randn(3, 4, dtype=torch.float64)
    torch.testing.assert_close(torch.func.vmap(f)(xs), xs.flip(1))


@pytest.mark.parametrize("make, op", [
    (lambda xp: xp.arange(12.0)[::-1], lambda v: v.reshape(3, 4)),
    (lambda xp: xp.arange(12.0).reshape(3, 4)[:, ::-1], lambda v: v.T),
    (lambda xp: xp.arange(12.0).reshape(3, 4)[::-1], lambda v: v.swapaxes(0, 1)),
    (lambda xp: xp.arange(12.0).reshape(3, 4)[:, ::-2], lambda v: v.reshape(6)),       # NumPy copies
    (lambda xp: xp.arange(24.0).reshape(2, 3, 4)[::-1, :, ::-1], lambda v: v.reshape(6, 4)),
    (lambda xp: xp.arange(6.0)[::-1], lambda v: v[None, :, None].squeeze()),
    (lambda xp: xp.arange(12.0).reshape(3, 4)[::-1], lambda v: v.ravel()),              # NumPy copies
])
def test_shape_ops_on_flipped_views_view_exactly_when_numpy_does(make, op):
    results = {}
    for xp in (numpy, numpy_shim):
        base = make(xp)
        root = base.base if base.base is not None else base
        out = op(base)
        out[(0,) * out.ndim] = -7.0   # write through the result
        results[xp] = (numpy.asarray(root).copy(), numpy.asarray(out).copy())
    numpy.testing.assert_array_equal(results[numpy_shim][0], results[numpy][0])
    numpy.testing.assert_array_equal(results[numpy_shim][1], results[numpy][1])


@pytest.mark.parametrize("dtype", ["i2", "i4", "f4", "f8", "c8", "c16", "u8"])
def test_unaligned_dtype_view_reads_numpys_values(dtype):
    # a byte buffer viewed from byte 1: torch has no such view; the shim reads a copy
    raw = numpy.arange(1, 4 * 16 + 2, dtype=numpy.uint8)
    expected = raw[1:1 + 4 * numpy.dtype(dtype).itemsize].view(dtype)
    got = numpy_shim.asarray(raw)[1:1 + 4 * numpy.dtype(dtype).itemsize].view(dtype)
    numpy.testing.assert_array_equal(numpy.asarray(got), expected)
    assert got.dtype == expected.dtype
    with pytest.raises(ValueError, match="read-only"):
        got[0] = 0  # a write could not reach the buffer: refused rather than lost
