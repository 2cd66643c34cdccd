"""ufunc.reduce, accumulate, outer, at and reduceat, written once for every ufunc."""
import math
import operator

import numpy as np
import torch

from . import _scalars, _fpe
from numpy.exceptions import AxisError

from ._axes import normalize_axes, normalize_axis
from ._convert import to_tensor, cast
from ._dtypes import TORCH_TO_NP, NP_TO_TORCH, EMULATED, np_dtype, UnsupportedDTypeError
from ._fallback import NeedsNumpy
from ._ndarray import ndarray, _wrap

_NOVALUE = np._NoValue
_SIGN64 = -(2 ** 63)


_REDUCTION_OK = set()


def _check_reduction_loop(uf, dt, dtype):
    """NumPy's "no loop" TypeError for a reduce-like method (``equal.reduce`` of ints: the
    loop's output is not its input type); asked of NumPy once per (ufunc, dtype, dtype=)."""
    try:
        key = (uf.__name__, dt, dtype)
        if key in _REDUCTION_OK:
            return
    except TypeError:  # an unhashable dtype= spelling: NumPy decides below, not cached
        key = None
    kw = {"signature": (np_dtype(dtype), None, None)} if dtype is not None else {}
    try:
        uf._np.resolve_dtypes((None, dt, None), reduction=True, casting="unsafe", **kw)
    except ValueError:
        pass  # NumPy's resolver refuses some spellings its reduce accepts
    if key is not None:
        _REDUCTION_OK.add(key)


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


def _reduce(uf, array, axis=0, dtype=None, out=None, keepdims=False, initial=_NOVALUE, where=True):
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
                if uf._fpe is None:
                    return _scalars.result(r)
                return _fpe.checked_scalar(uf, (t,), r, "reduce")
    if uf.nin != 2 or uf.nout != 1:
        raise ValueError("reduce only supported for binary functions")
    out, as_array = _method_out(out)
    t = to_tensor(array)
    if axis is None:
        dims = tuple(range(t.dim()))
    elif t.dim() == 0 and not isinstance(axis, (tuple, list)) and operator.index(axis) in (0, -1):
        dims = ()  # NumPy allows axis=0 for a scalar (np.sum(3, axis=0)), for backward compatibility
    else:
        dims = normalize_axes(axis, t.dim())
    dt = TORCH_TO_NP[t.dtype]
    _check_reduction_loop(uf, dt, dtype)
    acc = _acc_dtype(uf, dt, dtype)
    lp = uf._resolve((acc, acc), None, "unsafe", None)
    loop = lp.in_dts[0]
    t = cast(t, NP_TO_TORCH[loop])
    if len(dims) > 1 and uf.__name__ not in _REORDERABLE:
        raise ValueError(f"reduction operation '{uf.__name__}' is not reorderable, so at most one "
                         "axis may be specified")
    # initial=None: no start value, even where the ufunc has an identity (NumPy)
    ident = uf.identity if initial is _NOVALUE else initial
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
        if isinstance(ident, np.generic):
            ident = ident.item()  # torch.full takes Python numbers (a NumPy complex warns)
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
    if initial is _NOVALUE and not empty and \
            (loop.kind in "fc" and uf.__name__ in ("add", "hypot") or uf.__name__ == "gcd"):
        # NumPy starts these reductions from the identity: sum([-0.0]) is 0.0, hypot([-1.])
        # and gcd([-1]) are 1 (the others' identity cannot change a value)
        initial = 0.0 if loop.kind in "fc" else 0
    if initial is not _NOVALUE and initial is not None and not empty:
        init_key = type(initial) if type(initial) in (int, float, complex) else loop
        init = initial if type(initial) in (int, float, complex) else to_tensor(initial)
        r = uf._compute([r, init], (loop, init_key),
                        uf._resolve((loop, loop), None, "unsafe", (loop, loop, lp.out_dts[0])))[0]
        if uf.__name__ == "add" and loop.kind in "fc" and dims:
            r = _negative_zero_sum(t, dims, keepdims, r, complex(initial))
    out_dt = lp.out_dts[0]
    r = cast(r, NP_TO_TORCH[out_dt])
    if dtype is not None:
        r = cast(r, NP_TO_TORCH[np_dtype(dtype)])
    if out is not None:
        return _write_out(uf, out, r)
    return _scalars.result(r) if r.dim() == 0 and not as_array else _wrap(r)


