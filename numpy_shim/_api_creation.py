"""More array creation: layouts, triangles and diagonals, grids, ranges on a log scale, buffers.

All values are computed with torch ops (so grad/vmap/compile see through them);
sizes come from host arguments, as in NumPy. Data of a dtype torch cannot hold
goes to real NumPy (counted, see fallback_report()).
"""
import math
import operator
import warnings

import numpy as np
import torch

from . import _dtypes, _scalars
from ._convert import asarray, cast, dtype_arg, resolve_dtype
from ._creation import (arange, linspace, new_device, numpy_fallback, shape_tuple,
                        _supported)
from ._dtypes import torch_dtype, NP_TO_TORCH
from ._ndarray import ndarray, _wrap, _view
from ._protocols import array_function_like

__all__ = ["ascontiguousarray", "asfortranarray", "require", "tri", "tril", "triu", "diag", "diagflat",
           "vander", "meshgrid", "mgrid", "ogrid", "indices", "fromfunction", "frombuffer",
           "fromiter", "fromstring", "logspace", "geomspace"]


def _arr(a):
    """``a`` as a shim array, or None when it is data only real NumPy can hold."""
    res = a if isinstance(a, ndarray) else asarray(a)
    return res if isinstance(res, ndarray) else None


# -- layout -------------------------------------------------------------------------------

@array_function_like
def ascontiguousarray(a, dtype=None, *, like=None):
    """A C-contiguous array (ndim >= 1) with the values of ``a``."""
    res = asarray(a, dtype=dtype, order="C")
    if not isinstance(res, ndarray):
        return np.ascontiguousarray(res)
    return res.reshape(1) if res.ndim == 0 else res


@array_function_like
def asfortranarray(a, dtype=None, *, like=None):
    """A Fortran-ordered array (ndim >= 1): column-major strides, same values."""
    res = asarray(a, dtype=dtype, order="F")
    if not isinstance(res, ndarray):
        return np.asfortranarray(res)
    return res.reshape(1) if res.ndim == 0 else res


_REQUIREMENTS = {"C": "C", "C_CONTIGUOUS": "C", "CONTIGUOUS": "C", "F": "F", "F_CONTIGUOUS": "F",
                 "FORTRAN": "F", "A": "A", "ALIGNED": "A", "W": "W", "WRITEABLE": "W", "O": "O",
                 "OWNDATA": "O", "E": "E", "ENSUREARRAY": "E"}


def require(a, dtype=None, requirements=None, *, like=None):
    """An array with the dtype and the flags asked for (C/F order, writeable, own data)."""
    if like is not None and type(like) is not ndarray and type(like) is not np.ndarray:
        from ._protocols import like_call  # another array type answers (NEP 35)
        return like_call(require, like, (a,), dict(dtype=dtype, requirements=requirements), exact=True)
    from ._convert import asanyarray
    if not requirements:
        return asanyarray(a, dtype=dtype)
    req = {_REQUIREMENTS[x.upper()] for x in requirements}
    subok = "E" not in req  # E: a base-class array, not an ndarray subclass
    req.discard("E")
    if req >= {"C", "F"}:
        raise ValueError('Cannot specify both "C" and "F" order')
    order = "F" if "F" in req else "C" if "C" in req else "A"
    req -= {"C", "F"}
    from ._convert import array
    arr = array(a, dtype=dtype, order=order, copy=None, subok=subok)
    if not isinstance(arr, ndarray):
        return np.require(arr, dtype, requirements)
    for flag in req:
        if not arr.flags[flag]:
            return arr.copy(order)
    return arr


# -- triangles and diagonals ------------------------------------------------------------

def _tri_mask(N, M, k, device):
    return torch.arange(N, device=device)[:, None] + k >= torch.arange(M, device=device)


def tri(N, M=None, k=0, dtype=float, *, like=None, device=None):
    """An array with ones at and below the k-th diagonal, zeros elsewhere."""
    if like is not None and type(like) is not ndarray and type(like) is not np.ndarray:
        from ._protocols import like_call  # another array type answers (NEP 35)
        return like_call(tri, like, (N,), dict(M=M, k=k, dtype=dtype), exact=True)
    M = N if M is None else M
    N, M, k = operator.index(N), operator.index(M), operator.index(k)
    if N < 0 or M < 0:
        raise ValueError("negative dimensions are not allowed")
    if not _supported(dtype):
        return numpy_fallback("tri", N, M, k, dtype)
    return _wrap(_tri_mask(N, M, k, new_device(device)).to(resolve_dtype(dtype)[1]))


