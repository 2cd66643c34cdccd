"""ufunc.reduce, accumulate, outer, at and reduceat, written once for every ufunc."""
import cmath

import numpy as np
import torch

from . import _scalars, _fpe
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


# Ufuncs whose reduction may be regrouped (exact for these: integer and bitwise ops,
# min/max, logical ops): reduced pairwise in log2(n) torch calls instead of n.
_TREE = frozenset(("maximum", "minimum", "fmax", "fmin", "bitwise_and", "bitwise_or", "bitwise_xor",
                   "logical_and", "logical_or", "logical_xor", "gcd"))
# NumPy's "reorderable" ufuncs: only these reduce over several axes at once.
_REORDERABLE = _TREE | {"add", "multiply", "hypot", "logaddexp", "logaddexp2", "equal", "not_equal",
                        "less", "less_equal", "greater", "greater_equal", "left_shift", "right_shift",
                        "ldexp"}


def _fold(uf, t, dims, keepdim, loop):
    """Reduce ``t`` over ``dims`` by repeated application of the binary ufunc."""
    nd = t.dim()
    rest = [d for d in range(nd) if d not in dims]
    moved = t.permute(*rest, *dims)
    shape_rest = [t.shape[d] for d in rest]
    m = 1
    for d in dims:
        m *= t.shape[d]
    flat = moved.reshape(*shape_rest, m)
    lp = uf._resolve((loop, loop), None, "unsafe", (loop, loop, None))
    keys = (loop, loop)
    if uf.__name__ in _TREE or (uf.__name__ in ("add", "multiply") and loop.kind in "biu"):
        while flat.shape[-1] > 1:
            n = flat.shape[-1]
            half = n // 2
            head = uf._compute([flat[..., :half], flat[..., half:2 * half]], keys, lp)[0]
            flat = torch.cat([head, flat[..., 2 * half:]], dim=-1) if n % 2 else head
        acc = flat[..., 0]
    else:
        acc = flat[..., 0]
        for i in range(1, flat.shape[-1]):
            acc = uf._compute([acc, flat[..., i]], keys, lp)[0]
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
        if r.dtype is not torch.bool:  # logical reductions give bool, not the bits
            r = r.view(torch.uint64) if t.dtype is torch.uint64 else r.to(t.dtype)
    return r


_F = (torch.float16, torch.float32, torch.float64)
_SI = (torch.int8, torch.int16, torch.int32, torch.int64)
# (ufunc, input torch dtype) -> (torch reducer, accumulation dtype) for the fast path:
# a whole-array reduction with default arguments, where torch's op is NumPy's exactly.
_FAST = {}
for _d in _F:
    _FAST[("add", _d)] = (torch.sum, _d)
    _FAST[("multiply", _d)] = (torch.prod, _d)
for _d in _SI + (torch.bool,):
    _FAST[("add", _d)] = (torch.sum, torch.int64)
    _FAST[("multiply", _d)] = (torch.prod, torch.int64)
for _d in _F + _SI + (torch.uint8,):
    _FAST[("maximum", _d)] = (torch.amax, _d)
    _FAST[("minimum", _d)] = (torch.amin, _d)