def _negative_zero_sum(t, dims, keepdims, r, initial):
    """NumPy folds from ``initial``: -0.0 + -0.0 + ... stays -0.0, where torch's sum starts
    from +0.0. The sum is -0.0 exactly where every element and initial are -0.0."""
    def fix(x, s, init):
        if not (init == 0 and math.copysign(1.0, init) < 0):
            return s
        neg = ((x == 0) & torch.signbit(x)).all(dim=dims, keepdim=keepdims)
        return torch.where(neg, -torch.zeros_like(s), s)
    if r.is_complex():
        return torch.complex(fix(t.real, r.real, initial.real), fix(t.imag, r.imag, initial.imag))
    return fix(t, r, initial.real)


def reduce(uf, array, axis=0, dtype=None, out=None, keepdims=False, initial=_NOVALUE, where=True):
    try:
        return _reduce(uf, array, axis, dtype, out, keepdims, initial, where)
    except (NeedsNumpy, UnsupportedDTypeError):
        kw = {"axis": axis, "dtype": dtype, "out": out, "keepdims": keepdims, "where": where}
        if initial is not _NOVALUE:
            kw["initial"] = initial
        return _numpy_method(uf, "reduce", array, **kw)


def accumulate(uf, array, axis=0, dtype=None, out=None):
    try:
        return _accumulate(uf, array, axis, dtype, out)
    except (NeedsNumpy, UnsupportedDTypeError):
        return _numpy_method(uf, "accumulate", array, axis=axis, dtype=dtype, out=out)


def reduceat(uf, array, indices, axis=0, dtype=None, out=None):
    try:
        return _reduceat(uf, array, indices, axis, dtype, out)
    except (NeedsNumpy, UnsupportedDTypeError):
        return _numpy_method(uf, "reduceat", array, indices, axis=axis, dtype=dtype, out=out)


def _numpy_method(uf, method, *args, **kw):
    """A dtype torch lacks (object, strings, ...): NumPy's own method, counted as a fallback."""
    from ._fallback import wrap_numpy_function
    return wrap_numpy_function(f"{uf.__name__}.{method}", getattr(uf._np, method))(*args, **kw)


def _method_out(out):
    """(out array or None, whether out=... asked for an array result) for reduce & co."""
    if out is Ellipsis:
        return None, True
    if isinstance(out, tuple):
        if len(out) != 1:
            raise ValueError("The 'out' tuple must have exactly one entry per ufunc output")
        out = out[0]
        if out is Ellipsis:
            raise TypeError("must use `...` as `out=...` and not per-operand/in a tuple")
    if out is not None and not isinstance(out, (ndarray, np.ndarray)):
        raise TypeError("output must be an array")
    return out, False


def _write_out(uf, out, r, method="reduction operation"):
    """Write a reduce/accumulate/reduceat result into ``out`` (shim or real NumPy array)."""
    oshape = tuple(out.shape)
    if oshape != tuple(r.shape):
        if method == "accumulate":
            raise ValueError("provided out is the wrong size for the accumulation.")
        if len(oshape) != r.dim():
            raise ValueError(f"output parameter for {method} {uf.__name__} has the wrong "
                             f"number of dimensions: Found {len(oshape)} but expected {r.dim()}")
        raise ValueError(f"non-broadcastable output operand with shape {oshape} doesn't "
                         f"match the broadcast shape {tuple(r.shape)}")
    return _write_result(uf, out, r)


def _accumulate(uf, array, axis=0, dtype=None, out=None):
    if uf.nin != 2 or uf.nout != 1:
        raise ValueError("accumulate only supported for binary functions")
    out, _ = _method_out(out)
    t = to_tensor(array)
    if t.dim() == 0:
        raise TypeError("cannot accumulate on a scalar")
    ax = normalize_axis(axis, t.dim())
    dt = TORCH_TO_NP[t.dtype]
    _check_reduction_loop(uf, dt, dtype)
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
        return _write_out(uf, out, r, "accumulate")
    return _wrap(r)


