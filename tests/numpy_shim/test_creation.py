"""Array creation, differential against NumPy: every function, dtype form and input kind."""
import numpy
import numpy_shim
import pytest
import torch
from hypothesis import given, strategies as st

from differential import ALL_DTYPES, INEXACT_DTYPES, arrays, assert_same, check, shapes

DTYPE_FORMS = ["f4", numpy.float32, float, "float32", int, "i2", numpy.uint16, "u8", bool, complex,
               "c8", numpy.dtype("int8"), "float16"]
small_ints = st.integers(-5, 5)
sizes = st.integers(0, 5)
shape_args = st.one_of(sizes, st.tuples(sizes), st.tuples(sizes, sizes), st.tuples(sizes, sizes, sizes),
                       st.just(()))


@pytest.mark.parametrize("fn", ["zeros", "ones", "empty"])
@pytest.mark.parametrize("dtype", [None] + DTYPE_FORMS)
def test_zeros_ones_empty(fn, dtype):
    res = check(lambda xp: getattr(xp, fn)((2, 3), dtype=dtype) if fn != "empty"
                else getattr(xp, fn)((2, 3), dtype=dtype).shape)
    if fn == "empty":
        assert numpy_shim.empty((2, 3), dtype=dtype).dtype == numpy.empty((2, 3), dtype=dtype).dtype
    assert res is not None


@given(shape=shape_args, order=st.sampled_from("CF"))
def test_zeros_shapes_and_order(shape, order):
    check(lambda xp: xp.zeros(shape, order=order))
    a, n = numpy_shim.ones(shape, order=order), numpy.ones(shape, order=order)
    assert a.strides == n.strides and a.flags.c_contiguous == n.flags.c_contiguous
    assert a.flags.f_contiguous == n.flags.f_contiguous


@pytest.mark.parametrize("shape", [-1, (2, -1), 2.5, (2, 2.5), "a", None, (1,) * 65])
def test_bad_shapes(shape):
    check(lambda xp: xp.zeros(shape), exc_match=True)


def test_bad_dtype_and_order():
    check(lambda xp: xp.zeros(2, dtype="bogus"))
    check(lambda xp: xp.zeros(2, order="X"), exc_match=True)


def test_shape_from_arrays_and_numpy_ints():
    check(lambda xp: xp.zeros(xp.array([2, 3])))
    check(lambda xp: xp.ones(numpy.int8(3), dtype=int))


@given(fill=st.one_of(st.integers(-300, 300), st.floats(allow_nan=True, allow_infinity=True),
                      st.complex_numbers(max_magnitude=1e3), st.booleans()),
       dtype=st.sampled_from([None] + ALL_DTYPES))
def test_full(fill, dtype):
    check(lambda xp: xp.full((2, 2), fill, dtype=dtype))


def test_full_array_fill_and_errors():
    check(lambda xp: xp.full((2, 3), [1, 2, 3]))
    check(lambda xp: xp.full((2, 3), xp.array([1, 2], dtype="i1")))
    check(lambda xp: xp.full(3, [1, 2]), exc_match=True)
    check(lambda xp: xp.full(2, numpy.float32(1.5)))
    check(lambda xp: xp.full((), 5))


@given(a=arrays(shape=shapes(max_dims=3)), dtype=st.sampled_from([None, "f4", "i1", "?", "c16", "u2"]),
       fn=st.sampled_from(["zeros_like", "ones_like", "empty_like"]))
def test_like_functions(a, dtype, fn):
    res = check(lambda xp: getattr(xp, fn)(xp.asarray(a), dtype=dtype) if fn != "empty_like"
                else getattr(xp, fn)(xp.asarray(a), dtype=dtype).shape)
    if fn == "empty_like":
        assert numpy_shim.empty_like(a, dtype=dtype).dtype == numpy.empty_like(a, dtype=dtype).dtype
    assert res is not None


