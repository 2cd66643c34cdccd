"""Reductions: sum, prod, min/max, any/all, mean, var/std, argmin/argmax, cumsum/cumprod."""
import builtins
import warnings

import numpy as np
import torch

from . import _scalars, _fpe
from ._axes import normalize_axes, normalize_axis
from ._convert import to_tensor, cast
from ._dtypes import TORCH_TO_NP, NP_TO_TORCH, np_dtype, torch_dtype
from ._ndarray import ndarray, _wrap
from ._ufunc_table import add, multiply, maximum, minimum, logical_and, logical_or

_NOVALUE = np._NoValue


def _kw(initial, where):
    kw = {}
    if initial is not _NOVALUE:
        kw["initial"] = initial
    if where is not _NOVALUE and where is not True:
        kw["where"] = where
    return kw


def _empty_rest(fn, a, axis, keepdims):
    """NumPy's empty result when a non-reduced axis has length 0 (the ufunc fold cannot
    reshape such a tensor): reduce a stand-in with those axes at length 1, then cut them."""
    if not isinstance(a, ndarray):
        return None
    t = a._t
    if t.numel() or t.dim() == 0:
        return None
    dims = normalize_axes(axis, t.dim())
    if builtins.any(t.shape[d] == 0 for d in dims):
        return None
    zero = [d for d in range(t.dim()) if d not in dims and t.shape[d] == 0]
    stand_in = torch.zeros([1 if d in zero else s for d, s in enumerate(t.shape)], dtype=t.dtype)
    r = to_tensor(fn(_wrap(stand_in)))
    for d in zero:
        pos = d if keepdims else d - builtins.sum(1 for x in dims if x < d)
        r = r.narrow(pos, 0, 0)
    return _wrap(r)


def _where_and_initial(uf, a, axis, dtype, out, keepdims, initial, where):
    """sum/prod with both where= and initial=: the masked reduction, then ``initial`` folded in
    once (the ufunc reduce would also put ``initial`` in every masked-out slot)."""
    r = uf.reduce(a, axis=axis, dtype=dtype, keepdims=keepdims, where=where)
    rt = to_tensor(r)
    init = TORCH_TO_NP[rt.dtype].type(initial)
    return uf(r, init, **({"out": out} if out is not None else {}))


# dtypes whose full torch.sum already has NumPy's result dtype (ints and bool widen to int64)
_FAST_SUM = {torch.float64, torch.float32, torch.complex128, torch.complex64, torch.int64,
             torch.int32, torch.int16, torch.int8, torch.bool}


def sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NOVALUE, where=_NOVALUE):
    """Sum of array elements over the given axes."""
    if type(a) is ndarray and axis is None and dtype is None and out is None and not keepdims \
            and initial is _NOVALUE and where is _NOVALUE and a._t.dtype in _FAST_SUM:
        return _fpe.checked_scalar(add, (a._t,), a._t.sum(), "reduce")  # the common case
    if initial is not _NOVALUE and initial is not None and where is not _NOVALUE and where is not True:
        return _where_and_initial(add, a, axis, dtype, out, keepdims, initial, where)
    r = out is None and _empty_rest(lambda x: add.reduce(x, axis=axis, dtype=dtype, keepdims=keepdims,
                                                         **_kw(initial, where)), a, axis, keepdims)
    if r is not None and r is not False:
        return r
    return add.reduce(a, axis=axis, dtype=dtype, out=out, keepdims=keepdims, **_kw(initial, where))


def prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NOVALUE, where=_NOVALUE):
    """Product of array elements over the given axes."""
    if initial is not _NOVALUE and initial is not None and where is not _NOVALUE and where is not True:
        return _where_and_initial(multiply, a, axis, dtype, out, keepdims, initial, where)
    r = out is None and _empty_rest(lambda x: multiply.reduce(x, axis=axis, dtype=dtype, keepdims=keepdims,
                                                              **_kw(initial, where)), a, axis, keepdims)
    if r is not None and r is not False:
        return r
    return multiply.reduce(a, axis=axis, dtype=dtype, out=out, keepdims=keepdims, **_kw(initial, where))


def max(a, axis=None, out=None, keepdims=False, initial=_NOVALUE, where=_NOVALUE):
    """Maximum along the given axes (NaN propagates)."""
    r = out is None and _empty_rest(lambda x: maximum.reduce(x, axis=axis, keepdims=keepdims,
                                                             **_kw(initial, where)), a, axis, keepdims)
    if r is not None and r is not False:
        return r
    return maximum.reduce(a, axis=axis, out=out, keepdims=keepdims, **_kw(initial, where))


