"""__getitem__ / __setitem__: NumPy index expressions on torch tensors."""
import operator

import numpy as np
import torch

from . import _scalars
from ._ndarray import ndarray, _wrap, _view
from ._convert import to_tensor, cast

_Tensor = torch.Tensor


def _convert_one(ix, device):
    if isinstance(ix, ndarray):
        return ix._t
    if isinstance(ix, (list, np.ndarray)):
        t = to_tensor(ix)
        if t.dtype.is_floating_point:
            raise IndexError("arrays used as indices must be of integer (or boolean) type")
        return t.to(device) if t.device != device else t
    if isinstance(ix, _Tensor):
        return ix
    if isinstance(ix, (np.integer, np.bool_)):
        return ix.item() if isinstance(ix, np.integer) else bool(ix)
    if ix is None or ix is Ellipsis or isinstance(ix, (int, slice, bool)):
        return ix
    try:
        return operator.index(ix)
    except TypeError:
        raise IndexError(
            "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer "
            "or boolean arrays are valid indices") from None


def to_torch_index(index, t):
    """A NumPy index expression as a torch one (tuple)."""
    if not isinstance(index, tuple):
        index = (index,)
    return tuple(_convert_one(ix, t.device) for ix in index)


def _has_negative_step(idx):
    return any(isinstance(i, slice) and i.step is not None and i.step < 0 for i in idx)


def _is_basic(idx):
    return all(i is None or i is Ellipsis or isinstance(i, (int, slice)) and not isinstance(i, bool)
               for i in idx)


def _check_bounds(idx, shape):
    dim = 0
    n_real = sum(1 for i in idx if i is not None and i is not Ellipsis and not isinstance(i, bool))
    if sum(1 for i in idx if i is Ellipsis) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    n_real_dims = sum(i.dim() if isinstance(i, _Tensor) and i.dtype is torch.bool else 1
                      for i in idx if i is not None and i is not Ellipsis and not isinstance(i, bool))
    if n_real_dims > len(shape):
        raise IndexError(f"too many indices for array: array is {len(shape)}-dimensional, "
                         f"but {n_real_dims} were indexed")
    for i in idx:
        if i is Ellipsis:
            dim = len(shape) - (n_real_dims - dim) if False else len(shape) - sum(
                1 for j in idx[idx.index(Ellipsis) + 1:] if j is not None and not isinstance(j, bool))
            continue
        if i is None or isinstance(i, bool):
            continue
        if isinstance(i, int):
            n = shape[dim]
            if not -n <= i < n:
                raise IndexError(f"index {i} is out of bounds for axis {dim} with size {n}")
        dim += 1
    return n_real


def _apply_negative_steps(t, idx):
    """Slices with negative steps as flips of positive-step slices (a copy in torch)."""
    out = []
    flips = []
    dim = 0
    for i in idx:
        if isinstance(i, slice) and i.step is not None and i.step < 0:
            n = t.shape[dim]
            start, stop, step = i.indices(n)
            # elements start, start+step, ... > stop; as ascending positions then flipped
            count = len(range(start, stop, step))
            if count:
                lo = start + (count - 1) * step
                out.append(slice(lo, start + 1, -step))
            else:
                out.append(slice(0, 0))
            flips.append(len(out) - 1)
        else:
            out.append(i)
        if i is not None and i is not Ellipsis:
            dim += 1
    return tuple(out), flips


def getitem(a, index):
    t = a._t
    idx = to_torch_index(index, t)
    _check_bounds(idx, t.shape)
    if _has_negative_step(idx):
        from ._flipview import flipped_getitem
        return flipped_getitem(a, idx)
    try:
        r = t[idx]
    except IndexError as e:
        raise IndexError(str(e).replace("dimension", "axis")) from None
    except RuntimeError as e:
        raise IndexError(str(e)) from None
    if _is_basic(idx):
        n_int = sum(1 for i in idx if isinstance(i, int) and not isinstance(i, bool))
        if r.dim() == 0 and n_int == t.dim():
            return _scalars.result(r)
        return _view(a, r)
    return _wrap(r)


def setitem(a, index, value):
    from ._write import write, check_writeable
    check_writeable(a)
    t = a._t
    idx = to_torch_index(index, t)
    _check_bounds(idx, t.shape)
    if isinstance(value, ndarray):
        v = value._t
    elif isinstance(value, _Tensor):
        v = value
    else:
        from ._dtypes import TORCH_TO_NP
        dt = TORCH_TO_NP[t.dtype]
        if type(value) in (int, float, complex, bool):
            v = _scalar_for(value, dt, t.device)
        else:
            v = to_tensor(value)
    if v.device != t.device:
        v = v.to(t.device)
    v = _cast_assign(v, t.dtype)
    if _has_negative_step(idx):
        from ._flipview import flipped_setitem
        return flipped_setitem(a, idx, v)
    try:
        write(a, v, idx)
    except RuntimeError as e:
        msg = str(e)
        if "shape mismatch" in msg or "expand" in msg or "size" in msg:
            target = tuple(t[idx].shape)
            raise ValueError(
                f"could not broadcast input array from shape {tuple(v.shape)} into shape {target}") from None
        raise


def _scalar_for(value, dt, device):
    if isinstance(value, int) and not isinstance(value, bool) and dt.kind in "iu":
        dt.type(value)  # NumPy's OverflowError for out-of-range Python ints
    if isinstance(value, complex) and dt.kind != "c":
        raise TypeError(f"can't convert complex to {'float' if dt.kind == 'f' else 'int'}")
    if isinstance(value, float) and dt.kind in "iu" and value != value:
        raise ValueError("cannot convert float NaN to integer")
    return torch.tensor(np.asarray(value).astype(dt) if dt.kind in "u" else value, device=device)


def _cast_assign(v, tdt):
    if v.dtype is tdt:
        return v
    return cast(v, tdt)
