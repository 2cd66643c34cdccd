"""Array creation from shapes and ranges: zeros, ones, empty, full, *_like, arange, linspace, eye.

Every function takes ``device=`` (default: the numpy_shim.device(...) context, else
the CPU) and honors the default-float switch (_dtypes.set_default_float) where NumPy
defaults to float64. ``order`` is layout only: "F" gives column-major strides.
A dtype torch cannot hold (str, bytes, object, datetime, structured, non-native
byte order, longdouble) is handed to real NumPy and a numpy.ndarray comes back.
"""
import math
import operator

import numpy as np
import torch

from . import _dtypes, _subclass
from ._convert import asarray, to_tensor, cast, check_order, f_layout, is_f_contiguous, dtype_arg, resolve_dtype
from ._device import default_device
from ._dtypes import torch_dtype, NP_TO_TORCH, TORCH_TO_NP
from ._ndarray import ndarray, _wrap

_MAXDIMS = 64


def shape_tuple(shape):
    """A shape argument as a tuple of ints, with NumPy's errors."""
    if shape is None:
        raise TypeError("Use () not None as shape arguments")
    if isinstance(shape, (tuple, list)):
        dims = shape
    elif isinstance(shape, (ndarray, np.ndarray)) and shape.ndim:
        dims = shape.tolist()
    else:
        try:
            if type(shape) is bool:
                raise TypeError
            dims = (operator.index(shape),)
        except TypeError:
            if isinstance(shape, (str, bytes, range)):
                dims = tuple(shape)  # a sequence: its items are the dimensions
            else:
                raise TypeError(f"expected a sequence of integers or a single integer, got '{shape}'") from None
    if bool in map(type, dims):
        raise TypeError("an integer is required")  # NumPy refuses True/False as a dimension
    res = tuple(operator.index(s) for s in dims)
    if len(res) > _MAXDIMS:
        raise ValueError(f"maximum supported dimension for an ndarray is currently {_MAXDIMS}, found {len(res)}")
    if any(s < 0 for s in res):
        raise ValueError("negative dimensions are not allowed")
    if any(s > 2 ** 63 - 1 for s in res):
        raise ValueError("Maximum allowed dimension exceeded")
    return res


def _check_size(shape, dt):
    n = dt.itemsize
    for s in shape:
        n *= s
    if n > 2 ** 63 - 1:
        raise ValueError("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum "
                         "possible size.")


def new_dtype(dtype, default=None):
    """A dtype argument as a numpy.dtype; None means the default float (float64 unless switched)."""
    if dtype is None:
        return default if default is not None else _dtypes.default_float()
    return dtype_arg(dtype)


def new_device(device):
    """A device argument as a torch.device; None means the numpy_shim.device(...) context."""
    if device is None:
        return default_device()
    return device_arg(device)


def device_arg(device):
    """A device argument as a torch.device, with NumPy's ValueError for names that are not devices."""
    if isinstance(device, torch.device):
        return device
    try:
        return torch.device(device)
    except (RuntimeError, TypeError):
        raise ValueError(f'Device not understood. Only "cpu" is allowed, but received: {device}') from None


def numpy_fallback(name, *args, **kwargs):
    """Call real NumPy's ``name`` for a dtype torch cannot hold; counted, see fallback_report()."""
    from ._fallback import fallback_array, _to_numpy
    kwargs.pop("device", None)
    res = getattr(np, name)(*_to_numpy(args), **_to_numpy(kwargs))
    if isinstance(res, np.ndarray) and res.dtype in NP_TO_TORCH and \
            not isinstance(res, np.ma.MaskedArray):
        return asarray(res)  # NumPy only converted the inputs (e.g. a huge Python int)
    return fallback_array(res, name)


def _layout(t, order):
    return f_layout(t) if order == "F" and t.dim() > 1 else t


