"""Turning anything array-like into a tensor, and tensors back into arrays."""
import numbers

import numpy as np
import torch

from . import _dtypes
from ._dtypes import NP_TO_TORCH, TORCH_TO_NP, EMULATED, torch_dtype, np_dtype
from ._ndarray import ndarray, _wrap

_Tensor = torch.Tensor
_SCALAR_TYPES = (bool, int, float, complex)


def _default_device():
    from ._device import default_device
    return default_device()


def to_tensor(obj, dtype=None, device=None):
    """``obj`` (array-like) as a tensor; no copy when it already is one of ``dtype``.

    ``dtype`` is a numpy.dtype or None (NumPy's inference).
    """
    if type(obj) is ndarray or isinstance(obj, ndarray):
        t = obj._t
    elif isinstance(obj, _Tensor):
        t = obj
        if t.dtype not in TORCH_TO_NP:
            t = t.to(torch_dtype(np_dtype(t.dtype)))
    elif isinstance(obj, np.ndarray) or isinstance(obj, np.generic):
        t = _from_numpy(np.asarray(obj))
    elif isinstance(obj, (list, tuple)):
        t = _from_sequence(obj, dtype)
    elif isinstance(obj, _SCALAR_TYPES):
        t = _from_python_scalar(obj, dtype)
    else:
        t = _from_other(obj)
    if dtype is not None:
        tdt = torch_dtype(dtype)
        if t.dtype is not tdt:
            t = cast(t, tdt)
    if device is not None and t.device != torch.device(device):
        t = t.to(device)
    return t


def _from_python_scalar(obj, dtype):
    if dtype is None:
        if type(obj) is float:
            dtype = _dtypes.default_float()
        elif type(obj) is complex:
            dtype = _dtypes.default_complex()
        else:
            dtype = np.asarray(obj).dtype
    elif isinstance(obj, int) and not isinstance(obj, bool) and dtype.kind in "iu":
        dtype.type(obj)  # NumPy's OverflowError for out-of-range Python ints
    return _from_numpy(np.asarray(obj, dtype=dtype))


def _contains_traced(seq):
    for x in seq:
        if isinstance(x, (ndarray, _Tensor)):
            return True
        if isinstance(x, (list, tuple)) and _contains_traced(x):
            return True
    return False


def _from_sequence(seq, dtype):
    if _contains_traced(seq):
        return _stack_nested(seq, dtype)
    try:
        a = np.asarray(seq, dtype=dtype) if dtype is not None else np.asarray(seq)
    except ValueError as e:
        raise ValueError(str(e)) from None
    if dtype is None and a.dtype == np.float64 and _dtypes.default_float() != np.float64:
        a = a.astype(_dtypes.default_float())
    return _from_numpy(a)


def _stack_nested(seq, dtype):
    """Nested lists holding arrays or tensors: stacked with torch so transforms see through."""
    from ._promotion import result_type
    parts = [to_tensor(x) if not isinstance(x, (list, tuple)) else _stack_nested(x, None) for x in seq]
    if not parts:
        return torch.empty(0, dtype=torch_dtype(dtype or _dtypes.default_float()))
    shapes = {tuple(p.shape) for p in parts}
    if len(shapes) > 1:
        raise ValueError(
            "setting an array element with a sequence. The requested array has an "
            "inhomogeneous shape after 1 dimensions.")
    rt = np_dtype(dtype) if dtype is not None else result_type(*[TORCH_TO_NP[p.dtype] for p in parts])
    tdt = torch_dtype(rt)
    return torch.stack([cast(p, tdt) for p in parts])


def _from_numpy(a):
    try:
        tdt = NP_TO_TORCH[a.dtype]
    except KeyError:
        if a.dtype.byteorder not in "=|" and a.dtype.newbyteorder("=") in NP_TO_TORCH:
            return _from_numpy(a.astype(a.dtype.newbyteorder("=")))
        from ._fallback import NeedsNumpy
        raise NeedsNumpy(a) from None
    if not a.flags.writeable or any(s < 0 for s in a.strides) or not a.flags.aligned:
        a = a.copy()
    if a.ndim == 0:
        return torch.from_numpy(a.reshape(1)).reshape(())
    return torch.from_numpy(a)


def _from_other(obj):
    if hasattr(obj, "__dlpack__") and not hasattr(obj, "__array__"):
        return torch.from_dlpack(obj)
    if hasattr(obj, "__array__") or hasattr(obj, "__array_interface__"):
        return _from_numpy(np.asarray(obj))
    if hasattr(obj, "__dlpack__"):
        return torch.from_dlpack(obj)
    a = np.asarray(obj)
    return _from_numpy(a)


def cast(t, tdt):
    """Cast tensor ``t`` to torch dtype ``tdt`` with NumPy's conversion results."""
    src = t.dtype
    if src is tdt:
        return t
    if tdt in EMULATED and src.is_floating_point:
        # float -> unsigned: NumPy's C cast goes through a signed integer of the
        # same width for in-range values; torch refuses or saturates.
        return t.to(torch.int64).to(tdt)
    if src.is_complex and not tdt.is_complex:
        t = t.real
    if src is torch.uint64 and tdt.is_floating_point:
        return uint64_to_float(t).to(tdt)
    return t.to(tdt)


def uint64_to_float(t):
    """uint64 bits to float64 exactly as NumPy rounds them."""
    s = t.view(torch.int64)
    f = s.to(torch.float64)
    return torch.where(s < 0, f + 18446744073709551616.0, f)


def asarray(a, dtype=None, order=None, *, device=None, copy=None, like=None):
    """Convert the input to an array (no copy when possible)."""
    if type(a) is ndarray and dtype is None and device is None and not copy:
        return a
    dt = np_dtype(dtype) if dtype is not None else None
    from ._fallback import NeedsNumpy
    try:
        t = to_tensor(a, dt, device)
    except NeedsNumpy as e:
        from ._fallback import fallback_array
        return fallback_array(e.array, "asarray")
    src = a._t if isinstance(a, ndarray) else (a if isinstance(a, _Tensor) else None)
    if copy and src is not None and t is src:
        t = t.clone()
    elif copy is False and src is None and isinstance(a, (list, tuple, int, float, complex, bool)):
        raise ValueError("Unable to avoid copy while creating an array as requested.")
    if isinstance(a, ndarray) and t is a._t:
        return a if type(a) is ndarray else _wrap(t)
    return _wrap(t)


def array(object, dtype=None, *, copy=True, order="K", subok=False, ndmin=0, like=None, device=None):
    """Create an array (a copy unless ``copy=False`` or None allows otherwise)."""
    res = asarray(object, dtype=dtype, device=device, copy=None if copy is True else copy)
    if copy is True and isinstance(res, ndarray) and not isinstance(object, (list, tuple, *_SCALAR_TYPES)):
        res = _wrap(res._t.clone())
    if ndmin and isinstance(res, ndarray) and res.ndim < ndmin:
        res = _wrap(res._t.reshape((1,) * (ndmin - res.ndim) + tuple(res._t.shape)))
    return res


def asanyarray(a, dtype=None, order=None, *, device=None, copy=None, like=None):
    return asarray(a, dtype=dtype, device=device, copy=copy)


def operand(x):
    """An ufunc operand: tensors from arrays, Python scalars kept for NEP 50 weakness."""
    if isinstance(x, ndarray):
        return x._t
    if isinstance(x, _Tensor):
        return x
    return to_tensor(x)
