"""ndarray methods that are NumPy functions with the array first, attached from a table."""

import numpy as np
import torch

from ._ndarray import ndarray, _wrap, _view
from ._dtypes import torch_dtype, NP_TO_TORCH
from ._convert import cast, dtype_arg, resolve_dtype, check_order, is_f_contiguous, f_layout
from . import _index, _shape, _reductions

_type = type


_C_NAMES = dict(zip("?bhilBHILefdFD", ["bool", "byte", "short", "int", "long", "ubyte", "ushort", "uint",
                                        "ulong", "half", "float", "double", "cfloat", "cdouble"]))
_CASTINGS = ("no", "equiv", "safe", "same_kind", "unsafe", "same_value")


def _resolve_order(t, order):
    order = check_order(order)
    if order == "A":
        return "F" if is_f_contiguous(t) and not t.is_contiguous() else "C"
    return order


def _fresh(t, order):
    """A new tensor with ``t``'s values in ``order``'s layout ("K": ``t``'s own)."""
    order = _resolve_order(t, order)
    if order == "C":
        return t.clone(memory_format=torch.contiguous_format)
    if order == "F" and t.dim() > 1:
        rev = tuple(range(t.dim() - 1, -1, -1))
        return t.permute(rev).clone(memory_format=torch.contiguous_format).permute(rev)
    return t.clone()  # preserve_format keeps dense layouts


def _relayout(t, src, order):
    """A just-made tensor ``t`` (from ``src``) put in ``order``'s layout, copying only if needed."""
    order = _resolve_order(src, order)
    if order == "C":
        return t.contiguous()
    if order == "F":
        return f_layout(t)
    return t


def astype(self, /, dtype, order="K", casting="unsafe", subok=True, copy=True):
    """A cast copy with NumPy's conversion results (no copy when ``copy=False`` allows)."""
    dt, tdt = resolve_dtype(dtype)
    if casting not in _CASTINGS:
        raise ValueError("casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe', "
                         f"'same_value' (got '{casting}')")
    if casting != "unsafe" and casting != "same_value" and not np.can_cast(self.dtype, dt, casting=casting):
        raise TypeError(f"Cannot cast array data from {self.dtype!r} to {dt!r} according to the rule '{casting}'")
    if tdt is None:
        # str, object, datetime...: real NumPy's array (see _fallback)
        from ._fallback import fallback_array
        return fallback_array(self.__array__().astype(dt, order=order), "astype")
    t = self._t
    if tdt is t.dtype:
        if not copy:
            return self
        return _wrap(_fresh(t, order))
    res = cast(t, tdt)  # ComplexWarning and cast errors reported there
    if casting == "same_value":
        _check_same_value(t, res, self.dtype, dt)
    return _wrap(_relayout(res, t, order))


def _check_same_value(t, res, src, dst):
    """casting='same_value': every value must survive the cast (a host check, eager only)."""
    from . import _scalars
    if not _scalars.is_plain(t):
        return  # values cannot be read under vmap/compile; the check is skipped there
    msg = f"could not cast 'same_value' {_C_NAMES[src.char]} to {_C_NAMES[dst.char]}"
    if t.is_complex() and not res.is_complex():
        if bool((t.imag != 0).any()):
            raise ValueError(msg + ": imag is not 0")
        t = t.real
    back = cast(res, t.dtype)
    same = (back == t) | (back != back) & (t != t)
    if not bool(same.all()):
        raise ValueError(msg)


def copy(self, /, order="C"):
    """A copy of the array (order: "C" default, "F", "A", or "K" to keep the layout)."""
    return _wrap(_fresh(self._t, order))


def view(self, /, dtype=None, type=None):
    """A view with another dtype of the same memory (or the same dtype)."""
    if dtype is None or (isinstance(dtype, _type) and issubclass(dtype, ndarray)):
        return _view(self, self._t.view(self._t.shape))
    dt = dtype_arg(dtype)
    if dt not in NP_TO_TORCH:
        # structured/void/str views: NumPy's own view of the same (CPU) memory
        from ._fallback import fallback_array
        return fallback_array(self.__array__().view(dt), "view")
    tdt = torch_dtype(dt)
    t = self._t
    old = t.element_size()
    new = dt.itemsize
    if old != new:
        if t.dim() == 0:
            raise ValueError("Changing the dtype of a 0d array is only supported if the itemsize is unchanged")
        if t.shape[-1] * old % new:
            raise ValueError("When changing to a larger dtype, its size must be a divisor of the total size "
                             "in bytes of the last axis of the array.")
        if t.stride(-1) != 1 and t.shape[-1] != 1:
            raise ValueError("To change to a dtype of a different size, the last axis must be contiguous")
    try:
        return _view(self, t.view(tdt))
    except RuntimeError as e:
        if "storage_offset" not in str(e):
            raise ValueError(str(e).splitlines()[0]) from None
    # The data starts at a byte offset that is not a multiple of the new itemsize (an
    # unaligned view, e.g. a uint8 buffer from byte 1): torch cannot express it. The values
    # come from a copy, read-only so that writes cannot silently miss the original.
    res = _wrap(t.clone().view(tdt))
    res._flags = {"writeable": False}
    return res


def fill(self, /, value):
    self[...] = value