def _make(shape, dtype, device, order, kind):
    """empty/zeros/ones (kind "empty", "zeros", "ones")."""
    dt, tdt = resolve_dtype(dtype)
    shp = (shape,) if type(shape) is int and 0 <= shape < 2 ** 63 else shape_tuple(shape)
    order = check_order(order)
    if order in ("A", "K"):
        raise ValueError("only 'C' or 'F' order is permitted")
    _check_size(shp, dt)
    fn = getattr(torch, kind)
    try:
        if order == "F" and len(shp) > 1:
            rev = tuple(range(len(shp) - 1, -1, -1))
            t = fn(shp[::-1], dtype=tdt, device=new_device(device)).permute(rev)
        else:
            t = fn(shp, dtype=tdt, device=new_device(device))
    except RuntimeError as e:
        if "allocate" in str(e):
            raise np._core._exceptions._ArrayMemoryError(shp, dt) from None
        raise
    return _wrap(t)


def _supported(dtype):
    return resolve_dtype(dtype)[1] is not None


def empty(shape, dtype=None, order="C", *, device=None, like=None):
    """A new array of the given shape, uninitialized."""
    if like is not None and type(like) is not ndarray and type(like) is not np.ndarray:
        from ._protocols import like_call  # another array type answers (NEP 35)
        return like_call(empty, like, (shape,), dict(dtype=dtype, order=order, device=device))
    if not _supported(dtype):
        return numpy_fallback("empty", shape, dtype, order)
    return _make(shape, dtype, device, order, "empty")


def zeros(shape, dtype=None, order="C", *, device=None, like=None):
    """A new array of zeros."""
    if like is not None and type(like) is not ndarray and type(like) is not np.ndarray:
        from ._protocols import like_call  # another array type answers (NEP 35)
        return like_call(zeros, like, (shape,), dict(dtype=dtype, order=order, device=device))
    if not _supported(dtype):
        return numpy_fallback("zeros", shape, dtype, order)
    return _make(shape, dtype, device, order, "zeros")


def ones(shape, dtype=None, order="C", *, device=None, like=None):
    """A new array of ones."""
    if like is not None and type(like) is not ndarray and type(like) is not np.ndarray:
        from ._protocols import like_call  # another array type answers (NEP 35)
        return like_call(ones, like, (shape,), dict(dtype=dtype, order=order, device=device),
                         exact=True)
    if not _supported(dtype):
        return numpy_fallback("ones", shape, dtype, order)
    return _make(shape, dtype, device, order, "ones")


def fill_tensor(fill_value, dt):
    """``fill_value`` as a tensor of dtype ``dt``, converted as NumPy's copyto(casting='unsafe')."""
    if isinstance(fill_value, int) and not isinstance(fill_value, bool) and dt.kind in "iu":
        dt.type(fill_value)  # NumPy's OverflowError for out-of-range Python ints
    v = to_tensor(fill_value)
    return cast(v, torch_dtype(dt))  # ComplexWarning from cast, as NumPy


def _full_fast(shp, fill, dtype, order, device):
    """full() of a Python number where torch.full converts exactly as NumPy does, else None."""
    kind = type(fill)
    if order != "C" or kind not in (int, float, bool):
        return None
    if dtype is None:
        if kind is float:
            dt = _dtypes.default_float()
        elif kind is bool:
            dt = np.dtype(np.bool_)
        elif -2 ** 63 <= fill < 2 ** 63:
            dt = np.dtype(np.int64)
        else:
            return None
    else:
        dt = dtype_arg(dtype)
        if dt.kind not in "fc" or dt not in NP_TO_TORCH:
            return None  # integer targets need NumPy's range checks and casts
    try:
        return _wrap(torch.full(shp, fill, dtype=torch_dtype(dt), device=new_device(device)))
    except (RuntimeError, OverflowError):
        return None  # overflow to inf, huge ints: NumPy's conversion below