def min(a, axis=None, out=None, keepdims=False, initial=_NOVALUE, where=_NOVALUE):
    """Minimum along the given axes (NaN propagates)."""
    r = out is None and _empty_rest(lambda x: minimum.reduce(x, axis=axis, keepdims=keepdims,
                                                             **_kw(initial, where)), a, axis, keepdims)
    if r is not None and r is not False:
        return r
    return minimum.reduce(a, axis=axis, out=out, keepdims=keepdims, **_kw(initial, where))


amax = max
amin = min


def all(a, axis=None, out=None, keepdims=False, *, where=_NOVALUE):
    """Whether all elements along the axes are true."""
    t = to_tensor(a)
    return logical_and.reduce(_wrap(t != 0) if t.dtype is not torch.bool else _wrap(t), axis=axis,
                              out=out, keepdims=keepdims, **_kw(_NOVALUE, where))


def any(a, axis=None, out=None, keepdims=False, *, where=_NOVALUE):
    """Whether any element along the axes is true."""
    t = to_tensor(a)
    return logical_or.reduce(_wrap(t != 0) if t.dtype is not torch.bool else _wrap(t), axis=axis,
                             out=out, keepdims=keepdims, **_kw(_NOVALUE, where))


def _count(t, dims, keepdims, where):
    """Items per reduced slice: a Python int, or an int64 tensor when ``where`` is given."""
    if where is _NOVALUE or where is True:
        n = 1
        for d in dims:
            n *= t.shape[d]
        return n
    m = torch.broadcast_to(to_tensor(where, np.dtype(np.bool_)), t.shape)
    return m.sum(dim=dims, keepdim=keepdims) if dims else m.to(torch.int64)


def _any_zero(n, ddof=0):
    if isinstance(n, int):
        return ddof >= n
    return _scalars.is_plain(n) and bool((n <= ddof).any())


def _mask(where, t):
    if where is _NOVALUE or where is True:
        return None
    return torch.broadcast_to(to_tensor(where, np.dtype(np.bool_)), torch.broadcast_shapes(
        t.shape, to_tensor(where, np.dtype(np.bool_)).shape))


def _sum(x, dims, keepdim, mask):
    if mask is not None:
        x = torch.where(mask, x, torch.zeros((), dtype=x.dtype, device=x.device))
    if not dims:
        return x.clone() if not keepdim else x.clone()
    if x.dtype is torch.bool:
        x = x.to(torch.int64)
    r = x.sum(dim=dims, keepdim=keepdim)
    _fpe.check(add, (x,), r, name="reduce")
    return r


def _divide(s, n):
    """``s / n`` cast back to ``s``'s dtype (NumPy's true_divide with casting='unsafe')."""
    dt = s.dtype
    if (n == 0 if not isinstance(n, torch.Tensor) else _scalars.is_plain(n) and bool((n == 0).any())) \
            and (s.is_floating_point() or s.is_complex()):
        from ._fpe import report
        report("invalid", "scalar divide" if s.dim() == 0 else "divide", stacklevel=5)
    # NumPy's true_divide(sum, count) picks the float64 (complex128) loop: divide there
    work = torch.complex128 if s.is_complex() else torch.float64
    q = s.to(work) / (n.to(torch.float64) if isinstance(n, torch.Tensor) else float(n))
    return cast(q, dt) if q.dtype is not dt else q


def _work_dtype(t, dtype, f16_up):
    """The dtype NumPy accumulates in: dtype=, else float64 for ints/bool (float32 for float16)."""
    if dtype is not None:
        return np_dtype(dtype)
    dt = TORCH_TO_NP[t.dtype]
    if dt.kind in "biu":
        return np.dtype(np.float64)
    if dt == np.float16 and f16_up:
        return np.dtype(np.float32)
    return dt


def _emu(x):
    """uint16/32/64 have no torch sum kernels: work in int64 (uint64 as its bits)."""
    if x.dtype in (torch.uint16, torch.uint32):
        return x.to(torch.int64)
    if x.dtype is torch.uint64:
        return x.view(torch.int64)
    return x


def _from_emu(r, tdt):
    if tdt is torch.uint64:
        return r.view(torch.uint64) if r.dtype is torch.int64 else r.to(torch.int64).view(torch.uint64)
    return r.to(tdt) if r.dtype is not tdt else r


