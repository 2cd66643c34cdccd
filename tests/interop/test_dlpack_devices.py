"""No-copy conversions (DLPack, torch, NumPy) and devices."""
import numpy
import pytest
import torch
from hypothesis import given

import numpy_shim
from numpy_shim import DeviceMismatchError
from tests.differential import arrays, ALL_DTYPES

needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")


def same_memory(t, u):
    return t.untyped_storage().data_ptr() == u.untyped_storage().data_ptr()


@given(arrays(ALL_DTYPES))
def test_from_dlpack_of_numpy_matches_numpy(a):
    a = a.copy()  # writeable, as DLPack requires
    got = numpy_shim.from_dlpack(a)
    expected = numpy.from_dlpack(a)
    assert isinstance(got, numpy_shim.ndarray)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    numpy.testing.assert_array_equal(numpy.asarray(got), expected)


def test_from_dlpack_shares_memory():
    a = numpy.arange(4.0)
    s = numpy_shim.from_dlpack(a)
    s[0] = 5.0
    assert a[0] == 5.0
    t = torch.arange(3.0)
    assert same_memory(numpy_shim.from_dlpack(t).tensor, t)
    strided = numpy.arange(12.0).reshape(3, 4)[:, ::2]
    numpy.testing.assert_array_equal(numpy.asarray(numpy_shim.from_dlpack(strided)), strided)


def test_from_dlpack_copy_device_and_errors():
    a = numpy.arange(3.0)
    c = numpy_shim.from_dlpack(a, copy=True)
    c[0] = 9.0
    assert a[0] == 0.0
    assert numpy_shim.from_dlpack(a, device="cpu").device == torch.device("cpu")
    with pytest.raises(AttributeError):   # as numpy.from_dlpack([1, 2])
        numpy_shim.from_dlpack([1, 2])


def test_shim_is_a_dlpack_producer():
    a = numpy_shim.arange(6, dtype=numpy_shim.int32).reshape(2, 3)
    assert a.__dlpack_device__() == numpy.arange(1).__dlpack_device__()  # (kDLCPU, 0)
    t = torch.from_dlpack(a)
    n = numpy.from_dlpack(a)
    assert same_memory(t, a.tensor)
    n[0, 0] = 42
    assert int(a[0, 0]) == 42
    assert n.dtype == numpy.int32 and t.dtype == torch.int32


def test_tensor_and_asarray_share_memory():
    t = torch.zeros(3, dtype=torch.float64)
    a = numpy_shim.asarray(t)
    assert a.tensor is t
    a[1] = 2.0
    assert t[1] == 2.0


def test_requires_grad_tensor_keeps_history():
    t = torch.ones(3, requires_grad=True)
    a = numpy_shim.asarray(t)
    (numpy_shim.sum(a * 3)).tensor.backward()
    assert t.grad.tolist() == [3.0, 3.0, 3.0]
    assert numpy.asarray(a).tolist() == [1.0, 1.0, 1.0]   # __array__ detaches


def test_default_device_context():
    assert numpy_shim.zeros(2).device == torch.device("cpu")
    with numpy_shim.device("meta"):
        made = [numpy_shim.zeros(2), numpy_shim.ones(2), numpy_shim.empty(2), numpy_shim.arange(3),
                numpy_shim.full(2, 1.0), numpy_shim.eye(2), numpy_shim.linspace(0, 1, 3)]
        assert all(m.device.type == "meta" for m in made)
        assert numpy_shim.zeros(2, device="cpu").device.type == "cpu"
    assert numpy_shim.zeros(2).device == torch.device("cpu")


def test_device_argument_and_to_device():
    a = numpy_shim.zeros(3, device="meta")
    assert a.device.type == "meta"
    b = numpy_shim.arange(3.0).to_device("meta")
    assert b.device.type == "meta" and b.shape == (3,) and b.dtype == numpy.float64
    assert numpy_shim.zeros_like(a).device.type == "meta"


def test_joining_arrays_on_different_devices_raises():
    with pytest.raises(DeviceMismatchError, match="device"):
        numpy_shim.concatenate([numpy_shim.ones(2), numpy_shim.ones(2, device="meta")])


def test_ufunc_on_different_devices_raises():
    with pytest.raises(DeviceMismatchError):
        numpy_shim.ones(2) + numpy_shim.ones(2, device="meta")


@needs_cuda
def test_cuda_roundtrip_and_mismatch():
    a = numpy_shim.arange(4.0, device="cuda")
    assert a.device.type == "cuda"
    assert numpy.asarray(a.to_device("cpu")).tolist() == [0.0, 1.0, 2.0, 3.0]
    with numpy_shim.device("cuda"):
        assert numpy_shim.ones(2).device.type == "cuda"
    with pytest.raises(DeviceMismatchError):
        a + numpy_shim.arange(4.0)
    with pytest.raises(ValueError):
        numpy.asarray(a, copy=False)
    assert numpy.asarray(a).tolist() == [0.0, 1.0, 2.0, 3.0]   # a host copy
    t = torch.from_dlpack(a)
    assert t.device.type == "cuda" and same_memory(t, a.tensor)
