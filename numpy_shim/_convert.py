"""Turning anything array-like into a tensor, and tensors back into arrays."""
import operator

import numpy as np
import torch

from . import _dtypes, _fpe
from ._dtypes import NP_TO_TORCH, TORCH_TO_NP, torch_dtype, np_dtype
from ._ndarray import ndarray, _wrap
from . import _subclass

_Tensor = torch.Tensor
_SCALAR_TYPES = (bool, int, float, complex)


from ._device import default_device as _default_device  # noqa: E402


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
    if dtype is None and _dtypes.default_float() != np.float64:
        # the default-float switch: Python floats/complexes infer the default type
        if a.dtype == np.float64:
            a = a.astype(_dtypes.default_float())
        elif a.dtype == np.complex128:
            a = a.astype(_dtypes.default_complex())
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


# NumPy has two type codes for some 64-bit integers (long/longlong); torch.from_numpy
# accepts only one of each pair, so arrays of the other are viewed as the accepted one.
_CANONICAL = {c: np.dtype(np.dtype(c).str) for c in "qQpP"}


def _from_numpy(a):
    if a.dtype not in NP_TO_TORCH:
        if a.dtype.byteorder not in "=|" and a.dtype.newbyteorder("=") in NP_TO_TORCH:
            return _from_numpy(a.astype(a.dtype.newbyteorder("=")))
        from ._fallback import NeedsNumpy
        raise NeedsNumpy(a)
    canon = _CANONICAL.get(a.dtype.char)
    if canon is not None:
        a = a.view(canon)
    if not a.flags.writeable or not a.flags.aligned or \
            any(s < 0 or s % a.itemsize for s in a.strides) or \
            a.dtype.kind == "c" and a.__array_interface__["data"][0] % a.itemsize:
        # torch cannot view these: read-only, negative or odd strides; complex data torch's
        # kernels would read with 16-byte (complex128) alignment, which NumPy does not give
        a = a.copy()
    if a.ndim == 0:
        return torch.from_numpy(a.reshape(1)).reshape(())
    return torch.from_numpy(a)


def _from_other(obj):
    if hasattr(obj, "__dlpack__") and not hasattr(obj, "__array__"):
        return torch.from_dlpack(obj)
    if hasattr(obj, "__array__") and not isinstance(obj, type):
        # called here, not through np.asarray: it may return a numpy_shim array
        res = obj.__array__()
        if isinstance(res, ndarray):
            return res._t
        if not isinstance(res, np.ndarray):
            raise ValueError("object __array__ method not producing an array")
        return _from_numpy(res)
    if hasattr(obj, "__array_interface__"):
        return _from_numpy(np.asarray(obj))
    if hasattr(obj, "__dlpack__"):
        return torch.from_dlpack(obj)
    a = np.asarray(obj)
    return _from_numpy(a)


def cast(t, tdt):
    """Cast tensor ``t`` to torch dtype ``tdt`` with NumPy's conversion results (and its
    "overflow/invalid value encountered in cast" reports)."""
    src = t.dtype
    if src is tdt:
        return t
    if src.is_complex and tdt is torch.bool:
        return t != 0
    if src.is_complex and not tdt.is_complex:
        _fpe.complex_warning()
        t = t.real
        src = t.dtype
    if src.is_floating_point and tdt in _UNSIGNED:
        r = _float_to_unsigned(t, tdt)
    elif src is torch.uint64 and tdt.is_floating_point:
        r = uint64_to_float(t).to(tdt)
    elif src is torch.float64 and tdt is torch.float16:
        r = _f64_to_f16(t)
    else:
        r = t.to(tdt)
    what = _fpe.CAST_CHECKS.get((src, tdt))
    if what is not None:
        _fpe.check_cast(t, r, what)
    return r


def _f64_to_f16(x):
    """float64 -> float16 rounded once, as NumPy: torch goes through float32 and rounds
    twice. Rounding to float32 toward zero with a sticky last bit (round-to-odd) makes the
    second rounding the correct one."""
    f = x.to(torch.float32)
    back = f.to(torch.float64)
    f = torch.where(back.abs() > x.abs(), torch.nextafter(f, torch.zeros_like(f)), f)
    odd = (f.view(torch.int32) | (back != x).to(torch.int32)).view(torch.float32)
    return torch.where(torch.isnan(x), f, odd).to(torch.float16)


_UNSIGNED = (torch.uint8, torch.uint16, torch.uint32, torch.uint64)
_I64_MIN = -(2 ** 63)