def _finish(r, out, keepdims, what=None):
    if out is not None:
        if not isinstance(out, (ndarray, np.ndarray)):  # a real NumPy array: NumPy's dispatch
            raise TypeError("output must be an array")
        oshape = tuple(out.shape)
        if oshape != tuple(r.shape):
            if what is not None:
                raise ValueError(f"output array does not match result of np.{what}.")
            if len(oshape) != r.dim():
                raise ValueError("output parameter for reduction operation add has the wrong number "
                                 f"of dimensions: Found {len(oshape)} but expected {r.dim()}")
            raise ValueError("operands could not be broadcast together with remapped shapes "
                             f"[original->remapped]: {oshape} {tuple(r.shape)}")
        from ._write import write, out_dtype
        tdt = out_dtype(out)  # None: a dtype only NumPy has; write casts on the host
        write(out, cast(r, tdt) if tdt is not None else r)
        return out
    return _scalars.result(r) if r.dim() == 0 else _wrap(r)


def mean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=_NOVALUE):
    """Arithmetic mean along the given axes (float64 for integer input)."""
    if type(a) is ndarray and axis is None and dtype is None and out is None and not keepdims \
            and where is _NOVALUE and a._t.dtype in (torch.float64, torch.float32) and a._t.numel():
        # NumPy's sum, then divide (torch.mean avoids the overflow NumPy reports)
        return _fpe.checked_scalar(add, (a._t,), a._t.sum() / a._t.numel(), "reduce")
    t = to_tensor(a)
    dims = normalize_axes(axis, t.dim())
    n = _count(t, dims, keepdims, where)
    if _any_zero(n):
        warnings.warn("Mean of empty slice", RuntimeWarning, stacklevel=3)
    dt = _work_dtype(t, dtype, True)
    tdt = torch_dtype(dt)
    x = cast(t, tdt)
    r = _divide(_from_emu(_sum(_emu(x), dims, keepdims, _mask(where, t)), tdt), n)
    if dtype is None and t.dtype is torch.float16 and out is None:
        r = r.to(torch.float16)
    return _finish(r, out, keepdims)


def var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=_NOVALUE, mean=_NOVALUE,
        correction=_NOVALUE):
    """Variance along the given axes (``ddof``/``correction`` as NumPy)."""
    if correction is not _NOVALUE:
        if ddof != 0:
            raise ValueError("ddof and correction can't be provided simultaneously.")
        ddof = correction
    r = _var(a, axis, dtype, ddof, keepdims, where, mean)
    return _finish(r, out, keepdims)


def _var(a, axis, dtype, ddof, keepdims, where, mean_):
    t = to_tensor(a)
    dims = normalize_axes(axis, t.dim())
    n = _count(t, dims, keepdims, where)
    if _any_zero(n, ddof):
        warnings.warn("Degrees of freedom <= 0 for slice", RuntimeWarning, stacklevel=4)
    src = TORCH_TO_NP[t.dtype]
    dt = _work_dtype(t, dtype, False)
    # float16 sums run in float32 here (NumPy's pairwise float16 sum is close to it)
    tdt = torch_dtype(dt)
    acc = torch.float32 if tdt is torch.float16 else tdt
    mask = _mask(where, t)
    if mean_ is not _NOVALUE:
        mu = to_tensor(mean_)
    else:
        n_keep = n if isinstance(n, int) else _count(t, dims, True, where)
        mu = _divide(_sum(_emu(cast(t, tdt)).to(acc) if tdt in (torch.uint16, torch.uint32, torch.uint64)
                          else cast(t, tdt).to(acc), dims, True, mask), n_keep)
        mu = mu.to(tdt)
    xdt = np.result_type(src, TORCH_TO_NP[mu.dtype] if mu.dtype in TORCH_TO_NP else dt)
    x = cast(t, torch_dtype(xdt)) - cast(mu, torch_dtype(xdt))
    if src.kind in "iuf":
        sq = x * x
        _fpe.check(multiply, (x, x), sq, name="square")  # NumPy squares with um.square
    elif x.is_complex():
        sq = x.real * x.real + x.imag * x.imag
    else:
        sq = (x * x.conj()).real if x.is_complex() else x * x
    rdt = tdt if dtype is not None else (sq.dtype if sq.dtype is not torch.float32 or src != np.float16
                                         else torch.float16)
    if dtype is None and src.kind == "c":
        rdt = sq.dtype
    s = _sum(sq.to(acc) if not sq.is_complex() and not rdt.is_complex else sq, dims, keepdims, mask)
    if sq.dtype is torch.float16:
        s = s.to(torch.float16)  # NumPy's float16 sum result, divided in float16
    dof = builtins.max(n - ddof, 0) if isinstance(n, int) else torch.clamp(n - ddof, min=0)
    r = _divide(s, dof)
    return cast(r, rdt) if r.dtype is not rdt else r