def full(shape, fill_value, dtype=None, order="C", *, device=None, like=None):
    """A new array filled with ``fill_value`` (dtype inferred from it when not given)."""
    if like is not None and type(like) is not ndarray and type(like) is not np.ndarray:
        from ._protocols import like_call  # another array type answers (NEP 35)
        return like_call(full, like, (shape, fill_value),
                         dict(dtype=dtype, order=order, device=device), exact=True)
    from ._fallback import NeedsNumpy
    shp = (shape,) if type(shape) is int and shape >= 0 else shape_tuple(shape)
    fast = _full_fast(shp, fill_value, dtype, order, device)
    if fast is not None:
        return fast
    try:
        if dtype is None:
            v = to_tensor(fill_value)
            dt = TORCH_TO_NP[v.dtype]
        elif not _supported(dtype):
            raise NeedsNumpy(np.empty(0, dtype))
        else:
            dt = dtype_arg(dtype)
            v = fill_tensor(fill_value, dt)
    except NeedsNumpy:
        return numpy_fallback("full", shp, fill_value, dtype, check_order(order))
    order = check_order(order)
    dev = new_device(device)
    if dev is None and isinstance(fill_value, (ndarray, torch.Tensor)):
        dev = v.device
    if dev is not None and v.device != dev:
        v = v.to(dev)
    try:
        t = torch.broadcast_to(v, shp)
    except RuntimeError:
        raise ValueError(f"could not broadcast input array from shape {tuple(v.shape)} "
                         f"into shape {shp}") from None
    # expand + contiguous is functional, so a traced fill value works under grad/vmap.
    return _wrap(_layout(t.contiguous(), order))


def _like(a, dtype, order, shape, device):
    if isinstance(a, ndarray):
        t = a._t
    else:
        t = asarray(a)
        if not isinstance(t, ndarray):
            return None
        t = t._t
    dt = dtype_arg(dtype) if dtype is not None else TORCH_TO_NP[t.dtype]
    dev = t.device if device is None else new_device(device)
    return t, dt, dev, check_order(order)


def _alloc(kind, shp, tdt, dev, perm, fill=None):
    """A new tensor of shape ``shp`` whose axes are laid out outermost-first in ``perm``."""
    phys = tuple(shp[p] for p in perm)
    if kind == "full":
        t = torch.broadcast_to(fill, phys).contiguous() if fill.dim() == 0 else None
        if t is None:  # a non-scalar fill broadcasts against the logical shape
            inv = sorted(range(len(perm)), key=perm.__getitem__)
            return torch.broadcast_to(fill, shp).permute(perm).contiguous().permute(inv)
    else:
        t = getattr(torch, kind)(phys, dtype=tdt, device=dev)
    inv = sorted(range(len(perm)), key=perm.__getitem__)
    return t.permute(inv)


def _like_make(name, a, dtype, order, shape, device, fill=None):
    if not _supported(dtype) or isinstance(a, np.ndarray) and a.dtype not in NP_TO_TORCH or \
            isinstance(a, np.ma.MaskedArray) or \
            not isinstance(a, (ndarray, torch.Tensor)) and not isinstance(asarray(a), ndarray):
        extra = () if fill is None else (fill,)
        return numpy_fallback(name, a, *extra, dtype=dtype, order=order, shape=shape)
    t, dt, dev, order = _like(a, dtype, order, shape, device)
    tdt = torch_dtype(dt)
    kind = name[:-5]
    v = fill_tensor(fill, dt).to(dev) if kind == "full" else None
    if shape is None and order == "K":
        # keeps the prototype's layout and, under vmap, its batching
        if kind != "full":
            return _wrap(getattr(torch, name)(t, dtype=tdt, device=dev))
        r = torch.empty_like(t, dtype=tdt, device=dev)
        perm = sorted(range(r.dim()), key=lambda i: -r.stride(i))
        return _wrap(_alloc("full", tuple(r.shape), tdt, dev, perm, v))
    shp = tuple(t.shape) if shape is None else shape_tuple(shape)
    nd = len(shp)
    f_proto = is_f_contiguous(t) and not t.is_contiguous()
    if order == "F" or order == "A" and f_proto or order == "K" and f_proto and nd == t.dim():
        perm = list(range(nd - 1, -1, -1))
    elif order == "K" and nd == t.dim():
        perm = sorted(range(nd), key=lambda i: -t.stride(i))  # NumPy's K: the prototype's axis order
    else:
        perm = list(range(nd))
    return _wrap(_alloc(kind, shp, tdt, dev, perm, v))