def _triangle(name, m, k, lower):
    a = _arr(m)
    if a is None:
        return numpy_fallback(name, m, k)
    k = operator.index(k)
    t = a._t
    if t.dim() == 0:
        raise TypeError("tri() missing 1 required positional argument: 'N'")
    N, M = (t.shape[-2], t.shape[-1]) if t.dim() > 1 else (t.shape[-1], t.shape[-1])
    zero = torch.zeros((), dtype=t.dtype, device=t.device)
    if lower:
        return _wrap(torch.where(_tri_mask(N, M, k, t.device), t, zero))
    return _wrap(torch.where(_tri_mask(N, M, k - 1, t.device), zero, t))


def tril(m, k=0):
    """Lower triangle of an array (the last two axes); a 1-D input is a row of a square."""
    return _triangle("tril", m, k, True)


def triu(m, k=0):
    """Upper triangle of an array (the last two axes); a 1-D input is a row of a square."""
    return _triangle("triu", m, k, False)


def _diag_matrix(t, k):
    """A square matrix with 1-D tensor ``t`` on diagonal k (torch.where, any dtype)."""
    n = t.shape[0] + abs(k)
    pad = torch.zeros(abs(k), dtype=t.dtype, device=t.device)
    vals = torch.cat([t, pad])
    mask = torch.arange(n, device=t.device)[:, None] + k == torch.arange(n, device=t.device)
    zero = torch.zeros((), dtype=t.dtype, device=t.device)
    # row i holds v[i] when k >= 0; column j holds v[j] when k < 0
    return torch.where(mask, vals[:, None] if k >= 0 else vals[None, :], zero)


def diag(v, k=0):
    """The k-th diagonal of a 2-D array (a read-only view), or a 2-D array with 1-D ``v`` on it."""
    a = _arr(v)
    if a is None:
        return numpy_fallback("diag", v, k)
    k = operator.index(k)
    t = a._t
    if t.dim() == 1:
        return _wrap(_diag_matrix(t, k))
    if t.dim() == 2:
        res = _view(a, torch.diagonal(t, k))
        res._flags = {"writeable": False}  # NumPy's diagonal views are read-only
        return res
    raise ValueError("Input must be 1- or 2-d.")


def diagflat(v, k=0):
    """A 2-D array with the flattened input on the k-th diagonal."""
    a = _arr(v)
    if a is None:
        return numpy_fallback("diagflat", v, k)
    return _wrap(_diag_matrix(a._t.reshape(-1), operator.index(k)))


def vander(x, N=None, increasing=False):
    """The Vandermonde matrix: columns are powers of ``x`` (NumPy's multiply.accumulate order)."""
    a = _arr(x)
    if a is None:
        return numpy_fallback("vander", x, N, increasing)
    if a.ndim != 1:
        raise ValueError("x must be a one-dimensional array or sequence.")
    t = a._t
    n = t.shape[0] if N is None else operator.index(N)
    if n < 0:
        raise ValueError("negative dimensions are not allowed")
    dt = np.promote_types(a.dtype, int)
    ones = torch.ones((t.shape[0], min(n, 1)), dtype=torch_dtype(dt), device=t.device)
    cols = torch.cat([ones, cast(t, torch_dtype(dt))[:, None].expand(-1, max(n - 1, 0))], 1)
    # a running product, as NumPy's multiply.accumulate (not pow: rounding must match)
    res = torch.cumprod(cols, 1) if n > 1 else cols
    return _wrap(res if increasing else res.flip(1))


# -- grids ------------------------------------------------------------------------------

def meshgrid(*xi, copy=True, sparse=False, indexing="xy"):
    """Coordinate arrays from coordinate vectors (a tuple, as in NumPy 2)."""
    if indexing not in ("xy", "ij"):
        raise ValueError("Valid values for `indexing` are 'xy' and 'ij'.")
    arrs = [_arr(x) for x in xi]
    if any(a is None for a in arrs):
        return numpy_fallback("meshgrid", *xi, copy=copy, sparse=sparse, indexing=indexing)
    nd = len(arrs)
    shapes = []
    for i, a in enumerate(arrs):
        s = [1] * nd
        s[i] = -1
        if indexing == "xy" and nd > 1 and i < 2:
            s[0], s[1] = s[1], s[0]
        shapes.append(s)
    ts = [a._t.reshape(s) for a, s in zip(arrs, shapes)]
    if not sparse and ts:
        ts = torch.broadcast_tensors(*ts)
    if copy:
        return tuple(_wrap(t.contiguous() if t.is_contiguous() else t.clone(memory_format=torch.contiguous_format))
                     for t in ts)
    out = []
    for a, t in zip(arrs, ts):
        v = _view(a, t)
        if not sparse:
            v._flags = {"writeable": False}  # broadcast views share elements; torch cannot write them
        out.append(v)
    return tuple(out)