def std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=_NOVALUE, mean=_NOVALUE,
        correction=_NOVALUE):
    """Standard deviation along the given axes."""
    if correction is not _NOVALUE:
        if ddof != 0:
            raise ValueError("ddof and correction can't be provided simultaneously.")
        ddof = correction
    v = _var(a, axis, dtype, ddof, keepdims, where, mean)
    if not (v.is_floating_point() or v.is_complex()) and v.dim() > 0 and out is None:
        # NumPy takes sqrt in place into the integer result array, which cannot hold it
        from numpy._core._exceptions import _UFuncOutputCastingError
        raise _UFuncOutputCastingError(np.sqrt, "same_kind", np.dtype(np.float64), TORCH_TO_NP[v.dtype], 0)
    r = torch.sqrt(v) if v.is_floating_point() or v.is_complex() else cast(torch.sqrt(v.to(torch.float64)), v.dtype)
    return _finish(r, out, keepdims)


def _reduced_shape(shape, dims, keepdims):
    return [1 if d in dims else s for d, s in enumerate(shape)] if keepdims else \
        [s for d, s in enumerate(shape) if d not in dims]


def _complex_key_arg(t, dim, keepdim, is_max):
    """argmax/argmin of complex values in NumPy's order (real, then imag; first NaN wins)."""
    re, im = t.real, t.imag
    nan = torch.isnan(re) | torch.isnan(im)
    fill = float("-inf") if is_max else float("inf")
    ext = torch.amax if is_max else torch.amin
    re0 = torch.where(nan, torch.tensor(fill, dtype=re.dtype), re)
    best = ext(re0, dim=dim, keepdim=True)
    cand = (re0 == best) & ~nan
    im0 = torch.where(cand, im, torch.tensor(fill, dtype=im.dtype))
    key_fn = torch.argmax if is_max else torch.argmin
    r = key_fn(im0, dim=dim, keepdim=keepdim)
    first_nan = torch.argmax(nan.to(torch.uint8), dim=dim, keepdim=keepdim)
    return torch.where(nan.any(dim=dim, keepdim=keepdim), first_nan, r)


def _arg_extreme(a, axis, out, keepdims, name, fn):
    t = to_tensor(a)
    if t.dtype is torch.bool:
        t = t.to(torch.uint8)
    elif t.dtype in (torch.uint16, torch.uint32):
        t = t.to(torch.int64)
    elif t.dtype is torch.uint64:
        t = t.view(torch.int64) ^ (-(2 ** 63))
    if axis is None:
        if t.numel() == 0:
            raise ValueError(f"attempt to get {name} of an empty sequence")
        flat = t.reshape(-1)
        r = _complex_key_arg(flat, 0, False, name == "argmax") if t.is_complex() else fn(flat, 0)
        if keepdims:
            r = r.reshape((1,) * t.dim())
    else:
        ax = normalize_axis(axis, t.dim())
        if t.dim() == 0:
            r = torch.zeros((), dtype=torch.int64)
        elif t.shape[ax] == 0:
            raise ValueError(f"attempt to get {name} of an empty sequence")
        elif t.numel() == 0:
            r = torch.zeros(_reduced_shape(t.shape, (ax,), keepdims), dtype=torch.int64)
        elif t.is_complex():
            r = _complex_key_arg(t, ax, keepdims, name == "argmax")
        else:
            r = fn(t, ax, keepdim=keepdims)
    return _finish(r, out, keepdims, name)


def argmax(a, axis=None, out=None, *, keepdims=False):
    """Indices of the maximum values along an axis (first occurrence; first NaN wins)."""
    return _arg_extreme(a, axis, out, keepdims, "argmax", torch.argmax)


def argmin(a, axis=None, out=None, *, keepdims=False):
    """Indices of the minimum values along an axis (first occurrence; first NaN wins)."""
    return _arg_extreme(a, axis, out, keepdims, "argmin", torch.argmin)