def _float_to_unsigned(t, tdt):
    """float -> unsigned with the results NumPy's SIMD casts give on x86-64.

    Out-of-range values are undefined in C; these are the values NumPy 2.4 produces
    (measured), so that casts agree: uint8/16 go through int32, uint32 and uint64
    keep in-range values exact and give 0 above the range. (NumPy's own result for
    -inf -> uint32 differs between its SIMD body and scalar tail; we give the body's.)
    """
    if tdt in (torch.uint8, torch.uint16):
        return t.to(torch.int32).to(tdt)
    x = t.to(torch.float64)
    if tdt is torch.uint32:
        r = torch.where(x >= 0, x.clamp(max=2.0 ** 33).to(torch.int64), t.to(torch.int32).to(torch.int64))
        r = torch.where(x >= 2.0 ** 32, 0, r)
        if t.dtype is torch.float16:
            r = torch.where(torch.isfinite(x), r, 0)  # float16 goes through int64: nan/inf -> 0
        return (r & 0xFFFFFFFF).to(torch.uint32)
    high = x >= 2.0 ** 63
    r = torch.where(high, (x - 2.0 ** 63).clamp(max=2.0 ** 63 - 2048).to(torch.int64) + _I64_MIN,
                    x.to(torch.int64))
    r = torch.where(x >= 2.0 ** 64, 0, r)
    return r.view(torch.uint64)


def uint64_to_float(t):
    """uint64 bits to float64 exactly as NumPy rounds them."""
    s = t.view(torch.int64)
    f = s.to(torch.float64)
    return torch.where(s < 0, f + 18446744073709551616.0, f)


COPY_ERROR = (
    "Unable to avoid copy while creating an array as requested.\n"
    "If using `np.array(obj, copy=False)` replace it with `np.asarray(obj)` to allow a copy "
    "when needed (no behavior change in NumPy 1.x).\n"
    "For more details, see https://numpy.org/devdocs/numpy_2_0_migration_guide.html"
    "#adapting-to-changes-in-the-copy-keyword.")
_ORDERS = {None: "K", "C": "C", "F": "F", "A": "A", "K": "K", "c": "C", "f": "F", "a": "A", "k": "K"}


def check_order(order):
    try:
        return _ORDERS[order]
    except (KeyError, TypeError):
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got '{order}')") from None


def f_layout(t):
    """``t``'s values in a Fortran-ordered (column-major) tensor: order is layout only."""
    if t.dim() < 2:
        return t.contiguous()
    rev = tuple(range(t.dim() - 1, -1, -1))
    return t.permute(rev).contiguous().permute(rev)


def is_f_contiguous(t):
    if t.dim() < 2:
        return t.is_contiguous()
    return t.permute(tuple(range(t.dim() - 1, -1, -1))).is_contiguous()


def dtype_arg(dtype):
    """A dtype argument as a numpy.dtype (or None); NumPy's dtype classes stand for their dtype."""
    if dtype is None:
        return None
    if isinstance(dtype, type) and issubclass(dtype, np.dtype) and dtype.type is not None:
        dtype = dtype.type  # np.dtypes.Int32DType -> int32, as np.array accepts
    return np_dtype(dtype)


# dtype arguments resolved ahead of time, keyed by how they are written ("f4", "float32",
# torch.float32): under torch.compile the lookup is then a dict access on a str or torch
# key, which Dynamo traces, where comparing numpy.dtype objects is a graph break.
_BY_NAME = {}
for _dt in NP_TO_TORCH:
    for _key in {_dt.char, _dt.str, _dt.name, _dt.str.lstrip("<=|")}:
        _BY_NAME[_key] = (_dt, NP_TO_TORCH[_dt])
_BY_NAME.update({"int": _BY_NAME["int64"], "uint": _BY_NAME["uint64"], "double": _BY_NAME["float64"],
                 "single": _BY_NAME["float32"], "half": _BY_NAME["float16"]})
_BY_TORCH = {tdt: (dt, tdt) for dt, tdt in NP_TO_TORCH.items()}
_BY_TYPE = {dt.type: (dt, tdt) for dt, tdt in NP_TO_TORCH.items()}
_BY_TYPE.update({bool: _BY_TYPE[np.bool_], int: _BY_TYPE[np.int64]})  # not float: the default switch