@given(a=arrays(shape=shapes(max_dims=3)), fill=st.one_of(st.integers(-3, 3), st.floats(-1e3, 1e3)))
def test_full_like(a, fill):
    check(lambda xp: xp.full_like(xp.asarray(a), fill))


@pytest.mark.parametrize("order", "KCFA")
@pytest.mark.parametrize("shape", [None, (), (5,), (5, 6), (5, 6, 7)])
@pytest.mark.parametrize("proto", ["C", "F", "swapped"])
def test_like_layouts(order, shape, proto):
    base = numpy.arange(24).reshape(2, 3, 4)
    p = {"C": base, "F": numpy.asfortranarray(base), "swapped": base.swapaxes(0, 1)}[proto]
    got = numpy_shim.zeros_like(numpy_shim.asarray(p), order=order, shape=shape)
    exp = numpy.zeros_like(p, order=order, shape=shape)
    assert got.shape == exp.shape and got.strides == exp.strides


def test_like_of_lists_and_scalars():
    check(lambda xp: xp.zeros_like([1.5, 2]))
    check(lambda xp: xp.zeros_like(3))
    check(lambda xp: xp.ones_like(3.5, shape=(2,)))
    check(lambda xp: xp.full_like([1, 2], 0.5))


ARANGE_ARGS = [(5,), (5.5,), (1, 2, 0.3), (-3, 3, 0.5), (10, 0, -3), (1.0, 0, -0.25), (0, -5), (0, 10, 3),
               (numpy.int32(5),), (numpy.float32(2.5),), (numpy.uint8(5),), (numpy.uint64(3),),
               (numpy.int8(2), 5.0), (True, 3), (0, 2 ** 63, 2 ** 62), (1 + 1j, 3 + 1j), (1, 2, 0.5j),
               (1e300, 1e301, 1e299), (numpy.inf,), (0, 1, numpy.nan), (0, 10, 0), (numpy.array(3),)]


@pytest.mark.parametrize("args", ARANGE_ARGS)
@pytest.mark.parametrize("dtype", [None, int, "f4", "u1", "f2", "c8", "i8", "u8"])
def test_arange(args, dtype):
    check(lambda xp: xp.arange(*args, dtype=dtype))


@given(start=st.floats(-50, 50), stop=st.floats(-50, 50), step=st.floats(0.1, 7) | st.floats(-7, -0.1),
       dtype=st.sampled_from([None, "f4", "f2", "i4", "i1", "c16"]))
def test_arange_floats(start, stop, step, dtype):
    check(lambda xp: xp.arange(start, stop, step, dtype=dtype))


@given(start=small_ints, stop=st.integers(-20, 20), step=st.integers(-4, 4).filter(bool),
       dtype=st.sampled_from([None] + [d for d in ALL_DTYPES if d.kind in "iu"]))
def test_arange_ints(start, stop, step, dtype):
    check(lambda xp: xp.arange(start, stop, step, dtype=dtype))


def test_arange_keywords_and_errors():
    check(lambda xp: xp.arange(stop=5))
    check(lambda xp: xp.arange(start=2, stop=5))
    check(lambda xp: xp.arange(3, dtype=bool))
    check(lambda xp: xp.arange(2, dtype=bool))
    check(lambda xp: xp.arange(-2, 3, dtype=numpy.uint8))
    check(lambda xp: xp.arange())


@given(start=st.floats(-1e3, 1e3) | small_ints, stop=st.floats(-1e3, 1e3) | small_ints,
       num=st.integers(0, 12), endpoint=st.booleans(), dtype=st.sampled_from([None, "f4", "i4", "c8", "u1"]))
def test_linspace(start, stop, num, endpoint, dtype):
    check(lambda xp: xp.linspace(start, stop, num, endpoint=endpoint, dtype=dtype), rtol=1e-6)
    check(lambda xp: xp.linspace(start, stop, num, endpoint=endpoint, retstep=True)[1])