def outer(uf, A, B, **kwargs):
    if uf.nin != 2:
        raise ValueError("outer product only supported for binary functions")
    a = to_tensor(A)
    b = to_tensor(B)
    if a.dim() + b.dim() > 64:
        raise ValueError(f"maximum supported dimension for an ndarray is 64, but `{uf.__name__}.outer()` "
                         f"result would have {a.dim() + b.dim()}.")
    a2 = a.reshape(tuple(a.shape) + (1,) * b.dim())
    return uf(_wrap(a2), _wrap(b), **kwargs)


def at(uf, a, indices, b=None):
    """Unbuffered in-place ``a[indices] = uf(a[indices], b)``; repeated indices apply in turn.

    Pure tensor code, written back through ``_write.write`` (so views and transforms work).
    The positions are found by indexing an array of flat positions with ``indices`` (every
    NumPy index form works). add/subtract/multiply/maximum/minimum in ``a``'s own dtype are
    one scatter (``index_put`` with accumulate, ``scatter_reduce``); any other ufunc applies
    repeats in rounds (the k-th occurrence of each position in round k), exact for any ufunc.
    """
    from ._write import check_writeable, write
    from ._index import getitem
    if uf.signature is not None:
        raise TypeError(f"{uf.__name__}.at does not support ufunc with non-trivial signature")
    if uf.nout != 1:
        raise ValueError("Only single output ufuncs supported")
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
    if pos.numel() == 0:
        return None
    flat = t.reshape(-1)
    new = _at_scatter(uf, flat, pos, bt)
    if new is None:
        new = _at_rounds(uf, flat, pos, bt)
    write(a, new.reshape(t.shape))
    return None


_SCATTER = {"multiply": "prod", "maximum": "amax", "minimum": "amin"}


def _at_scatter(uf, flat, pos, bt):
    """``flat`` with ``uf.at`` applied by one scatter, or None where that is not NumPy's result."""
    name = uf.__name__
    if bt is None or (name not in _SCATTER and name not in ("add", "subtract")) or flat.dtype is torch.bool \
            or (flat.dtype in EMULATED and name in _SCATTER) or (flat.dtype.is_complex and name in _SCATTER) \
            or (name == "multiply" and not _prod_scatter_ok(flat, bt)):
        return None  # torch's scatter reductions have no complex or uint16/32/64 max/min/prod
    dt = TORCH_TO_NP[flat.dtype]
    lp = uf._resolve((dt, TORCH_TO_NP[bt.dtype]))
    if lp.in_dts != (dt, dt) or lp.out_dts[0] != dt:
        return None  # the loop is not in a's dtype: computed and cast per element below
    v = cast(bt, flat.dtype)
    if flat.dtype in EMULATED:
        # uint16/32/64 sums wrap as int64 sums do (uint64 as its int64 bits)
        u64 = flat.dtype is torch.uint64
        w, v = (flat.view(torch.int64), v.view(torch.int64)) if u64 else (flat.to(torch.int64), v.to(torch.int64))
        new = w.index_put((pos,), v if name == "add" else -v, accumulate=True)
        return new.view(torch.uint64) if u64 else new.to(flat.dtype)
    if name == "add":
        new = flat.index_put((pos,), v, accumulate=True)
    elif name == "subtract":
        new = flat.index_put((pos,), -v, accumulate=True)
    else:
        new = flat.scatter_reduce(0, pos, v, _SCATTER[name], include_self=True)
    if name != "maximum" and name != "minimum" and (new.is_floating_point() or new.is_complex()):
        _at_overflow(uf, flat, v, new)
    return new


def _prod_scatter_ok(*ts):
    """torch's scatter_reduce "prod" gives a zero forward-mode derivative (jvp/jacfwd): it
    serves plain eager values only; under a transform the per-element path is exact."""
    from ._scalars import is_plain
    return all(is_plain(t) for t in ts)


def _at_overflow(uf, old, v, new):
    """NumPy's loop warns "overflow" when finite operands give an infinity (eager values only)."""
    from ._scalars import is_plain
    if not is_plain(new) or bool(torch.isfinite(new).all()):
        return
    if bool(torch.isfinite(old).all()) and bool(torch.isfinite(v).all()):
        _fpe.report("over", uf.__name__)


