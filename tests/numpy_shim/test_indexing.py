"""__getitem__/__setitem__ against NumPy over random mixed index expressions."""
import warnings

import numpy
import pytest
import torch
from hypothesis import given, strategies as st

import numpy_shim
from tests.differential import ALL_DTYPES, arrays, check, shapes, assert_same


@st.composite
def index_for(draw, shape, advanced=True, bounds_errors=True):
    """A random NumPy index for ``shape``: ints, slices (any step), None, Ellipsis, int arrays, masks."""
    items = []
    dim = 0
    nd = len(shape)
    used_ellipsis = False
    n_items = draw(st.integers(0, nd + 2))
    for _ in range(n_items):
        kinds = ["slice", "none"]
        if dim < nd:
            kinds += ["int", "slice"]
            if advanced:
                kinds += ["intarray", "mask", "list"]
        if not used_ellipsis:
            kinds.append("ellipsis")
        if advanced:
            kinds.append("boolscalar")
        kind = draw(st.sampled_from(kinds))
        n = shape[dim] if dim < nd else 1
        if kind == "int":
            lo, hi = (-n - 1, n) if bounds_errors else (-n, n - 1)
            if hi < lo:
                continue
            items.append(draw(st.integers(lo, hi)))
            dim += 1
        elif kind == "slice":
            opt = st.one_of(st.none(), st.integers(-n - 2, n + 2))
            step = draw(st.one_of(st.none(), st.sampled_from([-3, -2, -1, 1, 2, 3])))
            items.append(slice(draw(opt), draw(opt), step))
            dim += 1
        elif kind == "none":
            items.append(None)
        elif kind == "ellipsis":
            used_ellipsis = True
            items.append(Ellipsis)
            dim = max(dim, nd - sum(1 for i in items if i is not None and i is not Ellipsis))
        elif kind == "boolscalar":
            items.append(draw(st.booleans()))
        elif kind in ("intarray", "list"):
            if n == 0:
                items.append(numpy.zeros(draw(st.integers(0, 1)) * 0, dtype=numpy.intp))
            else:
                ishape = draw(st.sampled_from([(), (1,), (2,), (3,), (2, 1), (1, 2)]))
                vals = numpy.asarray(draw(st.lists(st.integers(-n, n - 1), min_size=int(numpy.prod(ishape)),
                                                   max_size=int(numpy.prod(ishape))))).reshape(ishape)
                dt = draw(st.sampled_from([numpy.intp, numpy.int8, numpy.int32])) if vals.min(initial=0) >= -128 else numpy.intp
                arr = vals.astype(dt)
                items.append(arr.tolist() if kind == "list" and arr.ndim else arr)
            dim += 1
        elif kind == "mask":
            k = draw(st.integers(1, max(1, min(2, nd - dim))))
            mshape = tuple(shape[dim:dim + k])
            items.append(numpy.asarray(draw(st.lists(st.booleans(), min_size=int(numpy.prod(mshape)),
                                                     max_size=int(numpy.prod(mshape))))).reshape(mshape))
            dim += k
    return tuple(items) if draw(st.booleans()) or len(items) != 1 else items[0]


def _ix(xp, idx):
    """The index for one side: NumPy arrays become that side's arrays."""
    def conv(i):
        return xp.asarray(i) if isinstance(i, numpy.ndarray) else i
    return tuple(conv(i) for i in idx) if isinstance(idx, tuple) else conv(idx)


@given(st.data())
def test_getitem_matches_numpy(data):
    a = data.draw(arrays(ALL_DTYPES, shapes(max_dims=3, max_side=4)))
    idx = data.draw(index_for(a.shape))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        check(lambda xp: xp.asarray(a)[_ix(xp, idx)])


@given(st.data())
def test_setitem_matches_numpy(data):
    a = data.draw(arrays(ALL_DTYPES, shapes(max_dims=3, max_side=4)))
    idx = data.draw(index_for(a.shape))
    try:
        target = a[idx]
    except IndexError:
        target = None
    tshape = numpy.shape(target)
    value = data.draw(st.one_of(
        st.integers(0, 100), st.floats(-100, 100), st.booleans(),
        arrays(ALL_DTYPES, st.just(tshape[data.draw(st.integers(0, len(tshape))):]))))

    def f(xp):
        b = xp.asarray(a.copy())
        v = xp.asarray(value) if isinstance(value, numpy.ndarray) else value
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            b[_ix(xp, idx)] = v
        return b
    check(f)


@given(st.data())
def test_basic_index_results_are_views(data):
    """A write through a basic-index result reaches the base exactly when NumPy's does, and back."""
    a = data.draw(arrays(ALL_DTYPES, shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)))
    idx = data.draw(index_for(a.shape, advanced=data.draw(st.booleans()), bounds_errors=False))

    def through_result(xp):
        b = xp.asarray(a.copy())
        r = b[_ix(xp, idx)]
        if isinstance(r, (numpy.ndarray, numpy_shim.ndarray)) and r.size:
            r[...] = numpy.ones((), a.dtype)
        return b

    def through_base(xp):
        b = xp.asarray(a.copy())
        r = b[_ix(xp, idx)]
        b[...] = numpy.zeros((), a.dtype)
        return r

    def shares(xp):
        b = xp.asarray(a.copy())
        r = b[_ix(xp, idx)]
        return isinstance(r, (numpy.ndarray, numpy_shim.ndarray)) and bool(xp.shares_memory(b, r))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        check(through_result)
        check(through_base)
        check(shares)


