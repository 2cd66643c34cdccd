"""Conversions, differential against NumPy: array/asarray inputs and copy rules, astype casts,
__array__, Python-scalar protocols, tolist/item, view, pickling and copies."""
import copy
import pickle
import warnings

import numpy
import numpy_shim
import pytest
import torch
from hypothesis import given, strategies as st

from differential import ALL_DTYPES, arrays, assert_same, check, shapes

DTYPE_FORMS = [None, "f4", numpy.float32, float, "float32", int, "i2", numpy.uint16, "u8", bool, complex, "c8"]

INPUTS = [
    [1, 2, 3], [[1.5, 2], [3, 4]], (1, 2.5), [True, False], [1, 2.5, 1j], 5, 2.5, 1j, True, [],
    [[]], [2 ** 63], [-1, 2 ** 63], [1, 2 ** 70], [numpy.float32(1), 2.5], [numpy.int8(1), 200],
    numpy.float32(1.5), numpy.arange(3, dtype="u2"), numpy.array(7), [numpy.arange(2), numpy.arange(2)],
    [[1], [2, 3]], [1, [2]], ["a", "b"], [None], [1, "a"],
]


@pytest.mark.parametrize("obj", INPUTS, ids=repr)
@pytest.mark.parametrize("dtype", DTYPE_FORMS)
def test_array_from_inputs(obj, dtype):
    try:  # str/object data stays a real NumPy array (the documented fallback)
        numpy_only = numpy.asarray(obj, dtype=dtype).dtype.kind not in "biufc"
    except (ValueError, TypeError, OverflowError):
        numpy_only = False
    check(lambda xp: xp.array(obj, dtype=dtype), check_kind=not numpy_only)
    check(lambda xp: xp.asarray(obj, dtype=dtype), check_kind=not numpy_only)


def test_mixed_inputs():
    check(lambda xp: xp.array([xp.arange(2), [5, 6]]))
    check(lambda xp: xp.array([xp.float32(1), xp.arange(2.0)[0]]))
    t = torch.tensor([1.0, 2.0])
    assert_same(numpy_shim.array([numpy_shim.asarray(t), numpy.array([3.0, 4.0])]),
                numpy.array([[1.0, 2.0], [3.0, 4.0]]))


def test_torch_inputs_and_dtypes():
    t = torch.arange(3, dtype=torch.int16)
    a = numpy_shim.asarray(t)
    assert a.dtype == numpy.int16 and a.tensor is t  # no copy
    assert numpy_shim.array(t).tensor is not t  # array copies
    assert numpy_shim.asarray([1, 2], dtype=torch.float32).dtype == numpy.float32
    assert numpy_shim.zeros(2, dtype=torch.complex64).dtype == numpy.complex64
    assert numpy_shim.asarray(torch.ones(2, dtype=torch.bfloat16)).dtype == numpy.float32


@given(a=arrays(shape=shapes(max_dims=3)), ndmin=st.integers(0, 4))
def test_array_ndmin_and_copy(a, ndmin):
    check(lambda xp: xp.array(xp.asarray(a), ndmin=ndmin))
    s = numpy_shim.asarray(a)
    c = numpy_shim.array(s)
    assert c.tensor.data_ptr() != s.tensor.data_ptr() or s.size == 0
    assert numpy_shim.asarray(s) is s


def test_copy_keyword():
    check(lambda xp: xp.array([1, 2], copy=False), exc_match=True)
    check(lambda xp: xp.asarray([1, 2], copy=False), exc_match=True)
    check(lambda xp: xp.asarray(xp.arange(3), dtype="f4", copy=False))
    check(lambda xp: xp.array(xp.arange(6).reshape(2, 3).T, copy=numpy._CopyMode.NEVER, order="C"))
    check(lambda xp: xp.array(xp.arange(6).reshape(2, 3), copy=False, order="F"))
    check(lambda xp: xp.array([1, 2, 3], copy="always"), exc_match=True)
    check(lambda xp: xp.array(numpy.float64(1), copy=False))
    a = numpy_shim.arange(3)
    assert numpy_shim.asarray(a, copy=False) is a
    assert numpy_shim.array(a, copy=False) is a
    v = numpy_shim.array(a, copy=None, ndmin=2)
    v[0, 0] = 9
    assert int(a[0]) == 9  # ndmin only adds axes: still a view


