"""The ufunc family: one class gives every ufunc __call__, reduce, accumulate, outer, at.

Loop selection is NumPy's own (``numpy.ufunc.resolve_dtypes``, with Python
int/float/complex passed as NEP 50 weak scalars), cached per dtype signature,
so promotion and "no loop" errors are exactly NumPy's.
"""
import warnings

import numpy as np
import torch
from numpy._core._exceptions import _UFuncOutputCastingError

from . import _scalars, _fpe, _subclass
from ._dtypes import NP_TO_TORCH, TORCH_TO_NP, EMULATED, np_dtype, UnsupportedDTypeError
from ._convert import to_tensor, cast
from ._ndarray import ndarray, _wrap
from ._fallback import NeedsNumpy

_Tensor = torch.Tensor


class _NoOut:
    """The default of ``out``: NumPy warns about ``where=`` without ``out`` only when out
    was not given at all."""
    __slots__ = ()

    def __repr__(self):
        return "None"


_NO_OUT = _NoOut()
_WEAK = (int, float, complex)
_NOVALUE = np._NoValue


def _key_of(x):
    """(NEP 50 key, operand) for one ufunc input."""
    tx = type(x)
    if tx is ndarray:
        t = x._t
        return TORCH_TO_NP[t.dtype], t
    if tx in _WEAK:
        return tx, x
    if tx is bool:
        return np.dtype(np.bool_), x
    if isinstance(x, ndarray):
        return TORCH_TO_NP[x._t.dtype], x._t
    if isinstance(x, np.ma.MaskedArray):
        raise NeedsNumpy(x)  # numpy.ma: NumPy computes (its mask and fill rules)
    t = to_tensor(x)
    if type(x) is np.ndarray and not x.dtype.isnative:
        # a byte-swapped NumPy array: its own dtype decides casting="no"/"equiv" (NumPy's rule)
        return x.dtype, t
    return TORCH_TO_NP[t.dtype], t


def broadcast_error(tensors):
    shapes = " ".join(str(tuple(t.shape)).replace(",)", ",)") for t in tensors if isinstance(t, _Tensor))
    return ValueError(f"operands could not be broadcast together with shapes {shapes} ")


def translate_runtime_error(e, ufunc_name, operands):
    """A torch RuntimeError from an ufunc loop as the exception NumPy raises."""
    msg = str(e)
    devices = {o.device for o in operands if isinstance(o, _Tensor)}
    if len(devices) > 1 or "Expected all tensors to be on the same device" in msg:
        from ._errors import DeviceMismatchError
        names = ", ".join(sorted(str(d) for d in devices))
        return DeviceMismatchError(
            f"{ufunc_name}: operands are on different devices ({names}); move them to one "
            "device with .to_device() first")
    if "must match the size" in msg or "broadcast" in msg or "expanded size" in msg:
        return broadcast_error(operands)
    if "negative integer powers" in msg:
        return ValueError("Integers to negative integer powers are not allowed.")
    return TypeError(f"ufunc '{ufunc_name}' failed on these inputs: {msg.splitlines()[0]}")


# torch ops that take a Python number as their second operand
_TAKES_NUMBER = frozenset((torch.add, torch.sub, torch.mul, torch.true_divide, torch.pow, torch.fmod,
                           torch.remainder, torch.gt, torch.ge, torch.lt, torch.le, torch.eq, torch.ne,
                           torch.bitwise_and, torch.bitwise_or, torch.bitwise_xor))
_CMP_NAMES = frozenset(("less", "less_equal", "greater", "greater_equal", "equal", "not_equal"))


