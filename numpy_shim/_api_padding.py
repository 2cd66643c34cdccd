"""numpy.pad: every mode, as torch.cat of pieces computed from the array.

NumPy pads axis after axis, each axis seeing the padding already added along the earlier ones
(that is how corners are filled); here the array grows one axis at a time the same way. The
reflect, symmetric and wrap modes copy in chunks no longer than the original axis, as NumPy
does, so long pads and 'odd' reflections give NumPy's values.
"""
import numpy as np
import torch

from ._convert import cast, to_tensor
from ._dtypes import TORCH_TO_NP, torch_dtype
from ._ndarray import ndarray, _wrap
from ._shape import _arr, moveaxis, numpy_fallback

__all__ = ["pad"]

_ALLOWED = {
    "empty": (), "edge": (), "wrap": (), "constant": ("constant_values",),
    "linear_ramp": ("end_values",), "maximum": ("stat_length",), "mean": ("stat_length",),
    "median": ("stat_length",), "minimum": ("stat_length",), "reflect": ("reflect_type",),
    "symmetric": ("reflect_type",),
}
# signed storage with the same bits, for arithmetic on types torch cannot compute in
_SIGNED = {torch.uint16: torch.int16, torch.uint32: torch.int32, torch.uint64: torch.int64}


def _pad_widths(pad_width, ndim):
    """``pad_width`` as ndim (before, after) int pairs, with NumPy's checks."""
    if type(pad_width) is int and pad_width >= 0:
        return [(pad_width, pad_width)] * ndim
    if isinstance(pad_width, dict):
        seq = [(0, 0)] * ndim
        for ax, w in pad_width.items():
            seq[ax] = (w, w) if isinstance(w, int) else tuple(w)
        pad_width = seq
    if isinstance(pad_width, ndarray):
        from ._scalars import plain
        pad_width = plain(pad_width._t).numpy()
    pw = np.asarray(pad_width)
    if pw.dtype.kind != "i":
        raise TypeError("`pad_width` must be of integral type.")
    return _pairs_host(pw.astype(np.intp), ndim, True)


def _pairs_host(x, ndim, as_index=False):
    """NumPy's rule for per-axis (before, after) arguments, on a host array."""
    if x.ndim < 3:
        if x.size == 1:
            x = x.ravel()
            if as_index and x[0] < 0:
                raise ValueError("index can't contain negative values")
            return [(x[0].item(), x[0].item())] * ndim
        if x.size == 2 and x.shape != (2, 1):
            x = x.ravel()
            if as_index and (x[0] < 0 or x[1] < 0):
                raise ValueError("index can't contain negative values")
            return [(x[0].item(), x[1].item())] * ndim
    if as_index and x.size and x.min() < 0:
        raise ValueError("index can't contain negative values")
    return [tuple(p) for p in np.broadcast_to(x, (ndim, 2)).tolist()]


def _pairs_tensor(values, ndim, with_kind=False):
    """Per-axis (before, after) values as 0-d tensors (they may be traced, e.g. under grad).

    ``with_kind``: also say whether NumPy would hand them on as NumPy scalars (one or two
    values) rather than Python numbers (a full table), which changes linspace's promotion.
    """
    v = to_tensor(values)
    res = None
    if v.dim() < 3:
        if v.numel() == 1:
            v = v.reshape(())
            res = [(v, v)] * ndim
        elif v.numel() == 2 and tuple(v.shape) != (2, 1):
            v = v.reshape(-1)
            res = [(v[0], v[1])] * ndim
    if res is not None:
        return (res, True) if with_kind else res
    try:
        v = torch.broadcast_to(v, (ndim, 2))
    except RuntimeError:
        raise ValueError(
            "operands could not be broadcast together with remapped shapes [original->remapped]: "
            f"{tuple(v.shape)}  and requested shape ({ndim},2)") from None
    res = [(v[i, 0], v[i, 1]) for i in range(ndim)]
    return (res, False) if with_kind else res


def _filled(t, axis, width, value):
    shape = list(t.shape)
    shape[axis] = width
    return cast(value, t.dtype).to(t.device).expand(shape)


def _edge(t, axis, width, last):
    n = t.shape[axis]
    e = t.narrow(axis, n - 1 if last else 0, 1)
    shape = list(t.shape)
    shape[axis] = width
    return e.expand(shape)


