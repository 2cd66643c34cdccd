"""Array manipulation: tile, repeat, roll, resize, append, insert, delete, trim_zeros, copyto,
and the public names of the view functions in _shape.py (rollaxis, atleast_Nd, broadcast_*).

Element positions are computed on the host from shapes and index arguments (static data), and
the data moves with torch index_select/cat, so these run under grad and vmap.
"""
import inspect
import operator

import numpy as np
import torch

from ._axes import normalize_axis, normalize_axes
from ._convert import cast, to_tensor
from ._dtypes import TORCH_TO_NP
from ._errors import data_dependent
from ._ndarray import ndarray, _wrap, _view
from ._shape import (_arr, rollaxis, atleast_1d, atleast_2d, atleast_3d, broadcast_to,
                     broadcast_arrays, broadcast_shapes, broadcast, matrix_transpose)  # noqa: F401 (re-exported)
from ._api_joining import concatenate
from ._shape import numpy_fallback
from . import _scalars

__all__ = ["rollaxis", "atleast_1d", "atleast_2d", "atleast_3d", "broadcast_to", "broadcast_arrays",
           "broadcast_shapes", "broadcast", "matrix_transpose", "tile", "repeat", "roll", "resize",
           "append", "insert", "delete", "trim_zeros", "copyto", "apply_along_axis", "apply_over_axes"]


def _host(x, what):
    """An index-like argument (list, NumPy or shim array) as a NumPy array on the host.

    Output shapes depend on these values (as in NumPy), so a traced array cannot be used.
    """
    if isinstance(x, ndarray):
        t = x._t
        if not _scalars.is_plain(t):
            raise data_dependent(f"{what} with an array argument",
                                 "a Python list or a NumPy array for it (its values fix the output shape)")
        return np.asarray(t.detach().cpu().numpy())
    return np.asarray(x)


def _index_along(t, axis, index):
    """``t`` at host positions ``index`` along ``axis`` (works for every dtype and transform)."""
    # advanced indexing: index_select lacks kernels for uint16/32/64 on empty inputs
    ix = torch.as_tensor(np.asarray(index, dtype=np.int64), device=t.device)
    return t[(slice(None),) * axis + (ix,)]


# -- tile, repeat, roll, resize -----------------------------------------------

@numpy_fallback
def tile(A, reps):
    """Repeat the whole array ``reps`` times (per axis)."""
    try:
        tup = tuple(operator.index(r) for r in reps)
    except TypeError:
        tup = (operator.index(reps),)
    a = _arr(A)
    t = a._t
    if any(r < 0 for r in tup):
        raise ValueError("negative dimensions are not allowed")
    if t.dim() < len(tup):
        t = t.reshape((1,) * (len(tup) - t.dim()) + tuple(t.shape))
    reps = (1,) * (t.dim() - len(tup)) + tup
    return _wrap(t.repeat(reps) if reps else t.clone())


@numpy_fallback
def repeat(a, repeats, axis=None):
    """Repeat each element ``repeats`` times (an int, or one count per element along ``axis``)."""
    a = _arr(a)
    t = a._t
    if axis is None or t.dim() == 0:
        # NumPy repeats a 0-d array as a 1-d one, whatever the axis (checked against 1 dim)
        if axis is not None:
            normalize_axis(axis, 1)
        t = t.reshape(-1)
        axis = 0
    else:
        axis = normalize_axis(axis, t.dim())
    reps = _host(repeats, "repeat").astype(np.intp, casting="unsafe") if not isinstance(repeats, int) \
        else np.asarray(repeats, dtype=np.intp)
    n = t.shape[axis]
    if reps.ndim > 1:
        raise ValueError("setting an array element with a sequence. The requested array would exceed "
                         "the maximum number of dimension of 1.")
    if reps.ndim == 0 or reps.size == 1:
        r = int(reps.reshape(-1)[0]) if reps.size else 0
        if r < 0:
            raise ValueError("negative dimensions are not allowed")
        return _wrap(torch.repeat_interleave(t, r, dim=axis))
    if reps.size != n:
        raise ValueError(f"operands could not be broadcast together with shape ({n},) ({reps.size},)")
    if (reps < 0).any():
        raise ValueError("repeats may not contain negative values.")
    return _wrap(_index_along(t, axis, np.repeat(np.arange(n), reps)))


