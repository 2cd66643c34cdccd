"""Joining and splitting arrays: concatenate, stack, the *stack family, block, split, unstack.

Joining is one torch.cat over operands cast to NumPy's result dtype; splits are views.
"""
import operator
import warnings

import numpy as np
import torch

from ._axes import normalize_axis
from ._convert import cast
from ._dtypes import np_dtype, torch_dtype
from ._ndarray import ndarray, _wrap, _view
from ._shape import (numpy_fallback, _arr, atleast_1d, atleast_2d, atleast_3d, expand_dims,
                     moveaxis)

__all__ = ["concatenate", "concat", "stack", "vstack", "hstack", "dstack", "column_stack",
           "row_stack", "block", "split", "array_split", "hsplit", "vsplit", "dsplit", "unstack"]


def _sequence(arrays, what):
    if isinstance(arrays, ndarray):
        return [_view(arrays, t) for t in arrays._t.unbind(0)] if arrays.ndim else None
    if isinstance(arrays, np.ndarray):
        return list(arrays) if arrays.ndim else None
    if not isinstance(arrays, (list, tuple)):
        if hasattr(arrays, "__iter__") and not isinstance(arrays, (str, bytes)):
            raise TypeError('arrays to stack must be passed as a "sequence" type such as list or tuple.')
        return None
    return list(arrays)


def _check_casting(dtypes, target, casting):
    for d in dtypes:
        if not np.can_cast(d, target, casting=casting):
            raise TypeError(f"Cannot cast array data from {d!r} to {target!r} according to the rule "
                            f"'{casting}'")


def _join(arrs, axis, out, dtype, casting, what="concatenate", weak=None):
    """torch.cat of ndarrays ``arrs`` along ``axis`` with NumPy's dtype, casting and out= rules.

    ``weak``: the Python int/float/complex each operand came from (None for arrays): NEP 50
    weak scalars, which take part in the result dtype as values and skip the casting check.
    ``out`` may be a real NumPy array (NumPy's dispatch); ``_write.write`` copies into it.
    """
    if out is not None and dtype is not None:
        raise TypeError(f"{what}() only takes `out` or `dtype` as an argument, but both were provided.")
    if weak is None:
        weak = (None,) * len(arrs)
    dtypes = [a.dtype for a, w in zip(arrs, weak) if w is None]
    from ._write import out_dtype
    if out is not None:
        if not isinstance(out, (ndarray, np.ndarray)):
            raise TypeError("out must be an ndarray")
        target = out.dtype
    elif dtype is not None:
        target = np_dtype(dtype)
    else:
        target = np.result_type(*[a.dtype if w is None else w for a, w in zip(arrs, weak)])
    _check_casting(dtypes, target, casting)
    tdt = torch_dtype(target) if out is None else out_dtype(out)
    if tdt is None:  # a NumPy-only out dtype (S4 ...): join in NumPy's result dtype, NumPy casts on write
        tdt = torch_dtype(np.result_type(*[a.dtype if w is None else w for a, w in zip(arrs, weak)]))
    ts = [cast(a._t, tdt) for a in arrs]
    devices = {t.device for t in ts}
    if len(devices) > 1:
        from ._errors import DeviceMismatchError
        raise DeviceMismatchError(f"cannot join arrays on different devices: {sorted(map(str, devices))}")
    res = torch.cat(ts, axis)
    if out is None:
        return _wrap(res)
    if out.ndim != res.dim():
        raise ValueError("Output array has wrong dimensionality")
    if tuple(out.shape) != tuple(res.shape):
        raise ValueError("Output array is the wrong shape")
    from ._write import write
    write(out, res)
    return out


