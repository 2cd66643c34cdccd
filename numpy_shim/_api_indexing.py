"""Item selection: take, put, *_along_axis, choose, compress, where, nonzero and friends.

Functions whose output shape NumPy derives from values (nonzero, argwhere, flatnonzero,
extract, compress) run eagerly; under vmap/compile they raise DataDependentError,
and nonzero/argwhere/flatnonzero take a static ``size=``/``fill_value=`` (a numpy_shim
extension, as in JAX) that keeps them traceable.
"""
import functools
import math
import operator

import numpy as np
import torch

from . import _scalars
from ._axes import normalize_axis
from ._convert import asarray, cast, to_tensor
from ._dtypes import torch_dtype
from ._errors import data_dependent
from ._ndarray import ndarray, _wrap

__all__ = ["take", "put", "take_along_axis", "put_along_axis", "choose", "compress", "where",
           "nonzero", "argwhere", "flatnonzero", "count_nonzero", "extract", "place", "putmask",
           "select", "shares_memory", "may_share_memory"]

_WEAK = (int, float, complex)


class _NumpyOnly(TypeError):
    """An argument holds a dtype torch lacks (str, object, datetime, ...)."""


def _arr(x):
    if isinstance(x, ndarray):
        return x
    if isinstance(x, np.ma.MaskedArray):
        raise _NumpyOnly()  # numpy.ma's own function keeps the mask
    r = asarray(x)
    if not isinstance(r, ndarray):
        raise _NumpyOnly()
    return r


def _numpy_fallback(fn):
    """NumPy's own function for real NumPy arrays written in place or of dtypes torch lacks."""
    name = fn.__name__
    inplace = name in ("put", "place", "putmask", "put_along_axis")

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if not (inplace and args and isinstance(args[0], np.ndarray)):
            try:
                return fn(*args, **kwargs)
            except _NumpyOnly:
                pass
        from ._fallback import wrap_numpy_function
        return wrap_numpy_function(name, getattr(np, name))(*args, **kwargs)
    return wrapper


def _dtype_of(x):
    if isinstance(x, ndarray):
        return x.dtype
    if type(x) in _WEAK or type(x) is bool:
        return x  # NumPy 2 reads Python scalars as weak
    return asarray(x).dtype


# torch lacks index_select/gather/where kernels for these: run them on the same bits as signed
_SIGNED = {torch.uint16: torch.int16, torch.uint32: torch.int32, torch.uint64: torch.int64}


def _bits(t):
    sdt = _SIGNED.get(t.dtype)
    return t if sdt is None else t.view(sdt)


def _unbits(r, tdt):
    return r if r.dtype is tdt else r.view(tdt)


def _where(c, x, y):
    return _unbits(torch.where(c, _bits(x), _bits(y)), x.dtype)


def _result_dtype(*xs):
    return np.result_type(*[_dtype_of(x) for x in xs])


def _int_tensor(ind, device):
    t = to_tensor(ind) if not isinstance(ind, ndarray) else ind._t
    if t.is_complex():
        raise TypeError("int() argument must be a string, a bytes-like object or a real number, "
                        "not 'complex'")
    # NumPy casts take/put indices unsafely: floats truncate, bools are 0/1
    return t.to(device=device, dtype=torch.int64)


def _bounds(idx, n, mode, axis=0):
    """Indices resolved by ``mode`` ('raise' checks eagerly; 'wrap'; 'clip')."""
    if mode == "raise":
        if idx.numel() and _scalars.is_plain(idx):
            bad = (idx >= n) | (idx < -n)
            if bad.any():
                raise IndexError(f"index {int(idx[bad][0])} is out of bounds for axis {axis} with size {n}")
        return torch.where(idx < 0, idx + n, idx)
    if mode == "wrap":
        return torch.remainder(idx, n) if n else idx
    if mode == "clip":
        return idx.clamp(0, max(n - 1, 0))
    raise ValueError(f"clipmode must be one of 'clip', 'raise', or 'wrap' (got '{mode}')")


