"""When a result is a NumPy scalar and when a 0-d array, and reading values to the host."""
import torch

from ._dtypes import TORCH_TO_NP
from ._errors import data_dependent

_is_wrapped = torch._C._functorch.is_functorch_wrapped_tensor
_is_compiling = torch.compiler.is_compiling
_Tensor = torch.Tensor
_Parameter = torch.nn.Parameter


def is_plain(t):
    """True for an eager, CPU, non-autograd, untransformed tensor: NumPy-scalar territory."""
    # is_compiling() first: dynamo folds it to True, so the functorch C call (a graph
    # break) is never traced.
    return (not _is_compiling() and type(t) is _Tensor and t.is_cpu
            and not t.requires_grad and not _is_wrapped(t))


def plain(t):
    """``t`` itself, or raise the data-dependent error when it is traced."""
    if type(t) is not _Tensor or _is_wrapped(t) or _is_compiling():
        if _is_wrapped(t) and not torch._C._functorch.is_batchedtensor(t):
            # Under grad alone a value exists: read it through the wrappers, as torch.func does.
            return _unwrap_all(t)
        raise data_dependent("Reading an array's value")
    return t


def _unwrap_all(t):
    while _is_wrapped(t):
        if torch._C._functorch.is_batchedtensor(t):
            raise data_dependent("Reading an array's value")
        t = torch._C._functorch.get_unwrapped(t)
    return t.detach()


def host_numpy(t, what="Reading an array's value"):
    """``t``'s values as a NumPy array (sharing memory when ``t`` is a plain CPU tensor).

    Under grad (no vmap) the value exists and is read through the functorch wrappers;
    the read must happen with functorch's dispatch off, or torch sees no storage.
    Under vmap or compile there is no single value: DataDependentError.
    """
    if (type(t) is _Tensor or type(t) is _Parameter) and not _is_wrapped(t) and not _is_compiling():
        if t.requires_grad:
            t = t.detach()
        return (t if t.device.type == "cpu" else t.cpu()).numpy()
    if _is_compiling() or not _is_wrapped(t):
        raise data_dependent(what)
    while _is_wrapped(t):
        if torch._C._functorch.is_batchedtensor(t):
            raise data_dependent(what)
        t = torch._C._functorch.get_unwrapped(t)
    with torch._C._DisableFuncTorch():
        t = t.detach()
        return (t if t.device.type == "cpu" else t.cpu()).numpy()


def to_numpy_scalar(t, dtype, what):
    """The 0-d or size-1 tensor ``t`` as a NumPy scalar of ``dtype`` (host read)."""
    return host_numpy(t, what).reshape(())[()].astype(dtype, copy=False)


# item() would lose bits for these (uint64 > 2**63 comes back negative).
_NEEDS_NUMPY = {torch.uint64, torch.uint32, torch.uint16}


def item(t, what):
    return to_numpy_scalar(t, TORCH_TO_NP[t.dtype], what)


def result(t):
    """A reduction's or an integer index's result: NumPy scalar when plain, else 0-d array."""
    if t.dim() == 0 and is_plain(t):
        if t.dtype in _NEEDS_NUMPY:
            return t.numpy()[()]
        return TORCH_TO_NP[t.dtype].type(t.item())  # item(): half the cost of numpy()[()]
    from ._ndarray import _wrap
    return _wrap(t)