def empty_like(prototype, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """A new uninitialized array with the shape and dtype of ``prototype``."""
    return _subclass.like_result(_like_make("empty_like", prototype, dtype, order, shape, device), prototype,
                                 subok)


def zeros_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """An array of zeros with the shape and dtype of ``a``."""
    return _subclass.like_result(_like_make("zeros_like", a, dtype, order, shape, device), a,
                                 subok)


def ones_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """An array of ones with the shape and dtype of ``a``."""
    return _subclass.like_result(_like_make("ones_like", a, dtype, order, shape, device), a,
                                 subok)


def full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """An array filled with ``fill_value``, with the shape and dtype of ``a``."""
    return _subclass.like_result(_like_make("full_like", a, dtype, order, shape, device, fill=fill_value), a,
                                 subok)


# -- arange ---------------------------------------------------------------------------

def _host_number(v):
    """arange's arguments are host values (its length depends on them, as in NumPy)."""
    if isinstance(v, ndarray):
        if v.ndim:
            raise TypeError("only 0-dimensional arrays can be converted to Python scalars")
        return v.__array__()[()]
    if isinstance(v, np.ndarray):
        return v[()] if v.ndim == 0 else v
    if isinstance(v, torch.Tensor):
        return asarray(v).__array__()[()]
    return v


def _arg_dtype(v):
    if isinstance(v, np.generic):
        return v.dtype
    return np.asarray(v).dtype


def _ceil_len(q):
    if math.isnan(q):
        raise ValueError("arange: cannot compute length")
    if math.isinf(q) or abs(q) > 2 ** 63:
        raise ValueError("Maximum allowed size exceeded")
    return math.ceil(q)


def _arange_length(start, stop, step):
    try:
        if type(start) in (int, float) and type(stop) in (int, float) and type(step) in (int, float):
            q = (stop - start) / step  # Python arithmetic: no NumPy warnings to silence
        else:
            with np.errstate(all="ignore"):
                q = (stop - start) / step
    except OverflowError:
        raise ValueError("Maximum allowed size exceeded") from None
    if isinstance(q, (complex, np.complexfloating)):
        n = min(_ceil_len(q.real), _ceil_len(q.imag))
    else:
        q = float(q)
        if q == 0.0 and stop != start:
            # the quotient underflowed (a huge or infinite step): NumPy gives one value
            # when the step points from start to stop
            return 0 if math.copysign(1.0, q) < 0 else 1
        n = _ceil_len(q)
    return max(n, 0)


_NO = object()  # "not passed", distinct from an explicit None


def arange(start_or_stop=_NO, /, stop=None, step=None, *, dtype=None, device=None, like=None, start=_NO):
    """Evenly spaced values in [start, stop), with NumPy's length and dtype rules.

    As NumPy does, the first two values are converted to the dtype and the rest
    are ``first + i*(second - first)`` in that dtype (so ``arange(-3, 3, 0.5,
    dtype=int)`` steps by 1).
    """
    if start is not _NO and start_or_stop is not _NO:
        raise TypeError("argument for arange() given by name ('start') and position (position 0)")
    if like is not None and type(like) is not ndarray and type(like) is not np.ndarray:
        from ._protocols import like_call  # another array type answers (NEP 35)
        args = tuple(v for v in (start_or_stop, stop, step) if v is not _NO and v is not None)
        kw = dict(dtype=dtype, device=device)
        if start is not _NO:
            kw["start"] = start
        return like_call(arange, like, args, kw)
    if stop is None:
        if start_or_stop is _NO:  # arange(), arange(start=4), arange(step=3)
            raise TypeError("arange() requires stop to be specified.")
        start, stop = 0, start_or_stop
    else:
        start = start_or_stop if start_or_stop is not _NO else (0 if start is _NO else start)
    if dtype is None and type(start) is int and type(stop) is int and (step is None or type(step) is int) \
            and -2 ** 62 < start < 2 ** 62 and -2 ** 62 < stop < 2 ** 62 and step != 0:
        # the common case (Python ints, int64 result)
        step = 1 if step is None else step
        if (stop - start) * step <= 0:  # torch refuses what NumPy makes empty
            return _wrap(torch.empty(0, dtype=torch.int64, device=new_device(device)))
        return _wrap(torch.arange(start, stop, step, dtype=torch.int64, device=new_device(device)))
    if type(start) in _REAL and type(stop) in _REAL and type(step) in _REAL and step and \
            (dtype is None or dtype is float) and _dtypes.default_float() == np.float64:
        return _arange_float64(float(start), float(stop), float(step), start + step, device)
    args = [_host_number(v) for v in (start, stop, step)]
    start, stop, step = args
    given_step = step is not None
    if step is None:
        step = 1
    if dtype is None:
        # NumPy starts from intp and promotes with each argument's dtype
        dt = np.dtype(np.intp)
        for v in (start, stop, step) if given_step else (start, stop):
            dt = np.promote_types(dt, _arg_dtype(v))
        if _dtypes.default_float() != np.float64 and dt.kind in "fc":
            dt = _dtypes.default_float() if dt.kind == "f" else _dtypes.default_complex()
    else:
        dt = dtype_arg(dtype)
    if dt not in NP_TO_TORCH:
        return numpy_fallback("arange", start, stop, step, dtype=dt)
    if dt.kind != "c" and any(isinstance(v, (complex, np.complexfloating)) for v in (start, stop, step)):
        raise TypeError("must be real number, not complex")
    if isinstance(step, (int, float, complex, np.number)) and step == 0:
        raise ZeroDivisionError("division by zero")
    n = _arange_length(start, stop, step)
    if dt.kind == "b" and n > 2:
        raise TypeError("arange() is only supported for booleans when the result has at most length 2.")
    dev = new_device(device)
    tdt = torch_dtype(dt)
    if n == 0:
        return _wrap(torch.empty(0, dtype=tdt, device=dev))
    # (complex arguments with a real dtype were refused above, so no ComplexWarning here)
    first = np.asarray(start, dtype=dt)
    second = np.asarray(start + step, dtype=dt) if n > 1 else first
    if dt.kind == "b":
        return _wrap(torch.tensor([bool(first), bool(second)][:n], device=dev))
    if dt.kind in "iu":
        # int64 arithmetic wraps as NumPy's C loop does (uint64 as its int64 bits)
        b0 = int(first.astype(np.int64) if dt.kind == "u" else first)
        b1 = int(second.astype(np.int64) if dt.kind == "u" else second)
        delta = (b1 - b0 + 2 ** 63) % 2 ** 64 - 2 ** 63
        t = torch.arange(n, dtype=torch.int64, device=dev) * delta + b0
        return _wrap(t.view(torch.uint64) if dt.kind == "u" and dt.itemsize == 8 else t.to(tdt))
    # float16 fills in float32 (NumPy's HALF_fill), other floats in their own type
    comp = np.dtype(np.float32) if dt.itemsize <= 4 and dt.kind == "f" else dt
    if dt.kind == "c":
        comp = np.dtype(np.float32 if dt == np.complex64 else np.float64)
    parts = []
    for b0, b1 in ([(first.real, second.real), (first.imag, second.imag)] if dt.kind == "c"
                   else [(first, second)]):
        b0 = comp.type(b0)
        delta = comp.type(b1) - b0
        i = torch.arange(n, dtype=torch.float64, device=dev).to(torch_dtype(comp))
        vals = i * float(delta) + float(b0)
        # NumPy stores the first two values as converted and fills from the third on
        head = torch.tensor([float(b0), float(comp.type(b1))][:n], dtype=vals.dtype, device=dev)
        parts.append(torch.cat([head, vals[2:]]))
    t = torch.complex(*parts) if dt.kind == "c" else parts[0]
    return _wrap(t.to(tdt))


def _arange_float64(start, stop, step, second, device):
    """arange of Python numbers with a float64 result, computed as NumPy's DOUBLE_fill."""
    n = _arange_length(start, stop, step)
    dev = new_device(device)
    if n == 0:
        return _wrap(torch.empty(0, dtype=torch.float64, device=dev))
    second = float(second)
    t = torch.arange(n, dtype=torch.float64, device=dev) * (second - start) + start
    # the first two values are stored as given, the rest filled from them (a fresh tensor)
    t[0] = start
    if n > 1:
        t[1] = second
    return _wrap(t)


# -- linspace ---------------------------------------------------------------------------

_PY_NUMBERS = (int, float, complex, bool)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, *, device=None):
    """``num`` evenly spaced samples over [start, stop]."""
    from . import _scalars
    from ._fallback import NeedsNumpy
    num = operator.index(num)
    if num < 0:
        raise ValueError(f"Number of samples, {num}, must be non-negative.")
    if dtype is not None and not _supported(dtype):
        return numpy_fallback("linspace", start, stop, num, endpoint, retstep, dtype, axis)
    if type(start) in _REAL and type(stop) in _REAL and (axis == 0 or axis == -1):
        return _linspace_scalars(start, stop, num, endpoint, retstep, dtype, device)
    try:
        s = start if isinstance(start, ndarray) else asarray(start, device=device)
        e = stop if isinstance(stop, ndarray) else asarray(stop, device=device)
        if not isinstance(s, ndarray) or not isinstance(e, ndarray):
            raise NeedsNumpy(np.empty(0, object))
    except NeedsNumpy:
        return numpy_fallback("linspace", start, stop, num, endpoint, retstep, dtype, axis)
    # Python numbers are weak (NEP 50); lists and arrays are strong (converted above,
    # so a list of floats already has the default float dtype)
    weak = [type(x) in _PY_NUMBERS for x in (start, stop)]
    dt = np.result_type(*[x if w else a.dtype for x, w, a in zip((start, stop), weak, (s, e))])
    if dt.kind not in "fc":
        dt = _dtypes.default_float()
    elif all(weak):
        dt = _dtypes.default_float() if dt.kind == "f" else _dtypes.default_complex()
    work = torch_dtype(dt)
    st = cast(s._t, work)
    en = cast(e._t, work)
    if st.device != en.device:
        en = en.to(st.device)
    div = (num - 1) if endpoint else num
    st, en = torch.broadcast_tensors(st, en)
    delta = en - st
    y = torch.arange(num, dtype=torch.float64, device=st.device).to(work).reshape((-1,) + (1,) * st.dim())
    if div > 0:
        step = delta / div
        # NumPy switches to y/div*delta for every element when any step underflows to 0;
        # torch.where keeps that choice free of a host read (works under vmap/compile).
        any_zero = (step == 0).any()
        y = torch.where(any_zero, y / div * delta, y * step)
    else:
        step = float("nan")
        y = y * delta
    y = y + st
    if endpoint and num > 1:
        y = torch.cat([y[:-1], en.unsqueeze(0)], 0)
    if axis != 0:
        if not -y.dim() <= axis < y.dim():
            raise np.exceptions.AxisError(axis, y.dim(), msg_prefix="destination")
        y = torch.movedim(y, 0, axis % y.dim())
    out_dt = dtype_arg(dtype) if dtype is not None else dt
    if out_dt.kind in "iu" and dt.kind != "c":
        y = torch.floor(y)
    res = _wrap(cast(y, torch_dtype(out_dt)))
    if retstep:
        if isinstance(step, float):
            return res, step
        return res, _scalars.result(step) if step.dim() == 0 else _wrap(step)
    return res