def _finish(r, out):
    if out is not None:
        from ._write import write
        if tuple(out.shape) != tuple(r.shape):
            raise ValueError("output array does not match result of ndarray.take")
        write(out, r)  # casts to out's dtype; out may be a real NumPy array
        return out
    return _scalars.result(r) if r.dim() == 0 else _wrap(r)


@_numpy_fallback
def take(a, indices, axis=None, out=None, mode="raise"):
    """Take elements from an array along an axis."""
    a = _arr(a)
    t = a._t.reshape(-1) if axis is None else a._t
    ax = 0 if axis is None else normalize_axis(axis, t.dim())
    idx = _int_tensor(indices, t.device)
    if out is not None and isinstance(out, (ndarray, np.ndarray)) and \
            not np.can_cast(out.dtype, a.dtype, "safe"):
        # NumPy's take fills out= through a buffer cast back to the array's dtype
        raise TypeError(f"Cannot cast array data from {out.dtype!r} to {a.dtype!r} according to "
                        "the rule 'safe'")
    n = t.shape[ax] if t.dim() else 1
    if t.dim() and math.prod(t.shape[:ax]) == 0:
        # NumPy's loop over the outer axes never runs: no index is checked
        r = torch.empty(t.shape[:ax] + idx.shape + t.shape[ax + 1:], dtype=t.dtype, device=t.device)
        return _finish(r, out)
    if n == 0 and idx.numel():
        raise IndexError("cannot do a non-empty take from an empty axes.")
    idx = _bounds(idx, n, mode, ax)
    if t.dim() == 0:
        t = t.reshape(1)
    r = _unbits(_bits(t).index_select(ax, idx.reshape(-1)), t.dtype)
    r = r.reshape(t.shape[:ax] + idx.shape + t.shape[ax + 1:])
    return _finish(r, out)


def _cycled(v, k):
    """``v`` (flattened) repeated cyclically to length ``k``, as NumPy's put/place do."""
    v = v.reshape(-1)
    if v.numel() < k:
        v = v.repeat(math.ceil(k / v.numel()))
    return v[:k]


@_numpy_fallback
def put(a, ind, v, mode="raise"):
    """Replace a.flat[ind] with values v (cycled)."""
    if not isinstance(a, ndarray):
        raise TypeError(f"argument 1 must be numpy.ndarray, not {type(a)}")
    from ._index import value_tensor
    from ._write import check_writeable
    check_writeable(a)
    t = a._t
    idx = _int_tensor(ind, t.device).reshape(-1)
    vals = value_tensor(v, t)
    if idx.numel() == 0 or vals.numel() == 0:
        return
    if t.numel() == 0:
        raise IndexError("cannot replace elements of an empty array")
    idx = _bounds(idx, t.numel(), mode)
    _write_flat(a, _cycled(vals, idx.numel()), idx)


def _write_flat(a, v, flat_idx):
    """a.flat[flat_idx] = v (v already one value per index)."""
    t = a._t
    if t.dim() == 0:
        from ._write import write
        write(a, v[-1].reshape(()))  # the last write wins, as in NumPy
        return
    from ._index import indexed_write
    indexed_write(a, v, torch.unravel_index(flat_idx, t.shape))


def _along_index(shape, indices, axis):
    """NumPy's fancy index for *_along_axis: aranges on every axis but ``axis``."""
    nd = len(shape)
    idx = []
    for d in range(nd):
        if d == axis:
            idx.append(indices)
        else:
            r = [1] * nd
            r[d] = shape[d]
            idx.append(torch.arange(shape[d], device=indices.device).reshape(r))
    return tuple(idx)


