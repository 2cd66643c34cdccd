"""wrap_numpy: a NumPy-style function as a function of torch.Tensors, with no copies."""
import functools

import numpy
import torch
from torch.utils import _pytree as pytree

from numpy_shim._ndarray import ndarray, _wrap

__all__ = ["wrap_numpy", "to_torch", "from_torch"]

_Tensor = torch.Tensor


def _redirect(fn):
    try:
        from numpy_shim.transforms._redirect import redirect_numpy
    except ImportError:  # pragma: no cover
        return fn
    return redirect_numpy(fn)


def _in(x):
    return _wrap(x) if isinstance(x, _Tensor) else x


def _out(x, device):
    if isinstance(x, ndarray):
        return x._t
    if isinstance(x, numpy.ndarray) and x.dtype.kind in "biufc":
        return torch.from_numpy(x).to(device) if device is not None else torch.from_numpy(x)
    if isinstance(x, numpy.generic) and x.dtype.kind in "biufc":
        t = torch.from_numpy(numpy.asarray(x)).reshape(())
        return t.to(device) if device is not None else t
    return x


def wrap_numpy(fn):
    """``fn`` written against NumPy (real or numpy_shim), called with and returning tensors.

    Tensors are wrapped as numpy_shim arrays without copying, so device, dtype and
    autograd history are kept: ``wrap_numpy(f)(x).sum().backward()`` fills ``x.grad``.
    Results that are arrays come back as tensors; NumPy scalars as 0-d tensors.
    """
    inner = _redirect(fn)

    # Under torch.compile the NumPy code runs eagerly (a graph break around it): Dynamo
    # cannot follow numpy_shim's Python code (NumPy dtype objects, ufunc loop resolution)
    # and can fail on it outright. Autograd still flows through. To compile the NumPy
    # part itself, use numpy_shim.transforms.compile(fn): tensors in, tensors out too.
    @torch.compiler.disable
    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        args, kwargs = pytree.tree_map(_in, (args, kwargs))
        device = next((x._t.device for x in pytree.tree_leaves((args, kwargs)) if isinstance(x, ndarray)), None)
        return pytree.tree_map(lambda x: _out(x, device), inner(*args, **kwargs))

    return wrapped


def to_torch(a):
    """A numpy_shim or NumPy array as a torch.Tensor, sharing memory where possible."""
    if isinstance(a, ndarray):
        return a._t
    from numpy_shim._convert import to_tensor
    return to_tensor(a)


def from_torch(t):
    """A torch.Tensor as a numpy_shim array sharing its memory (and autograd history)."""
    if not isinstance(t, _Tensor):
        raise TypeError(f"from_torch: expected a torch.Tensor, got {type(t).__name__}")
    from numpy_shim._convert import asarray
    return asarray(t)
