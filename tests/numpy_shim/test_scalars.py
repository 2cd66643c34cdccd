"""NumPy scalars in eager code, scalar-like 0-d arrays under transforms, compile and autograd."""
import numpy
import numpy_shim
import pytest
import torch
from hypothesis import given

from differential import ALL_DTYPES, arrays, check, shapes

SCALAR_TYPES = ["bool_", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                "float16", "float32", "float64", "complex64", "complex128", "intp", "uintp", "int_",
                "double", "single", "half", "longlong", "ulonglong", "cdouble", "csingle", "generic",
                "number", "integer", "floating", "complexfloating", "dtype", "bool"]


@pytest.mark.parametrize("name", SCALAR_TYPES)
def test_scalar_types_are_numpys(name):
    assert getattr(numpy_shim, name) is getattr(numpy, name)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_reductions_and_indexing_give_numpy_scalars(dtype):
    check(lambda xp: xp.ones(3, dtype=dtype).sum())
    check(lambda xp: xp.ones(3, dtype=dtype).max())
    check(lambda xp: xp.ones((2, 3), dtype=dtype)[1, 2])
    check(lambda xp: xp.ones(3, dtype=dtype)[-1])
    check(lambda xp: xp.ones((), dtype=dtype)[()])


@given(a=arrays(shape=shapes(min_dims=1, max_dims=3, min_side=1)))
def test_integer_index_scalar_values(a):
    check(lambda xp: xp.asarray(a)[(0,) * a.ndim])
    check(lambda xp: xp.asarray(a)[(-1,) * a.ndim])


def test_scalar_is_python_number():
    s = numpy_shim.arange(3.0).sum()
    assert type(s) is numpy.float64 and isinstance(s, float) and hash(s) == hash(3.0)
    assert type(numpy_shim.arange(3)[1]) is numpy.int64
    assert type(numpy_shim.array([2 ** 64 - 1], dtype="u8")[0]) is numpy.uint64
    assert numpy_shim.array([2 ** 64 - 1], dtype="u8")[0] == 2 ** 64 - 1


def _scalar_like(s):
    """What a 0-d array must do where a NumPy scalar would be expected."""
    assert isinstance(s, numpy_shim.ndarray) and s.ndim == 0
    with pytest.raises(TypeError):
        hash(s)


def test_scalars_under_grad_are_0d_arrays():
    seen = {}

    def f(x):
        a = numpy_shim.asarray(x)
        s = (a * a).sum()
        i = numpy_shim.asarray(torch.tensor(1)) * 1
        _scalar_like(s)
        seen.update(float=float(s), fmt=format(s, ".1f"), cmp=bool(s > 1), idx=[10, 20, 30][i],
                    int=int(s), item=s.item())
        return s.tensor

    g = torch.func.grad(f)(torch.tensor([1.0, 2.0], dtype=torch.float64))
    assert torch.equal(g, torch.tensor([2.0, 4.0], dtype=torch.float64))
    assert seen == dict(float=5.0, fmt="5.0", cmp=True, idx=20, int=5, item=5.0)


def test_scalars_under_vmap_are_0d_arrays():
    def f(x):
        a = numpy_shim.asarray(x)
        s = a.sum()
        _scalar_like(s)
        _scalar_like(a[0])
        with pytest.raises(numpy_shim.DataDependentError):
            float(s)
        with pytest.raises(numpy_shim.DataDependentError):
            format(s, ".2f")
        return (s * 2).tensor

    out = torch.func.vmap(f)(torch.ones(3, 2))
    assert torch.equal(out, torch.full((3,), 4.0))


def test_scalars_with_autograd_are_0d_arrays():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    s = (numpy_shim.asarray(x) ** 2).sum()
    _scalar_like(s)
    s.tensor.backward()
    assert torch.equal(x.grad, torch.tensor([2.0, 4.0]))
    assert float(s) == 5.0 and format(s, "g") == "5"


def test_scalars_under_compile_are_0d_arrays():
    @torch.compile(backend="eager", fullgraph=False)
    def f(x):
        s = numpy_shim.asarray(x).sum()
        return (s * 2).tensor, type(s) is numpy_shim.ndarray

    t, is_array = f(torch.ones(3))
    assert is_array and float(t) == 6.0


def test_zero_d_array_scalar_protocols():
    z = numpy_shim.asarray(torch.tensor(3))
    assert int(z) == 3 and float(z) == 3.0 and complex(z) == 3 + 0j
    assert [0, 1, 2, 3][z] == 3 and format(z, "03d") == "003" and bool(z)
    assert z == 3 and z < 4 and not z > 4
    with pytest.raises(TypeError):
        [0, 1][numpy_shim.array(1.0)]


def test_zero_d_eager_results_stay_arrays_where_numpy_does():
    check(lambda xp: xp.array(5) + 1)
    check(lambda xp: xp.asarray(2.5) * xp.asarray(2))
    check(lambda xp: xp.array(3)[...])
    check(lambda xp: xp.arange(3).sum(keepdims=True))