_REAL = (int, float)


def _linspace_scalars(start, stop, num, endpoint, retstep, dtype, device):
    """linspace of two Python numbers: NumPy's arithmetic on host scalars, three torch ops."""
    dt = _dtypes.default_float()
    npt = dt.type
    s0, e0 = npt(start), npt(stop)
    div = (num - 1) if endpoint else num
    y = torch.arange(num, dtype=torch_dtype(dt), device=new_device(device))
    with np.errstate(all="ignore"):
        delta = e0 - s0
        step = delta / div if div > 0 else float("nan")
    if div > 0:
        y = y / div * float(delta) if step == 0 else y * float(step)
    else:
        y = y * float(delta)
    y = y + float(s0)
    if endpoint and num > 1:
        y[-1] = float(e0)  # a fresh tensor: writing it is safe under any transform
    out_dt = dtype_arg(dtype) if dtype is not None else dt
    if out_dt.kind in "iu":  # NumPy floors for integer dtypes (not bool)
        y = torch.floor(y)
    res = _wrap(cast(y, torch_dtype(out_dt)) if out_dt != dt else y)
    return (res, step) if retstep else res


# -- eye / identity / copy / ndarray(...) ---------------------------------------------------

def eye(N, M=None, k=0, dtype=float, order="C", *, device=None, like=None):
    """A 2-D array with ones on the k-th diagonal."""
    if like is not None and type(like) is not ndarray and type(like) is not np.ndarray:
        from ._protocols import like_call  # another array type answers (NEP 35)
        return like_call(eye, like, (N,), dict(M=M, k=k, dtype=dtype, order=order, device=device),
                         exact=True)
    M = N if M is None else M
    N, M, k = operator.index(N), operator.index(M), operator.index(k)
    if N < 0 or M < 0:
        raise ValueError("negative dimensions are not allowed")
    if not _supported(dtype):
        return numpy_fallback("eye", N, M, k, dtype, order)
    order = check_order(order)
    dev = new_device(device)
    tdt = resolve_dtype(dtype)[1]
    if k == 0 and tdt not in _NO_EYE:
        return _wrap(_layout(torch.eye(N, M, dtype=tdt, device=dev), order))
    mask = torch.arange(N, device=dev)[:, None] + k == torch.arange(M, device=dev)
    return _wrap(_layout(mask.to(tdt), order))


