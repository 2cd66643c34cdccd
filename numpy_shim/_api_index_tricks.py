"""Index helpers: ix_, r_/c_/s_, *_indices, ravel/unravel_index, diagonal, fill_diagonal, iterators."""
import builtins
import itertools
import math
import operator

import numpy as np
import torch

from . import _scalars
from ._axes import normalize_axis
from ._convert import asarray
from ._ndarray import ndarray, _wrap, _view

__all__ = ["ix_", "r_", "c_", "s_", "index_exp", "diag_indices", "diag_indices_from", "tril_indices",
           "tril_indices_from", "triu_indices", "triu_indices_from", "mask_indices",
           "ravel_multi_index", "unravel_index", "diagonal", "fill_diagonal", "ndenumerate", "nditer"]

# s_ and index_exp build plain Python index tuples: NumPy's objects do exactly that.
s_ = np.s_
index_exp = np.index_exp


def _arr(x):
    return x if isinstance(x, ndarray) else asarray(x)


def _i64(t):
    return _wrap(t.to(torch.int64))


def ix_(*args):
    """Open mesh from 1-d sequences, for cross-product indexing."""
    out = []
    nd = len(args)
    for k, seq in enumerate(args):
        t = _arr(seq)._t
        if t.numel() == 0 and t.dtype is not torch.bool and not isinstance(seq, ndarray):
            t = torch.zeros(t.shape, dtype=torch.int64)  # empty untyped input: an index type
        if t.dim() != 1:
            raise ValueError("Cross index must be 1 dimensional")
        if t.dtype is torch.bool:
            from ._api_indexing import _nonzero_eager
            t = _nonzero_eager(t, "ix_")[0]
        out.append(_wrap(t.reshape((1,) * k + (t.shape[0],) + (1,) * (nd - k - 1))))
    return tuple(out)


# -- r_ / c_ -------------------------------------------------------------------------------

class _Concatenator:
    """r_ / c_: concatenate slices, scalars and arrays along an axis (NumPy's directives)."""

    def __init__(self, axis=0, ndmin=1, trans1d=-1):
        self.axis, self.ndmin, self.trans1d = axis, ndmin, trans1d

    def __getitem__(self, key):
        from ._api_joining import concatenate
        from ._promotion import result_type
        if not isinstance(key, tuple):
            key = (key,)
        axis, ndmin, trans1d = self.axis, self.ndmin, self.trans1d
        parts, scalars = [], []
        for k, item in enumerate(key):
            if isinstance(item, slice):
                parts.append(_slice_range(item))
                continue
            if isinstance(item, str):
                if k != 0:
                    raise ValueError("special directives must be the first entry.")
                if item in ("r", "c"):
                    raise NotImplementedError("r_['r'] / r_['c'] build np.matrix, which numpy_shim does not have")
                vals = [int(x) for x in item.split(",")]
                axis = vals[0]
                if len(vals) > 1:
                    ndmin = vals[1]
                if len(vals) > 2:
                    trans1d = vals[2]
                continue
            if isinstance(item, (int, float, complex, bool, np.generic)):
                scalars.append(len(parts))
                parts.append(item)  # made an array below, in the dtype NumPy picks
                continue
            a = _arr(item)
            if a.ndim < ndmin:
                a = _ndmin(a, ndmin, trans1d)
            parts.append(a)
        if scalars:
            # NumPy: the result dtype of arrays and scalars, Python scalars weakly (NEP 50);
            # a Python int out of its range is NumPy's OverflowError
            dt = result_type(*parts)
            parts = [asarray(p, dtype=dt).reshape((1,) * builtins.max(ndmin, 1)) if i in scalars else p
                     for i, p in enumerate(parts)]
        if not parts:
            return _wrap(torch.zeros(0, dtype=torch.float64))
        return concatenate(parts, axis=axis)

    def __len__(self):
        return 0


def _ndmin(a, ndmin, trans1d):
    k = ndmin - a.ndim
    shape = (1,) * k + a.shape
    r = a.reshape(shape)
    if trans1d != -1:
        # NumPy: the original axes go to position trans1d
        k0 = trans1d % ndmin
        axes = list(range(k, ndmin))
        order = list(range(k))
        order[k0:k0] = axes
        r = r.transpose(order)
    return r


def _slice_range(s):
    from ._creation import arange, linspace
    step = s.step if s.step is not None else 1
    start = s.start if s.start is not None else 0
    if isinstance(step, (complex, np.complexfloating)):
        n = int(abs(step))
        return linspace(start, s.stop, n)
    return arange(start, s.stop, step)


r_ = _Concatenator(0)
c_ = _Concatenator(-1, 2, 0)