def _at_rounds(uf, flat, pos, bt):
    """``uf.at`` for any ufunc: each round updates positions that occur once in it."""
    n = pos.numel()
    # occurrence number of each position: its rank among equal positions, in index order
    order = torch.argsort(pos, stable=True)
    sp = pos[order]
    new = torch.ones(n, dtype=torch.bool, device=pos.device)
    new[1:] = sp[1:] != sp[:-1]
    ar = torch.arange(n, device=pos.device)
    start = torch.cummax(torch.where(new, ar, torch.zeros_like(ar)), 0).values
    occ = torch.empty_like(pos)
    occ[order] = ar - start
    # the number of rounds depends on the indices only (plain data, also under transforms)
    from ._scalars import plain
    rounds = int(plain(occ).max()) + 1
    twin = _SIGNED_TWIN.get(flat.dtype)  # torch has no index_put for uint16/32/64
    work = flat.view(twin) if twin is not None else flat
    for k in range(rounds):
        sel = occ == k if rounds > 1 else None
        p = pos[sel] if sel is not None else pos
        cur = _wrap(flat[p] if twin is None else work[p].view(flat.dtype))
        res = uf(cur) if bt is None else uf(cur, _wrap(bt[sel] if sel is not None else bt))
        v = cast(to_tensor(res), flat.dtype)
        work = work.index_put((p,), v.view(twin) if twin is not None else v)
        flat = work.view(flat.dtype) if twin is not None else work
    return flat


_SIGNED_TWIN = {torch.uint16: torch.int16, torch.uint32: torch.int32, torch.uint64: torch.int64}

# reduceat by one scatter over the segments: (torch reduce name, identity or None)
_SEG = {"add": "sum", "multiply": "prod", "maximum": "amax", "minimum": "amin"}


def _reduceat(uf, array, indices, axis=0, dtype=None, out=None):
    """NumPy's reduceat: out[i] = reduce(a[idx[i]:idx[i+1]]) where idx[i] < idx[i+1], else
    a[idx[i]]; the last segment runs to the end.

    The indices are read on the host (they give the segments' lengths; plain data also
    under transforms); the values are gathered and reduced per segment by one scatter
    (add, multiply, maximum, minimum), or segment by segment for other ufuncs."""
    if uf.nin != 2 or uf.nout != 1:
        raise ValueError("reduceat only supported for binary functions")
    out, _ = _method_out(out)
    t = to_tensor(array)
    ax = normalize_axis(axis, t.dim())
    from ._scalars import plain
    if isinstance(indices, (list, tuple, range, np.ndarray, int, np.integer)):
        idx = [int(i) for i in np.asarray(indices).reshape(-1).tolist()]  # host data: no tensor
    else:
        idx = [int(i) for i in plain(to_tensor(indices)).reshape(-1).tolist()]
    n = t.shape[ax]
    for i in idx:
        if not 0 <= i < n:
            raise IndexError(f"index {i} out-of-bounds in {uf.__name__}.reduceat [0, {n})")
    ends = [idx[k + 1] if k + 1 < len(idx) and idx[k + 1] > i else (n if k + 1 == len(idx) else i + 1)
            for k, i in enumerate(idx)]
    dt = TORCH_TO_NP[t.dtype]
    _check_reduction_loop(uf, dt, dtype)
    acc = _acc_dtype(uf, dt, dtype)
    lp = uf._resolve((acc, acc), None, "unsafe", None)
    how = _SEG.get(uf.__name__)
    if how is not None and idx and lp.in_t[0] not in EMULATED and lp.in_t[0] is not torch.bool \
            and not lp.in_t[0].is_complex and (how != "prod" or _prod_scatter_ok(t)):
        moved = cast(t, lp.in_t[0]).movedim(ax, 0)
        # positions of every segment's elements, concatenated, and each one's segment number:
        # host index arithmetic (the indices are host data), constants under compile
        starts = np.asarray(idx, dtype=np.int64)
        lengths = np.asarray(ends, dtype=np.int64) - starts
        seg = np.repeat(np.arange(len(idx)), lengths)
        first = np.cumsum(lengths) - lengths  # where each segment begins in the concatenation
        gather = torch.as_tensor(starts[seg] + np.arange(seg.size) - first[seg], device=t.device)
        seg = torch.as_tensor(seg, device=t.device)
        src = moved.index_select(0, gather)
        base = torch.zeros((len(idx),) + tuple(moved.shape[1:]), dtype=moved.dtype, device=moved.device)
        if how == "sum":
            r = base.index_add(0, seg, src)
        else:
            sidx = seg.reshape((-1,) + (1,) * (src.dim() - 1)).expand(src.shape)
            r = base.scatter_reduce(0, sidx, src, how, include_self=False)
        r = cast(r, NP_TO_TORCH[lp.out_dts[0]]).movedim(0, ax)
        if dtype is not None:
            r = cast(r, NP_TO_TORCH[np_dtype(dtype)])
        if uf._fpe is not None:
            _fpe.check(uf, (moved,), r, name="reduce")
    else:
        parts = [to_tensor(reduce(uf, _wrap(t.narrow(ax, i, e - i)), axis=ax, dtype=dtype, keepdims=True))
                 for i, e in zip(idx, ends)]
        if parts:
            r = torch.cat(parts, dim=ax)
        else:
            shape = list(t.shape)
            shape[ax] = 0
            r = torch.empty(shape, dtype=NP_TO_TORCH[lp.out_dts[0]] if dtype is None else
                            NP_TO_TORCH[np_dtype(dtype)], device=t.device)
    if out is not None:
        return _write_out(uf, out, r, "reduceat")
    return _wrap(r)


