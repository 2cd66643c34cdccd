"""ndarray attributes, differential against NumPy: shape, strides, flags, T/mT, real/imag, base, ..."""
import numpy
import numpy_shim
import pytest
import torch
from hypothesis import given, strategies as st

from differential import ALL_DTYPES, arrays, check, shapes

ATTRS = ["shape", "ndim", "size", "dtype", "itemsize", "nbytes"]


@given(a=arrays(shape=shapes(max_dims=4)))
def test_basic_attributes(a):
    for name in ATTRS:
        check(lambda xp: getattr(xp.asarray(a), name))
    assert numpy_shim.asarray(a).strides == numpy.array(a).strides


@given(a=arrays(shape=shapes(min_dims=2, max_dims=3, min_side=1)))
def test_strides_of_views(a):
    check(lambda xp: xp.asarray(a).T.strides)
    check(lambda xp: xp.asarray(a)[:, ::2].strides)
    check(lambda xp: xp.asarray(a)[0].strides)
    check(lambda xp: xp.asarray(a).swapaxes(0, 1).flags.c_contiguous)
    check(lambda xp: xp.asarray(a).T.flags.f_contiguous)


def test_empty_array_strides():
    for shape in [(0,), (0, 3), (3, 0), (2, 0, 3)]:
        check(lambda xp: xp.zeros(shape).strides)
    check(lambda xp: xp.zeros((3, 4))[:0].strides)


@given(a=arrays(shape=shapes(max_dims=4)))
def test_T_and_mT(a):
    check(lambda xp: xp.asarray(a).T)
    check(lambda xp: xp.asarray(a).mT)


def test_T_is_a_view():
    a = numpy_shim.arange(6).reshape(2, 3)
    a.T[0, 1] = 9
    assert int(a[1, 0]) == 9 and a.T.base is a.base  # bases collapse to the owner, as in NumPy


@given(a=arrays(shape=shapes(max_dims=3)))
def test_real_imag(a):
    check(lambda xp: xp.asarray(a).real)
    check(lambda xp: xp.asarray(a).imag)


def test_real_imag_views_and_setters():
    for xp in (numpy, numpy_shim):
        z = xp.array([1 + 2j, 3 - 4j])
        z.real[0] = 7
        z.imag = [5, 6]
        assert complex(z[0]) == 7 + 5j and complex(z[1]) == 3 + 6j
        z.real = 0
        assert float(z.real.sum()) == 0
    check(lambda xp: xp.array([1.5, 2]).imag.flags.writeable)
    check(lambda xp: setattr(xp.array([1.5]), "imag", 1))


def test_shape_setter():
    for xp in (numpy, numpy_shim):
        a = xp.arange(6)
        a.shape = (2, 3)
        assert a.shape == (2, 3)
        a.shape = -1
        assert a.shape == (6,)
    check(lambda xp: setattr(xp.arange(6), "shape", (4, 2)))
    check(lambda xp: setattr(xp.arange(6).reshape(2, 3).T, "shape", 6))


def test_base_and_owndata():
    a = numpy_shim.arange(6)
    b = a.reshape(2, 3)
    c = b[1:]
    assert a.base is None and b.base is a and c.base is a
    assert a.flags.owndata and not c.flags.owndata
    check(lambda xp: xp.arange(6).copy().base is None)


def test_flags():
    for xp in (numpy, numpy_shim):
        a = xp.arange(6).reshape(2, 3)
        assert a.flags["C_CONTIGUOUS"] and a.flags.c_contiguous and a.flags["C"]
        assert not a.flags.f_contiguous and a.T.flags.f_contiguous
        assert a.flags.writeable and a.flags.aligned and not a.flags.writebackifcopy
        a.flags.writeable = False
        with pytest.raises(ValueError):
            a[0, 0] = 1
        a.setflags(write=True)
        a[0, 0] = 1
    check(lambda xp: xp.arange(6).reshape(2, 3)[:, ::2].flags.c_contiguous)
    check(lambda xp: xp.arange(6).reshape(2, 3)[:, ::2].flags.forc)


def test_readonly_view_cannot_be_made_writeable():
    for xp in (numpy, numpy_shim):
        a = xp.arange(4)
        a.flags.writeable = False
        v = a[1:]
        assert not v.flags.writeable
        with pytest.raises(ValueError):
            v[0] = 2


def test_device_and_tensor():
    a = numpy_shim.arange(3.0)
    assert a.device == torch.device("cpu")
    assert isinstance(a.tensor, torch.Tensor) and a.tensor is a.tensor
    a.tensor[0] = 5  # .tensor is the storage itself, no copy
    assert float(a[0]) == 5
    assert a.to_device("cpu").device.type == "cpu"