def test_numpy_input_shares_memory():
    n = numpy.arange(4.0)
    a = numpy_shim.asarray(n)
    a[0] = 7
    assert n[0] == 7
    b = numpy_shim.array(n)
    b[1] = 9
    assert n[1] == 1


@pytest.mark.parametrize("order", ["C", "F", "A", "K"])
def test_order_is_layout(order):
    n = numpy.arange(24).reshape(2, 3, 4).swapaxes(0, 2)
    check(lambda xp: xp.array(xp.asarray(n), order=order).strides)
    check(lambda xp: xp.asarray(xp.asarray(n), order=order).flags.c_contiguous)
    check(lambda xp: xp.array([1, 2], order="X"), exc_match=True)


@given(a=arrays(shape=shapes(max_dims=2)), to=st.sampled_from(ALL_DTYPES))
def test_astype_every_pair(a, to):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check(lambda xp: xp.asarray(a).astype(to))


SPECIAL = [0.0, -0.0, 1.5, -1.5, 2.7, -2.7, 127.9, 128.5, 255.5, 256.7, -129.3, 65535.9, 70000.1,
           2.0 ** 31, 2.0 ** 32 + 3, 2.0 ** 63, -2.0 ** 63, 1e20, -1e20, numpy.nan, numpy.inf]


