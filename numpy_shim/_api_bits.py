"""packbits and unpackbits: bits of an integer/bool array to and from uint8 bytes.

Tensor code (a weighted sum over groups of 8, shifts and masks), so both run on any
device and under vmap/compile. NumPy's errors: a non-integer input is a TypeError, the
bit order must be 'big' or 'little', ``count`` follows NumPy's padding/truncation rules.
"""
import operator

import numpy as np
import torch

from ._convert import to_tensor
from ._ndarray import _wrap

__all__ = ["packbits", "unpackbits"]

_SIGNED = {torch.uint16: torch.int16, torch.uint32: torch.int32, torch.uint64: torch.int64}
_BIG = torch.tensor([128, 64, 32, 16, 8, 4, 2, 1], dtype=torch.int32)


def _order(bitorder, fname):
    if not isinstance(bitorder, str):
        raise TypeError(f"{fname}() argument 3 must be str, not {type(bitorder).__name__}")
    if bitorder.startswith("little"):
        return True
    if bitorder.startswith("big"):
        return False
    raise ValueError("'order' must be either 'little' or 'big'")


def _axis(t, axis):
    """``t`` with the packing axis last (None: flattened; 0-d counts as 1-d)."""
    if axis is None or t.dim() == 0:
        if axis is not None:
            np.lib.array_utils.normalize_axis_index(operator.index(axis), 1)
        return t.reshape(-1), None
    ax = np.lib.array_utils.normalize_axis_index(operator.index(axis), t.dim())
    return t.movedim(ax, -1), ax


def _weights(little, device):
    w = _BIG.to(device)
    return w.flip(0) if little else w


def packbits(a, /, axis=None, bitorder="big"):
    """Pack the truth values of ``a`` into uint8 bytes along ``axis`` (None: flattened)."""
    t = to_tensor(a)
    if t.dtype.is_floating_point or t.dtype.is_complex:
        raise TypeError("Expected an input array of integer or boolean data type")
    little = _order(bitorder, "pack")
    if t.dtype in _SIGNED:  # torch has no comparison kernels for uint16/32/64
        t = t.view(_SIGNED[t.dtype])
    t, ax = _axis(t, axis)
    bits = (t != 0).to(torch.int32)
    n = bits.shape[-1]
    pad = (-n) % 8
    if pad:
        bits = torch.nn.functional.pad(bits, (0, pad))
    groups = bits.reshape(*bits.shape[:-1], (n + pad) // 8, 8)
    packed = (groups * _weights(little, t.device)).sum(-1).to(torch.uint8)
    if ax is not None:
        packed = packed.movedim(-1, ax)
    return _wrap(packed.contiguous())


def unpackbits(a, /, axis=None, count=None, bitorder="big"):
    """Unpack uint8 bytes of ``a`` into bits along ``axis``; ``count`` keeps/pads to that many."""
    t = to_tensor(a)
    if t.dtype is not torch.uint8:
        raise TypeError("Expected an input array of unsigned byte data type")
    if count is not None:
        count = operator.index(count)
    little = _order(bitorder, "unpack")
    t, ax = _axis(t, axis)
    bits = (t.to(torch.int32).unsqueeze(-1) & _weights(little, t.device)) != 0
    bits = bits.reshape(*t.shape[:-1], t.shape[-1] * 8).to(torch.uint8)
    if count is not None:
        n = bits.shape[-1]
        if count < 0:
            if -count > n:
                raise ValueError("-count larger than number of elements")
            count = n + count
        if count <= n:
            bits = bits[..., :count]
        else:
            bits = torch.nn.functional.pad(bits, (0, count - n))
    if ax is not None:
        bits = bits.movedim(-1, ax)
    return _wrap(bits.contiguous())
