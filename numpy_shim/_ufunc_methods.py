"""ufunc.reduce, accumulate, outer, at and reduceat, written once for every ufunc."""
import numpy as np
import torch

from . import _scalars
from ._axes import normalize_axes, normalize_axis
from ._convert import to_tensor, cast
from ._dtypes import TORCH_TO_NP, NP_TO_TORCH, EMULATED, np_dtype
from ._ndarray import ndarray, _wrap

_NOVALUE = np._NoValue
_SIGN64 = -(2 ** 63)


def _acc_dtype(uf, dt, dtype):
    """The dtype a reduction accumulates in (NumPy: add/multiply widen small ints)."""
    if dtype is not None:
        return np_dtype(dtype)
    if uf.__name__ in ("add", "multiply") and dt.kind in "biu" and dt.itemsize < 8:
        return np.dtype(np.uint64 if dt.kind == "u" else np.int64)
    return dt


def _fold(uf, t, dims, keepdim, loop):
    """Reduce ``t`` over ``dims`` by repeated application of the binary ufunc."""
    nd = t.dim()
    rest = [d for d in range(nd) if d not in dims]
    moved = t.permute(*rest, *dims)
    shape_rest = [t.shape[d] for d in rest]
    flat = moved.reshape(*shape_rest, -1)
    acc = flat[..., 0]
    for i in range(1, flat.shape[-1]):
        acc = uf._compute([acc, flat[..., i]], (loop, loop), (loop, loop),
                          (NP_TO_TORCH[loop],) * 2, (NP_TO_TORCH[loop],))[0]
    if keepdim:
        for d in sorted(dims):
            acc = acc.unsqueeze(d)
    return acc


def _torch_reduce(uf, t, dims, keepdim):
    fn = uf._reduce
    full = len(dims) == t.dim()
    signed_u64 = t.dtype is torch.uint64 and uf.__name__ in ("maximum", "minimum")
    emu = EMULATED.get(t.dtype)
    src = t
    if emu is not None:
        src = t.view(torch.int64) if t.dtype is torch.uint64 else t.to(emu)
        if signed_u64:
            src = src ^ _SIGN64
    if fn is torch.prod and len(dims) != 1:
        r = src
        for d in sorted(dims, reverse=True):
            r = torch.prod(r, dim=d, keepdim=keepdim)
    elif full and not keepdim and fn in (torch.sum, torch.prod):
        r = fn(src)
    else:
        r = fn(src, dim=dims if fn is not torch.prod else dims[0], keepdim=keepdim)
    if emu is not None:
        if signed_u64:
            r = r ^ _SIGN64
        r = r.view(torch.uint64) if t.dtype is torch.uint64 else r.to(t.dtype)
    return r


def reduce(uf, array, axis=0, dtype=None, out=None, keepdims=False, initial=_NOVALUE, where=True):
    if uf.nin != 2 or uf.nout != 1:
        raise ValueError("reduce only supported for binary functions")
    t = to_tensor(array)
    dt = TORCH_TO_NP[t.dtype]
    acc = _acc_dtype(uf, dt, dtype)
    loop = uf._resolve((acc, acc), None, "unsafe", None)[0][0]
    t = cast(t, NP_TO_TORCH[loop])
    if axis is None:
        dims = tuple(range(t.dim()))
    else:
        dims = normalize_axes(axis, t.dim())
    ident = uf.identity
    if initial is not _NOVALUE and initial is not None:
        ident = initial
    if where is not True:
        if ident is None:
            raise ValueError(f"reduction operation '{uf.__name__}' does not have an identity, "
                             "so to use a where mask one has to specify 'initial'")
        mask = to_tensor(where, np.dtype(np.bool_))
        t = torch.where(mask, t, torch.tensor(ident, device=t.device).to(t.dtype))
    empty = any(t.shape[d] == 0 for d in dims) or (t.dim() == 0 and t.numel() == 0)
    if empty:
        if ident is None:
            raise ValueError(f"zero-size array to reduction operation {uf.__name__} which has no identity")
        shape = [1 if d in dims else s for d, s in enumerate(t.shape)] if keepdims else \
            [s for d, s in enumerate(t.shape) if d not in dims]
        r = torch.full(shape, ident, device=t.device).to(t.dtype) if t.dtype not in EMULATED \
            else torch.full(shape, ident, dtype=torch.int64, device=t.device).to(t.dtype)
    elif not dims:
        r = t.clone() if t.dim() else t.clone()
    elif uf._reduce is not None:
        r = _torch_reduce(uf, t, dims, keepdims)
    else:
        r = _fold(uf, t, dims, keepdims, loop)
    if initial is not _NOVALUE and initial is not None and not empty:
        r = uf._compute([r, initial if not isinstance(initial, bool) else bool(initial)],
                        (loop, type(initial) if type(initial) in (int, float, complex) else loop),
                        (loop, loop), (NP_TO_TORCH[loop],) * 2, (NP_TO_TORCH[loop],))[0]
    out_dt = uf._resolve((loop, loop), None, "unsafe", None)[1][0]
    r = cast(r, NP_TO_TORCH[out_dt])
    if dtype is not None:
        r = cast(r, NP_TO_TORCH[np_dtype(dtype)])
    if out is not None:
        from ._write import write
        out = out[0] if isinstance(out, tuple) else out
        write(out, torch.broadcast_to(cast(r, out._t.dtype), out._t.shape))
        return out
    return _scalars.result(r) if r.dim() == 0 else _wrap(r)