def test_flat():
    check(lambda xp: xp.arange(6).reshape(2, 3).T.flat[4])
    check(lambda xp: list(xp.arange(4).reshape(2, 2).flat))
    for xp in (numpy, numpy_shim):
        a = xp.zeros((2, 2))
        a.flat = [1, 2, 3, 4]
        assert float(a[1, 1]) == 4


def test_len_iter():
    check(lambda xp: len(xp.zeros((3, 2))))
    check(lambda xp: len(xp.array(3)))
    check(lambda xp: [x.shape for x in xp.zeros((3, 2))])
    check(lambda xp: list(xp.array(3)))


def test_hash_is_none():
    assert numpy_shim.ndarray.__hash__ is None
    with pytest.raises(TypeError):
        hash(numpy_shim.arange(3))


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_attributes_every_dtype(dtype):
    check(lambda xp: xp.ones((2, 3), dtype=dtype).itemsize)
    check(lambda xp: xp.ones((2, 3), dtype=dtype).nbytes)
    check(lambda xp: xp.ones((2, 3), dtype=dtype).T.strides)
    assert numpy_shim.ones(2, dtype=dtype).dtype is numpy.dtype(dtype) or \
        numpy_shim.ones(2, dtype=dtype).dtype == numpy.dtype(dtype)


def test_contains_is_elementwise_any():
    for value in (4.0, 20.0, [0.0, 1.0, 2.0, 3.0], [1, 2, 3, 4]):
        assert (value in numpy_shim.arange(16.0).reshape(4, 4)) == (value in numpy.arange(16.0).reshape(4, 4))


def test_conj_method_returns_real_arrays_themselves():
    for dt in ("?", "b", "h", "I", "f8"):
        a = numpy_shim.ones(10, dtype=dt)
        assert a.conj() is a and a.conjugate() is a
    c = numpy_shim.asarray([1 - 1j, 1 + 1j, 23 + 23.0j])
    out = numpy_shim.empty_like(c)
    assert c.conj(out) is out
    numpy.testing.assert_array_equal(numpy.asarray(out), numpy.conj(numpy.asarray(c)))


def test_indexing_result_beyond_64_dimensions_raises():
    check(lambda xp: xp.asarray(1.0)[(None,) * 70])
    check(lambda xp: xp.asarray(1.0)[(None,) * 64].shape)
    check(lambda xp: xp.asarray(1.0)[(None, 0)])


def test_methods_have_numpys_signatures():
    import inspect
    for name in ("all", "any", "argmax", "astype", "choose", "clip", "conj", "copy", "cumsum",
                 "diagonal", "dot", "fill", "flatten", "item", "max", "mean", "nonzero", "put",
                 "ravel", "repeat", "reshape", "round", "searchsorted", "sort", "squeeze", "std",
                 "sum", "swapaxes", "take", "tolist", "trace", "transpose", "var", "view"):
        sig = inspect.signature(getattr(numpy_shim.ndarray, name))
        assert sig == inspect.signature(getattr(numpy.ndarray, name)), name
    # the module functions keep their own
    assert list(inspect.signature(numpy_shim.take).parameters)[0] == "a"


def test_flags_composites():
    def run(xp):
        a, b, c = xp.ones((2, 2)), xp.ones((2, 2), order="F"), xp.ones(3)
        c.flags.writeable = False
        return [(x.flags.fortran, x.flags.behaved, x.flags.carray, x.flags.farray, x.flags["FA"],
                 x.flags["CA"], x.flags["B"]) for x in (a, b, c)]
    assert run(numpy_shim) == run(numpy)


def test_device_is_read_only_with_numpys_message():
    for xp in (numpy, numpy_shim):
        with pytest.raises(AttributeError, match="attribute 'device' of '(numpy.|)ndarray' objects is not writable"):
            xp.ones(2).device = "cpu"


def test_buffer_method_shares_memory():
    # PEP 688: Python 3.12+ calls __buffer__ for memoryview(a); on 3.11 it is callable directly
    a = numpy_shim.arange(6.0).reshape(2, 3)
    m = a.__buffer__(0)
    expected = memoryview(numpy.arange(6.0).reshape(2, 3))
    assert (m.format, m.shape, m.strides, m.tolist()) == (expected.format, expected.shape,
                                                          expected.strides, expected.tolist())
    m[0, 0] = 7.0
    assert a[0, 0] == 7.0