class _Loop:
    """One resolved loop: dtypes, torch dtypes and the kernel to run."""

    __slots__ = ("in_dts", "out_dts", "in_t", "out_t", "fn", "emulated", "raw_scalar", "simple")

    def __init__(self, uf, dts):
        nin = uf.nin
        self.in_dts = dts[:nin]
        self.out_dts = dts[nin:]
        self.in_t = tuple(NP_TO_TORCH[d] for d in self.in_dts)
        self.out_t = tuple(NP_TO_TORCH[d] for d in self.out_dts)
        self.emulated = any(t in EMULATED for t in self.in_t)
        kind = self.in_dts[0].kind
        fn = uf._fn
        if uf._int_fn is not None and kind in "iub":
            fn = uf._int_fn
        if uf._complex_fn is not None and kind == "c":
            fn = uf._complex_fn
        if uf._emulate is not None and self.in_t[0] is torch.uint64:
            fn = uf._emulate
        if uf._compare and self.in_t[0] is not self.in_t[1] and \
                {self.in_t[0], self.in_t[1]} == {torch.int64, torch.uint64}:
            from ._ufunc_kernels import mixed_compare
            fn = mixed_compare(uf._fn, self.in_t[0] is torch.uint64)
        self.fn = fn
        # torch takes a Python number as the 2nd operand of its own op without promoting
        # (a "wrapped number"): cheaper than a 0-d tensor. Kernels get tensors.
        # Not for float16: torch would use the scalar unrounded (NumPy rounds it to float16).
        # one output, nothing emulated: __call__'s fast path may run the kernel directly
        self.simple = (uf.nout == 1 and not self.emulated and self.out_t[0] not in EMULATED)
        self.raw_scalar = (uf._scalars and fn is uf._fn and fn in _TAKES_NUMBER and not self.emulated
                           and kind != "c" and self.in_t[0] is not torch.float16)