def resolve_dtype(dtype):
    """(numpy dtype, torch dtype or None) for a dtype argument; None/float/complex: the defaults."""
    if dtype is None or dtype is float:
        dt = _dtypes.default_float()
        return dt, (torch.float32 if dt is _F32 else torch.float64)
    if dtype is complex:
        dt = _dtypes.default_complex()
        return dt, (torch.complex64 if dt is _C64 else torch.complex128)
    if type(dtype) is str:
        res = _BY_NAME.get(dtype)
        if res is not None:
            return res
    elif isinstance(dtype, torch.dtype):
        res = _BY_TORCH.get(dtype)
        if res is not None:
            return res
    elif isinstance(dtype, type) and dtype in _BY_TYPE:  # np.float32 and friends
        return _BY_TYPE[dtype]
    dt = dtype_arg(dtype)
    return dt, NP_TO_TORCH.get(dt)


_F32 = np.dtype(np.float32)
_C64 = np.dtype(np.complex64)


def copy_mode(copy):
    """The copy= argument as True, False or None (NumPy's _CopyMode and bool-likes too)."""
    if copy is None or copy is True or copy is False:
        return copy
    if isinstance(copy, str):
        raise ValueError("strings are not allowed for 'copy' keyword. Use True/False/None instead.")
    if isinstance(copy, np._CopyMode):
        return {np._CopyMode.ALWAYS: True, np._CopyMode.NEVER: False}.get(copy)
    return bool(copy)


def _source(a):
    """The tensor or NumPy array ``a`` holds memory in, when conversion may share it."""
    if isinstance(a, ndarray):
        return a._t
    if isinstance(a, (_Tensor, np.ndarray)):
        return a
    return None


def _shares(t, src):
    """Whether tensor ``t`` is ``src``'s memory (no copy was made converting it)."""
    if src is None:
        return False
    if isinstance(src, _Tensor):
        return t is src or (t.dtype is src.dtype and t.shape == src.shape and t.device == src.device
                            and type(t) is _Tensor and t.data_ptr() == src.data_ptr())
    return t.numel() == 0 or t.data_ptr() == src.ctypes.data


def _fallback_asarray(a, dt, copy, order):
    """Data of a dtype torch cannot hold: a real NumPy array (counted, see _fallback)."""
    from ._fallback import fallback_array, _to_numpy
    host = _to_numpy(a)
    return fallback_array(np.asarray(host, dtype=dt, order=order, copy=copy), "asarray")


def _convert(a, dtype, order, device, copy):
    """(result, copied): ``a`` as an ndarray (or NumPy array for dtypes torch lacks)."""
    copy = copy_mode(copy)
    dt = dtype_arg(dtype)
    order = check_order(order)
    if dt is not None and dt not in NP_TO_TORCH:
        return _fallback_asarray(a, dt, copy, None if order == "K" else order), True
    if device is None:
        if not isinstance(a, (ndarray, _Tensor)):
            device = _default_device()  # the numpy_shim.device(...) context, for host data
    else:
        from ._creation import device_arg
        device = device_arg(device)
    if copy is False and isinstance(a, (list, tuple, np.generic, *_SCALAR_TYPES)):
        raise ValueError(COPY_ERROR)  # a new array must be built: NumPy refuses before converting
    from ._fallback import NeedsNumpy
    try:
        t = to_tensor(a, dt, device)
    except NeedsNumpy as e:
        if copy is False and not isinstance(a, np.ndarray):
            raise ValueError(COPY_ERROR) from None  # NumPy had to build a new array from it
        return _fallback_asarray(e.array, dt, copy, None if order == "K" else order), True
    src = _source(a)
    copied = not _shares(t, src)
    if order == "C" and not t.is_contiguous():
        t, copied = t.contiguous(), True
    elif order == "F" and not is_f_contiguous(t):
        t, copied = f_layout(t), True
    if copy is False and copied:
        raise ValueError(COPY_ERROR)
    if copy and not copied:
        t, copied = t.clone(), True  # clone keeps the layout (order="K")
    if not copied and isinstance(a, ndarray):
        if t is a._t and type(a) is ndarray:
            return a, False
        from ._ndarray import _view
        return _view(a, t), False
    if not copied and isinstance(a, np.ndarray):
        return _borrowed(_wrap(t), a), False
    return _wrap(t), copied


def _borrowed(res, a):
    """``res`` views NumPy array ``a``'s memory: it owns its data exactly when ``a`` does."""
    if not a.flags.owndata:
        try:
            same = res._t.data_ptr() == a.ctypes.data
        except RuntimeError:  # a transform's wrapper tensor has no storage to compare
            same = False
        if same:
            res._flags = {"borrowed": True}
    return res


