"""The Array API namespace of numpy_shim arrays (x.__array_namespace__())."""
import numpy
import pytest
import torch
import array_api_compat

import numpy_shim
from numpy_shim.interop import array_api


def test_array_namespace_accepts_shim_arrays():
    # as NumPy 2 returns numpy itself, numpy_shim arrays give numpy_shim
    x = numpy_shim.arange(3.0)
    assert numpy.arange(3.0).__array_namespace__() is numpy
    xp = array_api_compat.array_namespace(x)
    assert xp is numpy_shim
    assert array_api_compat.array_namespace(x, numpy_shim.ones(2)) is numpy_shim
    assert x.__array_namespace__(api_version="2023.12") is numpy_shim
    assert numpy_shim.__array_api_version__ == numpy.__array_api_version__
    with pytest.raises(ValueError):
        x.__array_namespace__(api_version="1999.01")
    assert xp.__array_api_version__ == "2024.12"


def test_namespace_lists_the_standard_names():
    xp = array_api
    for name in ("abs", "concat", "permute_dims", "matrix_transpose", "vecdot", "unique_values",
                 "astype", "isdtype", "cumulative_sum", "linalg", "float32", "newaxis"):
        assert name in xp.__all__ and hasattr(xp, name), name
    with pytest.raises(AttributeError):
        xp.not_a_function


def test_namespace_info():
    info = array_api.__array_namespace_info__()
    assert info.default_device() == torch.device("cpu")
    assert torch.device("cpu") in info.devices()
    dd = info.default_dtypes()
    assert dd["real floating"] == numpy.float64 and dd["indexing"] == numpy.intp
    assert set(info.dtypes(kind="real floating")) == {"float32", "float64"}
    assert set(info.dtypes(kind=("bool", "complex floating"))) == {"bool", "complex64", "complex128"}
    assert len(info.dtypes()) == 13
    assert info.capabilities()["boolean indexing"] is True


def test_standard_behaviour_on_a_few_functions():
    xp = array_api
    x = xp.asarray([[1.0, 2.0], [3.0, 4.0]], dtype=xp.float32)
    assert x.dtype == xp.float32 and x.device == torch.device("cpu")
    assert xp.sum(x).dtype == xp.float32                       # float sums keep the dtype
    assert xp.sum(xp.asarray([1, 2], dtype=xp.int32)).dtype == xp.int64   # default integer
    assert xp.concat([x, x], axis=0).shape == (4, 2)
    assert xp.permute_dims(x, (1, 0)).shape == (2, 2)
    assert xp.matmul(x, x).dtype == xp.float32
    assert xp.isdtype(x.dtype, "real floating") and not xp.isdtype(x.dtype, "integral")
    assert xp.astype(x, xp.int64).dtype == xp.int64
    y = xp.asarray(x, device=x.device)
    assert y.device == x.device
    assert x.mT.shape == (2, 2) and x.to_device("cpu").device == x.device
    numpy.testing.assert_array_equal(numpy.asarray(xp.unique_values(xp.asarray([3, 1, 3]))), [1, 3])


def test_array_api_compat_helpers():
    x = numpy_shim.ones((2, 3))
    assert array_api_compat.device(x) == torch.device("cpu")
    assert array_api_compat.size(x) == 6
    assert not array_api_compat.is_numpy_array(x)
