"""Axis arguments, normalized with NumPy's errors."""
import operator

from numpy.exceptions import AxisError


def normalize_axis(axis, ndim, argname=None):
    try:
        axis = operator.index(axis)
    except TypeError:
        raise TypeError(f"'{type(axis).__name__}' object cannot be interpreted as an integer") from None
    if not -ndim <= axis < ndim:
        raise AxisError(axis, ndim, argname)
    return axis % ndim if ndim else 0


def normalize_axes(axis, ndim, argname=None, allow_duplicate=False):
    """``axis`` (None, int or sequence) as a sorted tuple of non-negative ints."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, (tuple, list)):
        axes = tuple(normalize_axis(a, ndim, argname) for a in axis)
        if not allow_duplicate and len(set(axes)) != len(axes):
            raise ValueError("duplicate value in 'axis'")
        return axes
    return (normalize_axis(axis, ndim, argname),)
