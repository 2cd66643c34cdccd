"""numpy_shim.lib.stride_tricks: views with chosen shapes and strides.

``as_strided`` is ``torch.as_strided`` on the array's tensor, NumPy's byte strides
divided by the item size (a view of the same memory, as in NumPy). Strides torch cannot
express (negative, or not a multiple of the item size) give NumPy's result as a copy.
``sliding_window_view`` is ``Tensor.unfold`` per windowed axis: a view with NumPy's
shape and strides that also works under grad and vmap.
"""
import numpy as np

from .._ndarray import ndarray, _view, _wrap
from .._shape import broadcast_to, broadcast_arrays, broadcast_shapes  # noqa: F401

__all__ = ["as_strided", "sliding_window_view", "broadcast_to", "broadcast_arrays",
           "broadcast_shapes"]


def _readonly(a):
    a._flags = dict(getattr(a, "_flags", None) or {}, writeable=False)
    return a


def _as_shim(x, subok):
    """``x`` as a shim array; a subclass instance stays one only with ``subok``."""
    from .._convert import array, asarray
    from .._flipview import FlipView
    if isinstance(x, ndarray):
        if subok or type(x) is ndarray or type(x) is FlipView:
            return x
        return asarray(x)  # a base-class view of the subclass's memory
    return array(x, copy=None, subok=subok)


def as_strided(x, shape=None, strides=None, subok=False, writeable=True):
    """A view of ``x``'s memory with the given shape and byte strides (use with care)."""
    x = _as_shim(x, subok)
    t = x._t
    shape = tuple(x.shape if shape is None else shape)
    strides = tuple(x.strides if strides is None else strides)
    if len(shape) != len(strides):
        raise ValueError("mismatch in length of strides and shape")
    es = t.element_size()
    if any(s < 0 or s % es for s in strides):
        # torch has no negative or unaligned strides: NumPy's view of a host copy
        res = np.lib.stride_tricks.as_strided(x.__array__(), shape, strides,
                                              writeable=writeable)
        return _wrap(_to_tensor(res))
    try:
        v = t.as_strided(shape, tuple(s // es for s in strides), t.storage_offset())
    except RuntimeError as e:
        # NumPy would read past the buffer (undefined memory); torch checks the bounds
        raise ValueError(f"as_strided: shape {shape} with strides {strides} reaches outside "
                         f"the array's memory ({t.untyped_storage().nbytes()} bytes); "
                         f"torch cannot view memory it does not own ({e})") from None
    res = _view(x, v)
    return res if writeable else _readonly(res)


def _to_tensor(a):
    from .._convert import to_tensor
    return to_tensor(np.ascontiguousarray(a))


def sliding_window_view(x, window_shape, axis=None, *, subok=False, writeable=False):
    """Sliding windows of ``window_shape`` over ``x`` along ``axis`` (a read-only view)."""
    window_shape = tuple(window_shape) if np.iterable(window_shape) else (window_shape,)
    x = _as_shim(x, subok)
    if any(int(w) < 0 for w in window_shape):
        raise ValueError("`window_shape` cannot contain negative values")
    if axis is None:
        axis = tuple(range(x.ndim))
        if len(window_shape) != len(axis):
            raise ValueError(f"Since axis is `None`, must provide window_shape for all "
                             f"dimensions of `x`; got {len(window_shape)} window_shape "
                             f"elements and `x.ndim` is {x.ndim}.")
    else:
        axis = np.lib.array_utils.normalize_axis_tuple(axis, x.ndim, allow_duplicate=True)
        if len(window_shape) != len(axis):
            raise ValueError(f"Must provide matching length window_shape and axis; got "
                             f"{len(window_shape)} window_shape elements and {len(axis)} "
                             f"axes elements.")
    t = x._t
    trimmed = list(x.shape)
    for ax, dim in zip(axis, window_shape):
        if trimmed[ax] < dim:
            raise ValueError("window shape cannot be larger than input array shape")
        trimmed[ax] -= dim - 1
    for ax, dim in zip(axis, window_shape):
        t = t.unfold(ax, int(dim), 1)  # the window dimension goes last, in axis order
    res = _view(x, t)
    return res if writeable else _readonly(res)