# -- triangle and diagonal indices ---------------------------------------------------------

def diag_indices(n, ndim=2):
    """Indices of the main diagonal of an (n, ..., n) array."""
    i = _i64(torch.arange(n))
    return (i,) * ndim


def diag_indices_from(arr):
    """Indices of the main diagonal of ``arr`` (all dimensions equal)."""
    a = _arr(arr)
    if a.ndim < 2:
        raise ValueError("input array must be at least 2-d")
    if len(set(a.shape)) != 1:
        raise ValueError("All dimensions of input must be of equal length")
    return diag_indices(a.shape[0], a.ndim)


def _tri_indices(fn, n, k, m):
    n = operator.index(n)
    m = n if m is None else operator.index(m)
    k = operator.index(k)
    t = fn(n, m, k) if n > 0 and m > 0 else torch.zeros((2, 0), dtype=torch.int64)
    return _i64(t[0]), _i64(t[1])


def tril_indices(n, k=0, m=None):
    """Indices of the lower triangle of an (n, m) array."""
    return _tri_indices(torch.tril_indices, n, k, m)


def triu_indices(n, k=0, m=None):
    """Indices of the upper triangle of an (n, m) array."""
    return _tri_indices(torch.triu_indices, n, k, m)


def _check2d(arr):
    a = _arr(arr)
    if a.ndim != 2:
        raise ValueError("input array must be 2-d")
    return a


def tril_indices_from(arr, k=0):
    a = _check2d(arr)
    return tril_indices(a.shape[0], k, a.shape[1])


def triu_indices_from(arr, k=0):
    a = _check2d(arr)
    return triu_indices(a.shape[0], k, a.shape[1])


def mask_indices(n, mask_func, k=0):
    """Indices where ``mask_func(ones((n, n)), k)`` is non-zero."""
    from ._api_indexing import nonzero
    m = _wrap(torch.ones((n, n), dtype=torch.int64))
    return nonzero(_arr(mask_func(m, k)) != 0)


# -- flat <-> multi index ---------------------------------------------------------------------

def _index_tensor(x):
    if isinstance(x, (list, tuple)) and len(x) == 0:
        raise TypeError("indices must be integral: the provided empty sequence was inferred as "
                        "float. Wrap it with 'np.array(indices, dtype=np.intp)'")
    if isinstance(x, (list, tuple)):
        for e in x:
            if isinstance(e, (list, tuple)) and len(e) == 0:
                raise TypeError("indices must be integral: the provided empty sequence was inferred "
                                "as float. Wrap it with 'np.array(indices, dtype=np.intp)'")
    a = _arr(x) if not isinstance(x, (list, tuple)) or all(
        isinstance(e, (int, np.integer)) or isinstance(e, (list, tuple, ndarray)) for e in x) else None
    if a is None or not isinstance(a, ndarray):
        raise TypeError("only int indices permitted")
    t = a._t
    if t.dtype is torch.bool or t.is_floating_point() or t.is_complex():
        raise TypeError("only int indices permitted")
    return t.to(torch.int64)


def ravel_multi_index(multi_index, dims, mode="raise", order="C"):
    """Flat indices of a tuple of coordinate arrays in an array of shape ``dims``."""
    dims = tuple(operator.index(d) for d in (dims if isinstance(dims, (tuple, list)) else (dims,)))
    if len(multi_index) != len(dims):
        raise ValueError(f"parameter multi_index must be a sequence of length {len(dims)}")
    modes = mode if isinstance(mode, (tuple, list)) else (mode,) * len(dims)
    if math.prod(dims) > 2 ** 63 - 1:
        raise ValueError("invalid dims: array size defined by dims is larger than the maximum "
                         "possible size.")
    coords = [_index_tensor(c) for c in multi_index]
    try:
        shape = torch.broadcast_shapes(*[c.shape for c in coords])
    except RuntimeError:
        raise ValueError("shape mismatch: objects cannot be broadcast to a single shape") from None
    order_dims = range(len(dims) - 1, -1, -1) if order == "C" else range(len(dims))
    if order not in ("C", "F"):
        raise ValueError("only 'C' or 'F' order is permitted")
    flat = torch.zeros(shape, dtype=torch.int64)
    stride = 1
    for d in order_dims:
        c, n, md = coords[d], dims[d], modes[d]
        if n == 0 and c.numel():
            raise ValueError("invalid entry in coordinates array")
        if md == "raise":
            if c.numel() and _scalars.is_plain(c) and bool(((c < 0) | (c >= n)).any()):
                raise ValueError("invalid entry in coordinates array")
        elif md == "wrap":
            c = torch.remainder(c, n)
        elif md == "clip":
            c = c.clamp(0, n - 1)
        else:
            raise ValueError(f"clipmode must be one of 'clip', 'raise', or 'wrap' (got '{md}')")
        flat = flat + c * stride
        stride *= n
    return _scalars.result(flat) if flat.dim() == 0 else _wrap(flat)