@pytest.mark.parametrize("src", ["f2", "f4", "f8", "c8", "c16"])
@pytest.mark.parametrize("to", ["?", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2"])
def test_astype_special_values(src, to):
    """NumPy's results for NaN/inf/out-of-range float->int casts (x86-64)."""
    vals = numpy.array(SPECIAL).astype(src)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check(lambda xp: xp.asarray(vals).astype(to))


def test_astype_complex_warns():
    with pytest.warns(numpy.exceptions.ComplexWarning):
        numpy_shim.array([1 + 2j]).astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        numpy_shim.array([1j]).astype(bool)  # no warning: bool tests both parts


@pytest.mark.parametrize("casting", ["no", "equiv", "safe", "same_kind", "unsafe", "same_value", "bogus"])
@pytest.mark.parametrize("to", ["i4", "i8", "f4", "f8", "u1", "c8"])
def test_astype_casting_modes(casting, to):
    check(lambda xp: xp.arange(6).astype(to, casting=casting), exc_match=casting == "bogus")
    check(lambda xp: xp.array([0.5, 300.0]).astype(to, casting=casting))
    check(lambda xp: xp.array([1 + 1j]).astype(to, casting=casting))


def test_astype_copy_and_order():
    a = numpy_shim.arange(3)
    assert a.astype(int, copy=False) is a
    assert a.astype(int) is not a
    check(lambda xp: xp.zeros((2, 3)).T.astype("f4").strides)
    check(lambda xp: xp.zeros((2, 3)).T.astype("f4", order="C").strides)
    check(lambda xp: xp.zeros((2, 3)).astype("f4", order="F").strides)


def test_astype_to_numpy_only_dtypes():
    check(lambda xp: xp.arange(3).astype("U3"), check_kind=False)
    check(lambda xp: xp.arange(3).astype(object), check_kind=False)


@given(a=arrays(shape=shapes(max_dims=3)))
def test_dunder_array(a):
    s = numpy_shim.asarray(a)
    h = numpy.asarray(s)
    assert type(h) is numpy.ndarray and h.dtype == a.dtype
    numpy.testing.assert_array_equal(h, a)
    if a.size:
        assert numpy.shares_memory(h, s.__array__())


def test_dunder_array_arguments():
    a = numpy_shim.ones((3, 3), dtype=int)
    h = a.__array__()
    h[0, 0] = 5
    assert int(a[0, 0]) == 5  # zero-copy on CPU
    assert a.__array__(float).dtype == numpy.float64
    assert not numpy.shares_memory(a.__array__(copy=True), a.__array__())
    with pytest.raises(ValueError):
        a.__array__(float, copy=False)
    a.flags.writeable = False
    assert not a.__array__().flags.writeable


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("conv", [int, float, complex, bool, operator_index := __import__("operator").index])
def test_scalar_protocols(dtype, conv):
    for val in [0, 1, 3]:
        check(lambda xp: conv(xp.array(val).astype(dtype)))
    check(lambda xp: conv(xp.array([2]).astype(dtype)))
    check(lambda xp: conv(xp.array([1, 2]).astype(dtype)))


def test_scalar_protocol_errors():
    check(lambda xp: int(xp.array(xp.nan)))
    check(lambda xp: float(xp.array(1 + 2j)))
    check(lambda xp: bool(xp.array([])), exc_match=True)
    check(lambda xp: bool(xp.array([1, 2])), exc_match=True)
    check(lambda xp: [0, 1, 2][xp.array(2.0)])


@given(a=arrays(shape=shapes(max_dims=3)))
def test_tolist_item(a):
    check(lambda xp: xp.asarray(a).tolist())
    if a.size:
        check(lambda xp: xp.asarray(a).item(a.size - 1))
        check(lambda xp: xp.asarray(a).item(-1))
    check(lambda xp: xp.asarray(a).item())
    if a.ndim:
        check(lambda xp: xp.asarray(a).item(*([0] * a.ndim)))


def test_item_errors_and_types():
    a = numpy.arange(6).reshape(2, 3)
    for args in [(2, 0), (1, 2, 3), ((1, 1),), ((1,),)]:
        check(lambda xp: xp.asarray(a).item(*args), exc_match=True)
    for args in [(6,), (-7,), (1.0,)]:  # type only: the flat-index message differs (item is _api_indexing's)
        check(lambda xp: xp.asarray(a).item(*args))
    check(lambda xp: type(xp.array(True).item()))
    check(lambda xp: xp.array(2 ** 63, dtype=xp.uint64).item())
    check(lambda xp: type(xp.array([1], dtype="u2").tolist()[0]))


@pytest.mark.parametrize("spec", ["", ".2f", "03d", ">8", "e"])
def test_format(spec):
    check(lambda xp: format(xp.array(3), spec))
    check(lambda xp: format(xp.array(2.5), spec if spec != "03d" else ""))
    check(lambda xp: format(xp.arange(3), spec))


@given(a=arrays([numpy.dtype(c) for c in "bhilBHILefdFD"], shape=shapes(min_dims=1, max_dims=2, min_side=1)),
       to=st.sampled_from([numpy.dtype(c) for c in "bhilBHILefdFD"]))
def test_view_dtype(a, to):
    check(lambda xp: xp.asarray(a).view(to))


def test_view_cases():
    check(lambda xp: xp.arange(5, dtype="i4").view(xp.int64))
    check(lambda xp: xp.arange(6, dtype="i4").reshape(2, 3).T.view("i2"))
    check(lambda xp: xp.array(5).view("f8"))
    check(lambda xp: xp.array(5).view("i4"))
    check(lambda xp: xp.arange(4, dtype="u1").view("V2"), check_kind=False)
    a = numpy_shim.arange(4, dtype="i4")
    v = a.view("u1")
    v[0] = 255
    assert int(a[0]) == 255 and v.base is a


@given(a=arrays(shape=shapes(max_dims=3)))
def test_pickle_and_copies(a):
    s = numpy_shim.asarray(a)
    for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
        r = pickle.loads(pickle.dumps(s, protocol=proto))
        assert_same(r, a)
    assert_same(copy.copy(s), a)
    assert_same(copy.deepcopy(s), a)


def test_pickle_out_of_band_shares_memory():
    a = numpy_shim.arange(10)
    buffers = []
    data = pickle.dumps(a, protocol=5, buffer_callback=buffers.append)
    b = pickle.loads(data, buffers=buffers)
    a[0] = -1
    assert int(b[0]) == -1
    nc = numpy_shim.arange(12).reshape(3, 4)[:, :2]
    buffers = []
    assert_same(pickle.loads(pickle.dumps(nc, protocol=5, buffer_callback=buffers.append)),
                numpy.arange(12).reshape(3, 4)[:, :2])
    assert buffers == []


@pytest.mark.parametrize("order", ["C", "F", "A", "K"])
def test_copy_method_order(order):
    check(lambda xp: xp.arange(6).reshape(2, 3).T.copy(order=order).strides)
    check(lambda xp: xp.arange(6).reshape(2, 3).copy(order=order).strides)


def test_conversion_under_grad_reads_values():
    seen = []

    def f(x):
        a = numpy_shim.asarray(x)
        seen.append((float(a.sum()), a.tolist(), repr(a > 1)))
        return (a * a).sum().tensor

    torch.func.grad(f)(torch.tensor([1.0, 2.0]))
    assert seen == [(3.0, [1.0, 2.0], "array([False,  True])")]


def test_conversion_under_vmap_raises_data_dependent():
    def f(x):
        a = numpy_shim.asarray(x)
        with pytest.raises(numpy_shim.DataDependentError):
            float(a.sum())
        with pytest.raises(numpy_shim.DataDependentError):
            a.tolist()
        return x

    torch.func.vmap(f)(torch.ones(3, 2))


def test_copy_module_keeps_layout():
    check(lambda xp: copy.copy(xp.asfortranarray(xp.ones((2, 3)))).strides)
    check(lambda xp: copy.deepcopy(xp.ones((2, 3, 4)).transpose(1, 0, 2)).strides)


@given(a=arrays([numpy.dtype(c) for c in "bhilBHILefdFD"], shape=shapes(max_dims=2)))
def test_byteswap_tobytes(a):
    check(lambda xp: xp.asarray(a).byteswap())
    assert numpy_shim.asarray(a).tobytes() == a.tobytes()
    check(lambda xp: pickle.loads(xp.asarray(a).dumps()))


def test_getfield_setfield_setstate_wrap():
    check(lambda xp: xp.array([1, 256, -2], dtype="i2").getfield("i1", 1))
    check(lambda xp: xp.array([1.5 + 2j], dtype="c16").getfield("f8", 8))
    check(lambda xp: xp.array([1, 2], dtype="i4").getfield("i8"))
    for xp in (numpy, numpy_shim):
        b = xp.array([1.5, 2.5])
        b.setfield(3, "f8")
        assert b.tolist() == [3.0, 3.0]
        c = xp.arange(3.0)
        c.__setstate__(numpy.arange(4).__reduce__()[2])
        assert c.tolist() == [0, 1, 2, 3] and c.dtype == numpy.int64
    check(lambda xp: xp.arange(2).__array_wrap__(numpy.arange(3)))
    check(lambda xp: xp.arange(2).__array_wrap__(numpy.array(2), None, True))


@pytest.mark.parametrize("name", ["__array__", "__complex__", "__copy__", "__deepcopy__", "__reduce__",
                                  "__reduce_ex__", "__setstate__", "__array_wrap__", "__array_finalize__",
                                  "astype", "copy", "view", "fill", "getfield", "setfield", "setflags",
                                  "tolist", "byteswap", "tobytes", "tofile", "dump", "dumps", "sum", "mean",
                                  "flatten", "reshape", "transpose", "squeeze", "swapaxes", "ravel", "conj"])
def test_method_signatures_self_positional_only(name):
    import inspect
    sig = inspect.signature(getattr(numpy_shim.ndarray, name))
    assert sig.parameters["self"].kind is inspect.Parameter.POSITIONAL_ONLY


@pytest.mark.parametrize("arg", ["f4", "float32", "i8", "int", torch.float32, numpy.float32, numpy.uint8, bool])
def test_astype_compiles_without_graph_break(arg):
    torch._dynamo.reset()  # one code object per case: no recompile limit across cases
    f = torch.compile(lambda x: numpy_shim.asarray(x).astype(arg).tensor, backend="eager", fullgraph=True)
    out = f(torch.arange(3.0, dtype=torch.float64))
    assert_same(numpy_shim.asarray(out), numpy.arange(3.0).astype(numpy.dtype(arg) if not isinstance(
        arg, torch.dtype) else numpy.float32))


@pytest.mark.parametrize("dtype", ["c8", "c16", "f8", "f4", "i8"])
def test_numpy_data_at_a_loose_alignment_is_usable(dtype):
    # NumPy aligns complex128 to 8 bytes; torch's complex kernels need 16 (they would crash)
    item = numpy.dtype(dtype).itemsize
    raw = numpy.zeros(4 * item + item, dtype=numpy.uint8)
    start = (-raw.ctypes.data) % item + item // 2 if item > 4 else 0
    host = numpy.ndarray((4,), dtype, raw, offset=start)
    host[...] = numpy.arange(4)
    a = numpy_shim.asarray(host)
    a[...] = a * 2 + 1
    numpy.testing.assert_array_equal(numpy.asarray(a), numpy.arange(4) * 2 + 1)
