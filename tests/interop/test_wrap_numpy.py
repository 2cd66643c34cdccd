"""wrap_numpy: NumPy-style functions on torch tensors, no copies, autograd kept."""
import numpy
import pytest
import torch
from hypothesis import given

import numpy_shim
from numpy_shim.interop import wrap_numpy, to_torch, from_torch
from tests.differential import arrays, FLOAT_DTYPES


def model(x, w):  # written against real NumPy
    h = numpy.tanh(x @ w)
    return numpy.sum(h * h, axis=-1) + numpy.exp(-x[:, 0])


def reference(x, w):
    h = torch.tanh(x @ w)
    return (h * h).sum(-1) + torch.exp(-x[:, 0])


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_values_dtype_and_grad_eager(dtype):
    x = torch.randn(5, 3, dtype=dtype, requires_grad=True)
    w = torch.randn(3, 2, dtype=dtype, requires_grad=True)
    y = wrap_numpy(model)(x, w)
    assert isinstance(y, torch.Tensor) and y.dtype == dtype and y.requires_grad
    y.sum().backward()
    x2, w2 = x.detach().requires_grad_(), w.detach().requires_grad_()
    reference(x2, w2).sum().backward()
    torch.testing.assert_close(y, reference(x, w))
    torch.testing.assert_close(x.grad, x2.grad)
    torch.testing.assert_close(w.grad, w2.grad)


@given(arrays(FLOAT_DTYPES, min_dims=1))
def test_matches_numpy(a):
    f = wrap_numpy(lambda x: numpy.cumsum(numpy.sin(x), axis=0) * 2)
    with numpy.errstate(all="ignore"):
        got = f(torch.from_numpy(a.copy()))
        expected = numpy.cumsum(numpy.sin(a), axis=0) * 2
    assert got.dtype == numpy_shim._dtypes.NP_TO_TORCH[expected.dtype]
    numpy.testing.assert_allclose(got.numpy(), expected, rtol=2e-3 if a.dtype == numpy.float16 else 1e-6)


def test_no_copy_in_and_out():
    t = torch.zeros(4)

    def fill(x):
        x[1:3] = 5.0
        return x[::2]
    out = wrap_numpy(fill)(t)
    assert t.tolist() == [0.0, 5.0, 5.0, 0.0]     # the input was written in place
    assert out.untyped_storage().data_ptr() == t.untyped_storage().data_ptr()


def test_scalar_results_become_tensors():
    res = wrap_numpy(lambda x: (numpy.sum(x), x.shape))(torch.arange(3.0))
    assert isinstance(res[0], torch.Tensor) and res[0].dim() == 0 and float(res[0]) == 3.0
    assert res[1] == (3,)


def test_backward_under_torch_compile():
    x = torch.randn(4, 3, requires_grad=True)
    w = torch.randn(3, 2, requires_grad=True)

    @torch.compile(backend="aot_eager")
    def loss(x, w):
        return wrap_numpy(model)(x, w).sum()

    loss(x, w).backward()
    x2, w2 = x.detach().requires_grad_(), w.detach().requires_grad_()
    reference(x2, w2).sum().backward()
    torch.testing.assert_close(x.grad, x2.grad)
    torch.testing.assert_close(w.grad, w2.grad)


def test_in_a_torch_module():
    lin = torch.nn.Linear(3, 1, dtype=torch.float64)
    x = torch.randn(8, 3, dtype=torch.float64)
    norm = wrap_numpy(lambda a: (a - numpy.mean(a, axis=0)) / numpy.std(a, axis=0))
    lin(norm(x)).sum().backward()
    assert lin.weight.grad is not None and lin.weight.grad.shape == (1, 3)


def test_to_torch_from_torch_share_memory():
    t = torch.arange(3.0)
    a = from_torch(t)
    assert isinstance(a, numpy_shim.ndarray) and a.tensor is t
    assert to_torch(a) is t
    n = numpy.arange(3.0)
    tn = to_torch(n)
    tn[0] = 9.0
    assert n[0] == 9.0
    with pytest.raises(TypeError):
        from_torch([1, 2])


def test_compile_of_a_numpy_function_on_tensors_with_backward():
    # the way to compile the NumPy part itself: tensors in, tensors out, backward compiled
    from numpy_shim.transforms import compile
    x = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
    w = torch.randn(3, 2, dtype=torch.float64, requires_grad=True)
    y = compile(model, backend="aot_eager")(x, w)
    assert isinstance(y, torch.Tensor) and y.requires_grad
    y.sum().backward()
    x2, w2 = x.detach().requires_grad_(), w.detach().requires_grad_()
    reference(x2, w2).sum().backward()
    torch.testing.assert_close(x.grad, x2.grad)
    torch.testing.assert_close(w.grad, w2.grad)