def _repeat_method(self, /, repeats, axis=None):
    return repeat(self, repeats, axis)


@numpy_fallback
def roll(a, shift, axis=None):
    """Roll elements along axes (elements leaving one end come back at the other)."""
    a = _arr(a)
    t = a._t
    if isinstance(shift, ndarray) and not _scalars.is_plain(shift._t):
        return _wrap(_roll_traced(t, shift._t, axis))
    if axis is None:
        return _wrap(roll(_wrap(t.reshape(-1)), shift, 0)._t.reshape(t.shape))
    axes = normalize_axes(axis if isinstance(axis, (tuple, list)) else operator.index(axis), t.dim(),
                          allow_duplicate=True)
    pairs = np.broadcast(_host(shift, "roll"), np.asarray(axes) if isinstance(axis, (tuple, list)) else axes[0])
    if pairs.ndim > 1:
        raise ValueError("'shift' and 'axis' should be scalars or 1D sequences")
    total = {}
    for s, ax in pairs:
        total[int(ax)] = total.get(int(ax), 0) + int(s)
    dims = [ax for ax in total if t.shape[ax]]
    if not dims:
        return _wrap(t.clone())
    return _wrap(torch.roll(t, [total[ax] % t.shape[ax] for ax in dims], dims))


def _roll_traced(t, shift, axis):
    """roll by a shift known only to the trace (vmap, compile): gather at (i - shift) mod n."""
    if axis is None:
        return _roll_traced(t.reshape(-1), shift, 0).reshape(t.shape)
    axes = normalize_axes(axis if isinstance(axis, (tuple, list)) else operator.index(axis), t.dim(),
                          allow_duplicate=True)
    if shift.dim() > 1 or shift.dim() == 1 and shift.shape[0] not in (1, len(axes)):
        raise ValueError("'shift' and 'axis' should be scalars or 1D sequences")
    if shift.dtype.is_floating_point or shift.dtype.is_complex:
        shift = shift.to(torch.int64)
    shifts = torch.broadcast_to(shift.to(torch.int64), (len(axes),))
    for k, ax in enumerate(axes):
        n = t.shape[ax]
        if n:
            idx = torch.remainder(torch.arange(n, device=t.device) - shifts[k], n)
            t = t[(slice(None),) * ax + (idx,)]
    return t


