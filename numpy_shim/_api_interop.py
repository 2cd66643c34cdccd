"""Interchange with other array libraries: from_dlpack, and the Array API entry point."""
import torch

from ._ndarray import ndarray, _wrap

__all__ = ["from_dlpack"]

_VERSIONS = (None, "2021.12", "2022.12", "2023.12", "2024.12")


def from_dlpack(x, /, *, device=None, copy=None):
    """An array viewing the memory of any DLPack producer (torch, NumPy, CuPy, JAX, ...).

    Like NumPy's, except that ``device`` may name any torch device (the data is moved
    there, which copies unless it is already there).
    """
    if not hasattr(x, "__dlpack__"):
        raise AttributeError(f"'{type(x).__name__}' object has no attribute '__dlpack__'")
    if isinstance(x, ndarray):
        t = x._t
    elif isinstance(x, torch.Tensor):
        t = x
    else:
        try:
            t = torch.from_dlpack(x)
        except (RuntimeError, BufferError) as e:
            raise BufferError(f"from_dlpack: {e}") from None
    if t.requires_grad:
        t = t.detach()  # DLPack carries data, not autograd history
    if device is not None:
        try:
            dev = torch.device(device)
        except (RuntimeError, TypeError):
            raise ValueError(f'Device not understood: {device!r}') from None
        if dev != t.device:
            if copy is False:
                raise ValueError(f"from_dlpack: moving data from {t.device} to {dev} needs a copy")
            return _wrap(t.to(dev))
    if copy:
        t = t.clone()
    from ._convert import to_tensor
    t2 = to_tensor(t)  # dtypes torch has but NumPy lacks (bfloat16) become NumPy's nearest
    return _wrap(t2)


def __array_namespace__(self, /, *, api_version=None):
    """The Array API namespace for numpy_shim arrays (numpy_shim.interop.array_api)."""
    if api_version not in _VERSIONS:
        raise ValueError(f"Unrecognized array API version: {api_version!r}. "
                         f"Supported: {', '.join(v for v in _VERSIONS if v)}")
    from numpy_shim.interop import array_api
    return array_api


NDARRAY_METHODS = {"__array_namespace__": __array_namespace__}