def test_linspace_arrays_axes_and_errors():
    check(lambda xp: xp.linspace([0, 1], [2, 3], 3))
    check(lambda xp: xp.linspace([0, 1], [2, 3], 3, axis=1))
    check(lambda xp: xp.linspace(xp.asarray([[0], [1]]), [2, 3], 4, axis=-1))
    check(lambda xp: xp.linspace(numpy.float32(0), 1, 3))
    check(lambda xp: xp.linspace(0, 1 + 1j, 3))
    check(lambda xp: xp.linspace(0, 1, -1), exc_match=True)
    check(lambda xp: xp.linspace(0, 1, 2.5))
    check(lambda xp: xp.linspace(0, 1, 1, retstep=True))
    check(lambda xp: xp.linspace(0, 1e-320, 3))  # step underflows to 0: NumPy's other formula


@given(start=st.floats(-3, 3), stop=st.floats(-3, 3), num=st.integers(0, 8),
       base=st.sampled_from([10.0, 2, 2.5]), dtype=st.sampled_from([None, "f4", "i8"]))
def test_logspace(start, stop, num, base, dtype):
    check(lambda xp: xp.logspace(start, stop, num, base=base, dtype=dtype), rtol=1e-6)


def test_logspace_array_base():
    check(lambda xp: xp.logspace(0, 2, 3, base=[2, 3], axis=1))
    check(lambda xp: xp.logspace(0, [1, 2], 3, base=[2, 3], axis=-1))
    check(lambda xp: xp.logspace(numpy.float32(0), 2, 3))


@given(start=st.floats(1e-3, 1e3) | st.floats(-1e3, -1e-3), ratio=st.floats(1e-3, 1e3),
       num=st.integers(0, 8), endpoint=st.booleans())
def test_geomspace(start, ratio, num, endpoint):
    check(lambda xp: xp.geomspace(start, start * ratio, num, endpoint=endpoint), rtol=1e-12)


@pytest.mark.parametrize("args", [(1, 1000, 4), (-1, -1000, 4), (1j, 1000j, 4), (1 + 1j, 1000 + 1000j, 4),
                                  ([1, -10], [100, -1000], 3), (1, 0, 3), (0, 10, 3), (1, 1000, 1),
                                  (numpy.float32(1), 1000, 4)])
def test_geomspace_cases(args):
    check(lambda xp: xp.geomspace(*args), rtol=1e-12)
    check(lambda xp: xp.geomspace(*args, dtype="f4"), rtol=1e-6)


@given(N=sizes, M=st.none() | sizes, k=small_ints, dtype=st.sampled_from([float, int, bool, "c8", "u2"]))
def test_eye_tri_identity(N, M, k, dtype):
    check(lambda xp: xp.eye(N, M, k, dtype=dtype))
    check(lambda xp: xp.tri(N, M, k, dtype=dtype))
    check(lambda xp: xp.identity(N, dtype=dtype))


def test_eye_order_and_errors():
    assert not numpy_shim.eye(3, order="F").flags.c_contiguous
    check(lambda xp: xp.eye(-1))
    check(lambda xp: xp.eye(3, 2.5))
    check(lambda xp: xp.eye(2, dtype="U2"), check_kind=False)  # handed to NumPy


@given(a=arrays(shape=shapes(min_dims=1, max_dims=3)), k=small_ints)
def test_tril_triu(a, k):
    check(lambda xp: xp.tril(xp.asarray(a), k))
    check(lambda xp: xp.triu(xp.asarray(a), k))


def test_tril_zero_dim():
    check(lambda xp: xp.tril(5))


@given(a=arrays(shape=shapes(min_dims=1, max_dims=2)), k=small_ints)
def test_diag(a, k):
    check(lambda xp: xp.diag(xp.asarray(a), k))
    check(lambda xp: xp.diagflat(xp.asarray(a), k))


def test_diag_view_and_errors():
    d = numpy_shim.diag(numpy_shim.arange(9).reshape(3, 3))
    assert not d.flags.writeable and d.base is not None
    check(lambda xp: xp.diag(xp.zeros((2, 2, 2))), exc_match=True)
    check(lambda xp: xp.diag(5))