_NO_EYE = (torch.uint16, torch.uint32, torch.uint64)  # torch.eye has no kernel for these


def identity(n, dtype=None, *, like=None, device=None):
    """The n x n identity matrix."""
    if like is not None and type(like) is not ndarray and type(like) is not np.ndarray:
        from ._protocols import like_call  # another array type answers (NEP 35)
        return like_call(identity, like, (n,), dict(dtype=dtype), exact=True)
    return eye(n, dtype=dtype, device=device)


def _ndarray_new(cls, shape, dtype, buffer, offset, strides, order):
    """``ndarray(shape, dtype=float, buffer=None, offset=0, strides=None, order=None)``."""
    if buffer is None:
        if not _supported(dtype):
            return np.ndarray(shape, dtype, order=order, strides=strides)
        if strides is not None:  # explicit byte strides: NumPy lays the memory out, torch views it
            return asarray(np.ndarray(shape, new_dtype(dtype), strides=strides, order=order))
        return empty(shape, dtype, order or "C")
    if isinstance(buffer, ndarray):
        buffer = buffer.__array__()  # the same memory, seen by NumPy
    a = np.ndarray(shape, dtype=dtype, buffer=buffer, offset=offset, strides=strides, order=order)
    if a.dtype not in NP_TO_TORCH:
        return a
    return asarray(a)


def copy(a, order="K", subok=False):
    """An array copy of ``a`` (layout kept for order="K")."""
    from ._convert import array
    if isinstance(a, np.ndarray) and a.dtype not in NP_TO_TORCH:
        return np.copy(a, order=order)
    if subok and isinstance(a, np.ma.MaskedArray):
        return np.copy(a, order=order, subok=True)  # numpy.ma's copy keeps the mask
    return array(a, copy=True, order=order, subok=subok)


for _f in (empty, zeros, ones, full, arange, eye, identity):
    _f._implementation = _f  # what __array_function__ runs for like= (NEP 35)
