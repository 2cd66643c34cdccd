"""ndarray methods that are NumPy functions with the array first, attached from a table."""
import numpy as np
import torch

from ._ndarray import ndarray, _wrap, _view
from ._dtypes import np_dtype, torch_dtype, TORCH_TO_NP
from ._convert import cast, to_tensor
from . import _index, _shape, _reductions

_type = type


def astype(self, dtype, order="K", casting="unsafe", subok=True, copy=True):
    """A cast copy (no copy when ``copy=False`` and the dtype already matches)."""
    dt = np_dtype(dtype)
    if not np.can_cast(self.dtype, dt, casting=casting):
        raise TypeError(f"Cannot cast array data from {self.dtype!r} to {dt!r} according to the rule '{casting}'")
    tdt = torch_dtype(dt)
    if tdt is self._t.dtype:
        return _wrap(self._t.clone()) if copy else self
    return _wrap(cast(self._t, tdt))


def copy(self, order="C"):
    return _wrap(self._t.clone(memory_format=torch.contiguous_format))


def view(self, dtype=None, type=None):
    """A view with another dtype of the same memory (or the same dtype)."""
    if dtype is None or (isinstance(dtype, _type) and issubclass(dtype, ndarray)):
        return _view(self, self._t.view(self._t.shape))
    dt = np_dtype(dtype)
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
        raise ValueError(str(e).splitlines()[0]) from None


def fill(self, value):
    self[...] = value


def getfield(self, dtype, offset=0):
    raise NotImplementedError("getfield needs structured dtypes, which numpy_shim hands to real numpy")


def conj(self):
    from ._ufunc_table import conjugate
    return conjugate(self)


def dot(self, b, out=None):
    from ._linalg_core import dot as _dot
    return _dot(self, b, out=out)


def _reshape(self, *shape, order="C", copy=None):
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = shape[0]
    return _shape.reshape(self, shape, order=order, copy=copy)


def _transpose(self, *axes):
    if len(axes) == 1 and (axes[0] is None or isinstance(axes[0], (tuple, list))):
        axes = axes[0]
    return _shape.transpose(self, axes if axes != () else None)


def flatten(self, order="C"):
    return _wrap(_shape.ravel(self, order)._t.clone())


def _squeeze(self, axis=None):
    return _shape.squeeze(self, axis)


def _swapaxes(self, axis1, axis2):
    return _shape.swapaxes(self, axis1, axis2)


def _ravel(self, order="C"):
    return _shape.ravel(self, order)


METHODS = {
    "astype": astype, "copy": copy, "view": view, "fill": fill, "conj": conj, "conjugate": conj,
    "dot": dot, "reshape": _reshape, "transpose": _transpose, "flatten": flatten, "ravel": _ravel,
    "squeeze": _squeeze, "swapaxes": _swapaxes,
    "__getitem__": _index.getitem, "__setitem__": _index.setitem,
}
for _name in ("sum", "prod", "max", "min", "mean", "std", "var", "argmax", "argmin", "any", "all",
              "cumsum", "cumprod", "ptp"):
    METHODS[_name] = getattr(_reductions, _name)


def install(extra=None):
    for name, fn in {**METHODS, **(extra or {})}.items():
        setattr(ndarray, name, fn)


install()