def _join(t, axis, left, right):
    parts = [p for p in (left, t, right) if p is not None and p.shape[axis]]
    return torch.cat(parts, axis) if len(parts) > 1 else (parts[0] if parts else t)


def _odd(edge, chunk):
    """2 * edge - chunk in the array's dtype, with NumPy's wraparound for integers."""
    dt = chunk.dtype
    if dt is torch.bool:
        return (2 * edge.to(torch.int64) - chunk.to(torch.int64)) != 0
    if dt in _SIGNED:
        s = _SIGNED[dt]
        return (2 * edge.view(s) - chunk.view(s)).view(dt)
    return 2 * edge - chunk


def _reflect(t, axis, before, after, method, period, include_edge):
    """NumPy's chunked reflection along ``axis`` (``t`` holds the valid area)."""
    while before > 0 or after > 0:
        n = t.shape[axis]
        if include_edge:
            length = n // period * period
            off = 0
        else:
            length = (n - 1) // (period - 1) * (period - 1) + 1 - 1
            off = 1
        left = right = None
        if before > 0:
            k = min(length, before)
            left = _flip(t.narrow(axis, off, k), axis)
            if method == "odd":
                left = _odd(t.narrow(axis, 0, 1), left)
            before -= k
        if after > 0:
            k = min(length, after)
            right = _flip(t.narrow(axis, n - off - k, k), axis)
            if method == "odd":
                right = _odd(t.narrow(axis, n - 1, 1), right)
            after -= k
        t = _join(t, axis, left, right)
    return t


def _wrap_mode(t, axis, before, after):
    period = t.shape[axis]
    while before > 0 or after > 0:
        n = t.shape[axis]
        p = n // period * period
        left = right = None
        if before > 0:
            k = min(p, before)
            left = t.narrow(axis, p - k, k)
            before -= k
        if after > 0:
            k = min(p, after)
            right = t.narrow(axis, n - p, k)
            after -= k
        t = _join(t, axis, left, right)
    return t


def _stat(chunk, mode, axis, dtype):
    """The statistic of ``chunk`` along ``axis`` (keepdims), rounded for integer arrays."""
    if mode in ("maximum", "minimum"):
        return _extreme(chunk, axis, mode == "maximum")
    if chunk.shape[axis] == 0:
        # NumPy's mean and median of an empty slice: nan (with a RuntimeWarning there)
        shape = list(chunk.shape)
        shape[axis] = 1
        fdt = chunk.dtype if chunk.is_floating_point() or chunk.is_complex() else torch.float64
        s = torch.full(shape, float("nan"), dtype=fdt, device=chunk.device)
    elif mode == "mean":
        s = _mean(chunk, axis)
    else:
        s = _median(chunk, axis)
    if dtype.kind in "iu":
        # NumPy rounds statistics for integer arrays (not for bool: there any nonzero is True)
        s = torch.round(s)
    return s


def _extreme(t, axis, is_max):
    red = torch.amax if is_max else torch.amin
    if t.dtype is torch.uint64:
        # order uint64 bit patterns as signed by flipping the sign bit
        flip = torch.tensor(-2 ** 63, dtype=torch.int64)
        return (red(t.view(torch.int64) ^ flip, axis, keepdim=True) ^ flip).view(torch.uint64)
    if t.dtype in (torch.uint16, torch.uint32):
        return red(t.to(torch.int64), axis, keepdim=True).to(t.dtype)
    if t.is_complex():
        # NumPy orders complex numbers lexicographically (real part, then imaginary part)
        r = red(t.real, axis, keepdim=True)
        lim = float("-inf") if is_max else float("inf")
        i = red(torch.where(t.real == r, t.imag, lim), axis, keepdim=True)
        return torch.complex(r, i)
    return red(t, axis, keepdim=True)


def _as_float(t):
    if t.dtype is torch.uint64:
        from ._convert import uint64_to_float
        return uint64_to_float(t)
    if not t.is_floating_point() and not t.is_complex():
        return t.to(torch.float64)
    return t


def _mean(t, axis):
    if t.dtype is torch.float16:
        # NumPy accumulates float16 means in float32
        return t.to(torch.float32).mean(axis, keepdim=True).to(torch.float16)
    return _as_float(t).mean(axis, keepdim=True)