def _check_shapes(arrs, axis):
    nd = arrs[0].ndim
    first = arrs[0].shape
    for i, a in enumerate(arrs[1:], 1):
        if a.ndim != nd:
            raise ValueError(
                "all the input arrays must have same number of dimensions, but the array at index 0 "
                f"has {nd} dimension(s) and the array at index {i} has {a.ndim} dimension(s)")
        for d in range(nd):
            if d != axis and a.shape[d] != first[d]:
                raise ValueError(
                    "all the input array dimensions except for the concatenation axis must match "
                    f"exactly, but along dimension {d}, the array at index 0 has size {first[d]} "
                    f"and the array at index {i} has size {a.shape[d]}")


def _fast_concatenate(arrays, axis):
    """ndarrays of one dtype and rank: straight to torch.cat (None: take the full path)."""
    if not arrays or type(arrays[0]) is not ndarray:
        return None
    t0 = arrays[0]._t
    dt, nd = t0.dtype, t0.dim()
    if not -nd <= axis < nd:
        return None
    ts = []
    for x in arrays:
        if type(x) is not ndarray or x._t.dtype is not dt or x._t.dim() != nd:
            return None
        ts.append(x._t)
    try:
        return _wrap(torch.cat(ts, axis))
    except RuntimeError:
        return None  # shape or device mismatch: the full path raises NumPy's error


@numpy_fallback
def concatenate(arrays, /, axis=0, out=None, *, dtype=None, casting="same_kind"):
    """Join arrays along an existing axis (``axis=None``: flattened first)."""
    if out is None and dtype is None and type(arrays) in (list, tuple) and type(axis) is int:
        res = _fast_concatenate(arrays, axis)
        if res is not None:
            return res
    seq = _sequence(arrays, "concatenate")
    if seq is None:
        raise ValueError("zero-dimensional arrays cannot be concatenated") if isinstance(
            arrays, (ndarray, np.ndarray)) else TypeError(
            "The first input argument needs to be a sequence")
    if not seq:
        raise ValueError("need at least one array to concatenate")
    arrs = [_arr(a) for a in seq]
    if axis is None:
        arrs = [_view(a, a._t.reshape(-1)) if a._t.is_contiguous() else _wrap(a._t.reshape(-1)) for a in arrs]
        axis = 0
    else:
        if any(a.ndim == 0 for a in arrs):
            raise ValueError("zero-dimensional arrays cannot be concatenated")
        axis = normalize_axis(axis, arrs[0].ndim)
    _check_shapes(arrs, axis)
    weak = [a if type(a) in (int, float, complex) else None for a in seq]  # NEP 50 weak scalars
    return _join(arrs, axis, out, dtype, casting, weak=weak if any(w is not None for w in weak) else None)


@numpy_fallback
def concat(arrays, /, axis=0, out=None, *, dtype=None, casting="same_kind"):
    """Array API name of concatenate."""
    return concatenate(arrays, axis, out, dtype=dtype, casting=casting)


@numpy_fallback
def stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    """Join arrays of one shape along a new axis."""
    if out is None and dtype is None and type(arrays) in (list, tuple) and arrays and type(axis) is int \
            and type(arrays[0]) is ndarray:
        t0 = arrays[0]._t
        if -t0.dim() - 1 <= axis <= t0.dim() and all(
                type(x) is ndarray and x._t.dtype is t0.dtype and x._t.shape == t0.shape for x in arrays):
            try:
                return _wrap(torch.stack([x._t for x in arrays], axis))
            except RuntimeError:
                pass  # devices differ: the full path says so
    seq = _sequence(arrays, "stack")
    if seq is None:
        raise TypeError('arrays to stack must be passed as a "sequence" type such as list or tuple.')
    if not seq:
        raise ValueError("need at least one array to stack")
    arrs = [_arr(a) for a in seq]
    shapes = {a.shape for a in arrs}
    if len(shapes) != 1:
        raise ValueError("all input arrays must have the same shape")
    axis = normalize_axis(axis, arrs[0].ndim + 1)
    arrs = [expand_dims(a, axis) for a in arrs]
    return _join(arrs, axis, out, dtype, casting, "stack")