class ufunc:
    """A NumPy universal function computed by torch."""

    def __init__(self, name, fn, nin=2, nout=1, *, np_ufunc=None, scalars=True, reduce=None,
                 accumulate=None, emulate=None, int_fn=None, complex_fn=None, fpe=None, aliases=()):
        self.__name__ = name
        self.__qualname__ = name
        self._np = np_ufunc if np_ufunc is not None else getattr(np, name)
        self._fn = fn
        self._int_fn = int_fn        # used instead of fn when the loop is integer/bool (e.g. // by 0)
        self._complex_fn = complex_fn  # used when the loop is complex (torch lacks or differs)
        self._emulate = emulate      # uint64 loops whose sign matters
        self._scalars = scalars      # torch fn takes a Python scalar as its 2nd argument
        self._reduce = reduce
        self._accumulate = accumulate
        self._fpe = fpe              # floating-point error kinds to check eagerly, see _fpe.py
        self._compare = name in _CMP_NAMES
        self.nin = nin
        self.nout = nout
        self.nargs = nin + nout
        self.identity = self._np.identity
        self.signature = self._np.signature
        self._cache = {}
        self._fast = {}              # keys -> _Loop for the default dtype/casting/signature
        self._tfast = {}             # operand torch dtypes -> simple _Loop (all-ndarray calls)
        self.__doc__ = self._np.__doc__
        try:  # NumPy's call signature, for inspect.signature and help()
            self.__signature__ = self._np.__signature__
        except (AttributeError, ValueError):
            pass

    ntypes = property(lambda self: self._np.ntypes)
    types = property(lambda self: self._np.types)

    def __repr__(self):
        return f"<ufunc '{self.__name__}'>"

    def __reduce__(self):
        # pickled by name, as NumPy's ufuncs: unpickling gives the same object back
        return _ufunc_reconstruct, (self.__name__,)

    # -- loop selection ---------------------------------------------------
    def _resolve(self, keys, dtype=None, casting="same_kind", signature=None):
        """The _Loop NumPy would pick for these NEP 50 keys (cached)."""
        if dtype is None and signature is None and casting == "same_kind":
            try:
                return self._fast[keys]
            except KeyError:
                pass
        ck = (keys, dtype, casting, signature if not isinstance(signature, list) else tuple(signature))
        try:
            return self._cache[ck]
        except (KeyError, TypeError):
            pass
        sig = None
        if signature is not None:
            if dtype is not None:
                raise TypeError("cannot specify both 'signature' and 'dtype'")
            # NumPy validates the rest (DType classes, strings, lengths, byte order)
            sig = tuple(map(_sig_item, signature)) if isinstance(signature, (tuple, list)) else signature
        elif dtype is not None:
            sig = (None,) * self.nin + (_sig_item(dtype),) * self.nout
        kw = {"casting": casting}
        if sig is not None:
            kw["signature"] = sig
        dts = self._np.resolve_dtypes(keys + (None,) * self.nout, **kw)
        for d in dts:
            if d not in NP_TO_TORCH:
                raise UnsupportedDTypeError(f"ufunc '{self.__name__}' loop {d} is not supported")
        loop = _Loop(self, dts)
        try:
            self._cache[ck] = loop
        except TypeError:
            pass
        if dtype is None and signature is None and casting == "same_kind":
            self._fast[keys] = loop
        return loop

    # -- __call__ ---------------------------------------------------------
    def __call__(self, *args, out=_NO_OUT, where=True, casting="same_kind", order="K", dtype=None,
                 subok=True, signature=None, **kwargs):
        # Fast path: ndarray operands, default keywords, a loop already seen (one dict lookup).
        if out is _NO_OUT and where is True and dtype is None and signature is None and not kwargs \
                and casting == "same_kind":
            try:
                if self.nin == 1:
                    x = args[0]._t
                    loop = self._tfast[x.dtype] if type(args[0]) is ndarray and len(args) == 1 else None
                    if loop is not None:
                        if x.dtype is not loop.in_t[0]:
                            x = cast(x, loop.in_t[0])
                        r = loop.fn(x)
                        if r.dtype is not loop.out_t[0]:
                            r = r.to(loop.out_t[0])
                        if self._fpe is not None:
                            _fpe.check(self, (x,), r)
                        return _scalars.result(r) if r.dim() == 0 else _wrap(r)
                elif type(args[0]) is ndarray and type(args[1]) is ndarray and len(args) == 2:
                    x, y = args[0]._t, args[1]._t
                    loop = self._tfast[(x.dtype, y.dtype)]
                    tx, ty = loop.in_t
                    if x.dtype is not tx:
                        x = cast(x, tx)
                    if y.dtype is not ty:
                        y = cast(y, ty)
                    try:
                        r = loop.fn(x, y)
                    except RuntimeError as e:
                        raise translate_runtime_error(e, self.__name__, (x, y)) from None
                    if r.dtype is not loop.out_t[0]:
                        r = r.to(loop.out_t[0])
                    if self._fpe is not None:
                        _fpe.check(self, (x, y), r)
                    return _scalars.result(r) if r.dim() == 0 else _wrap(r)
                elif type(args[0]) is ndarray and len(args) == 2 and type(args[1]) in _WEAK_FAST:
                    # ndarray with a Python float/int that torch takes as a weak number
                    x, o = args[0]._t, args[1]
                    loop = self._tfast[(x.dtype, type(o))]
                    if type(o) is int and not -_I64 <= o < _I64:
                        raise KeyError  # the general path raises NumPy's OverflowError
                    if loop.in_dts[1].kind == "f":
                        o = float(o)
                        if loop.in_t[1] is torch.float32:
                            _check_cast_overflow(o, loop.in_dts[1])
                    if x.dtype is not loop.in_t[0]:
                        x = cast(x, loop.in_t[0])
                    r = loop.fn(x, o)
                    if r.dtype is not loop.out_t[0]:
                        r = r.to(loop.out_t[0])
                    if self._fpe is not None:
                        _fpe.check(self, (x, o), r)
                    return _scalars.result(r) if r.dim() == 0 else _wrap(r)
            except (KeyError, AttributeError, IndexError, OverflowError):
                pass
        if out is _NO_OUT:  # not given (out=None given is NumPy's way to silence this warning)
            out = None
            if where is not True:
                warnings.warn("'where' used without 'out', expect unitialized memory in output. "
                              "If this is intentional, use out=None.", UserWarning, stacklevel=2)
        if _subclass.SEEN and _subclass.involved(args, out):  # ndarray subclasses: __array_wrap__
            return _subclass.ufunc_call(self, args, out, dict(kwargs, where=where, casting=casting,
                                        order=order, dtype=dtype, subok=subok, signature=signature))
        nin = self.nin
        if len(args) != nin or kwargs:
            if kwargs and self.signature is not None and \
                    ("axes" in kwargs or "axis" in kwargs or "keepdims" in kwargs):
                # a gufunc's core dimensions elsewhere than at the end
                return _m.gufunc_axes(self, args, out, kwargs, where=where, casting=casting,
                                      order=order, dtype=dtype, subok=subok, signature=signature)
            args, out = self._split_args(args, out, kwargs)
            if "sig" in kwargs:
                if signature is not None:
                    raise TypeError("cannot specify both 'sig' and 'signature'")
                signature = kwargs["sig"]
        ellipsis = out is Ellipsis
        if ellipsis:
            out = None  # out=...: NumPy allocates, and returns arrays (never scalars)
        elif type(out) is tuple and any(o is Ellipsis for o in out):
            raise TypeError("must use `...` as `out=...` and not per-operand/in a tuple")
        try:
            keyed = [_key_of(a) for a in args]
            if all(type(k) is type for k, _ in keyed):
                # only Python scalars: NumPy converts them as arrays (int64, float64, ...), not weakly
                keyed = [_key_of(to_tensor(a)) for a in args]
        except NeedsNumpy:
            return self._on_numpy(args, casting, dtype, signature, out, where, ellipsis)
        keys = tuple(k for k, _ in keyed)
        ops = [o for _, o in keyed]
        if casting not in _CASTINGS:
            raise ValueError("casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'")
        try:
            if (dtype is not None or signature is not None) and _numpy_only(dtype, signature):
                raise UnsupportedDTypeError("an object/string/datetime loop was asked for")
            loop = self._resolve(keys, dtype, casting, signature)
        except UnsupportedDTypeError:
            # NumPy picked a loop torch cannot run (object, for Python ints beyond 64 bits):
            # NumPy computes it, counted as every fallback is
            return self._on_numpy(args, casting, dtype, signature, out, where, ellipsis)
        if loop.simple and out is None and where is True and dtype is None and signature is None \
                and casting == "same_kind":
            if all(type(a) is ndarray for a in args):
                self._tfast[tuple(a._t.dtype for a in args) if nin > 1 else args[0]._t.dtype] = loop
            elif nin == 2 and type(args[0]) is ndarray and type(args[1]) in _WEAK_FAST and \
                    loop.raw_scalar and (loop.in_dts[1].kind == "f" or loop.in_t[1] is torch.int64):
                self._tfast[(args[0]._t.dtype, type(args[1]))] = loop
        if out is not None:
            self._check_weak_ints(keys, ops, loop)  # NumPy converts scalars before checking out=
            out = self._check_out(out, loop, casting)
        mask = None if where is True else to_tensor(where, np.dtype(np.bool_))
        results = self._compute(ops, keys, loop, mask)
        if out is not None or mask is not None:
            return self._store(results, out, mask, loop)
        if ellipsis:
            return _wrap(results[0]) if self.nout == 1 else tuple(_wrap(r) for r in results)
        if self.nout == 1:
            r = results[0]
            return _scalars.result(r) if r.dim() == 0 else _wrap(r)
        return tuple(_scalars.result(r) if r.dim() == 0 else _wrap(r) for r in results)

    def _on_numpy(self, args, casting, dtype, signature, out, where, ellipsis):
        """The call on NumPy's ufunc (data or a loop torch lacks), counted as a fallback."""
        from ._fallback import wrap_numpy_function
        kw = {"casting": casting}
        for k, v in (("dtype", dtype), ("signature", signature), ("out", out)):
            if v is not None:
                kw[k] = v
        if where is not True:
            kw["where"] = where
        r = wrap_numpy_function(self.__name__, self._np)(*args, **kw)
        return _as_arrays(r) if ellipsis else r

    def _split_args(self, args, out, kwargs):
        for bad in kwargs:
            if bad != "sig":
                raise TypeError(f"{self.__name__}() got an unexpected keyword argument '{bad}'")
        nin = self.nin
        if len(args) < nin:
            raise TypeError(f"{self.__name__}() takes from {nin} to {self.nargs} positional "
                            f"arguments but {len(args)} {'was' if len(args) == 1 else 'were'} given")
        if len(args) > nin:
            if out is not None:
                raise TypeError("cannot specify 'out' as both a positional and keyword argument")
            out = args[nin:]
            if any(o is Ellipsis for o in out):
                raise TypeError("out=... is only allowed as a keyword argument.")
            if len(out) > self.nout:
                raise TypeError(f"{self.__name__}() takes from {nin} to {self.nargs} positional "
                                f"arguments but {len(args)} were given")
            if all(o is None for o in out):
                out = None
            args = args[:nin]
        return args, out

    def _check_out(self, out, loop, casting):
        """``out`` as a tuple of nout arrays-or-None, after NumPy's casting check."""
        if not isinstance(out, tuple):
            if self.nout != 1 and isinstance(out, (ndarray, np.ndarray)):
                raise TypeError("'out' must be a tuple of arrays")
            out = (out,)
        if len(out) != self.nout:
            raise ValueError("The 'out' tuple must have exactly one entry per ufunc output")
        if all(o is None for o in out):
            return None
        for i, o in enumerate(out):
            if o is None:
                continue
            if not isinstance(o, (ndarray, np.ndarray)):  # a NumPy array: from NumPy's dispatch
                raise TypeError("return arrays must be of ArrayType")
            if not np.can_cast(loop.out_dts[i], o.dtype, casting=casting):
                raise _UFuncOutputCastingError(self._np, casting, loop.out_dts[i], o.dtype, i)
        return out

    def _compute(self, ops, keys, loop, mask=None):
        """Run ``loop`` on the operands; returns a tuple of tensors of its output dtypes.

        ``mask``: the elements ``where=`` computes (floating-point errors elsewhere are
        not reported)."""
        in_t = loop.in_t
        conv = []
        for i, (k, o) in enumerate(zip(keys, ops)):
            tdt = in_t[i]
            if type(k) is type:  # a weak Python scalar
                kind = loop.in_dts[i].kind
                if k is int:
                    if kind in "iu":
                        info = _iinfo(loop.in_dts[i])
                        if not info[0] <= o <= info[1]:
                            if self._compare and all(type(kk) is not type and kk.kind in "iu"
                                                     for kk in keys if kk is not k):
                                return self._out_of_range(ops, i, o > info[1])
                            raise OverflowError(f"Python integer {o} out of bounds for {loop.in_dts[i]}")
                        if tdt is torch.uint64 and o >= 2**63:
                            o -= 2**64  # the int64 bits the uint64 loop computes with
                    elif kind in "fc":
                        o = float(o)  # NumPy's OverflowError for ints beyond float range
                elif k is complex and kind != "c":
                    o = o.real
                if kind in "fc" and loop.in_dts[i].itemsize < (8 if kind == "f" else 16):
                    _check_cast_overflow(o, loop.in_dts[i])
                if not (i == 1 and loop.raw_scalar) or (k is float and kind in "iub"):
                    ct = EMULATED.get(tdt, tdt)
                    if ct is not tdt and tdt is not torch.uint64:
                        ct = tdt  # uint16/32: make the exact tensor, widened below
                    o = torch.tensor(o, dtype=ct, device=_device_of(ops)) if ct is not torch.uint64 \
                        else torch.tensor(o, dtype=torch.int64, device=_device_of(ops))
                    if tdt in EMULATED and tdt is not torch.uint64:
                        o = o.to(EMULATED[tdt])
            elif isinstance(o, bool):
                o = torch.tensor(o, device=_device_of(ops))
                o = cast(o, tdt) if tdt not in EMULATED else _to_emulated(cast(o, tdt), tdt)
            else:
                if o.dtype is not tdt:
                    o = cast(o, tdt)
                if tdt in EMULATED:
                    o = _to_emulated(o, tdt)
            conv.append(o)
        try:
            r = loop.fn(*conv)
        except RuntimeError as e:
            raise translate_runtime_error(e, self.__name__, ops) from None
        if self.nout == 1:
            r = (r,)
        res = []
        for t, tdt in zip(r, loop.out_t):
            if not isinstance(t, _Tensor):
                t = torch.as_tensor(t)
            if tdt in EMULATED:
                t = _from_emulated(t, tdt)
            elif t.dtype is not tdt:
                t = t.to(tdt)
            res.append(t)
        if self._fpe is not None and (res[0].dtype.is_floating_point or res[0].dtype.is_complex):
            _fpe.check(self, conv, res[0], mask)
        return tuple(res)

    def _check_weak_ints(self, keys, ops, loop):
        for k, o, dt in zip(keys, ops, loop.in_dts):
            if k is int and dt.kind in "iu" and not self._compare:
                lo, hi = _iinfo(dt)
                if not lo <= o <= hi:
                    raise OverflowError(f"Python integer {o} out of bounds for {dt}")

    def _out_of_range(self, ops, i, above):
        """A comparison with a Python int outside the loop's range: the same answer everywhere."""
        above = above != (i == 0)  # a scalar on the left mirrors the comparison
        value = {"less": above, "less_equal": above, "greater": not above,
                 "greater_equal": not above, "equal": False, "not_equal": True}[self.__name__]
        shapes = [o.shape for o in ops if isinstance(o, _Tensor)]
        shape = torch.broadcast_shapes(*shapes) if shapes else ()
        return (torch.full(shape, value, dtype=torch.bool, device=_device_of(ops)),)

    def _store(self, results, out, mask, loop):
        if out is None:
            out = (None,) * self.nout
        final = []
        for r, o in zip(results, out):
            if o is None:
                if mask is not None:
                    r = torch.where(mask, r, torch.zeros((), dtype=r.dtype, device=r.device))
                final.append(_wrap(r))
                continue
            oshape = tuple(o.shape)
            target = torch.broadcast_shapes(r.shape, mask.shape) if mask is not None else r.shape
            if tuple(target) != oshape:
                try:
                    if torch.broadcast_shapes(target, oshape) != torch.Size(oshape):
                        raise RuntimeError
                    r = torch.broadcast_to(r, oshape)
                except RuntimeError:
                    raise ValueError(
                        f"non-broadcastable output operand with shape {oshape} doesn't "
                        f"match the broadcast shape {tuple(target)}") from None
            from ._write import write, out_dtype
            tdt = out_dtype(o)  # None: a dtype only NumPy has; write casts on the host
            if tdt is not None:
                r = cast(r, tdt)
            if mask is not None:
                r = torch.where(mask, r, o._t if isinstance(o, ndarray) else cast(to_tensor(o), r.dtype))
            write(o, r)
            final.append(o)
        return final[0] if self.nout == 1 else tuple(final)

    # -- methods ----------------------------------------------------------
    def reduce(self, array, axis=0, dtype=None, *pos, out=None, keepdims=False, initial=_NOVALUE,
               where=True):
        if pos:
            out, keepdims, initial, where = _positional("reduce", pos, out, keepdims, initial, where)
        if type(array) is ndarray and out is None:
            return _m.reduce(self, array, axis, dtype, out, keepdims, initial, where)
        return _subclass.method_call(self, (array,), out, lambda ins, o: _m.reduce(
            self, ins[0], axis, dtype, o, keepdims, initial, where))

    def accumulate(self, array, axis=0, dtype=None, *pos, out=None):
        if pos:
            out, = _positional("accumulate", pos, out)
        return _subclass.method_call(self, (array,), out, lambda ins, o: _m.accumulate(
            self, ins[0], axis, dtype, o))

    def outer(self, A, B, /, **kwargs):
        return _subclass.method_call(self, (A, B), kwargs.pop("out", None), lambda ins, o: _m.outer(
            self, *ins, **({} if o is None else {"out": o}), **kwargs))

    def at(self, a, indices, b=None, /):
        return _m.at(self, a, indices, b)

    def reduceat(self, array, indices, axis=0, dtype=None, *pos, out=None):
        if pos:
            out, = _positional("reduceat", pos, out)
        return _subclass.method_call(self, (array,), out, lambda ins, o: _m.reduceat(
            self, ins[0], indices, axis, dtype, o))

    # NumPy's private low-level loop access (its C loops on raw memory): NumPy's own
    def _resolve_dtypes_and_context(self, *args, **kwargs):
        return self._np._resolve_dtypes_and_context(*args, **kwargs)

    def _get_strided_loop(self, *args, **kwargs):
        return self._np._get_strided_loop(*args, **kwargs)

    def resolve_dtypes(self, dtypes, *, signature=None, casting=None, reduction=False):
        """NumPy's own loop resolution (shim dtypes are NumPy's)."""
        kw = {"reduction": reduction}
        if signature is not None:
            kw["signature"] = signature
        if casting is not None:
            kw["casting"] = casting
        return self._np.resolve_dtypes(dtypes, **kw)