def reduce(uf, array, axis=0, dtype=None, out=None, keepdims=False, initial=_NOVALUE, where=True):
    if where is True and initial is _NOVALUE and out is None and dtype is None and not keepdims \
            and type(array) is ndarray:
        t = array._t
        if (axis is None or t.dim() == 1 and axis in (0, -1)) and t.numel():
            spec = _FAST.get((uf.__name__, t.dtype))
            if spec is not None:
                fn, acc = spec
                r = fn(t, dtype=acc) if fn is not torch.amax and fn is not torch.amin else fn(t)
                if acc in _F and fn is torch.sum:
                    r = r + 0.0  # NumPy starts from the identity: sum([-0.0]) is 0.0
                s = _scalars.result(r)
                if uf._fpe is not None and isinstance(s, np.inexact) and not cmath.isfinite(s):
                    _fpe.check(uf, (t,), r, name="reduce")
                return s
    if uf.nin != 2 or uf.nout != 1:
        raise ValueError("reduce only supported for binary functions")
    t = to_tensor(array)
    if axis is None:
        dims = tuple(range(t.dim()))
    else:
        dims = normalize_axes(axis, t.dim())
    dt = TORCH_TO_NP[t.dtype]
    acc = _acc_dtype(uf, dt, dtype)
    lp = uf._resolve((acc, acc), None, "unsafe", None)
    loop = lp.in_dts[0]
    t = cast(t, NP_TO_TORCH[loop])
    if len(dims) > 1 and uf.__name__ not in _REORDERABLE:
        raise ValueError(f"reduction operation '{uf.__name__}' is not reorderable, so at most one "
                         "axis may be specified")
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
    elif uf._reduce is not None and not (t.is_complex() and uf._complex_fn is not None):
        r = _torch_reduce(uf, t, dims, keepdims)
        if uf._fpe is not None:
            _fpe.check(uf, (t,), r, name="reduce")
    else:
        with _fpe.method("reduce"):
            r = _fold(uf, t, dims, keepdims, loop)
    if (initial is _NOVALUE or initial is None) and not empty and \
            (loop.kind in "fc" and uf.__name__ in ("add", "hypot") or uf.__name__ == "gcd"):
        # NumPy starts these reductions from the identity: sum([-0.0]) is 0.0, hypot([-1.])
        # and gcd([-1]) are 1 (the others' identity cannot change a value)
        initial = 0.0 if loop.kind in "fc" else 0
    if initial is not _NOVALUE and initial is not None and not empty:
        init_key = type(initial) if type(initial) in (int, float, complex) else loop
        init = initial if type(initial) in (int, float, complex) else to_tensor(initial)
        r = uf._compute([r, init], (loop, init_key),
                        uf._resolve((loop, loop), None, "unsafe", (loop, loop, lp.out_dts[0])))[0]
    out_dt = lp.out_dts[0]
    r = cast(r, NP_TO_TORCH[out_dt])
    if dtype is not None:
        r = cast(r, NP_TO_TORCH[np_dtype(dtype)])
    if out is not None:
        return _write_out(uf, out, r)
    return _scalars.result(r) if r.dim() == 0 else _wrap(r)


def _write_out(uf, out, r):
    from ._write import write
    out = out[0] if isinstance(out, tuple) else out
    if not isinstance(out, ndarray):
        raise TypeError("output must be an array")
    if tuple(out._t.shape) != tuple(r.shape):
        if out._t.dim() != r.dim():
            raise ValueError(f"output parameter for reduction operation {uf.__name__} has the wrong "
                             f"number of dimensions: Found {out._t.dim()} but expected {r.dim()}")
        raise ValueError(f"non-broadcastable output operand with shape {tuple(out._t.shape)} doesn't "
                         f"match the broadcast shape {tuple(r.shape)}")
    write(out, cast(r, out._t.dtype))
    return out


