"""Shape changes that NumPy gives as views: reshape, ravel, transpose, squeeze, expand_dims,
swapaxes, moveaxis, rollaxis, atleast_Nd and broadcasting (broadcast_to, broadcast_arrays).

A result is a view (``_view``) exactly when NumPy's is, so writes through it reach the base.
"""
import functools
import inspect
import operator

import numpy as np
import torch
from numpy.exceptions import AxisError

from ._axes import normalize_axis, normalize_axes
from ._convert import asarray
from ._dtypes import UnsupportedDTypeError
from ._ndarray import ndarray, _wrap, _view
from ._flipview import flip_aware


class NeedsNumpyArray(TypeError):
    """An argument is a real NumPy array of a dtype torch cannot hold (str, object, ...)."""


def numpy_fallback(fn):
    """Run NumPy's own function when an input holds a dtype torch lacks (str, object, ...)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (NeedsNumpyArray, UnsupportedDTypeError):
            from ._fallback import wrap_numpy_function
            return wrap_numpy_function(fn.__name__, getattr(np, fn.__name__))(*args, **kwargs)
    return wrapper


def _arr(a):
    if isinstance(a, ndarray):
        return a
    if isinstance(a, np.ma.MaskedArray):
        raise NeedsNumpyArray(a)  # numpy.ma's own functions keep the mask
    res = asarray(a)
    if not isinstance(res, ndarray):
        # asarray keeps str/object/datetime data as a real NumPy array (see _fallback.py)
        raise NeedsNumpyArray(res)
    return res


def _new_shape(shape, size):
    if isinstance(shape, (tuple, list)):
        if bool in map(type, shape):
            raise TypeError("an integer is required")  # NumPy refuses True/False as a dimension
        shp = [operator.index(s) for s in shape]
    else:
        if type(shape) is bool:
            raise TypeError(f"expected a sequence of integers or a single integer, got '{shape}'")
        shp = [operator.index(shape)]
    # NumPy reads any negative entry as the one unknown dimension
    unknown = [i for i, s in enumerate(shp) if s < 0]
    if len(unknown) > 1:
        raise ValueError("can only specify one unknown dimension")
    shp = [-1 if s < 0 else s for s in shp]
    known = 1
    for s in shp:
        if s != -1:
            known *= s
    if unknown:
        if known == 0 or size % known:
            raise ValueError(f"cannot reshape array of size {size} into shape {_fmt(shp)}")
        shp[shp.index(-1)] = size // known
    elif known != size:
        raise ValueError(f"cannot reshape array of size {size} into shape {_fmt(shp)}")
    return tuple(shp)


def _fmt(shp):
    return "(" + ", ".join("newaxis" if s == -1 else str(s) for s in shp) + ("," if len(shp) == 1 else "") + ")"


def _reverse(t):
    return t.permute(tuple(range(t.dim() - 1, -1, -1)))


@flip_aware(np.reshape)
def reshape(a, /, shape, order="C", *, copy=None):
    """Give a new shape without changing data (a view when NumPy's would be)."""
    if type(a) is ndarray and order == "C" and copy is None and type(shape) is not bool and \
            (type(shape) is not tuple or not (1 in shape or 0 in shape) or bool not in map(type, shape)):
        # fast path: torch's view succeeds exactly where NumPy gives a view; anything it
        # refuses (copies, bad shapes) takes the full path below for NumPy's errors
        try:
            return _view(a, a._t.view(shape))
        except (RuntimeError, TypeError):
            pass
    a = _arr(a)
    t = a._t
    shp = _new_shape(shape, t.numel())
    if order is not None:
        from ._convert import check_order
        order = check_order(order)  # NumPy takes lower case too
    if order == "K":
        raise ValueError("order 'K' is not permitted for reshaping")
    if order == "A":
        # NumPy's 'A': Fortran order when the array is Fortran- and not C-contiguous
        order = "F" if a.flags.fnc else "C"
    if order == "F":
        # Fortran order is C order on the reversed axes of input and output
        src = _reverse(t)
        if copy:
            return _wrap(_reverse(src.reshape(shp[::-1]).clone()))
        try:
            return _view(a, _reverse(src.view(shp[::-1])))
        except RuntimeError:
            if copy is False:
                raise ValueError("Unable to avoid creating a copy while reshaping.") from None
            return _wrap(_reverse(src.reshape(shp[::-1]).contiguous()))
    if copy:
        return _wrap(t.reshape(shp).clone())
    try:
        r = t.view(shp)
    except RuntimeError:
        if copy is False:
            raise ValueError("Unable to avoid creating a copy while reshaping.") from None
        return _wrap(t.reshape(shp).contiguous())
    return _view(a, r)


def _reshape_view_inplace(a, value):
    shp = _new_shape(value, a._t.numel())
    try:
        a._t = a._t.view(shp)
    except RuntimeError:
        raise AttributeError("Incompatible shape for in-place modification. Use `.reshape()` to make "
                             "a copy with the desired shape.") from None


@flip_aware(np.ravel)
def ravel(a, order="C"):
    """A contiguous flattened array (a view when the data already is one, else a copy)."""
    a = _arr(a)
    t = a._t
    from ._convert import check_order
    order = "C" if order is None else check_order(order)  # NumPy takes lower case too
    if order == "K":
        # memory order: undo the permutation that sorts the strides, then flatten
        perm = sorted(range(t.dim()), key=lambda d: (-abs(t.stride(d)), d))
        if perm != list(range(t.dim())):
            a = _view(a, t.permute(tuple(perm)))
        order = "C"
    r = reshape(a, -1, order="F" if order == "F" else "A" if order == "A" else "C")
    if not r._t.is_contiguous():
        # NumPy's ravel result is always contiguous (reshape may give a strided view)
        return _wrap(r._t.contiguous())
    return r


@flip_aware(np.transpose)
def transpose(a, axes=None):
    """Permute the dimensions (a view)."""
    a = _arr(a)
    t = a._t
    if axes is None:
        perm = tuple(range(t.dim() - 1, -1, -1))
    else:
        if not isinstance(axes, (tuple, list)):
            axes = (axes,) if not hasattr(axes, "__len__") else tuple(axes)
        if len(axes) != t.dim():
            raise ValueError("axes don't match array")
        perm = normalize_axes(tuple(axes), t.dim(), allow_duplicate=True)
        if len(set(perm)) != len(perm):
            raise ValueError("repeated axis in transpose")
    return _view(a, t.permute(tuple(perm)))


def permute_dims(a, axes=None):
    return transpose(a, axes)


@numpy_fallback
def matrix_transpose(x):
    """Swap the last two axes (a view)."""
    x = _arr(x)
    if x.ndim < 2:
        raise ValueError(f"Input array must be at least 2-dimensional, but it is {x.ndim}")
    return _view(x, x._t.transpose(-1, -2))


@flip_aware(np.swapaxes)
def swapaxes(a, axis1, axis2):
    """Interchange two axes (a view)."""
    a = _arr(a)
    n = a._t.dim()
    return _view(a, a._t.transpose(normalize_axis(axis1, n, "axis1"), normalize_axis(axis2, n, "axis2")))


@flip_aware(np.squeeze)
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


@flip_aware(np.expand_dims)
def expand_dims(a, axis):
    """Insert length-one axes (a view)."""
    a = _arr(a)
    t = a._t
    axes = tuple(axis) if isinstance(axis, (tuple, list)) else (axis,)
    nd = t.dim() + len(axes)
    norm = normalize_axes(axes, nd, allow_duplicate=True)
    if len(set(norm)) != len(norm):
        raise ValueError("repeated axis")
    for ax in sorted(norm):
        t = t.unsqueeze(ax)
    return _view(a, t)


def _axes_arg(axes, n, argname):
    try:
        seq = (operator.index(axes),)
    except TypeError:
        seq = tuple(axes)
    norm = tuple(normalize_axis(x, n, argname) for x in seq)
    if len(set(norm)) != len(norm):
        raise ValueError(f"repeated axis in `{argname}` argument")
    return norm


@flip_aware(np.moveaxis)
def moveaxis(a, source, destination):
    """Move axes to new positions (a view)."""
    a = _arr(a)
    n = a._t.dim()
    src = _axes_arg(source, n, "source")
    dst = _axes_arg(destination, n, "destination")
    if len(src) != len(dst):
        raise ValueError("`source` and `destination` arguments must have the same number of elements")
    return _view(a, torch.movedim(a._t, src, dst))


@flip_aware(np.rollaxis)
@numpy_fallback
def rollaxis(a, axis, start=0):
    """Roll ``axis`` back until it lies before ``start`` (a view)."""
    a = _arr(a)
    n = a.ndim
    axis = normalize_axis(axis, n)
    start = operator.index(start)
    if start < 0:
        start += n
    if not 0 <= start < n + 1:
        raise AxisError(f"'start' arg requires {-n} <= start < {n + 1}, but {start} was passed in")
    if axis < start:
        start -= 1
    perm = list(range(n))
    perm.remove(axis)
    perm.insert(start, axis)
    return _view(a, a._t.permute(tuple(perm)))


def _atleast(arys, nd):
    res = []
    for x in arys:
        a = _arr(x)
        t = a._t
        if t.dim() >= nd:
            res.append(a)
            continue
        if nd == 1 or t.dim() == 0:
            shape = (1,) * (nd - t.dim()) + tuple(t.shape)
        elif nd == 2:
            shape = (1,) + tuple(t.shape)
        else:  # NumPy's atleast_3d: (N,) -> (1, N, 1), (M, N) -> (M, N, 1)
            shape = (1, t.shape[0], 1) if t.dim() == 1 else tuple(t.shape) + (1,)
        res.append(_view(a, t.reshape(shape)))
    return res[0] if len(res) == 1 else tuple(res)


@numpy_fallback
def atleast_1d(*arys):
    """Inputs as arrays with at least one dimension (views)."""
    return _atleast(arys, 1)


@numpy_fallback
def atleast_2d(*arys):
    """Inputs as arrays with at least two dimensions (views)."""
    return _atleast(arys, 2)


@numpy_fallback
def atleast_3d(*arys):
    """Inputs as arrays with at least three dimensions (views)."""
    return _atleast(arys, 3)


# -- broadcasting -------------------------------------------------------------

def _shape_arg(shape):
    if isinstance(shape, (tuple, list)):
        return tuple(operator.index(s) for s in shape)
    if hasattr(shape, "__iter__"):
        return tuple(operator.index(s) for s in shape)
    return (operator.index(shape),)


def broadcast_shapes(*args):
    """The shape that arrays of the given shapes broadcast to."""
    shapes = [_shape_arg(s) for s in args]
    return _broadcast_shape(shapes)


def _broadcast_shape(shapes):
    nd = max((len(s) for s in shapes), default=0)
    out = [1] * nd
    owner = [None] * nd
    for i, s in enumerate(shapes):
        for k, d in enumerate(s):
            pos = nd - len(s) + k
            if d == 1:
                continue
            if out[pos] == 1:
                out[pos] = d
                owner[pos] = i
            elif out[pos] != d:
                j = owner[pos]
                raise ValueError(
                    "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is "
                    f"between arg {j} with shape {shapes[j]} and arg {i} with shape {s}.")
    return tuple(out)


def _read_only(res):
    res._flags = {"writeable": False}
    return res


@numpy_fallback
def broadcast_to(array, shape, subok=False):
    """A read-only view of ``array`` broadcast to ``shape``."""
    a = _arr(array)
    shape = _shape_arg(shape)
    if not shape and a.ndim:
        raise ValueError("cannot broadcast a non-scalar to a scalar array")
    if any(s < 0 for s in shape):
        raise ValueError("all elements of broadcast shape must be non-negative")
    t = a._t
    ok = len(shape) >= t.dim() and all(
        d == 1 or d == s for d, s in zip(t.shape, shape[len(shape) - t.dim():]))
    if not ok:
        raise ValueError(
            "operands could not be broadcast together with remapped shapes [original->remapped]: "
            f"{_cshape(t.shape)}  and requested shape {_cshape(shape)}")
    return _read_only(_view(a, t.expand(shape)))


def _cshape(s):
    return "(" + ",".join(str(d) for d in s) + ("," if len(s) == 1 else "") + ")"


@numpy_fallback
def broadcast_arrays(*args, subok=False):
    """Views of the arrays broadcast to one shape (an input already of that shape is returned)."""
    arrs = [_arr(x) for x in args]
    shape = _broadcast_shape([x.shape for x in arrs])
    # NumPy's broadcast results are writeable (with a warning on write); torch cannot write
    # through an expanded tensor, so they are read-only here.
    return tuple(x if x.shape == shape else _read_only(_view(x, x._t.expand(shape))) for x in arrs)


class broadcast:
    """NumPy's broadcast object: the broadcast shape of its inputs, and iteration over them."""

    def __init__(self, *arrays, **kwargs):
        if kwargs:
            raise ValueError("broadcast() does not take keyword arguments")
        if len(arrays) > 64:
            raise ValueError(f"Need at least 0 and at most 64 array objects.")
        arrs = []
        for x in arrays:
            if isinstance(x, broadcast):
                arrs.extend(x._arrays)
            else:
                arrs.append(_arr(x))
        self._arrays = arrs
        self.shape = _broadcast_shape([x.shape for x in arrs])
        self.index = 0

    @property
    def nd(self):
        return len(self.shape)

    ndim = nd

    @property
    def size(self):
        n = 1
        for d in self.shape:
            n *= d
        return n

    @property
    def numiter(self):
        return len(self._arrays)

    @property
    def iters(self):
        """Flat iterators over each input broadcast to the shape (``.base`` is the input)."""
        return tuple(_broadcast_flat(x, broadcast_to(x, self.shape)) for x in self._arrays)

    def reset(self, /):
        self.index = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.index >= self.size:
            raise StopIteration
        idx = np.unravel_index(self.index, self.shape) if self.shape else ()
        self.index += 1
        return tuple(broadcast_to(x, self.shape)[idx] for x in self._arrays)


def _broadcast_flat(orig, view):
    it = _flat_class()(view)
    it._orig = orig
    return it


@functools.lru_cache(maxsize=None)
def _flat_class():
    from ._flatiter import flatiter

    class broadcast_flatiter(flatiter):
        """A flat iterator over a broadcast input whose ``.base`` is that input, as NumPy's."""
        __slots__ = ("_orig",)

        @property
        def base(self):
            return self._orig

    return broadcast_flatiter


# NumPy documents broadcast(*arrays) and raises ValueError (not TypeError) for keywords
broadcast.__signature__ = inspect.Signature(
    [inspect.Parameter("arrays", inspect.Parameter.VAR_POSITIONAL)])