def getfield(self, /, dtype, offset=0):
    """The bytes at ``offset`` of each element read as ``dtype`` (a view)."""
    dt = dtype_arg(dtype)
    t = self._t
    es = t.element_size()
    if offset < 0 or offset + dt.itemsize > es:
        raise ValueError(f"Need 0 <= offset <= {es - dt.itemsize} for requested type but received "
                         f"offset = {offset}")
    if t.is_complex():  # torch cannot view complex as bytes directly
        t = torch.view_as_real(t)
        b = t.view(torch.uint8).reshape(*self._t.shape, es)
    else:
        b = t.unsqueeze(-1).view(torch.uint8)
    field = b[..., offset:offset + dt.itemsize]
    try:
        return _view(self, field.view(torch_dtype(dt)).squeeze(-1))
    except RuntimeError:  # an unaligned field: NumPy copies through a buffer
        return _wrap(field.contiguous().view(torch_dtype(dt)).squeeze(-1))


def setfield(self, /, val, dtype, offset=0):
    """Write ``val`` into the bytes at ``offset`` of each element, as ``dtype``."""
    self.getfield(dtype, offset)[...] = val


def byteswap(self, /, inplace=False):
    """The elements with their bytes reversed (each part of a complex number separately)."""
    t = self._t
    parts = torch.view_as_real(t) if t.is_complex() else t.unsqueeze(-1)
    n = parts.element_size()
    swapped = parts.contiguous().view(torch.uint8).reshape(*parts.shape, n).flip(-1)
    res = swapped.reshape(*parts.shape[:-1], parts.shape[-1] * n).view(parts.dtype)
    res = torch.view_as_complex(res) if t.is_complex() else res.squeeze(-1)
    if inplace:
        self[...] = _wrap(res)
        return self
    return _wrap(res)


def tobytes(self, /, order="C"):
    """The raw data bytes (read on the host)."""
    return self.__array__().tobytes(order)


def tofile(self, /, fid, sep="", format="%s"):
    """Write the data to a file, as NumPy does (read on the host)."""
    self.__array__().tofile(fid, sep, format)


def dumps(self, /):
    import pickle
    return pickle.dumps(self, protocol=2)


def dump(self, /, file):
    import pickle
    if isinstance(file, str) or hasattr(file, "__fspath__"):
        with open(file, "wb") as f:
            pickle.dump(self, f, protocol=2)
    else:
        pickle.dump(self, file, protocol=2)


def __setstate__(self, /, state):
    """NumPy's pickle state (version, shape, dtype, is_fortran, rawdata) sets this array's data."""
    a = np.ndarray.__new__(np.ndarray, (0,))
    a.__setstate__(state)
    from ._convert import to_tensor
    self._t = to_tensor(a.copy())


def __reduce__(self, /):
    return self.__reduce_ex__(2)


def __array_wrap__(self, /, array, context=None, return_scalar=False):
    """Turn a NumPy result back into a numpy_shim array (scalar when NumPy asks for one)."""
    from ._convert import asarray
    res = asarray(array)
    if return_scalar and isinstance(res, ndarray) and res.ndim == 0:
        return res.__array__()[()]
    return res


def __array_finalize__(self, /, obj):
    """numpy_shim has no subclasses to finalize."""


def __buffer__(self, flags, /):
    """The buffer protocol (PEP 688, Python 3.12+): NumPy's buffer of the same memory (CPU)."""
    return memoryview(self.__array__())


def __contains__(self, value, /):
    """``value in a``: NumPy's ``(a == value).any()``."""
    return bool((self == value).any())


def conj(self, /, out=None):
    """The complex conjugate; NumPy gives the array itself for other dtypes."""
    from ._ufunc_table import conjugate
    if out is None and not self._t.is_complex():
        return self
    return conjugate(self, out=out)


def dot(self, /, b, out=None):
    from ._linalg_core import dot as _dot
    return _dot(self, b, out=out)


def _reshape(self, /, *shape, order="C", copy=None):
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = shape[0]
    return _shape.reshape(self, shape, order=order, copy=copy)


def _transpose(self, /, *axes):
    if len(axes) == 1 and (axes[0] is None or isinstance(axes[0], (tuple, list))):
        axes = axes[0]
    return _shape.transpose(self, axes if axes != () else None)


def flatten(self, /, order="C"):
    return _wrap(_shape.ravel(self, order)._t.clone())


def _squeeze(self, /, axis=None):
    return _shape.squeeze(self, axis)


def _swapaxes(self, /, axis1, axis2):
    return _shape.swapaxes(self, axis1, axis2)


def _ravel(self, /, order="C"):
    return _shape.ravel(self, order)


METHODS = {
    "astype": astype, "copy": copy, "view": view, "fill": fill, "conj": conj, "conjugate": conj,
    "__contains__": __contains__, "__buffer__": __buffer__,
    "dot": dot, "reshape": _reshape, "transpose": _transpose, "flatten": flatten, "ravel": _ravel,
    "squeeze": _squeeze, "swapaxes": _swapaxes,
    "__getitem__": _index.getitem, "__setitem__": _index.setitem,
}
METHODS.update(getfield=getfield, setfield=setfield, byteswap=byteswap, tobytes=tobytes, tofile=tofile,
               dumps=dumps, dump=dump, __setstate__=__setstate__, __reduce__=__reduce__,
               __array_wrap__=__array_wrap__, __array_finalize__=__array_finalize__)


def _as_method(fn):
    """``fn(a, ...)`` as a method whose ``self`` is positional-only, as NumPy's methods are."""
    def method(self, /, *args, **kwargs):
        return fn(self, *args, **kwargs)
    method.__name__ = method.__qualname__ = fn.__name__
    method.__doc__ = fn.__doc__
    return method


for _name in ("sum", "prod", "max", "min", "mean", "std", "var", "argmax", "argmin", "any", "all",
              "cumsum", "cumprod"):
    METHODS[_name] = _as_method(_reductions.METHOD_IMPL[_name])


def install(extra=None):
    for name, fn in {**METHODS, **(extra or {})}.items():
        setattr(ndarray, name, fn)


install()