def _median(t, axis):
    n = t.shape[axis]
    t = _as_float(t)
    if t.is_complex():
        # NumPy sorts complex numbers lexicographically: stable sorts by imag, then by real
        order = torch.sort(t.imag, dim=axis, stable=True).indices
        s = torch.take_along_dim(t, order, axis)
        order = torch.sort(s.real, dim=axis, stable=True).indices
        s = torch.take_along_dim(s, order, axis)
    else:
        s = t.sort(dim=axis).values
    lo = s.narrow(axis, (n - 1) // 2, 1)
    if n % 2:
        m = lo
    else:
        hi = s.narrow(axis, n // 2, 1)
        m = ((lo.float() + hi.float()) / 2).to(t.dtype) if t.dtype is torch.float16 else (lo + hi) / 2
    if t.is_floating_point():
        # NumPy's median is nan when the slice holds a nan (sort puts nans last)
        m = torch.where(s.narrow(axis, n - 1, 1).isnan(), s.narrow(axis, n - 1, 1), m)
    return m


def _flip(t, axis):
    if t.dtype in _SIGNED:
        # torch has no flip kernel for uint16/32/64: flip the same bits as a signed type
        return t.view(_SIGNED[t.dtype]).flip(axis).view(t.dtype)
    return t.flip(axis)


def _ramp_dtype(end, edge, strong):
    """linspace's compute dtype: NumPy passes one or two end values as NumPy scalars (strong),
    a full per-axis table as Python numbers (weak, NEP 50)."""
    edge_dt = TORCH_TO_NP[edge.dtype]
    end_dt = TORCH_TO_NP[end.dtype]
    if strong:
        dt = np.result_type(end_dt, edge_dt)
    else:
        # a Python number instance is weak in result_type (its type would be strong)
        weak = 0j if end_dt.kind == "c" else 0.0 if end_dt.kind == "f" else 0
        dt = np.result_type(edge_dt, weak)
    if dt.kind not in "fc":
        dt = np.result_type(dt, 1.0)
    return torch_dtype(dt)


def _ramp(t, axis, width, end, edge, dtype, strong):
    """np.linspace(end, edge, width, endpoint=False, dtype=dtype) along ``axis``."""
    shape = [1] * t.dim()
    shape[axis] = width
    work = _ramp_dtype(end, edge, strong)
    e = cast(edge, work)
    start = cast(end, work)
    delta = e - start
    y = torch.arange(width, device=e.device).reshape(shape).to(work)
    step = delta / width
    # linspace switches to y / n * delta for the whole array when any step underflows to 0
    y = torch.where((step == 0).any(), y / width * delta, y * step) + start
    if dtype.kind in "iu":
        if y.is_complex():
            raise TypeError("ufunc 'floor' not supported for the input types, and the inputs could not "
                            "be safely coerced to any supported types according to the casting rule ''safe''")
        y = torch.floor(y)
    return y


@numpy_fallback
def pad(array, pad_width, mode="constant", **kwargs):
    """Pad an array (NumPy's modes, or a callable applied along each axis)."""
    a = _arr(array)
    res = _pad(a, pad_width, mode, kwargs)
    if a.ndim > 1 and not a._t.is_contiguous() and a.flags.f_contiguous:
        # NumPy keeps a Fortran-ordered input's layout
        t = res._t
        rev = tuple(range(t.dim() - 1, -1, -1))
        res._t = t.permute(rev).contiguous().permute(rev)
    return res


def _pad(a, pad_width, mode, kwargs):
    t = a._t
    nd = t.dim()
    widths = _pad_widths(pad_width, nd)
    dtype = a.dtype
    if callable(mode):
        return _pad_callable(a, widths, mode, kwargs)
    try:
        bad = set(kwargs) - set(_ALLOWED[mode])
    except (KeyError, TypeError):
        raise ValueError(f"mode '{mode}' is not supported") from None
    if bad:
        raise ValueError(f"unsupported keyword arguments for mode '{mode}': {bad}")
    if mode == "constant":
        cv = kwargs.get("constant_values", 0)
        if type(cv) in (int, float) and cv == 0 and nd:
            # zero padding (the common case) is one torch op, which handles every dtype
            flat = [w for b, c in reversed(widths) for w in (b, c)]
            return _wrap(torch.nn.functional.pad(t, flat))
        values = _pairs_tensor(cv, nd)
        for ax, ((b, c), (vb, vc)) in enumerate(zip(widths, values)):
            t = _join(t, ax, _filled(t, ax, b, vb) if b else None, _filled(t, ax, c, vc) if c else None)
        return _wrap(t)
    if mode == "empty":
        # NumPy leaves the padding uninitialized; zeros are one valid content
        zero = torch.zeros((), dtype=t.dtype)
        for ax, (b, c) in enumerate(widths):
            t = _join(t, ax, _filled(t, ax, b, zero) if b else None, _filled(t, ax, c, zero) if c else None)
        return _wrap(t)
    if t.numel() == 0:
        for ax, (b, c) in enumerate(widths):
            if t.shape[ax] == 0 and (b or c):
                raise ValueError(f"can't extend empty axis {ax} using modes other than 'constant' or 'empty'")
        shape = [s + b + c for s, (b, c) in zip(t.shape, widths)]
        return _wrap(torch.zeros(shape, dtype=t.dtype, device=t.device))
    if mode == "edge":
        for ax, (b, c) in enumerate(widths):
            t = _join(t, ax, _edge(t, ax, b, False) if b else None, _edge(t, ax, c, True) if c else None)
        return _wrap(t)
    if mode == "linear_ramp":
        ends, strong = _pairs_tensor(kwargs.get("end_values", 0), nd, with_kind=True)
        for ax, ((b, c), (eb, ec)) in enumerate(zip(widths, ends)):
            left = right = None
            if b:
                left = cast(_ramp(t, ax, b, eb, t.narrow(ax, 0, 1), dtype, strong), t.dtype)
            if c:
                right = _flip(cast(_ramp(t, ax, c, ec, t.narrow(ax, t.shape[ax] - 1, 1), dtype, strong), t.dtype), ax)
            t = _join(t, ax, left, right)
        return _wrap(t)
    if mode in ("maximum", "minimum", "mean", "median"):
        lengths = kwargs.get("stat_length")
        lengths = [(None, None)] * nd if lengths is None else _pairs_host(
            np.round(np.asarray(lengths)).astype(np.intp), nd, True)
        for ax, ((b, c), (lb, lc)) in enumerate(zip(widths, lengths)):
            n = t.shape[ax]
            lb = n if lb is None or lb > n else lb
            lc = n if lc is None or lc > n else lc
            if (lb == 0 or lc == 0) and mode in ("maximum", "minimum"):
                raise ValueError("stat_length of 0 yields no value for padding")
            left = right = None
            if b:
                left = _filled(t, ax, b, _stat(t.narrow(ax, 0, lb), mode, ax, dtype))
            if c:
                right = _filled(t, ax, c, _stat(t.narrow(ax, n - lc, lc), mode, ax, dtype))
            t = _join(t, ax, left, right)
        return _wrap(t)
    if mode in ("reflect", "symmetric"):
        method = kwargs.get("reflect_type", "even")
        for ax, (b, c) in enumerate(widths):
            if a.shape[ax] == 1 and (b or c):
                # NumPy's legacy behavior: a length-1 axis is extended with its edge
                t = _join(t, ax, _edge(t, ax, b, False) if b else None, _edge(t, ax, c, True) if c else None)
                continue
            t = _reflect(t, ax, b, c, method, a.shape[ax], mode == "symmetric")
        return _wrap(t)
    # wrap
    for ax, (b, c) in enumerate(widths):
        t = _wrap_mode(t, ax, b, c)
    return _wrap(t)


def _pad_callable(a, widths, function, kwargs):
    """NumPy's legacy callable mode: ``function(vector, pad_width, axis, kwargs)`` on every 1-d
    slice of a zero-padded array, modifying it in place."""
    t = a._t
    zero = torch.zeros((), dtype=t.dtype)
    for ax, (b, c) in enumerate(widths):
        t = _join(t, ax, _filled(t, ax, b, zero) if b else None, _filled(t, ax, c, zero) if c else None)
    padded = _wrap(t.contiguous())
    for ax in range(padded.ndim):
        view = moveaxis(padded, ax, -1)
        for ind in np.ndindex(view.shape[:-1]):
            function(view[ind + (Ellipsis,)], widths[ax], ax, kwargs)
    return padded