def accumulate(uf, array, axis=0, dtype=None, out=None):
    t = to_tensor(array)
    if t.dim() == 0:
        raise TypeError("cannot accumulate on a scalar")
    ax = normalize_axis(axis, t.dim())
    dt = TORCH_TO_NP[t.dtype]
    acc = _acc_dtype(uf, dt, dtype)
    lp = uf._resolve((acc, acc), None, "unsafe", None)
    loop = lp.in_dts[0]
    t = cast(t, NP_TO_TORCH[loop])
    if uf._accumulate is not None and t.dtype not in EMULATED:
        r = uf._accumulate(t, dim=ax)
        if uf._fpe is not None:
            _fpe.check(uf, (t,), r, name="accumulate")
    elif uf.__name__ in ("maximum", "minimum") and t.dtype not in EMULATED and not t.is_complex():
        r = (torch.cummax if uf.__name__ == "maximum" else torch.cummin)(t, dim=ax).values
    else:
        moved = t.movedim(ax, 0)
        parts = [cast(moved[0], NP_TO_TORCH[lp.out_dts[0]])] if moved.shape[0] else []
        lp2 = uf._resolve((loop, loop), None, "unsafe", (loop, loop, None))
        with _fpe.method("accumulate"):
            for i in range(1, moved.shape[0]):
                parts.append(uf._compute([parts[-1], moved[i]], (loop, loop), lp2)[0])
        r = torch.stack(parts).movedim(0, ax) if parts else moved.movedim(0, ax)
    r = cast(r, NP_TO_TORCH[lp.out_dts[0]])
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
    """Unbuffered in-place ``a[indices] = uf(a[indices], b)``; repeated indices apply in turn.

    The positions are found by indexing an array of flat positions with ``indices`` (so
    every NumPy index form works); repeats are applied in rounds (the k-th occurrence of
    each position in round k), which is exact for any ufunc, not only for add.
    """
    from ._write import check_writeable
    from ._index import getitem
    if uf.nin == 2 and b is None:
        raise ValueError("second operand needed for ufunc")
    if uf.nin == 1 and b is not None:
        raise ValueError("second operand provided when ufunc is unary")
    if isinstance(a, np.ndarray):
        # a real NumPy array (e.g. a dtype torch cannot hold): NumPy's own at, counted
        from ._fallback import wrap_numpy_function
        args = (a, indices) if b is None else (a, indices, b)
        return wrap_numpy_function(f"{uf.__name__}.at", uf._np.at)(*args)
    if not isinstance(a, ndarray):
        raise TypeError("ufunc.at requires a numpy_shim array as first argument")
    check_writeable(a)
    t = a._t
    pos = to_tensor(getitem(_wrap(torch.arange(t.numel(), device=t.device).reshape(t.shape)), indices))
    shape = pos.shape
    pos = pos.reshape(-1)
    bt = None
    if b is not None:
        bt = to_tensor(b)  # NumPy converts b as an array here (a Python int is not weak)
        try:
            bt = torch.broadcast_to(bt, shape).reshape(-1)
        except RuntimeError:
            raise ValueError(f"array is not broadcastable to correct shape: {tuple(bt.shape)} "
                             f"into {tuple(shape)}") from None
    n = pos.numel()
    if n == 0:
        return None
    flat = t.reshape(-1)
    owns = flat.data_ptr() == t.data_ptr() and t.is_contiguous()
    work = flat if owns else flat.clone()
    # occurrence number of each position: its rank among equal positions, in index order
    order = torch.argsort(pos, stable=True)
    sp = pos[order]
    new = torch.ones(n, dtype=torch.bool, device=t.device)
    new[1:] = sp[1:] != sp[:-1]
    ar = torch.arange(n, device=t.device)
    start = torch.cummax(torch.where(new, ar, torch.zeros_like(ar)), 0).values
    occ = torch.empty_like(pos)
    occ[order] = ar - start
    rounds = int(occ.max()) + 1 if _scalars.is_plain(occ) else n
    _at_rounds(uf, work, pos, occ, bt, rounds)
    if not owns:
        from ._write import write
        write(a, work.reshape(t.shape))
    return None


def _at_rounds(uf, work, pos, occ, bt, rounds):
    for k in range(rounds):
        sel = occ == k if rounds > 1 else None
        p = pos[sel] if sel is not None else pos
        cur = _wrap(work[p])
        if bt is None:
            res = uf(cur)
        else:
            bk = _wrap(bt[sel] if sel is not None else bt)
            res = uf(cur, bk)
        _put(work, p, cast(to_tensor(res), work.dtype))


_SIGNED_TWIN = {torch.uint16: torch.int16, torch.uint32: torch.int32, torch.uint64: torch.int64}


def _put(work, p, v):
    """work[p] = v; torch has no index_put for uint16/32/64, so write through a signed view."""
    twin = _SIGNED_TWIN.get(work.dtype)
    if twin is not None:
        work.view(twin)[p] = v.view(twin)
    else:
        work[p] = v


def reduceat(uf, array, indices, axis=0, dtype=None, out=None):
    t = to_tensor(array)
    ax = normalize_axis(axis, t.dim())
    idx = [int(i) for i in to_tensor(indices).reshape(-1).tolist()]
    n = t.shape[ax]
    for i in idx:
        if not 0 <= i < n:
            raise IndexError(f"index {i} out-of-bounds in {uf.__name__}.reduceat [0, {n})")
    parts = []
    for k, i in enumerate(idx):
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