def _numpy_only(dtype, signature):
    """True when dtype=/signature= names a loop dtype torch has no storage for (object,
    strings, datetimes): NumPy runs those calls whole (its own casting rules for them)."""
    items = (dtype,) if dtype is not None else signature if isinstance(signature, (tuple, list)) else ()
    for d in items:
        if d is None or isinstance(d, torch.dtype):
            continue
        try:
            if np.dtype(d).kind in "OSUVMm":
                return True
        except TypeError:
            pass  # a DType class or a bad spelling: NumPy's resolver decides
    return False


def _ufunc_reconstruct(name):
    """The numpy_shim ufunc called ``name`` (pickle's constructor for ufuncs)."""
    import numpy_shim
    return getattr(numpy_shim, name)


def _positional(name, pos, *kw):
    """A method's arguments after ``dtype`` given by position: (out, ...) as NumPy binds them."""
    if len(pos) > len(kw):
        raise TypeError(f"{name}() takes at most {3 + len(kw)} positional arguments")
    if pos[0] is Ellipsis:
        raise TypeError("out=... is only allowed as a keyword argument.")
    if kw[0] is not None:
        raise TypeError(f"argument for {name}() given by name ('out') and position (4)")
    return pos + kw[len(pos):]


def _sig_item(d):
    """A dtype=/signature= entry as NumPy's resolve_dtypes takes it (torch dtypes, the
    default float/complex switch mapped; everything else, NumPy checks itself)."""
    if d is None or isinstance(d, (str, np.dtype)):
        return d
    if isinstance(d, torch.dtype) or d is float or d is complex:
        return np_dtype(d)
    return d


