"""Bridges between numpy_shim and torch, NumPy and the Python array ecosystem.

Exposed as ``numpy_shim.interop``: ``wrap_numpy`` (NumPy-style functions on torch
tensors), ``to_torch``/``from_torch`` (no-copy conversions), ``array_api`` (the
Array API namespace of numpy_shim arrays), and device helpers re-exported from
numpy_shim (``device``, ``set_default_device``, ``DeviceMismatchError``).
See docs/interop.md.
"""
from ._wrap import wrap_numpy, to_torch, from_torch
from . import array_api
from numpy_shim._device import device, set_default_device, default_device
from numpy_shim._errors import DeviceMismatchError
from numpy_shim._api_interop import from_dlpack

__all__ = ["wrap_numpy", "to_torch", "from_torch", "array_api", "device", "set_default_device",
           "default_device", "DeviceMismatchError", "from_dlpack"]