def accumulate(uf, array, axis=0, dtype=None, out=None):
    t = to_tensor(array)
    if t.dim() == 0:
        raise ValueError("accumulate on a 0-d array is not possible")
    ax = normalize_axis(axis, t.dim())
    dt = TORCH_TO_NP[t.dtype]
    acc = _acc_dtype(uf, dt, dtype)
    loop = uf._resolve((acc, acc), None, "unsafe", None)[0][0]
    t = cast(t, NP_TO_TORCH[loop])
    if uf._accumulate is not None and t.dtype not in EMULATED:
        r = uf._accumulate(t, dim=ax)
    elif uf.__name__ in ("maximum", "minimum") and t.dtype not in EMULATED:
        r = (torch.cummax if uf.__name__ == "maximum" else torch.cummin)(t, dim=ax).values
    else:
        moved = t.movedim(ax, 0)
        parts = [moved[0]] if moved.shape[0] else []
        lt = NP_TO_TORCH[loop]
        for i in range(1, moved.shape[0]):
            parts.append(uf._compute([parts[-1], moved[i]], (loop, loop), (loop, loop), (lt, lt), (lt,))[0])
        r = torch.stack(parts).movedim(0, ax) if parts else moved.movedim(0, ax)
    if dtype is not None:
        r = cast(r, NP_TO_TORCH[np_dtype(dtype)])
    if out is not None:
        from ._write import write
        out = out[0] if isinstance(out, tuple) else out
        write(out, r)
        return out
    return _wrap(r)


def outer(uf, A, B, **kwargs):
    if uf.nin != 2:
        raise ValueError("outer product only supported for binary functions")
    a = to_tensor(A)
    b = to_tensor(B)
    a2 = a.reshape(tuple(a.shape) + (1,) * b.dim())
    return uf(_wrap(a2), _wrap(b), **kwargs)


def at(uf, a, indices, b=None):
    """Unbuffered in-place ``a[indices] = uf(a[indices], b)``; repeated indices accumulate."""
    from ._write import check_writeable
    check_writeable(a)
    if not isinstance(a, ndarray):
        raise TypeError("ufunc.at requires a numpy_shim array as first argument")
    from ._index import to_torch_index
    idx = to_torch_index(indices, a._t)
    if uf.__name__ == "add" and b is not None and not isinstance(idx, tuple):
        idx = (idx,)
    if uf.__name__ in ("add", "subtract") and b is not None and isinstance(idx, tuple) and all(
            isinstance(i, torch.Tensor) for i in idx):
        vals = to_tensor(b)
        if uf.__name__ == "subtract":
            vals = -vals
        target = a._t[idx]
        vals = cast(torch.broadcast_to(vals, target.shape), a._t.dtype)
        a._t.index_put_(idx, vals, accumulate=True)
        return None
    # General case: apply element by element over the flattened positions (exact for repeats).
    pos = torch.arange(a._t.numel(), device=a._t.device).reshape(a._t.shape)[idx]
    flat = a._t.reshape(-1) if a._t.is_contiguous() else None
    bt = None if b is None else torch.broadcast_to(to_tensor(b), pos.shape)
    vals = a._t.reshape(-1).clone() if flat is None else flat
    for k, p in enumerate(pos.reshape(-1).tolist()):
        cur = _wrap(vals[p])
        res = uf(cur) if b is None else uf(cur, _wrap(bt.reshape(-1)[k]))
        vals[p] = to_tensor(res).to(vals.dtype)
    if flat is None:
        a._t.copy_(vals.reshape(a._t.shape))
    return None


def reduceat(uf, array, indices, axis=0, dtype=None, out=None):
    t = to_tensor(array)
    ax = normalize_axis(axis, t.dim())
    idx = [int(i) for i in to_tensor(indices).reshape(-1).tolist()]
    n = t.shape[ax]
    parts = []
    for k, i in enumerate(idx):
        if not 0 <= i < n:
            raise IndexError(f"index {i} out-of-bounds in {uf.__name__}.reduceat [0, {n})")
        j = idx[k + 1] if k + 1 < len(idx) else n
        seg = t.narrow(ax, i, max(j - i, 1)) if j > i else t.narrow(ax, i, 1)
        r = reduce(uf, _wrap(seg), axis=ax, dtype=dtype, keepdims=True)
        parts.append(to_tensor(r))
    r = torch.cat(parts, dim=ax)
    if out is not None:
        from ._write import write
        write(out, r)
        return out
    return _wrap(r)