_WEAK_FAST = (float, int)
_FMAX = {}


def _check_cast_overflow(o, dt):
    """NumPy warns "overflow encountered in cast" when a Python number exceeds float16/32."""
    try:
        top = _FMAX[dt]
    except KeyError:
        top = _FMAX[dt] = float(np.finfo(dt).max)
    for part in ((o.real, o.imag) if type(o) is complex else (o,)):
        if abs(part) > top and part - part == 0:  # finite and too big
            _fpe.report("over", "cast")
_I64 = 2 ** 63
_CASTINGS = frozenset(("no", "equiv", "safe", "same_kind", "unsafe"))
_IINFO = {}


def _iinfo(dt):
    try:
        return _IINFO[dt]
    except KeyError:
        info = np.iinfo(dt)
        _IINFO[dt] = r = (int(info.min), int(info.max))
        return r


def _as_arrays(r):
    """NumPy's result for out=...: arrays, 0-d included, never scalars."""
    from ._convert import asarray
    return tuple(asarray(x) for x in r) if isinstance(r, tuple) else asarray(r)


def _device_of(ops):
    for o in ops:
        if isinstance(o, _Tensor):
            return o.device
    return None


def _to_emulated(t, tdt, already=False):
    """A uint16/32/64 tensor as the signed tensor its loop computes in."""
    if already:
        return t
    if tdt is torch.uint64:
        return t.view(torch.int64)
    return t.to(EMULATED[tdt])


def _from_emulated(t, tdt):
    if t.dtype is tdt:
        return t
    if tdt is torch.uint64:
        if t.dtype is not torch.int64:
            t = t.to(torch.int64)
        return t.view(torch.uint64)
    if t.dtype.is_floating_point:
        t = t.to(torch.int64)
    return t.to(tdt)


from . import _ufunc_methods as _m  # noqa: E402  (reduce, accumulate, ... for every ufunc)
