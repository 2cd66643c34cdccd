"""Array creation from shapes and ranges: zeros, ones, empty, full, arange, linspace, eye, ..."""
import math
import operator

import numpy as np
import torch

from . import _dtypes
from ._convert import asarray, to_tensor, cast
from ._device import default_device
from ._dtypes import np_dtype, torch_dtype, NP_TO_TORCH
from ._ndarray import ndarray, _wrap


def _shape(shape):
    if isinstance(shape, (tuple, list)):
        res = tuple(operator.index(s) for s in shape)
    else:
        try:
            res = (operator.index(shape),)
        except TypeError:
            raise TypeError(f"'{type(shape).__name__}' object cannot be interpreted as an integer") from None
    if any(s < 0 for s in res):
        raise ValueError("negative dimensions are not allowed")
    return res


def _dt(dtype, default=None):
    if dtype is None:
        return default if default is not None else _dtypes.default_float()
    return np_dtype(dtype)


def _dev(device):
    if device is None:
        return default_device()
    if isinstance(device, str) and device == "cpu":
        return torch.device("cpu")
    return torch.device(device) if not isinstance(device, torch.device) else device


def _fill(shape, dtype, value, device):
    dt = _dt(dtype)
    tdt = torch_dtype(dt)
    dev = _dev(device)
    shp = _shape(shape)
    if value is None:
        return _wrap(torch.empty(shp, dtype=tdt, device=dev))
    if value == 0 and not isinstance(value, (ndarray, torch.Tensor, np.ndarray)):
        return _wrap(torch.zeros(shp, dtype=tdt, device=dev))
    return _wrap(torch.ones(shp, dtype=tdt, device=dev))


def empty(shape, dtype=float, order="C", *, device=None, like=None):
    """A new array of the given shape, uninitialized."""
    return _fill(shape, dtype, None, device)


def zeros(shape, dtype=float, order="C", *, device=None, like=None):
    """A new array of zeros."""
    return _fill(shape, dtype, 0, device)


def ones(shape, dtype=None, order="C", *, device=None, like=None):
    """A new array of ones."""
    return _fill(shape, dtype, 1, device)


def full(shape, fill_value, dtype=None, order="C", *, device=None, like=None):
    """A new array filled with ``fill_value`` (dtype inferred from it when not given)."""
    shp = _shape(shape)
    if dtype is None:
        v = to_tensor(fill_value)
        dt = _dtypes.TORCH_TO_NP[v.dtype]
    else:
        dt = np_dtype(dtype)
        v = to_tensor(fill_value, dt) if not isinstance(fill_value, (int, float, complex)) else None
        if v is None:
            from ._index import _scalar_for
            v = cast(_scalar_for(fill_value, dt, None), torch_dtype(dt))
    dev = _dev(device) or v.device
    t = torch.empty(shp, dtype=torch_dtype(dt), device=dev)
    try:
        t.copy_(torch.broadcast_to(v.to(dev), shp))
    except RuntimeError:
        raise ValueError(f"could not broadcast input array from shape {tuple(v.shape)} into shape {shp}") from None
    return _wrap(t)


def _like(a, dtype, shape, device):
    t = to_tensor(a)
    dt = np_dtype(dtype) if dtype is not None else _dtypes.TORCH_TO_NP[t.dtype]
    shp = tuple(t.shape) if shape is None else _shape(shape)
    dev = t.device if device is None else _dev(device)
    return dt, shp, dev


def empty_like(prototype, dtype=None, order="K", subok=True, shape=None, *, device=None):
    dt, shp, dev = _like(prototype, dtype, shape, device)
    return empty(shp, dt, device=dev)


def zeros_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    dt, shp, dev = _like(a, dtype, shape, device)
    t = to_tensor(a)
    if shape is None and dtype is None and device is None:
        return _wrap(torch.zeros_like(t))  # keeps transform levels (batched under vmap)
    return zeros(shp, dt, device=dev)


def ones_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    dt, shp, dev = _like(a, dtype, shape, device)
    t = to_tensor(a)
    if shape is None and dtype is None and device is None:
        return _wrap(torch.ones_like(t))
    return ones(shp, dt, device=dev)


def full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None, *, device=None):
    dt, shp, dev = _like(a, dtype, shape, device)
    return full(shp, fill_value, dt, device=dev)