def _along_args(arr, indices, axis):
    arr = _arr(arr)
    ind = _arr(indices)
    if ind._t.dtype is torch.bool or ind._t.is_floating_point() or ind._t.is_complex():
        raise IndexError("`indices` must be an integer array")
    if axis is None:
        if ind.ndim != 1:
            raise ValueError(f"when axis=None, `indices` must have a single dimension.")
        arr = _wrap(arr._t.reshape(-1))
        axis = 0
    else:
        axis = normalize_axis(axis, arr.ndim)
    if ind.ndim != arr.ndim:
        raise ValueError("`indices` and `arr` must have the same number of dimensions")
    return arr, ind._t.to(torch.int64), axis


@_numpy_fallback
def take_along_axis(arr, indices, axis=-1):
    """Take values from ``arr`` by matching 1-d index and data slices."""
    arr, ind, axis = _along_args(arr, indices, axis)
    from ._index import _advanced
    return _wrap(_advanced(arr._t, list(_along_index(arr.shape, ind, axis))))


@_numpy_fallback
def put_along_axis(arr, indices, values, axis):
    """Put values into ``arr`` by matching 1-d index and data slices."""
    a0 = arr
    arr, ind, axis = _along_args(arr, indices, axis)
    if axis == 0 and a0 is not arr and not isinstance(a0, ndarray):
        raise TypeError("put_along_axis needs an ndarray")
    from ._index import setitem
    setitem(arr, tuple(_wrap(i) if isinstance(i, torch.Tensor) else i
                       for i in _along_index(arr.shape, ind, axis)), values)


@_numpy_fallback
def _method_choices(choices):
    """``a.choose(c)`` or NumPy's ``a.choose(c0, c1, ...)``."""
    if not choices:
        raise TypeError("choose() takes exactly 1 argument (0 given)")
    return choices[0] if len(choices) == 1 else choices


def choose(a, choices, out=None, mode="raise"):
    """Construct an array from an index array and a list of arrays to choose from."""
    a = _arr(a)
    if isinstance(choices, ndarray):
        choices = [choices[i] for i in range(choices.shape[0])] if choices.ndim else [choices]
    choices = list(choices)
    if not choices:
        raise ValueError("0-length sequence.")
    dt = _result_dtype(*choices)
    tdt = torch_dtype(dt)
    ts = [cast(to_tensor(c) if not isinstance(c, ndarray) else c._t, tdt) for c in choices]
    idx = a._t
    if idx.is_floating_point() or idx.is_complex():
        raise TypeError("Cannot cast array data from dtype('float64') to dtype('int64') according "
                        "to the rule 'safe'")
    idx = idx.to(torch.int64)
    n = len(ts)
    if mode == "raise":
        if idx.numel() and _scalars.is_plain(idx) and bool(((idx < 0) | (idx >= n)).any()):
            raise ValueError("invalid entry in choice array")
    else:
        idx = _bounds(idx, n, mode)
    try:
        shape = torch.broadcast_shapes(idx.shape, *[t.shape for t in ts])
    except RuntimeError:
        raise ValueError("shape mismatch: objects cannot be broadcast to a single shape") from None
    stacked = torch.stack([_bits(torch.broadcast_to(t, shape)) for t in ts])
    r = _unbits(torch.gather(stacked, 0, torch.broadcast_to(idx, shape).unsqueeze(0)).squeeze(0), tdt)
    if out is not None:
        from ._write import write
        write(out, r)  # casts to out's dtype; out may be a real NumPy array
        return out
    return _scalars.result(r) if r.dim() == 0 else _wrap(r)


@_numpy_fallback
def compress(condition, a, axis=None, out=None):
    """Select slices of an array along an axis where ``condition`` is true."""
    cond = _arr(condition)
    if cond.ndim != 1:
        raise ValueError("condition must be a 1-d array")
    (idx,) = _nonzero_eager(cond._t, "compress")
    return take(a, _wrap(idx), axis=axis, out=out)