def unravel_index(indices, shape, order="C"):
    """Coordinate arrays for flat ``indices`` in an array of ``shape``."""
    shape = tuple(operator.index(d) for d in (shape if isinstance(shape, (tuple, list)) else (shape,)))
    if order not in ("C", "F"):
        raise ValueError("only 'C' or 'F' order is permitted")
    idx = _index_tensor(indices)
    size = math.prod(shape)
    if not shape and idx.dim():
        if idx.numel() and _scalars.is_plain(idx) and bool((idx != 0).any()):
            raise ValueError(f"index {int(idx[idx != 0][0])} is out of bounds for array with size 1")
        raise ValueError("multiple indices are not supported for 0d arrays")
    if idx.numel() and _scalars.is_plain(idx):
        bad = (idx < 0) | (idx >= size)
        if bad.any():
            raise ValueError(f"index {int(idx[bad][0])} is out of bounds for array with size {size}")
    out = [None] * len(shape)
    rng = range(len(shape) - 1, -1, -1) if order == "C" else range(len(shape))
    rem = idx
    for d in rng:
        n = shape[d]
        out[d] = torch.remainder(rem, n) if n else rem
        rem = torch.div(rem, n, rounding_mode="floor") if n else rem
    scalar = idx.dim() == 0
    return tuple(_scalars.result(o) if scalar else _wrap(o) for o in out)


# -- diagonal ------------------------------------------------------------------------------------

def diagonal(a, offset=0, axis1=0, axis2=1):
    """The diagonal as a read-only view (NumPy 2), its axis last."""
    a = _arr(a)
    nd = a.ndim
    if nd < 2:
        raise ValueError("diag requires an array of at least two dimensions")
    ax1, ax2 = normalize_axis(axis1, nd), normalize_axis(axis2, nd)
    if ax1 == ax2:
        raise ValueError("axis1 and axis2 cannot be the same")
    r = _view(a, torch.diagonal(a._t, operator.index(offset), ax1, ax2))
    r._flags = {"writeable": False}
    return r


def fill_diagonal(a, val, wrap=False):
    """Fill the main diagonal of ``a`` in place (values cycled, NumPy's ``wrap`` for tall 2-d)."""
    if not isinstance(a, ndarray):
        raise TypeError("fill_diagonal needs an ndarray")
    t = a._t
    if t.dim() < 2:
        raise ValueError("array must be at least 2-d")
    if t.dim() == 2:
        step = t.shape[1] + 1
        end = None if wrap else t.shape[1] * t.shape[1]
    else:
        if len(set(t.shape)) != 1:
            raise ValueError("All dimensions of input must be of equal length")
        step = 1 + sum(math.prod(t.shape[k + 1:]) for k in range(t.dim() - 1))
        end = None
    n = t.numel() if end is None else min(end, t.numel())
    pos = torch.arange(0, n, step, device=t.device)
    from ._api_indexing import put
    put(a, _wrap(pos), val)


# -- iterators --------------------------------------------------------------------------------------

class ndenumerate:
    """Iterator yielding (index tuple, value) pairs in C order."""

    def __init__(self, arr):
        self._a = _arr(arr)
        self._it = iter(np.ndindex(*self._a.shape))

    def __iter__(self):
        return self

    def __next__(self):
        ix = next(self._it)
        return ix, self._a[ix]