def arange(start_or_stop=None, /, stop=None, step=None, *, dtype=None, device=None, like=None, start=None):
    """Evenly spaced values in [start, stop), with NumPy's length and dtype rules."""
    if start is not None:
        if start_or_stop is not None:
            raise TypeError("arange() got multiple values for argument 'start'")
        start_or_stop, stop = start, stop
    if start_or_stop is None and stop is None:
        raise TypeError("arange() requires stop to be specified.")
    if stop is None:
        start, stop = 0, start_or_stop
    else:
        start = start_or_stop
    if step is None:
        step = 1
    vals = [v.item() if isinstance(v, (ndarray, np.generic, np.ndarray)) else v for v in (start, stop, step)]
    start, stop, step = vals
    if step == 0:
        raise ZeroDivisionError("division by zero")
    from ._promotion import result_type
    dt = np_dtype(dtype) if dtype is not None else result_type(
        *(np.asarray(v).dtype if not type(v) in (int, float, complex) else type(v)(0) for v in (start, stop, step)))
    if dtype is None and dt.kind in "iub" and dt != np.dtype(np.int64):
        dt = np.dtype(np.int64) if dt.kind != "u" else dt
    if dtype is None and dt.kind == "b":
        dt = np.dtype(np.int64)
    if isinstance(start, complex) or isinstance(stop, complex) or isinstance(step, complex):
        n = math.ceil(((stop - start) / step).real)
    else:
        n = math.ceil((stop - start) / step)
    n = max(int(n), 0)
    if dt.kind == "b" and n > 2:
        raise TypeError("arange() is only supported for booleans when the result has at most length 2.")
    dev = _dev(device)
    tdt = torch_dtype(dt)
    if dt.kind in "iu" and all(isinstance(v, int) for v in (start, stop, step)):
        t = torch.arange(start, start + n * step, step, dtype=torch.int64, device=dev)[:n]
        return _wrap(t.to(tdt))
    # NumPy fills by start + i*delta with delta = (start + step) - start in the result dtype
    work = torch.float64 if dt.kind not in "c" else torch.complex128
    delta = (start + step) - start
    t = torch.arange(n, dtype=torch.float64, device=dev).to(work) * delta + start
    return _wrap(cast(t, tdt))


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, *, device=None):
    """``num`` evenly spaced samples over [start, stop]."""
    num = operator.index(num)
    if num < 0:
        raise ValueError(f"Number of samples, {num}, must be non-negative.")
    s = to_tensor(start)
    e = to_tensor(stop)
    from ._promotion import result_type
    dt = result_type(_dtypes.TORCH_TO_NP[s.dtype], _dtypes.TORCH_TO_NP[e.dtype], float)
    work = torch_dtype(dt)
    s = cast(s, work)
    e = cast(e, work)
    div = (num - 1) if endpoint else num
    s, e = torch.broadcast_tensors(s, e)
    delta = e - s
    y = torch.arange(num, dtype=torch.float64, device=s.device).to(work).reshape((-1,) + (1,) * s.dim())
    if div > 0:
        step = delta / div
        any_zero = bool((step == 0).any()) if step.numel() and step.device.type == "cpu" and \
            type(step) is torch.Tensor and not torch._C._functorch.is_functorch_wrapped_tensor(step) else False
        y = y / div * delta if any_zero else y * step
    else:
        step = torch.full_like(delta, float("nan"))
        y = y * delta
    y = y + s
    if endpoint and num > 1:
        y = torch.cat([y[:-1], e.unsqueeze(0)], 0)
    if axis != 0:
        from ._axes import normalize_axis
        y = torch.movedim(y, 0, normalize_axis(axis, y.dim()))
    out_dt = np_dtype(dtype) if dtype is not None else dt
    if out_dt.kind in "iu":
        y = torch.floor(y)
    res = _wrap(cast(y, torch_dtype(out_dt)))
    if retstep:
        from . import _scalars
        return res, _scalars.result(step) if step.dim() == 0 else _wrap(step)
    return res


def eye(N, M=None, k=0, dtype=float, order="C", *, device=None, like=None):
    """A 2-D array with ones on the k-th diagonal."""
    M = N if M is None else M
    N, M, k = operator.index(N), operator.index(M), operator.index(k)
    t = torch.zeros((N, M), dtype=torch_dtype(_dt(dtype)), device=_dev(device))
    if -N < k < M:
        t.diagonal(k).fill_(1)
    return _wrap(t)


def identity(n, dtype=None, *, like=None, device=None):
    """The n x n identity matrix."""
    return eye(n, dtype=dtype, device=device)


def _ndarray_new(cls, shape, dtype, buffer, offset, strides, order):
    if buffer is None:
        return empty(shape, dtype)
    a = np.ndarray(shape, dtype=dtype, buffer=buffer, offset=offset, strides=strides, order=order)
    return asarray(a)


def copy(a, order="K", subok=False):
    """An array copy of ``a``."""
    from ._convert import array
    return array(a, copy=True)