def _as_list(tup, at_least):
    seq = _sequence(tup, "stack")
    if seq is None:
        raise TypeError('arrays to stack must be passed as a "sequence" type such as list or tuple.')
    arrs = at_least(*seq) if seq else ()
    return [arrs] if isinstance(arrs, ndarray) else list(arrs)


@numpy_fallback
def vstack(tup, *, dtype=None, casting="same_kind"):
    """Stack arrays vertically (rows: first axis, 1-d arrays as rows)."""
    return concatenate(_as_list(tup, atleast_2d), 0, dtype=dtype, casting=casting)


@numpy_fallback
def row_stack(tup, *, dtype=None, casting="same_kind"):
    """Deprecated alias of vstack (NumPy 2 warns)."""
    warnings.warn("`row_stack` alias is deprecated. Use `np.vstack` directly.", DeprecationWarning,
                  stacklevel=2)
    return vstack(tup, dtype=dtype, casting=casting)


@numpy_fallback
def hstack(tup, *, dtype=None, casting="same_kind"):
    """Stack arrays horizontally (along the second axis, the first for 1-d arrays)."""
    arrs = _as_list(tup, atleast_1d)
    axis = 0 if arrs and arrs[0].ndim == 1 else 1
    return concatenate(arrs, axis, dtype=dtype, casting=casting)


@numpy_fallback
def dstack(tup):
    """Stack arrays along the third axis."""
    return concatenate(_as_list(tup, atleast_3d), 2)


@numpy_fallback
def column_stack(tup):
    """Stack 1-d arrays as columns of a 2-d array (2-d arrays as they are)."""
    seq = _sequence(tup, "stack")
    if seq is None:
        raise TypeError('arrays to stack must be passed as a "sequence" type such as list or tuple.')
    arrs = []
    for x in seq:
        a = _arr(x)
        if a.ndim < 2:
            a = _view(a, a._t.reshape(1, -1).T) if a.ndim == 1 else _view(a, a._t.reshape(1, 1))
        arrs.append(a)
    return concatenate(arrs, 1)


# -- block --------------------------------------------------------------------

def _block_depths(arrays):
    """(list depth, max leaf ndim), checking NumPy's rules on nesting in traversal order."""
    first = []
    max_nd = [0]

    def walk(x, index):
        if type(x) is tuple:
            raise TypeError(
                f"{_index_str(index)} is a tuple. Only lists can be used to arrange blocks, and "
                "np.block does not allow implicit conversion from tuple to ndarray.")
        if type(x) is list:
            if not x:
                raise ValueError(f"List at {_index_str(index)} cannot be empty")
            for i, y in enumerate(x):
                walk(y, index + (i,))
            return
        if not first:
            first.append(len(index))
        elif len(index) != first[0]:
            raise ValueError(
                f"List depths are mismatched. First element was at depth {first[0]}, but there is "
                f"an element at depth {len(index)} ({_index_str(index)})")
        max_nd[0] = max(max_nd[0], _arr(x).ndim)

    walk(arrays, ())
    return first[0], max_nd[0], None


def _index_str(index):
    return "arrays" + "".join(f"[{i}]" for i in index)


def _block(arrays, depth, result_ndim):
    if depth == 0:
        a = _arr(arrays)
        if a.ndim < result_ndim:
            a = _view(a, a._t.reshape((1,) * (result_ndim - a.ndim) + a.shape))
        return a
    parts = [_block(x, depth - 1, result_ndim) for x in arrays]
    if len(parts) == 1:
        return parts[0]
    return concatenate(parts, axis=-depth)