@_numpy_fallback
def where(condition, x=None, y=None, /):
    """Elements from x where condition, else y; with one argument, ``nonzero(condition)``."""
    if x is None and y is None:
        return nonzero(condition)
    if x is None or y is None:
        raise ValueError("either both or neither of x and y should be given")
    dt = _result_dtype(x, y)
    tdt = torch_dtype(dt)
    c = _arr(condition)._t
    if c.dtype is not torch.bool:
        c = c != 0
    xt = x._t if isinstance(x, ndarray) else to_tensor(x, dt)
    yt = y._t if isinstance(y, ndarray) else to_tensor(y, dt)
    try:
        return _wrap(_where(c, cast(xt, tdt), cast(yt, tdt)))
    except RuntimeError:
        raise ValueError("operands could not be broadcast together with shapes "
                         + " ".join(str(tuple(s.shape)).replace(" ", "") for s in (c, xt, yt))) from None


# -- nonzero family ----------------------------------------------------------------

def _nonzero_eager(t, what):
    mask = t if t.dtype is torch.bool else t != 0
    if not _scalars.is_plain(mask) and (torch._C._functorch.is_batchedtensor(mask)
                                        or torch.compiler.is_compiling()
                                        or torch._C._functorch.is_functorch_wrapped_tensor(mask)
                                        and _batched_inside(mask)):
        raise data_dependent(f"np.{what}", f"np.where(cond, x, y), or np.{what}(..., size=n) "
                             f"for a static result length" if what in _SIZED else "np.where(cond, x, y)")
    return mask.nonzero().unbind(1)


_SIZED = ("nonzero", "argwhere", "flatnonzero")


def _batched_inside(t):
    while torch._C._functorch.is_functorch_wrapped_tensor(t):
        if torch._C._functorch.is_batchedtensor(t):
            return True
        t = torch._C._functorch.get_unwrapped(t)
    return False


def _nonzero_static(mask, size, fill_value):
    """The first ``size`` flat positions of true entries, padded: no host sync, traceable."""
    flat = mask.reshape(-1)
    n = flat.numel()
    # a stable sort of ~mask puts true positions first, in order
    order = torch.sort((~flat).to(torch.uint8), stable=True).indices
    if size > n:
        order = torch.cat([order, order.new_zeros(size - n)])
    order = order[:size]
    count = flat.sum()
    valid = torch.arange(size, device=mask.device) < count
    return order, valid


def _fill(fill_value, k):
    if fill_value is None:
        return [0] * k
    if isinstance(fill_value, (tuple, list)):
        if len(fill_value) != k:
            raise ValueError(f"fill_value must be a scalar or a tuple of length {k}")
        return list(fill_value)
    return [fill_value] * k


@_numpy_fallback
def nonzero(a, *, size=None, fill_value=None):
    """Indices of the non-zero elements, one array per dimension.

    ``size``/``fill_value`` (numpy_shim extension, as in JAX): return exactly ``size``
    indices per dimension, the first ones found, padded with ``fill_value`` (default 0),
    so that it runs under vmap and compile.
    """
    a = _arr(a)
    t = a._t
    if t.dim() == 0:
        raise ValueError("Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar)."
                         "nonzero() instead.")
    mask = t if t.dtype is torch.bool else t != 0
    if size is None:
        return tuple(_wrap(i) for i in _nonzero_eager(mask, "nonzero"))
    size = operator.index(size)
    order, valid = _nonzero_static(mask, size, fill_value)
    coords = _unravel(order, tuple(t.shape))
    return tuple(_wrap(torch.where(valid, c, torch.as_tensor(f, dtype=c.dtype, device=c.device)))
                 for c, f in zip(coords, _fill(fill_value, t.dim())))


def _unravel(flat, shape):
    """torch.unravel_index, also for shapes with a zero (nothing to unravel: all zeros)."""
    if 0 in shape:
        return tuple(torch.zeros_like(flat) for _ in shape)
    return torch.unravel_index(flat, shape)