# -- gufunc axes=/axis=/keepdims= ---------------------------------------------
def _core_names(sig):
    """'(m,n),(n)->(m)' as ([['m', 'n'], ['n']], [['m']])."""
    import re
    ins, outs = sig.split("->")
    parts = lambda s: [[n.strip() for n in p.split(",") if n.strip()] for p in re.findall(r"\(([^)]*)\)", s)]
    return parts(ins), parts(outs)


def _axes_item(uf, i, item, k):
    """One ``axes`` entry as a tuple of ints (NumPy's errors)."""
    if isinstance(item, tuple):
        item = tuple(operator.index(a) for a in item)
        if len(item) != k:
            raise AxisError(f"{uf.__name__}: operand {i} has {k} core dimensions, but {len(item)} "
                            "dimensions are specified by axes tuple.")
        return item
    item = operator.index(item)  # None, lists, floats: TypeError as NumPy
    if k != 1:
        raise AxisError(f"{uf.__name__}: operand {i} has {k} core dimensions, but the axes item "
                        "is a single integer.")
    return (item,)


def _norm_core_axes(i, axes, ndim):
    norm = tuple(normalize_axis(a, ndim) for a in axes)
    for a in norm:
        if norm.count(a) > 1:
            raise ValueError(f"axes item {i} has value {a} repeated")
    return norm