class nditer:
    """The common uses of NumPy's nditer: read-only or read-write iteration over operands.

    Each step gives 0-d array views (one per operand, broadcast together); with
    ``op_flags=['readwrite']`` writes ``x[...] = v`` reach the operand. Order 'K' follows
    memory order; 'C' and 'F' as NumPy. ``external_loop`` gives 1-d views of the largest
    blocks the operands' strides allow (NumPy's coalescing); with ``buffered``, blocks that
    cannot be coalesced are copied in iteration order, in chunks of ``buffersize`` (read-only).
    """

    def __init__(self, op, flags=None, op_flags=None, op_dtypes=None, order="K", casting="safe",
                 op_axes=None, itershape=None, buffersize=0):
        flags = list(flags or [])
        self._multi = isinstance(op, (list, tuple)) and not (op and isinstance(op[0], (int, float, complex)))
        ops = [_arr(o) for o in op] if self._multi else [_arr(op)]
        if op_flags is None:
            op_flags = [["readonly"]] * len(ops)
        elif op_flags and isinstance(op_flags[0], str):
            op_flags = [op_flags] * len(ops)
        shape = torch.broadcast_shapes(*[o._t.shape for o in ops]) if itershape is None else itershape
        self._ops = []
        for o, f in zip(ops, op_flags):
            if ("readwrite" in f or "writeonly" in f):
                if tuple(o.shape) != tuple(shape):
                    raise ValueError("non-broadcastable output operand with shape "
                                     f"{o.shape} doesn't match the broadcast shape {tuple(shape)}")
                v = o
            else:
                v = _view(o, torch.broadcast_to(o._t, shape))
                v._flags = {"writeable": False}
            self._ops.append(v)
        self._shape = tuple(shape)
        self._order = self._axis_order(order)
        self._track = "multi_index" in flags
        self._n = math.prod(self._shape)
        self._i = 0
        self._started = False
        self.finished = self._n == 0
        if "external_loop" in flags:
            self._blocks = self._external(flags, buffersize, op_flags)
            self._n = len(self._blocks)
            self.finished = self._n == 0

    def _external(self, flags, buffersize, op_flags):
        """The 1-d blocks of an external loop: tuples of one view (or copy) per operand."""
        shape, order = self._shape, self._order
        if not shape:
            return [tuple(_view(o, o._t.reshape(1)) for o in self._ops)]
        if 0 in shape:
            return []
        strides = [o._t.stride() for o in self._ops]
        k = 1
        while k < len(order) and all(st[order[k]] == st[order[k - 1]] * shape[order[k - 1]]
                                     for st in strides):
            k += 1
        inner = math.prod(shape[d] for d in order[:k])
        if "buffered" in flags and k < len(order):
            if any("readwrite" in f or "writeonly" in f for f in op_flags):
                raise NotImplementedError("nditer: a buffered external loop over operands that "
                                          "cannot be coalesced is read-only in numpy_shim")
            perm = list(reversed(order))  # outermost first
            flat = [o._t.permute(perm).reshape(-1) for o in self._ops]
            size = buffersize or 8192
            return [tuple(_wrap(f[i:i + size]) for f in flat) for i in range(0, self._n, size)]
        blocks = []
        outer = list(reversed(order[k:]))  # outermost first
        for ix in itertools.product(*(range(shape[d]) for d in outer)):
            views = []
            for o, st in zip(self._ops, strides):
                t = o._t
                off = t.storage_offset() + sum(i * st[d] for i, d in zip(ix, outer))
                views.append(_view(o, torch.as_strided(t, (inner,), (st[order[0]],), off)))
            blocks.append(tuple(views))
        if "buffered" in flags:
            size = buffersize or 8192
            blocks = [tuple(v[i:i + size] for v in b) for b in blocks for i in range(0, inner, size)]
        return blocks

    def _axis_order(self, order):
        nd = len(self._shape)
        if order == "F":
            return list(range(nd))
        if order == "K" and nd:
            strides = self._ops[0]._t.stride()
            return sorted(range(nd), key=lambda d: (abs(strides[d]), -d))
        return list(range(nd - 1, -1, -1))

    def _index(self, i):
        ix = [0] * len(self._shape)
        for d in self._order:
            n = self._shape[d]
            ix[d] = i % n
            i //= n
        return tuple(ix)

    @property
    def multi_index(self):
        if not self._track:
            raise ValueError("Iterator is not tracking a multi-index")
        return self._index(self._i)

    @property
    def iterindex(self):
        return self._i

    @property
    def operands(self):
        return tuple(self._ops)

    @property
    def value(self):
        vals = tuple(self._current())
        return vals if self._multi else vals[0]

    def _current(self):
        if hasattr(self, "_blocks"):
            yield from self._blocks[self._i]
            return
        ix = self._index(self._i)
        for o in self._ops:
            yield _view(o, o._t[ix]) if o._t.dim() else o

    def __getitem__(self, k):
        return tuple(self._current())[k]

    def iternext(self):
        self._i += 1
        self.finished = self._i >= self._n
        return not self.finished

    def __iter__(self):
        return self

    def __next__(self):
        # NumPy steps before giving the next element (not after), so multi_index and
        # iterindex inside a for loop name the element just given
        if self._started:
            self._i += 1
        self._started = True
        if self._i >= self._n:
            self.finished = True
            raise StopIteration
        return self.value

    def reset(self):
        self._i = 0
        self._started = False
        self.finished = self._n == 0

    def __len__(self):
        return self._n

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def close(self):
        pass


NDARRAY_METHODS = {"diagonal": diagonal}
