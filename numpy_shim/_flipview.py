"""Negative-step slices. Torch has no negative strides; see docs/architecture.md."""
import torch

from ._ndarray import _wrap


def _split(t, idx):
    from ._index import _apply_negative_steps
    pos_idx, flip_pos = _apply_negative_steps(t, idx)
    # the result dimension of each flipped slice: count kept dims before it
    out_dims = []
    for k in flip_pos:
        d = 0
        for j, i in enumerate(pos_idx[:k]):
            if i is None or isinstance(i, slice):
                d += 1
            elif i is Ellipsis:
                d += t.dim() - sum(1 for x in pos_idx if x is not None and x is not Ellipsis)
        out_dims.append(d)
    return pos_idx, out_dims


def flipped_getitem(a, idx):
    pos_idx, dims = _split(a._t, idx)
    return _wrap(a._t[pos_idx].flip(dims))


def flipped_setitem(a, idx, v):
    from ._write import write
    pos_idx, dims = _split(a._t, idx)
    target_shape = a._t[pos_idx].shape
    v = torch.broadcast_to(v, target_shape).flip(dims)
    write(a, v, pos_idx)
