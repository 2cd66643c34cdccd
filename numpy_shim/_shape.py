"""Shape changes that NumPy gives as views: reshape, ravel, transpose, squeeze, expand_dims, swapaxes."""
import operator

import numpy as np
import torch

from ._axes import normalize_axis, normalize_axes
from ._convert import to_tensor, asarray
from ._ndarray import ndarray, _wrap, _view


def _arr(a):
    return a if isinstance(a, ndarray) else asarray(a)


def _new_shape(shape, size):
    if isinstance(shape, (tuple, list)):
        shp = [operator.index(s) for s in shape]
    else:
        shp = [operator.index(shape)]
    if shp.count(-1) > 1:
        raise ValueError("can only specify one unknown dimension")
    if any(s < -1 for s in shp):
        raise ValueError("negative dimensions not allowed")
    known = 1
    for s in shp:
        if s != -1:
            known *= s
    if -1 in shp:
        if known == 0 or size % known:
            raise ValueError(f"cannot reshape array of size {size} into shape {_fmt(shp)}")
        shp[shp.index(-1)] = size // known
    elif known != size:
        raise ValueError(f"cannot reshape array of size {size} into shape {_fmt(shp)}")
    return tuple(shp)


def _fmt(shp):
    return "(" + ", ".join("-1" if s == -1 else str(s) for s in shp) + ("," if len(shp) == 1 else "") + ")"


def reshape(a, /, shape=None, order="C", *, newshape=None, copy=None):
    """Give a new shape without changing data (a view when NumPy's would be)."""
    if newshape is not None:
        if shape is not None:
            raise TypeError("You cannot specify 'newshape' and 'shape' arguments at the same time.")
        shape = newshape
    if shape is None:
        raise TypeError("reshape() missing 1 required positional argument: 'shape'")
    a = _arr(a)
    t = a._t
    shp = _new_shape(shape, t.numel())
    if order == "F":
        rev = t.permute(*range(t.dim() - 1, -1, -1))
        r = rev.reshape(shp[::-1]).permute(*range(len(shp) - 1, -1, -1))
        return _view(a, r) if _same_storage(r, t) else _wrap(r)
    if order not in ("C", "A", "K", None):
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got '{order}')")
    if copy:
        return _wrap(t.reshape(shp).clone())
    try:
        r = t.view(shp)
    except RuntimeError:
        if copy is False:
            raise ValueError("Unable to avoid creating a copy while reshaping.") from None
        return _wrap(t.reshape(shp))
    return _view(a, r)


def _same_storage(r, t):
    try:
        return r.untyped_storage().data_ptr() == t.untyped_storage().data_ptr()
    except (RuntimeError, NotImplementedError):
        return False


def _reshape_view_inplace(a, value):
    shp = _new_shape(value, a._t.numel())
    try:
        a._t = a._t.view(shp)
    except RuntimeError:
        raise AttributeError("Incompatible shape for in-place modification. Use `.reshape()` to make "
                             "a copy with the desired shape.") from None


def ravel(a, order="C"):
    """A flattened array (a view when the data is contiguous)."""
    a = _arr(a)
    return reshape(a, -1, order="F" if order == "F" else "C")


def transpose(a, axes=None):
    """Permute the dimensions (a view)."""
    a = _arr(a)
    t = a._t
    if axes is None:
        perm = tuple(range(t.dim() - 1, -1, -1))
    else:
        perm = normalize_axes(axes, t.dim(), allow_duplicate=True)
        if len(perm) != t.dim():
            raise ValueError("axes don't match array")
        if len(set(perm)) != len(perm):
            raise ValueError("repeated axis in transpose")
    return _view(a, t.permute(*perm))


def permute_dims(a, axes=None):
    return transpose(a, axes)


def swapaxes(a, axis1, axis2):
    """Interchange two axes (a view)."""
    a = _arr(a)
    n = a._t.dim()
    return _view(a, a._t.transpose(normalize_axis(axis1, n), normalize_axis(axis2, n)))


def squeeze(a, axis=None):
    """Remove axes of length one (a view)."""
    a = _arr(a)
    t = a._t
    if axis is None:
        return _view(a, t.squeeze())
    axes = normalize_axes(axis, t.dim())
    for ax in axes:
        if t.shape[ax] != 1:
            raise ValueError("cannot select an axis to squeeze out which has size not equal to one")
    return _view(a, t.squeeze(axes) if axes else t)


def expand_dims(a, axis):
    """Insert length-one axes (a view)."""
    a = _arr(a)
    t = a._t
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    nd = t.dim() + len(axes)
    norm = sorted(normalize_axes(tuple(axes), nd))
    shape = list(t.shape)
    for ax in norm:
        shape.insert(ax, 1)
    return _view(a, t.view(shape) if t.is_contiguous() else t.reshape(shape))


def moveaxis(a, source, destination):
    """Move axes to new positions (a view)."""
    a = _arr(a)
    n = a._t.dim()
    src = normalize_axes(source, n)
    dst = normalize_axes(destination, n, "destination")
    if len(src) != len(dst):
        raise ValueError("`source` and `destination` arguments must have the same number of elements")
    return _view(a, torch.movedim(a._t, src, dst))