def indices(dimensions, dtype=int, sparse=False):
    """An array (or tuple when sparse) of index grids for a shape."""
    dims = shape_tuple(tuple(dimensions))
    dt, tdt = resolve_dtype(dtype)
    if tdt is None:
        return numpy_fallback("indices", dims, dt, sparse)
    dev = new_device(None)  # the numpy_shim.device(...) context
    nd = len(dims)
    parts = []
    for i, n in enumerate(dims):
        shp = [1] * nd
        shp[i] = n
        parts.append(torch.arange(n, dtype=torch.int64, device=dev).to(tdt).reshape(shp))
    if sparse:
        return tuple(_wrap(p) for p in parts)
    if not parts:
        return _wrap(torch.empty((0,), dtype=tdt, device=dev))
    return _wrap(torch.stack(torch.broadcast_tensors(*parts)))


def _default_switch(dt, values):
    """float64/complex128 from Python numbers only is the default float (set_default_float)."""
    if dt.kind in "fc" and all(type(v) in (int, float, complex, bool) for v in values):
        return _dtypes.default_float() if dt.kind == "f" else _dtypes.default_complex()
    return dt


class _Grid:
    """mgrid / ogrid: ``mgrid[0:5, 0:3:4j]``; a complex step is a number of points."""

    __slots__ = ("sparse",)

    def __init__(self, sparse):
        self.sparse = sparse

    @staticmethod
    def _parts(k):
        start = 0 if k.start is None else k.start
        step = 1 if k.step is None else k.step
        if isinstance(step, (complex, np.complexfloating)):
            n = int(abs(step))
            return start, k.stop, float(abs(step)), n, ((k.stop - start) / float(n - 1) if n != 1 else 1)
        return start, k.stop, step, math.ceil((k.stop - start) / step), step

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop, dstep, n, step = self._parts(key)
            if isinstance(key.step, (complex, np.complexfloating)):
                dt = _default_switch(np.result_type(start, stop, dstep), (start, stop, dstep))
                return self._scaled(torch.arange(n, device=new_device(None)), dt, step, start)
            return arange(start, stop, 1 if key.step is None else key.step)
        parts = [self._parts(k) for k in key]
        dt = _default_switch(np.result_type(0, *[v for p in parts for v in p[:3]]),
                             [v for p in parts for v in p[:3]])
        sizes = [max(p[3], 0) for p in parts]
        nd = len(sizes)
        out = []
        for i, (p, n) in enumerate(zip(parts, sizes)):
            shp = [1] * nd
            shp[i] = n
            out.append(self._scaled(torch.arange(n, device=new_device(None)).reshape(shp), dt, p[4], p[0]))
        if self.sparse:
            return tuple(out)
        return _wrap(torch.stack(torch.broadcast_tensors(*[o._t for o in out])))

    @staticmethod
    def _scaled(t, dt, step, start):
        """``t * step + start`` with NumPy's promotion (Python numbers weak)."""
        rt = np.result_type(dt, step, start)
        step = step.item() if isinstance(step, np.generic) else step
        start = start.item() if isinstance(start, np.generic) else start
        return _wrap(t.to(torch_dtype(rt)) * step + start)


mgrid = _Grid(False)
ogrid = _Grid(True)


def fromfunction(function, shape, *, dtype=float, like=None, **kwargs):
    """``function(*indices(shape))``: an array built from its coordinates."""
    if like is not None and type(like) is not ndarray and type(like) is not np.ndarray:
        from ._protocols import like_call  # another array type answers (NEP 35)
        return like_call(fromfunction, like, (function, shape), dict(kwargs, dtype=dtype), exact=True)
    return function(*indices(shape, dtype=dtype), **kwargs)


# -- from host data ---------------------------------------------------------------------