@_numpy_fallback
def argwhere(a, *, size=None, fill_value=None):
    """Indices of non-zero elements, grouped by element (shape (N, a.ndim))."""
    a = _arr(a)
    t = a._t
    if t.dim() == 0:
        t = t.reshape(1)
        r = nonzero(_wrap(t), size=size, fill_value=fill_value)[0]._t
        return _wrap(r.reshape(-1, 1)[:, :0])
    cols = nonzero(_wrap(t), size=size, fill_value=fill_value)
    return _wrap(torch.stack([c._t for c in cols], 1))


@_numpy_fallback
def flatnonzero(a, *, size=None, fill_value=None):
    """Indices that are non-zero in the flattened array."""
    return nonzero(_wrap(_arr(a)._t.reshape(-1)), size=size, fill_value=fill_value)[0]


@_numpy_fallback
def count_nonzero(a, axis=None, *, keepdims=False):
    """Number of non-zero values, over ``axis`` (all by default)."""
    a = _arr(a)
    t = a._t
    mask = t if t.dtype is torch.bool else t != 0
    if axis is None and not keepdims:
        return _scalars.result(mask.sum())
    from ._axes import normalize_axes
    axes = normalize_axes(axis, t.dim())
    r = mask.sum(dim=axes, keepdim=keepdims) if axes else mask.to(torch.int64)
    return _scalars.result(r) if r.dim() == 0 else _wrap(r)


@_numpy_fallback
def extract(condition, arr):
    """Elements of ``arr`` where ``condition`` is true (both flattened)."""
    c = _arr(condition)._t.reshape(-1)
    (idx,) = _nonzero_eager(c, "extract")
    return take(_wrap(_arr(arr)._t.reshape(-1)), _wrap(idx))


@_numpy_fallback
def place(arr, mask, vals):
    """arr[mask] = vals, with vals cycled to the number of true entries."""
    if not isinstance(arr, ndarray):
        raise TypeError(f"argument 1 must be numpy.ndarray, not {type(arr)}")
    from ._index import value_tensor
    from ._write import check_writeable
    check_writeable(arr)
    t = arr._t
    m = _arr(mask)._t.reshape(-1)
    m = m if m.dtype is torch.bool else m != 0
    v = value_tensor(vals, t).reshape(-1)
    (idx,) = _nonzero_eager(m, "place")
    if idx.numel() == 0:
        return
    if v.numel() == 0:
        raise ValueError("Cannot insert from an empty array!")
    _write_flat(arr, _cycled(v, idx.numel()), idx)


@_numpy_fallback
def putmask(a, mask, values):
    """a.flat[i] = values.flat[i % len(values)] where mask is true: a static-shape write."""
    if not isinstance(a, ndarray):
        raise TypeError(f"argument a of putmask must be a numpy array, not {type(a).__name__}")
    from ._index import value_tensor
    from ._write import write, check_writeable
    check_writeable(a)
    t = a._t
    m = _arr(mask)._t
    if tuple(m.shape) != tuple(t.shape):
        raise ValueError("putmask: mask and data must be the same size")
    m = m if m.dtype is torch.bool else m != 0
    v = value_tensor(values, t).reshape(-1)
    if v.numel() == 0:
        return
    write(a, _where(m, _cycled(v, t.numel()).reshape(t.shape), t))


@_numpy_fallback
def select(condlist, choicelist, default=0):
    """Elements from choicelist where the matching condition in condlist is first true."""
    if len(condlist) != len(choicelist):
        raise ValueError("list of cases must be same length as list of conditions")
    if len(condlist) == 0:
        raise ValueError("select with an empty condition list is not possible")
    choices = [c if isinstance(c, ndarray) or type(c) in _WEAK else _arr(c) for c in choicelist]
    dt = _result_dtype(*choices, default)
    tdt = torch_dtype(dt)
    conds = []
    for i, c in enumerate(condlist):
        ct = _arr(c)._t
        if ct.dtype is not torch.bool:
            raise TypeError(f"invalid entry {i} in condlist: should be boolean ndarray")
        conds.append(ct)
    vals = [cast(c._t if isinstance(c, ndarray) else to_tensor(c, dt), tdt) for c in choices]
    r = cast(to_tensor(default, dt) if not isinstance(default, ndarray) else default._t, tdt)
    for c, v in zip(reversed(conds), reversed(vals)):
        r = _where(c, v, r)
    return _wrap(r)