@given(a=arrays(shape=shapes(min_dims=1, max_dims=1)), N=st.none() | sizes, inc=st.booleans())
def test_vander(a, N, inc):
    check(lambda xp: xp.vander(xp.asarray(a), N, increasing=inc))


def test_vander_errors():
    check(lambda xp: xp.vander([[1]]), exc_match=True)


@given(x=arrays(shape=shapes(min_dims=1, max_dims=1)), y=arrays(shape=shapes(min_dims=1, max_dims=1)),
       sparse=st.booleans(), indexing=st.sampled_from(["xy", "ij"]), copy=st.booleans())
def test_meshgrid(x, y, sparse, indexing, copy):
    check(lambda xp: xp.meshgrid(xp.asarray(x), xp.asarray(y), sparse=sparse, indexing=indexing, copy=copy))
    check(lambda xp: xp.meshgrid(xp.asarray(x), xp.asarray(y), [1, 2, 3], sparse=sparse, indexing=indexing))


def test_meshgrid_edge_cases():
    check(lambda xp: xp.meshgrid())
    check(lambda xp: xp.meshgrid([1, 2]))
    check(lambda xp: xp.meshgrid([1, 2], [3.5], indexing="bad"), exc_match=True)


@pytest.mark.parametrize("key", [slice(0, 5), slice(0, 1, 5j), slice(-1, 1, 0.5), slice(0, 4, 2),
                                 (slice(0, 2), slice(0, 1, 3j)), (slice(-1, 1, 0.5), slice(0, 3)),
                                 (slice(0, 1, 4j), slice(1, 3)), (slice(0, 3), slice(0, 2), slice(1, 2))])
def test_mgrid_ogrid(key):
    check(lambda xp: xp.mgrid[key])
    check(lambda xp: xp.ogrid[key])


@given(dims=st.lists(sizes, max_size=3), dtype=st.sampled_from([int, float, "i2"]), sparse=st.booleans())
def test_indices(dims, dtype, sparse):
    check(lambda xp: xp.indices(tuple(dims), dtype=dtype, sparse=sparse))


def test_fromfunction():
    check(lambda xp: xp.fromfunction(lambda i, j: i * 10 + j, (2, 3), dtype=int))
    check(lambda xp: xp.fromfunction(lambda i, j: i - j, (3, 2)))


def test_frombuffer_fromiter_fromstring():
    check(lambda xp: xp.frombuffer(b"\x01\x00\x02\x00", dtype=xp.int16))
    check(lambda xp: xp.frombuffer(b"\x01\x00\x02\x00\x03\x00", dtype="u2", count=2, offset=2))
    check(lambda xp: xp.frombuffer(b"abcd", dtype="S2"), check_kind=False)  # handed to NumPy
    check(lambda xp: xp.fromiter((x * x for x in range(4)), dtype="f4"))
    check(lambda xp: xp.fromiter(range(5), dtype=int, count=3))
    check(lambda xp: xp.fromstring("1, 2, 3", dtype=int, sep=","))
    check(lambda xp: xp.fromstring("1 2 3.5", sep=" "))


def test_frombuffer_memory():
    buf = bytearray(b"\x01\x00\x02\x00")
    a = numpy_shim.frombuffer(buf, dtype=numpy.int16)
    a[0] = 7  # a writeable buffer is shared, as in NumPy
    assert buf[0] == 7
    r = numpy_shim.frombuffer(b"\x01\x00", dtype=numpy.int16)
    assert not r.flags.writeable
    with pytest.raises(ValueError):
        r.setflags(write=True)


@given(a=arrays(shape=shapes(max_dims=3)))
def test_contiguous_fortran(a):
    check(lambda xp: xp.ascontiguousarray(xp.asarray(a)))
    check(lambda xp: xp.asfortranarray(xp.asarray(a)))
    c = numpy_shim.ascontiguousarray(numpy_shim.asarray(a).T)
    f = numpy_shim.asfortranarray(numpy_shim.asarray(a))
    assert c.flags.c_contiguous and f.flags.f_contiguous