@array_function_like
def frombuffer(buffer, dtype=float, count=-1, offset=0, *, like=None):
    """A 1-D array viewing ``buffer``'s memory (read-only when the buffer is)."""
    if isinstance(buffer, ndarray):
        buffer = buffer.__array__()
    a = np.frombuffer(buffer, dtype=dtype_arg(dtype), count=count, offset=offset)
    if a.dtype not in NP_TO_TORCH:
        return numpy_fallback("frombuffer", buffer, a.dtype, count, offset)
    if a.flags.writeable:
        return asarray(a)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # torch warns about read-only memory
        t = torch.from_numpy(a.view(np.dtype(a.dtype.str)))
    res = _wrap(t)
    res._flags = {"writeable": False, "locked": True}  # read-only memory: cannot be made writeable
    return res


@array_function_like
def fromiter(iter, dtype, count=-1, *, like=None):
    """A 1-D array from an iterable (read on the host, as NumPy does)."""
    return asarray(np.fromiter(iter, dtype=dtype_arg(dtype), count=count))


@array_function_like
def fromstring(string, dtype=float, count=-1, *, sep, like=None):
    """A 1-D array parsed from text separated by ``sep``."""
    return asarray(np.fromstring(string, dtype=dtype_arg(dtype), count=count, sep=sep))


# -- logspace / geomspace ---------------------------------------------------------------

def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    """``base ** linspace(start, stop)``."""
    from ._ufunc_table import power
    from ._shape import expand_dims
    if not isinstance(base, (float, int)) and np.ndim(base):
        b = _arr(base)
        nd = max(np.ndim(start), np.ndim(stop), b.ndim)
        from ._convert import array
        start, stop, b = (array(x, copy=None, ndmin=nd) for x in (start, stop, b))
        base = expand_dims(b, axis)
    y = linspace(start, stop, num=num, endpoint=endpoint, axis=axis)
    if not isinstance(y, ndarray):
        return numpy_fallback("logspace", start, stop, num, endpoint, base, dtype, axis)
    res = power(base, y)
    return res if dtype is None else res.astype(dtype, copy=False)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    """Numbers spaced evenly on a log scale between ``start`` and ``stop`` (signs and complex too)."""
    s, e = _arr(start), _arr(stop)
    if s is None or e is None or not _supported(dtype):
        return numpy_fallback("geomspace", start, stop, num, endpoint, dtype, axis)
    num = operator.index(num)
    if num < 0:
        raise ValueError(f"Number of samples, {num}, must be non-negative.")
    st, en = s._t, e._t
    # A data-dependent check; skipped where values cannot be read (under vmap/compile).
    if _scalars.is_plain(st) and _scalars.is_plain(en) and bool((st == 0).any() | (en == 0).any()):
        raise ValueError("Geometric sequence cannot include zero")
    # NumPy: result_type(start, stop, float, float64); the float64 there is the default float
    if dtype is None:
        dt = np.result_type(*[x.dtype for x in (s, e) if x.dtype.kind in "fc"], _dtypes.default_float())
    else:
        dt = np.result_type(s.dtype, e.dtype, 1.0, dtype_arg(dtype))
    out_dt = dt if dtype is None else dtype_arg(dtype)
    work = torch_dtype(dt)
    st, en = cast(st, work), cast(en, work)
    if st.device != en.device:
        en = en.to(st.device)
    sign = torch.sgn(st)
    st = st / sign
    en = en / sign
    with np.errstate(invalid="ignore", divide="ignore"):
        y = logspace(_wrap(torch.log10(st)), _wrap(torch.log10(en)), num=num, endpoint=endpoint,
                     base=10.0, dtype=dt)._t
    if num > 0:
        shp = (1,) + tuple(y.shape[1:])
        st_b, en_b = st.broadcast_to(y.shape[1:]).reshape(shp), en.broadcast_to(y.shape[1:]).reshape(shp)
        if num > 1 and endpoint:
            y = torch.cat([st_b, y[1:-1], en_b])
        else:
            y = torch.cat([st_b, y[1:]])
    y = y * sign
    if axis != 0:
        from ._axes import normalize_axis
        y = torch.movedim(y, 0, normalize_axis(axis, y.dim()))
    return _wrap(cast(y, torch_dtype(out_dt)))


for _f in (require, tri, fromfunction):
    _f._implementation = _f  # what __array_function__ runs for like= (NEP 35)