# -- precise examples ------------------------------------------------------------------

def test_integer_index_gives_numpy_scalar():
    a = numpy.arange(6.0).reshape(2, 3)
    check(lambda xp: xp.asarray(a)[1, 2])
    check(lambda xp: xp.asarray(a)[numpy.int8(1), numpy.uint64(0)])
    check(lambda xp: xp.asarray(a)[1, xp.asarray(2)])
    check(lambda xp: xp.asarray(a)[..., 1, 2])   # Ellipsis: a 0-d array, not a scalar
    check(lambda xp: xp.asarray(5.0)[()])


def test_advanced_indices_separated_by_slice_go_first():
    a = numpy.arange(24).reshape(2, 3, 4)
    check(lambda xp: xp.asarray(a)[0, :, [1, 2]])            # (2, 3) in NumPy, (3, 2) in torch
    check(lambda xp: xp.asarray(a)[[0, 1], :, [1, 2]])
    check(lambda xp: xp.asarray(a)[:, [0, 1], [1, 2]])
    check(lambda xp: xp.asarray(a)[True, [0, 1]])
    check(lambda xp: xp.asarray(a)[:, True, :, [0]])


@pytest.mark.parametrize("idx", [5, -3, (0, 0, 0, 0), 1.0, [1.0], (Ellipsis, Ellipsis), "a",
                                 numpy.array([True, False, True]), numpy.array([5]),
                                 (slice(0.0, 1),), (0.0, slice(0.0, 1))])
def test_index_errors_match_numpy(idx):
    a = numpy.arange(24).reshape(2, 3, 4)
    e = check(lambda xp: xp.asarray(a)[_ix(xp, idx)], exc_match=True)
    assert isinstance(e, Exception)


@pytest.mark.parametrize("dtype", ["int8", "int64", "uint8", "uint64", "float32", "bool"])
@pytest.mark.parametrize("value", [300, -1, 1.7, float("nan"), 2 ** 70, 1j, [1, 2], [[1.5, 2.5, 3.5]]])
def test_assignment_casting_matches_numpy(dtype, value):
    def f(xp):
        b = xp.zeros((2, 3), dtype=dtype)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            b[0] = value
        return b
    check(f)


def test_complex_into_real_warns():
    b = numpy_shim.zeros(3)
    with pytest.warns(numpy.exceptions.ComplexWarning):
        b[:] = numpy_shim.asarray([1j, 2, 3])
    assert b.tolist() == [0.0, 2.0, 3.0]


@pytest.mark.parametrize("index", [slice(0, 2), [0, 1]])
def test_broadcast_errors_match_numpy(index):
    def f(xp):
        b = xp.zeros(3)
        b[index] = [1, 2, 3]
    check(f, exc_match=True)


def test_overlapping_assignment_copies_first():
    check(lambda xp: _assign_overlap(xp))


def _assign_overlap(xp):
    a = xp.arange(20)
    a[5:] = a[:-5]
    b = xp.arange(5)
    b[2:][b[:-2]] = 3
    return a, b


def test_uint_advanced_assignment():
    for dt in ("uint16", "uint32", "uint64"):
        def f(xp):
            a = xp.zeros(5, dtype=dt)
            a[[0, 3]] = 2 ** (8 * numpy.dtype(dt).itemsize) - 1
            a[numpy.array([True, False, True, False, False])] = 7
            return a
        check(f)


# -- transforms ----------------------------------------------------------------------------

def test_getitem_under_grad():
    x = torch.randn(4, 5, dtype=torch.float64)

    def f(t):
        a = numpy_shim.asarray(t)
        return (a[1:, ::2][[0, 2], [1, 0]] * 2.0 + a[::-1][0, 0]).tensor.sum()

    g = torch.func.grad(f)(x)
    expected = torch.zeros_like(x)
    expected[1, 2] = 2.0          # a[1:, ::2][0, 1] is a[1, 2]
    expected[3, 0] = 2.0 + 2.0    # a[1:, ::2][2, 0] is a[3, 0], and a[::-1][0, 0] is added twice
    torch.testing.assert_close(g, expected)


def test_vmap_matches_loop_for_advanced_getitem():
    x = torch.randn(3, 4, 5, dtype=torch.float64)

    def f(t):
        a = numpy_shim.asarray(t)
        return a[[2, 0], 1:][:, ::-2].tensor

    torch.testing.assert_close(torch.func.vmap(f)(x), torch.stack([f(xi) for xi in x]))


def test_mask_assignment_under_vmap():
    x = torch.randn(3, 6, dtype=torch.float64)

    def f(t):
        a = numpy_shim.asarray(t).copy()
        a[a < 0] = 0.0
        return a.tensor

    torch.testing.assert_close(torch.func.vmap(f)(x), x.clamp(min=0))


def test_mask_getitem_under_vmap_is_data_dependent_error():
    x = torch.randn(3, 6)

    def f(t):
        a = numpy_shim.asarray(t)
        return a[a > 0].tensor

    with pytest.raises(numpy_shim.DataDependentError, match="np.where"):
        torch.func.vmap(f)(x)


def test_setitem_under_grad_reaches_gradient():
    x = torch.randn(4, dtype=torch.float64)

    def f(t):
        a = numpy_shim.zeros(6)
        a[1:5] = numpy_shim.asarray(t)[::-1] ** 2
        return a.tensor.sum()

    torch.testing.assert_close(torch.func.grad(f)(x), 2 * x)