def _cum(uf, a, axis, dtype, out):
    t = to_tensor(a)
    if axis is None:
        t = t.reshape(-1)
        axis = 0
    return uf.accumulate(_wrap(t), axis=axis, dtype=dtype, out=out)


def cumsum(a, axis=None, dtype=None, out=None):
    """Cumulative sum along an axis (flattened when axis is None)."""
    return _cum(add, a, axis, dtype, out)


def cumprod(a, axis=None, dtype=None, out=None):
    """Cumulative product along an axis (flattened when axis is None)."""
    return _cum(multiply, a, axis, dtype, out)


def ptp(a, axis=None, out=None, keepdims=False):
    """Range of values (maximum - minimum) along an axis."""
    from ._ufunc_table import subtract
    return subtract(max(a, axis=axis, keepdims=keepdims), min(a, axis=axis, keepdims=keepdims),
                    **({"out": out} if out is not None else {}))


# -- real-NumPy fallback for data torch cannot hold -------------------------------------
_NUMPY_ONLY_KINDS = set("OSUVMmT")


def _numpy_only(x):
    """True for a real NumPy array/scalar of a dtype torch cannot hold (str, object, ...)."""
    tx = type(x)
    if tx is ndarray or tx is float or tx is int or tx is bool:
        return False
    if isinstance(x, np.ma.MaskedArray):
        return True  # masks are NumPy's (numpy.ma), not the shim's
    if isinstance(x, (np.ndarray, np.generic)):
        return x.dtype.kind in _NUMPY_ONLY_KINDS or x.dtype not in NP_TO_TORCH and x.dtype.kind in "fc"
    if isinstance(x, (list, tuple)) and x:
        return _numpy_only(x[0])
    return False


def with_numpy_fallback(fn, name=None):
    """``fn``, handing its call to NumPy's function of the same name when an argument holds
    data torch cannot (str, object, datetime, longdouble): counted, as every fallback is."""
    import functools
    from ._fallback import NeedsNumpy, wrap_numpy_function
    from ._dtypes import UnsupportedDTypeError
    from ._shape import NeedsNumpyArray
    name = name or fn.__name__
    real = getattr(np, name, None)
    if real is None:
        return fn
    errors = (NeedsNumpy, UnsupportedDTypeError, NeedsNumpyArray)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if args and _numpy_only(args[0]) or len(args) > 1 and _numpy_only(args[1]):
            if isinstance(args[0], np.ma.MaskedArray):
                # numpy.ma in, numpy.ma out: the mask must survive
                from ._fallback import COUNTS, _to_numpy
                COUNTS[name] += 1
                return real(*_to_numpy(args), **_to_numpy(kwargs))
            return wrap_numpy_function(name, real)(*args, **kwargs)
        try:
            return fn(*args, **kwargs)
        except errors:
            return wrap_numpy_function(name, real)(*args, **kwargs)
    import inspect
    try:
        wrapper.__signature__ = inspect.signature(fn)  # NumPy's dispatchers carry one too
    except (TypeError, ValueError):
        pass
    return wrapper


def install_fallbacks(namespace):
    """Wrap every public function named in ``namespace['__all__']`` with the NumPy fallback."""
    for n in namespace["__all__"]:
        f = namespace[n]
        if callable(f) and not isinstance(f, type):
            namespace[n] = with_numpy_fallback(f, n)


# NumPy's np.sum(m) for an ndarray subclass calls m.sum(...) (so a subclass's own method, or
# the subclass result, wins); the methods themselves use the functions in METHOD_IMPL.
_VIA_METHOD = ("sum", "prod", "max", "min", "amax", "amin", "all", "any", "mean", "var", "std",
               "argmax", "argmin", "cumsum", "cumprod")
METHOD_IMPL = {}


def _method_first(fn, method):
    import functools
    from ._subclass import is_sub

    @functools.wraps(fn)
    def public(*args, **kwargs):
        if args and is_sub(args[0]):
            return getattr(args[0], method)(*args[1:], **kwargs)
        return fn(*args, **kwargs)
    return public


__all__ = ["sum", "prod", "max", "min", "amax", "amin", "all", "any", "mean", "var", "std", "argmax",
           "argmin", "cumsum", "cumprod", "ptp"]
install_fallbacks(globals())
for _n in _VIA_METHOD:
    METHOD_IMPL[_n] = globals()[_n]
    globals()[_n] = _method_first(globals()[_n], {"amax": "max", "amin": "min"}.get(_n, _n))