def asarray(a, dtype=None, order=None, *, device=None, copy=None, like=None):
    """Convert the input to an array (no copy when possible)."""
    if like is not None and type(like) is not ndarray and type(like) is not np.ndarray:
        from ._protocols import like_call  # another array type answers (NEP 35)
        return like_call(asarray, like, (a,),
                         dict(dtype=dtype, order=order, device=device, copy=copy))
    if dtype is None and device is None and copy is None and order is None:
        if type(a) is ndarray:
            return a
        if type(a) is np.ndarray and a.dtype in NP_TO_TORCH and _default_device() is None:
            return _borrowed(_wrap(_from_numpy(a)), a)  # zero-copy where torch can share the memory
    elif type(a) is ndarray and dtype is None and device is None and not copy and order is None:
        return a
    if _subclass.is_sub(a):
        a = _subclass.base_view(a)  # asarray gives the base class (asanyarray keeps it)
    return _convert(a, dtype, order, device, copy)[0]


def array(object, dtype=None, *, copy=True, order="K", subok=False, ndmin=0, ndmax=None, like=None,
          device=None):
    """Create an array (a copy unless ``copy=False`` or None allows otherwise)."""
    if like is not None and type(like) is not ndarray and type(like) is not np.ndarray:
        from ._protocols import like_call  # another array type answers (NEP 35)
        return like_call(array, like, (object,),
                         dict(dtype=dtype, copy=copy, order=order, subok=subok, ndmin=ndmin,
                              ndmax=ndmax, device=device))
    copy = copy_mode(copy)
    if _subclass.is_sub(object):
        # a subclass array: the base class, or (subok=True) its own, finalized with it
        res = array(_subclass.base_view(object), dtype, copy=copy, order=order, ndmin=ndmin,
                    ndmax=ndmax, device=device)
        if subok and type(res) is ndarray:
            if res._t is object._t:
                return object  # nothing copied or converted: the array itself, as in NumPy
            return _subclass.cast(res, type(object), object)
        return res
    if ndmax is not None:
        # a limit on nested-sequence discovery: NumPy's own (it makes object arrays)
        from ._fallback import _to_numpy
        object = np.array(_to_numpy(object), dtype=dtype, copy=copy, order=order, ndmin=ndmin,
                          ndmax=ndmax)
        copy = None
    res, _ = _convert(object, dtype, order, device, None if copy is True else copy)
    if copy is True and isinstance(res, ndarray) and isinstance(object, (ndarray, _Tensor)) \
            and _shares(res._t, _source(object)):
        res = _wrap(res._t.clone())
    elif copy is True and isinstance(object, np.ndarray) and isinstance(res, ndarray) \
            and _shares(res._t, object) and res._t.numel():
        res = _wrap(res._t.clone())
    ndmin = operator.index(ndmin)
    if ndmin > 64:
        raise ValueError("ndmin bigger than allowable number of dimensions NPY_MAXDIMS (=64)")
    if ndmin and res.ndim < ndmin:
        shp = (1,) * (ndmin - res.ndim) + tuple(res.shape)
        if isinstance(res, ndarray):
            from ._ndarray import _view
            res = _view(res, res._t.reshape(shp))  # adding leading 1s is always a view
        else:
            res = res.reshape(shp)
    return res


def asanyarray(a, dtype=None, order=None, *, device=None, copy=None, like=None):
    """asarray that keeps ndarray subclasses (``M`` stays an ``M``)."""
    if like is not None and type(like) is not ndarray and type(like) is not np.ndarray:
        from ._protocols import like_call  # another array type answers (NEP 35)
        return like_call(asanyarray, like, (a,),
                         dict(dtype=dtype, order=order, device=device, copy=copy))
    if isinstance(a, np.ma.MaskedArray) and dtype is None and not copy and device is None:
        return a  # NumPy's own subclass passes through asanyarray, mask and all
    if _subclass.is_sub(a):
        res = asarray(a, dtype=dtype, order=order, device=device, copy=copy)
        if isinstance(res, ndarray) and res._t is a._t:
            return a  # nothing converted: the array itself, as NumPy returns it
        return _subclass.cast(res, type(a), a) if type(res) is ndarray else res
    return asarray(a, dtype=dtype, order=order, device=device, copy=copy)


def operand(x):
    """An ufunc operand: tensors from arrays, Python scalars kept for NEP 50 weakness."""
    if isinstance(x, ndarray):
        return x._t
    if isinstance(x, _Tensor):
        return x
    return to_tensor(x)


for _f in (array, asarray, asanyarray):
    _f._implementation = _f  # what __array_function__ runs for like= (NEP 35)