# -- memory overlap --------------------------------------------------------------------

def _extent(a):
    from ._flipview import parts
    t, _ = parts(a)
    es = t.element_size()
    lo = hi = t.storage_offset() * es
    if t.numel() == 0:
        return t, None
    for n, s in zip(t.shape, t.stride()):
        hi += (n - 1) * s * es
    return t, (lo, hi + es)


def _same_buffer(ta, tb):
    try:
        return ta.untyped_storage().data_ptr() == tb.untyped_storage().data_ptr()
    except (RuntimeError, NotImplementedError):
        return False


def may_share_memory(a, b, /, max_work=None):
    """Whether a and b might share memory (bounds overlap)."""
    if not isinstance(a, ndarray) or not isinstance(b, ndarray):
        return False
    ta, ea = _extent(a)
    tb, eb = _extent(b)
    if ea is None or eb is None or not _same_buffer(ta, tb):
        return False
    return ea[0] < eb[1] and eb[0] < ea[1]


def _byte_offsets(t):
    es = t.element_size()
    off = torch.full((), t.storage_offset() * es, dtype=torch.int64)
    for n, s in zip(t.shape, t.stride()):
        off = off.unsqueeze(-1) + torch.arange(n) * (s * es)
    return off.reshape(-1)


def shares_memory(a, b, /, max_work=None):
    """Whether a and b share memory (exact: some byte is in both)."""
    if not may_share_memory(a, b):
        return False
    from ._flipview import parts
    ta, _ = parts(a)
    tb, _ = parts(b)
    # the byte ranges of every element of each, intersected (eager, host-side question)
    oa = _byte_offsets(ta.detach())
    ob = _byte_offsets(tb.detach())
    return _partial(oa, ob, ta.element_size(), tb.element_size())


def _partial(oa, ob, ea, eb):
    """Any [oa, oa+ea) overlapping any [ob, ob+eb)."""
    ob_sorted = ob.sort().values
    # for each a element, the first b start >= a_start - eb + 1 must be < a_start + ea
    pos = torch.searchsorted(ob_sorted, oa - eb + 1)
    ok = pos < ob_sorted.numel()
    if not bool(ok.any()):
        return False
    nxt = ob_sorted[pos.clamp(max=ob_sorted.numel() - 1)]
    return bool((ok & (nxt < oa + ea)).any())


def _item(self, *args):
    """a.item(*args): one element as a Python scalar (flat index, or one index per axis)."""
    if len(args) == 1 and isinstance(args[0], tuple):
        args = args[0]
    t = self._t
    if not args:
        if t.numel() != 1:
            raise ValueError("can only convert an array of size 1 to a Python scalar")
        t = t.reshape(())
    elif len(args) == 1:
        from ._flatiter import _positions
        kind, p = _positions(operator.index(args[0]), t.numel(), t.device)
        t = t.reshape(-1)[p]
    else:
        if len(args) != t.dim():
            raise ValueError("incorrect number of indices for array")
        from ._index import parse
        parse(tuple(operator.index(x) for x in args), t.shape, t.device)  # NumPy's bounds errors
        t = t[tuple(operator.index(x) for x in args)]
    return _scalars.to_numpy_scalar(t, self.dtype, "item()").item()


NDARRAY_METHODS = {
    "item": _item,
    "take": take,
    "put": put,
    "choose": lambda self, /, *choices, out=None, mode="raise": choose(
        self, _method_choices(choices), out=out, mode=mode),
    "compress": lambda self, condition, axis=None, out=None: compress(condition, self, axis, out),
    "nonzero": lambda self: nonzero(self),
}