@numpy_fallback
def block(arrays):
    """Assemble an array from nested lists of blocks (innermost lists join along the last axis)."""
    depth, max_nd, _ = _block_depths(arrays)
    result_ndim = max(depth, max_nd)
    res = _block(arrays, depth, result_ndim)
    leaves = _leaves(arrays)
    if res.ndim > 1 and all(isinstance(x, ndarray) and x.ndim > 1 and x.flags.fnc for x in leaves):
        # NumPy gives Fortran-ordered blocks a Fortran-ordered result
        rev = tuple(range(res.ndim - 1, -1, -1))
        return _wrap(res._t.permute(rev).contiguous().permute(rev))
    # block always returns a new array, even for a single block
    return _wrap(res._t.clone()) if res.base is not None or depth == 0 or not _is_fresh(res, arrays) else res


def _is_fresh(res, arrays):
    return all(res is not leaf for leaf in _leaves(arrays))


def _leaves(x):
    if type(x) is list:
        return [leaf for y in x for leaf in _leaves(y)]
    return [x]


# -- splitting ----------------------------------------------------------------

def _take_slice(a, axis, start, stop):
    idx = (slice(None),) * axis + (slice(start, stop),)
    return _view(a, a._t[idx])


@numpy_fallback
def array_split(ary, indices_or_sections, axis=0):
    """Split into sub-arrays (views); sections need not divide the axis equally."""
    a = _arr(ary)
    try:
        n = a.shape[axis]
    except IndexError:
        raise IndexError("tuple index out of range") from None
    axis = axis % a.ndim
    try:
        len(indices_or_sections)
    except TypeError:
        sections = operator.index(indices_or_sections) if not isinstance(
            indices_or_sections, float) else int(indices_or_sections)
        if sections <= 0:
            raise ValueError("number sections must be larger than 0.") from None
        each, extra = divmod(n, sections)
        sizes = [each + 1] * extra + [each] * (sections - extra)
        points = [0]
        for s in sizes:
            points.append(points[-1] + s)
    else:
        points = [0] + [operator.index(i) for i in _host_indices(indices_or_sections)] + [n]
    return [_take_slice(a, axis, points[i], points[i + 1]) for i in range(len(points) - 1)]


def _host_indices(ix):
    if isinstance(ix, ndarray):
        from ._scalars import plain
        return plain(ix._t).tolist()
    if isinstance(ix, np.ndarray):
        return ix.tolist()
    return list(ix)


@numpy_fallback
def split(ary, indices_or_sections, axis=0):
    """Split into equal sections (views), or at the given indices."""
    try:
        len(indices_or_sections)
    except TypeError:
        a = _arr(ary)
        try:
            n = a.shape[axis]
        except IndexError:
            raise IndexError("tuple index out of range") from None
        sections = indices_or_sections
        if n % sections:
            raise ValueError("array split does not result in an equal division") from None
        return array_split(a, sections, axis)
    return array_split(ary, indices_or_sections, axis)


@numpy_fallback
def hsplit(ary, indices_or_sections):
    """Split along the second axis (the first for 1-d arrays)."""
    a = _arr(ary)
    if a.ndim == 0:
        raise ValueError("hsplit only works on arrays of 1 or more dimensions")
    return split(a, indices_or_sections, 1 if a.ndim > 1 else 0)


@numpy_fallback
def vsplit(ary, indices_or_sections):
    """Split along the first axis (arrays of 2 or more dimensions)."""
    a = _arr(ary)
    if a.ndim < 2:
        raise ValueError("vsplit only works on arrays of 2 or more dimensions")
    return split(a, indices_or_sections, 0)


@numpy_fallback
def dsplit(ary, indices_or_sections):
    """Split along the third axis (arrays of 3 or more dimensions)."""
    a = _arr(ary)
    if a.ndim < 3:
        raise ValueError("dsplit only works on arrays of 3 or more dimensions")
    return split(a, indices_or_sections, 2)


@numpy_fallback
def unstack(x, /, *, axis=0):
    """The slices of ``x`` along ``axis``, as a tuple of views."""
    a = _arr(x)
    if a.ndim == 0:
        raise ValueError("Input array must be at least 1-d.")
    m = moveaxis(a, axis, 0)
    return tuple(_view(a, t) for t in m._t.unbind(0))