def test_contiguous_of_strided():
    d = numpy_shim.ones(10)[::2]
    assert numpy_shim.ascontiguousarray(d).flags.c_contiguous
    assert numpy_shim.asfortranarray(d).flags.f_contiguous
    check(lambda xp: xp.asfortranarray(xp.arange(6).reshape(2, 3), dtype="f4"))
    check(lambda xp: xp.asfortranarray(xp.arange(6).reshape(2, 3)).strides)


def test_copy_function():
    a = numpy_shim.arange(3)
    b = numpy_shim.copy(a)
    b[0] = 9
    assert int(a[0]) == 0
    check(lambda xp: xp.copy(xp.asfortranarray(xp.ones((2, 3)))).strides)
    check(lambda xp: xp.copy(["a", "b"]), check_kind=False)  # str data: NumPy's array


def test_ndarray_constructor():
    check(lambda xp: xp.ndarray((2, 3), dtype="i4").shape)
    check(lambda xp: xp.ndarray((2,), dtype="f4", buffer=numpy.arange(2, dtype="f4")))
    check(lambda xp: xp.ndarray(-1))
    assert type(numpy_shim.ndarray((2,))) is numpy_shim.ndarray


@pytest.mark.parametrize("make", [
    lambda xp: xp.zeros(3, dtype="U3"), lambda xp: xp.ones(2, dtype="S3"), lambda xp: xp.full(2, "a"),
    lambda xp: xp.full(2, None), lambda xp: xp.empty(2, dtype=">f4").dtype, lambda xp: xp.full(2, 2 ** 70),
    lambda xp: xp.zeros(2, dtype="M8[s]"), lambda xp: xp.arange(3, dtype=object)])
def test_numpy_only_dtypes_fall_back(make):
    res = make(numpy_shim)
    exp = make(numpy)
    if isinstance(exp, numpy.ndarray):
        assert type(res) is numpy.ndarray
        numpy.testing.assert_array_equal(res, exp)
    assert getattr(res, "dtype", res) == getattr(exp, "dtype", exp)


def test_device_argument_and_context():
    for make in [lambda **kw: numpy_shim.zeros(3, **kw), lambda **kw: numpy_shim.arange(3, **kw),
                 lambda **kw: numpy_shim.linspace(0, 1, 3, **kw), lambda **kw: numpy_shim.eye(2, **kw),
                 lambda **kw: numpy_shim.full(2, 1.5, **kw), lambda **kw: numpy_shim.asarray([1, 2], **kw),
                 lambda **kw: numpy_shim.tri(2, **kw), lambda **kw: numpy_shim.empty(2, **kw)]:
        assert make(device="cpu").device == torch.device("cpu")
        with numpy_shim.device("cpu"):
            assert make().device == torch.device("cpu")


def test_default_float_switch():
    with numpy_shim.default_float_dtype(numpy.float32):
        for res in [numpy_shim.zeros(2), numpy_shim.ones(2), numpy_shim.empty(2), numpy_shim.full(2, 1.5),
                    numpy_shim.array([1.5]), numpy_shim.asarray(1.5), numpy_shim.arange(0.0, 1.0, 0.25),
                    numpy_shim.linspace(0, 1, 3), numpy_shim.logspace(0, 1, 3), numpy_shim.geomspace(1, 10, 3),
                    numpy_shim.eye(2), numpy_shim.identity(2), numpy_shim.tri(2), numpy_shim.mgrid[0:1:3j],
                    numpy_shim.fromfunction(lambda i, j: i + j, (2, 2)), numpy_shim.zeros_like([1.5]),
                    numpy_shim.ndarray((2,)), numpy_shim.fromstring("1 2", sep=" ")]:
            assert res.dtype == numpy.float32, res
        assert numpy_shim.array([1j]).dtype == numpy.complex64
        # explicit dtypes and integer defaults are unaffected
        assert numpy_shim.arange(3).dtype == numpy.int64
        assert numpy_shim.asarray(numpy.zeros(2)).dtype == numpy.float64
        assert numpy_shim.zeros(2, dtype="f8").dtype == numpy.float64
    assert numpy_shim.zeros(2).dtype == numpy.float64