@numpy_fallback
def resize(a, new_shape):
    """A new array of ``new_shape`` filled with repeated copies of ``a`` (C order)."""
    shape = _shape_tuple(new_shape)
    if any(s < 0 for s in shape):
        raise ValueError("all elements of `new_shape` must be non-negative")
    a = _arr(a)
    flat = a._t.reshape(-1)
    size = int(np.prod(shape, dtype=np.int64))
    if flat.numel() == 0 or size == 0:
        return _wrap(torch.zeros(shape, dtype=flat.dtype, device=flat.device))
    reps = -(-size // flat.numel())
    return _wrap(flat.repeat(reps)[:size].reshape(shape))


def _shape_tuple(shape):
    try:
        return tuple(operator.index(s) for s in shape)
    except TypeError:
        return (operator.index(shape),)


def _resize_method(self, /, *new_shape, refcheck=True):
    """In-place resize: the array takes the new shape, extra elements are zero (refcheck ignored)."""
    if not isinstance(refcheck, (bool, int, np.integer)):
        raise TypeError(f"'{type(refcheck).__name__}' object cannot be interpreted as an integer")
    if not new_shape or new_shape == (None,):
        return None
    if len(new_shape) == 1:
        new_shape = new_shape[0]
    shape = _shape_tuple(new_shape)
    if any(s < 0 for s in shape):
        raise ValueError("negative dimensions not allowed")
    if not self._t.is_contiguous():
        raise ValueError("resize only works on single-segment arrays")
    t = self._t.reshape(-1)
    size = int(np.prod(shape, dtype=np.int64))
    if size == t.numel():
        # same size: NumPy only changes the shape, so views of views may be resized too
        self._t = self._t.view(shape)
        return None
    if getattr(self, "_base", None) is not None:
        raise ValueError("cannot resize this array: it does not own its data")
    from ._write import check_writeable
    check_writeable(self)
    if size < t.numel():
        self._t = t[:size].clone().reshape(shape)
    else:
        pad = torch.zeros(size - t.numel(), dtype=t.dtype, device=t.device)
        self._t = torch.cat([t, pad]).reshape(shape)
    return None


# -- append, insert, delete -----------------------------------------------------

@numpy_fallback
def append(arr, values, axis=None):
    """``arr`` with ``values`` appended (both flattened when ``axis`` is None)."""
    a = _arr(arr)
    if axis is None:
        if a.ndim != 1:
            a = _wrap(a._t.reshape(-1))
        v = _arr(values)
        return concatenate((a, _wrap(v._t.reshape(-1))), axis=0)
    return concatenate((a, _arr(values)), axis=axis)


def _axis_for_edit(a, axis):
    if axis is None:
        t = a._t.reshape(-1) if a.ndim != 1 else a._t
        return t, 0
    return a._t, normalize_axis(axis, a.ndim)


@numpy_fallback
def delete(arr, obj, axis=None):
    """A copy of ``arr`` without the entries ``obj`` (int, slice, int or bool array) along ``axis``."""
    a = _arr(arr)
    t, axis = _axis_for_edit(a, axis)
    n = t.shape[axis]
    if isinstance(obj, slice):
        keep = np.ones(n, dtype=bool)
        keep[obj] = False
    else:
        ix = _host(obj, "delete")
        if ix.dtype == bool:
            if ix.shape != (n,):
                raise ValueError("boolean array argument obj to delete must be one dimensional and "
                                 f"match the axis length of {n}")
            keep = ~ix
        else:
            if ix.size == 0 and not isinstance(obj, (np.ndarray, ndarray)):
                ix = ix.astype(np.intp)
            if ix.dtype.kind not in "iu":
                raise IndexError("arrays used as indices must be of integer (or boolean) type")
            bad = (ix < -n) | (ix >= n)
            if bad.any():
                raise IndexError(f"index {ix[bad].reshape(-1)[0]} is out of bounds for axis {axis} "
                                 f"with size {n}")
            keep = np.ones(n, dtype=bool)
            keep[ix] = False
    return _in_order_of(a, _index_along(t, axis, np.flatnonzero(keep)))


@numpy_fallback
def insert(arr, obj, values, axis=None):
    """A copy of ``arr`` with ``values`` inserted before the indices ``obj`` along ``axis``."""
    a = _arr(arr)
    t, axis = _axis_for_edit(a, axis)
    n = t.shape[axis]
    dt = TORCH_TO_NP[t.dtype]
    if isinstance(obj, slice):
        ix = np.arange(*obj.indices(n))
    else:
        ix = _host(obj, "insert")
        if ix.dtype == bool:
            if ix.ndim != 1:
                raise ValueError("boolean array argument obj to insert must be one dimensional")
            ix = np.flatnonzero(ix)
        elif ix.ndim > 1:
            raise ValueError("index array argument obj to insert must be one dimensional or scalar")
    if ix.size == 1:
        index = ix.item()
        if ix.dtype.kind not in "iu":
            raise TypeError("slice indices must be integers or None or have an __index__ method")
        if not -n <= index <= n:
            raise IndexError(f"index {obj} is out of bounds for axis {axis} with size {n}")
        if index < 0:
            index += n
        v = _values(values, dt, t)
        # NumPy: values get at least arr.ndim dims, then their first axis becomes ``axis``
        if v.dim() < t.dim():
            v = v.reshape((1,) * (t.dim() - v.dim()) + tuple(v.shape))
        if ix.ndim == 0 and v.dim():
            v = torch.movedim(v, 0, axis)
        count = v.shape[axis] if v.dim() else 1
        target = list(t.shape)
        target[axis] = count
        v = _broadcast_values(v, target)
        positions = list(range(index)) + list(range(n, n + count)) + list(range(index, n))
    else:
        if ix.size == 0 and not isinstance(obj, (np.ndarray, ndarray)):
            ix = ix.astype(np.intp)
        if ix.dtype.kind not in "iu":
            raise IndexError("arrays used as indices must be of integer (or boolean) type")
        ix = ix.reshape(-1).astype(np.intp)
        bad = (ix < -n) | (ix > n)
        if bad.any():
            raise IndexError(f"index {ix[bad][0]} is out of bounds for axis {axis} with size {n}")
        ix = np.where(ix < 0, ix + n, ix)
        count = ix.size
        # final positions of the new entries (stable order, as NumPy's mergesort)
        order = np.argsort(ix, kind="stable")
        new_pos = ix.copy()
        new_pos[order] += np.arange(count)
        target = list(t.shape)
        target[axis] = count
        v = _broadcast_values(_values(values, dt, t), target)
        total = n + count
        src = np.empty(total, dtype=np.intp)
        is_new = np.zeros(total, dtype=bool)
        is_new[new_pos] = True
        src[new_pos] = n + np.arange(count)
        src[~is_new] = np.arange(n)
        positions = src
    return _in_order_of(a, _index_along(torch.cat([t, v], axis), axis, positions))


def _in_order_of(a, t):
    """``t`` as a new array, Fortran-ordered when ``a`` is (NumPy's insert and delete keep it)."""
    if t.dim() > 1 and a.ndim > 1 and a.flags.fnc:
        rev = tuple(range(t.dim() - 1, -1, -1))
        t = t.permute(rev).contiguous().permute(rev)
    return _wrap(t)


def _values(values, dt, t):
    if isinstance(values, (ndarray, torch.Tensor)):
        v = to_tensor(values)
    else:
        v = to_tensor(np.array(values, dtype=dt) if not isinstance(values, np.ndarray) else values)
    v = cast(v, t.dtype)
    return v.to(t.device) if v.device != t.device else v


def _broadcast_values(v, target):
    try:
        return torch.broadcast_to(v, target)
    except RuntimeError:
        raise ValueError(f"could not broadcast input array from shape {tuple(v.shape)} into shape "
                         f"{tuple(target)}") from None


# -- trim_zeros, copyto ---------------------------------------------------------

@numpy_fallback
def trim_zeros(filt, trim="fb", axis=None):
    """``filt`` without its leading ('f') and/or trailing ('b') zeros (a view)."""
    trim = trim.lower()
    if trim not in {"fb", "bf", "f", "b"}:
        raise ValueError(f"unexpected character(s) in `trim`: {trim!r}")
    src = _arr(filt)
    nd = src.ndim
    axes = tuple(range(nd)) if axis is None else normalize_axes(axis, nd, "axis")
    if not axes:
        return filt
    t = src._t
    if not _scalars.is_plain(t):
        raise data_dependent("trim_zeros", "slicing with known bounds")
    nz = torch.nonzero(t != 0)
    if nz.shape[0] == 0:
        start = stop = [0] * nd
    else:
        start = nz.min(0).values.tolist() if "f" in trim else [None] * nd
        stop = (nz.max(0).values + 1).tolist() if "b" in trim else [None] * nd
    sl = tuple(slice(start[ax], stop[ax]) if ax in axes else slice(None) for ax in range(nd))
    if nd == 1 and isinstance(filt, (list, tuple)):
        return filt[sl[0]]  # NumPy slices a 1-d list input as the list itself
    return _view(src, t[sl])


def copyto(dst, src, casting="same_kind", where=True):
    """Copy ``src`` into ``dst`` (broadcast), where ``where`` is True, under the casting rule."""
    if isinstance(dst, np.ndarray):
        # a real NumPy array (e.g. a fallback dtype): NumPy writes into it
        conv = (lambda x: np.asarray(x) if isinstance(x, ndarray) else x)
        np.copyto(dst, conv(src), casting=casting, where=conv(where))
        return None
    if not isinstance(dst, ndarray):
        raise TypeError(f"copyto() argument 1 must be a numpy.ndarray, not {type(dst).__name__}")
    dt = dst.dtype
    if type(src) in (int, float, complex, bool):
        # NEP 50: a Python scalar is weak, but must fit in dst's kind under the casting rule
        # NumPy's own rules for weak Python scalars (they are not the dtype rules), checked and
        # converted on a one-element host array: the scalar is host data already
        tmp = np.empty((), dtype=dt)
        np.copyto(tmp, src, casting=casting)
        v = to_tensor(tmp)
    else:
        v = to_tensor(src)
        sdt = TORCH_TO_NP[v.dtype]
        if not np.can_cast(sdt, dt, casting=casting):
            kind = "scalar" if isinstance(src, np.generic) else "array data"
            raise TypeError(f"Cannot cast {kind} from {sdt!r} to {dt!r} according to the rule "
                            f"'{casting}'")
    v = cast(v, dst._t.dtype)
    if v.device != dst._t.device:
        v = v.to(dst._t.device)
    shape = tuple(dst._t.shape)
    try:
        v = torch.broadcast_to(v, shape)
    except RuntimeError:
        raise ValueError(f"could not broadcast input array from shape {tuple(v.shape)} into shape "
                         f"{shape}") from None
    from ._write import write
    if where is True:
        write(dst, v)
        return None
    w = to_tensor(where)
    if w.dtype is not torch.bool:
        if not np.can_cast(TORCH_TO_NP[w.dtype], np.bool_, casting="safe"):
            raise TypeError(f"Cannot cast array data from {TORCH_TO_NP[w.dtype]!r} to dtype('bool') "
                            "according to the rule 'safe'")
    try:
        w = torch.broadcast_to(w, shape)
    except RuntimeError:
        raise ValueError(f"could not broadcast where mask from shape {tuple(w.shape)} into shape "
                         f"{shape}") from None
    write(dst, torch.where(w.to(v.device), v, dst._t))
    return None


# -- apply_along_axis, apply_over_axes -------------------------------------------------------

@numpy_fallback
def apply_along_axis(func1d, axis, arr, *args, **kwargs):
    """``func1d`` on every 1-d slice along ``axis``; results stacked where the axis was.

    Slices are views and results are joined with torch.stack, so this works under transforms.
    """
    a = _arr(arr)
    nd = a.ndim
    axis = normalize_axis(axis, nd)
    perm = [d for d in range(nd) if d != axis] + [axis]
    view = _view(a, a._t.permute(tuple(perm)))
    outer = view.shape[:-1]
    inds = list(np.ndindex(outer))
    if not inds:
        raise ValueError("Cannot apply_along_axis when any iteration dimensions are 0")
    results = []
    for ind in inds:
        results.append(_arr(func1d(view[ind + (Ellipsis,)], *args, **kwargs)))
    first = results[0]
    tdt = first._t.dtype
    try:
        stacked = torch.stack([cast(r._t, tdt) for r in results])
    except RuntimeError:
        raise ValueError(f"could not broadcast input array from shape {results[-1].shape} into shape "
                         f"{first.shape}") from None
    buff = stacked.reshape(tuple(outer) + first.shape)
    # the result's own axes go where ``axis`` was
    n_out = len(outer)
    order = list(range(axis)) + list(range(n_out, buff.dim())) + list(range(axis, n_out))
    return _wrap(buff.permute(tuple(order)))


@numpy_fallback
def apply_over_axes(func, a, axes):
    """``func(a, axis)`` repeatedly over ``axes``, keeping the number of dimensions."""
    val = _arr(a)
    n = val.ndim
    if np.ndim(axes) == 0:
        axes = (axes,)
    for axis in axes:
        if axis < 0:
            axis = n + axis
        res = _arr(func(val, axis))
        if res.ndim != val.ndim:
            from ._shape import expand_dims
            res = expand_dims(res, axis)
            if res.ndim != val.ndim:
                raise ValueError("function is not returning an array of the correct shape")
        val = res
    return val


# NumPy's C functions carry an explicit __signature__
copyto.__signature__ = inspect.signature(copyto)

NDARRAY_METHODS = {"resize": _resize_method, "repeat": _repeat_method}

from ._subclass import keeps_subclass  # noqa: E402
insert = keeps_subclass(insert)  # NumPy wraps the result with the input's __array_wrap__
delete = keeps_subclass(delete)
