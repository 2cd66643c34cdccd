"""Interchange with other array libraries: from_dlpack, and the Array API entry point."""
import torch

from ._ndarray import ndarray, _wrap
from ._device import as_device, check_device
from . import _scalars

__all__ = ["from_dlpack", "__array_namespace_info__", "__array_api_version__"]
__array_api_version__ = "2024.12"  # NumPy 2's main namespace is the standard's namespace

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
    # NumPy's rule: read-only data, or a producer of the old (unversioned) protocol that
    # cannot say whether its data is writeable, gives a read-only array.
    flags = getattr(x, "flags", None)
    readonly = flags is not None and not isinstance(x, torch.Tensor) and not flags.writeable
    if not readonly and type(x) not in (ndarray, torch.Tensor):
        readonly = _legacy_producer(x)
    if device is not None:
        dev = check_device(device)
        if dev != t.device:
            if copy is False:
                raise ValueError(f"from_dlpack: moving data from {t.device} to {dev} needs a copy")
            return _wrap(t.to(dev))
    if copy:
        t = t.clone()
    from ._convert import to_tensor
    res = _wrap(to_tensor(t))  # dtypes torch has but NumPy lacks (bfloat16) become NumPy's nearest
    if readonly and not copy:
        res._flags = {"writeable": False}
    return res


def _legacy_producer(x):
    """True for a producer without DLPack 1.0 (max_version): NumPy marks those read-only."""
    try:
        x.__dlpack__(max_version=(1, 0))
    except TypeError:
        return True
    except Exception:  # noqa: BLE001 - any other refusal says nothing about the version
        return False
    return False


def __dlpack__(self, /, *, stream=None, max_version=None, dl_device=None, copy=None):
    """Export as a DLPack capsule (no copy unless ``copy=True`` or another device is asked)."""
    if copy is not None and not isinstance(copy, bool):
        raise ValueError("copy must be True, False or None")
    t = self._t
    if t.requires_grad:
        t = t.detach()
    t = _scalars.plain(t)
    if stream is not None and t.device.type == "cpu":
        raise RuntimeError("stream should be None on cpu.")
    versioned = max_version is not None and tuple(max_version) >= (1, 0)
    if not versioned and not self.flags.writeable:
        raise BufferError("Cannot export readonly array since signalling readonly is unsupported "
                          "by DLPack (supported by newer DLPack version).")
    if dl_device is not None and tuple(dl_device) != tuple(t.__dlpack_device__()):
        if tuple(dl_device) != (1, 0) or copy is False:
            raise BufferError(f"cannot export an array on {t.device} to DLPack device {tuple(dl_device)}")
        t = t.cpu()
    elif copy:
        t = t.clone()
    if not versioned:
        return t.__dlpack__() if stream is None else t.__dlpack__(stream=stream)
    return t.__dlpack__(stream=stream, max_version=max_version)


def __dlpack_device__(self, /):
    return self._t.__dlpack_device__()


def _device(self):
    """The array's device: "cpu", "cuda:0", ... (equal to the torch.device too)."""
    return as_device(self._t.device)


def __array_namespace_info__():
    """Array API inspection: devices and default dtypes (see interop/array_api.py)."""
    from numpy_shim.interop.array_api import __array_namespace_info__ as info
    return info()


def __array_namespace__(self, /, *, api_version=None):
    """The Array API namespace of numpy_shim arrays: numpy_shim itself, as NumPy 2 returns
    numpy (numpy_shim.interop.array_api holds just the standard's names)."""
    if api_version not in _VERSIONS:
        raise ValueError(f"Unrecognized array API version: {api_version!r}. "
                         f"Supported: {', '.join(v for v in _VERSIONS if v)}")
    import numpy_shim
    return numpy_shim


def _set_device(self, value):
    raise AttributeError("attribute 'device' of 'numpy.ndarray' objects is not writable")


NDARRAY_METHODS = {"__array_namespace__": __array_namespace__, "__dlpack__": __dlpack__,
                   "__dlpack_device__": __dlpack_device__, "device": property(_device, _set_device)}