def test_creation_under_transforms():
    def f(x):
        a = numpy_shim.asarray(x)
        z = numpy_shim.zeros_like(a) + numpy_shim.linspace(0.0, 1.0, 3)
        r = (numpy_shim.full_like(a, 2.0) * a + z + numpy_shim.diag(a)[0]).sum()
        # a 0-d array under the transform, a NumPy scalar in plain eager code
        return r.tensor if isinstance(r, numpy_shim.ndarray) else torch.tensor(float(r), dtype=torch.float64)

    x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
    g = torch.func.grad(f)(x)
    # d/dx of sum(2x) + sum(z) + x[0] (diag's first row is [x0, 0, 0], broadcast then summed)
    assert torch.allclose(g, torch.tensor([3.0, 2.0, 2.0], dtype=torch.float64))
    v = torch.func.vmap(f)(torch.stack([x, 2 * x]))
    assert torch.allclose(v, torch.stack([f(x), f(2 * x)]))


@given(a=arrays(INEXACT_DTYPES, shape=shapes(max_dims=2)))
def test_array_roundtrip_inexact(a):
    assert_same(numpy_shim.array(a), a)


def test_ndarray_constructor_strides_and_buffer():
    check(lambda xp: xp.ndarray((2, 3), strides=(8, 16)).strides)
    check(lambda xp: xp.ndarray((2,), strides=()), exc_match=True)
    x = numpy_shim.ndarray(())
    x[()] = 5
    y = numpy_shim.ndarray((), buffer=x)  # a shim array as buffer: the same memory
    y[()] = 6
    assert float(x) == 6.0


@pytest.mark.parametrize("req", [None, "C", "F", ["F", "W"], ["C", "O"], "A", ["E"], ["C", "F"], ["Q"],
                                 ["ALIGNED", "WRITEABLE"]])
@pytest.mark.parametrize("dtype", [None, "f4"])
def test_require(req, dtype):
    base = numpy.arange(12).reshape(3, 4)[:, ::2]
    check(lambda xp: xp.require(xp.asarray(base), dtype=dtype, requirements=req))
    check(lambda xp: xp.require(xp.asarray(base), dtype=dtype, requirements=req).flags.c_contiguous)
    check(lambda xp: xp.require(xp.asarray(base), dtype=dtype, requirements=req).flags.f_contiguous)
    check(lambda xp: xp.require(xp.asarray(base), dtype=dtype, requirements=req).flags.owndata)


@pytest.mark.parametrize("make", [lambda: numpy_shim.eye(3), lambda: numpy_shim.tri(3, dtype="i4"),
                                  lambda: numpy_shim.indices((2, 3)), lambda: numpy_shim.empty((2, 2)).shape,
                                  lambda: numpy_shim.ones(3, dtype=int), lambda: numpy_shim.full(3, 2.0),
                                  lambda: numpy_shim.arange(3), lambda: numpy_shim.arange(0.0, 3.0, 1.0),
                                  lambda: numpy_shim.zeros((2, 2), dtype=torch.float32)])
def test_creation_compiles_without_graph_break(make):
    torch._dynamo.reset()  # one code object per case: no recompile limit across cases
    eager = make()
    f = torch.compile(lambda: make(), backend="eager", fullgraph=True)
    res = f()
    if isinstance(eager, numpy_shim.ndarray):
        assert res.dtype == eager.dtype and res.shape == eager.shape
        assert torch.equal(res.tensor, eager.tensor)
    else:
        assert res == eager