def gufunc_axes(uf, args, out, kwargs, **kw):
    """A generalized ufunc (matmul, vecdot, ...) with ``axes=``, ``axis=`` or ``keepdims=``:
    the core dimensions are moved to the end, the gufunc runs, and the output's core
    dimensions are moved where ``axes`` puts them."""
    kwargs = dict(kwargs)
    has_axes, has_axis = "axes" in kwargs, "axis" in kwargs
    axes = kwargs.pop("axes", None)
    axis = kwargs.pop("axis", None)
    keepdims = kwargs.pop("keepdims", False)
    if type(keepdims) is not bool:  # NumPy: not even numpy.True_
        raise TypeError("'keepdims' must be a boolean")
    keepdims = bool(keepdims)
    args, out = uf._split_args(args, out, kwargs)
    if "sig" in kwargs:
        kw["signature"] = kwargs["sig"]
    if axes is not None and axis is not None:
        raise TypeError("cannot specify both 'axis' and 'axes'")
    sig = uf.signature
    nin = uf.nin
    ins, outs = _core_names(sig)
    ts = [to_tensor(a) for a in args]
    dropped = set()
    for t, names in zip(ts, ins):  # a missing optional core dim (matmul's n?, m?) is dropped
        if t.dim() < len(names):
            dropped.update(n for n in names if n.endswith("?"))
    ins = [[n for n in names if n not in dropped] for names in ins]
    outs = [[n for n in names if n not in dropped] for names in outs]
    for i, (t, names) in enumerate(zip(ts, ins)):
        if t.dim() < len(names):
            raise ValueError(f"{uf.__name__}: Input operand {i} does not have enough dimensions (has "
                             f"{t.dim()}, gufunc core with signature {sig} requires {len(names)})")
    kin = {len(n) for n in ins}
    if keepdims and (len(kin) != 1 or any(outs)):
        j = next((j for j, o in enumerate(outs) if o), 0)
        raise TypeError(f"{uf.__name__} does not support keepdims: its signature {sig} requires "
                        f"output {j} to have {len(outs[j])} core dimensions, but keepdims can only be "
                        "used when all inputs have the same number of core dimensions and all "
                        "outputs have no core dimensions.")
    kout = [len(ins[0]) if keepdims else len(o) for o in outs]
    if has_axis and axis is not None:
        axis = operator.index(axis)
        shared = {n for names in ins + outs for n in names}
        if any(len(n) != 1 for n in ins) or any(len(o) > 1 for o in outs) or len(shared) != 1:
            raise TypeError(f"{uf.__name__}: axis can only be used with a single shared core dimension, "
                            f"not with the {len(shared)} distinct ones implied by signature {sig}.")
        items = [(axis,)] * nin + [(axis,) if k else () for k in kout]
    elif has_axes and axes is not None:
        if not isinstance(axes, list):
            raise TypeError("axes should be a list.")
        if len(axes) == nin and not any(outs):
            # outputs without core dims may be left out (with keepdims: theirs are last)
            axes = axes + [tuple(range(-k, 0)) for k in kout]
        if len(axes) != uf.nargs:
            raise ValueError(f"axes should be a list with an entry for all {uf.nargs} inputs and outputs; "
                             "entries for outputs can only be omitted if none of them has core axes.")
        items = [_axes_item(uf, i, it, len(n)) for i, (it, n) in enumerate(zip(axes[:nin], ins))]
        items += [_axes_item(uf, nin + j, it, k) for j, (it, k) in enumerate(zip(axes[nin:], kout))]
    else:  # keepdims only: the core dims are the last ones
        items = [tuple(range(-len(n), 0)) for n in ins] + [tuple(range(-k, 0)) for k in kout]
    moved = []
    for i, (t, ax) in enumerate(zip(ts, items)):
        ax = _norm_core_axes(i, ax, t.dim())
        moved.append(_wrap(t.movedim(ax, tuple(range(t.dim() - len(ax), t.dim())))))
    res = uf(*moved, **kw)
    single = not isinstance(res, tuple)
    res = [to_tensor(r) for r in ((res,) if single else res)]
    outs_given = (out,) if out is not None and not isinstance(out, tuple) else out
    final = []
    for j, r in enumerate(res):
        k = kout[j]
        if keepdims:
            r = r.reshape(tuple(r.shape) + (1,) * k)
        ax = _norm_core_axes(nin + j, items[nin + j], r.dim())
        r = r.movedim(tuple(range(r.dim() - k, r.dim())), ax)
        o = outs_given[j] if outs_given is not None else None
        if o is None:
            final.append(_scalars.result(r) if r.dim() == 0 else _wrap(r))
            continue
        if tuple(o.shape) != tuple(r.shape):
            raise ValueError(f"non-broadcastable output operand with shape {tuple(o.shape)} doesn't "
                             f"match the broadcast shape {tuple(r.shape)}")
        final.append(_write_result(uf, o, r, kw.get("casting", "same_kind")))
    return final[0] if single else tuple(final)


def _write_result(uf, o, r, casting="unsafe"):
    """Write tensor ``r`` into the output array ``o`` (a shim or a real NumPy array)."""
    from ._write import write, out_dtype
    if not isinstance(o, (ndarray, np.ndarray)):
        raise TypeError("return arrays must be of ArrayType")
    src = TORCH_TO_NP[r.dtype]
    if casting != "unsafe" and not np.can_cast(src, o.dtype, casting=casting):
        from numpy._core._exceptions import _UFuncOutputCastingError
        raise _UFuncOutputCastingError(uf._np, casting, src, o.dtype, 0)
    tdt = out_dtype(o)
    write(o, cast(r, tdt) if tdt is not None else r)
    return o
