"""The ufunc family: one class gives every ufunc __call__, reduce, accumulate, outer, at.

Loop selection is NumPy's own (``numpy.ufunc.resolve_dtypes``, with Python
int/float/complex passed as NEP 50 weak scalars), cached per dtype signature,
so promotion and "no loop" errors are exactly NumPy's.
"""
import numpy as np
import torch
from numpy._core._exceptions import _UFuncOutputCastingError

from . import _scalars, _fpe
from ._dtypes import NP_TO_TORCH, TORCH_TO_NP, EMULATED, np_dtype
from ._convert import to_tensor, cast
from ._ndarray import ndarray, _wrap
from ._errors import ShimError
from ._fallback import NeedsNumpy

_Tensor = torch.Tensor
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
    t = to_tensor(x)
    return TORCH_TO_NP[t.dtype], t


def _check_weak_int(value, dt):
    if dt.kind in "iu":
        info = np.iinfo(dt)
        if not info.min <= value <= info.max:
            raise OverflowError(f"Python integer {value} out of bounds for {dt}")


def broadcast_error(tensors):
    shapes = " ".join(str(tuple(t.shape)).replace(",)", ",)") for t in tensors if isinstance(t, _Tensor))
    return ValueError(f"operands could not be broadcast together with shapes {shapes} ")


def translate_runtime_error(e, ufunc_name, operands):
    """A torch RuntimeError from an ufunc loop as the exception NumPy raises."""
    msg = str(e)
    if "must match the size" in msg or "broadcast" in msg or "expanded size" in msg:
        return broadcast_error(operands)
    if "negative integer powers" in msg:
        return ValueError("Integers to negative integer powers are not allowed.")
    if "Expected all tensors to be on the same device" in msg:
        from ._errors import DeviceMismatchError
        return DeviceMismatchError(
            f"{ufunc_name}: operands are on different devices; move them with .to_device() first")
    return TypeError(f"ufunc '{ufunc_name}' failed on these inputs: {msg.splitlines()[0]}")


class ufunc:
    """A NumPy universal function computed by torch."""

    def __init__(self, name, fn, nin=2, nout=1, *, np_ufunc=None, scalars=True, reduce=None,
                 accumulate=None, emulate=None, int_fn=None, fpe=None, aliases=()):
        self.__name__ = name
        self.__qualname__ = name
        self._np = np_ufunc if np_ufunc is not None else getattr(np, name)
        self._fn = fn
        self._int_fn = int_fn        # used instead of fn when the loop is integer (e.g. // by 0)
        self._emulate = emulate      # uint64 loops whose sign matters
        self._scalars = scalars      # torch fn takes a Python scalar as its 2nd argument
        self._reduce = reduce
        self._accumulate = accumulate
        self._fpe = fpe              # floating-point error kinds to check eagerly, see _fpe.py
        self.nin = nin
        self.nout = nout
        self.nargs = nin + nout
        self.identity = self._np.identity
        self.signature = None
        self._cache = {}
        self.__doc__ = self._np.__doc__

    ntypes = property(lambda self: self._np.ntypes)
    types = property(lambda self: self._np.types)

    def __repr__(self):
        return f"<ufunc '{self.__name__}'>"

    # -- loop selection ---------------------------------------------------
    def _resolve(self, keys, dtype, casting, signature):
        ck = (keys, dtype, casting, signature)
        try:
            return self._cache[ck]
        except KeyError:
            pass
        sig = None
        if signature is not None:
            sig = tuple(None if s is None else np_dtype(s) for s in signature) \
                if isinstance(signature, (tuple, list)) else signature
        elif dtype is not None:
            sig = (None,) * self.nin + (np_dtype(dtype),) * self.nout
        kw = {"casting": casting}
        if sig is not None:
            kw["signature"] = sig
        dts = self._np.resolve_dtypes(keys + (None,) * self.nout, **kw)
        for d in dts:
            if d not in NP_TO_TORCH:
                from ._dtypes import UnsupportedDTypeError
                raise UnsupportedDTypeError(f"ufunc '{self.__name__}' loop {d} is not supported")
        res = (dts[:self.nin], dts[self.nin:],
               tuple(NP_TO_TORCH[d] for d in dts[:self.nin]), tuple(NP_TO_TORCH[d] for d in dts[self.nin:]))
        self._cache[ck] = res
        return res

    # -- __call__ ---------------------------------------------------------
    def __call__(self, *args, out=None, where=True, casting="same_kind", order="K", dtype=None,
                 subok=True, signature=None, **kwargs):
        if kwargs:
            bad = next(iter(kwargs))
            raise TypeError(f"{self.__name__}() got an unexpected keyword argument '{bad}'")
        nin = self.nin
        if len(args) < nin:
            raise TypeError(f"{self.__name__}() takes from {nin} to {self.nargs} positional "
                            f"arguments but {len(args)} were given")
        if len(args) > nin:
            if out is not None:
                raise TypeError("cannot specify 'out' as both a positional and keyword argument")
            out = args[nin:]
            if len(out) > self.nout:
                raise TypeError(f"{self.__name__}() takes from {nin} to {self.nargs} positional "
                                f"arguments but {len(args)} were given")
            args = args[:nin]
        try:
            keyed = [_key_of(a) for a in args]
        except NeedsNumpy:
            from ._fallback import wrap_numpy_function
            kw = {"casting": casting, "dtype": dtype} if out is None else {"casting": casting, "dtype": dtype, "out": out}
            return wrap_numpy_function(self.__name__, self._np)(*args, **kw)
        keys = tuple(k for k, _ in keyed)
        ops = [o for _, o in keyed]
        in_dts, out_dts, in_t, out_t = self._resolve(keys, dtype, casting, signature)
        results = self._compute(ops, keys, in_dts, in_t, out_t)
        if out is not None or where is not True:
            return self._store(results, out, where, casting, out_dts)
        if self.nout == 1:
            r = results[0]
            return _scalars.result(r) if r.dim() == 0 else _wrap(r)
        return tuple(_scalars.result(r) if r.dim() == 0 else _wrap(r) for r in results)

    def _compute(self, ops, keys, in_dts, in_t, out_t):
        """Run the loop on operands cast to ``in_t``; returns a tuple of tensors of ``out_t``."""
        conv = []
        emulated = False
        for i, (k, o) in enumerate(zip(keys, ops)):
            tdt = in_t[i]
            if tdt in EMULATED:
                emulated = True
            if type(k) is type:  # a weak Python scalar
                if k is int:
                    _check_weak_int(o, in_dts[i])
                    if tdt is torch.uint64 and o >= 2**63:
                        o -= 2**64  # the int64 bits the uint64 loop computes with
                if not (i == 1 and self._scalars) or tdt in EMULATED or \
                        (k is not int and in_dts[i].kind in "iub"):
                    o = torch.tensor(o, dtype=tdt if tdt not in EMULATED else EMULATED[tdt],
                                     device=_device_of(ops))
                    if tdt in EMULATED:
                        o = _to_emulated(o, tdt, already=True)
            elif isinstance(o, bool):
                o = torch.tensor(o, device=_device_of(ops))
                o = cast(o, tdt) if not tdt in EMULATED else _to_emulated(cast(o, tdt), tdt)
            else:
                if o.dtype is not tdt:
                    o = cast(o, tdt)
                if tdt in EMULATED:
                    o = _to_emulated(o, tdt)
            conv.append(o)
        fn = self._fn
        if self._int_fn is not None and in_dts[0].kind in "iub":
            fn = self._int_fn
        if emulated and self._emulate is not None and in_t[0] is torch.uint64:
            fn = self._emulate
        try:
            r = fn(*conv)
        except RuntimeError as e:
            raise translate_runtime_error(e, self.__name__, ops) from None
        if self.nout == 1:
            r = (r,)
        res = []
        for t, tdt in zip(r, out_t):
            if not isinstance(t, _Tensor):
                t = torch.as_tensor(t)
            if tdt in EMULATED:
                t = _from_emulated(t, tdt)
            elif t.dtype is not tdt:
                t = t.to(tdt)
            res.append(t)
        if self._fpe is not None and res[0].dtype.is_floating_point | res[0].dtype.is_complex:
            _fpe.check(self, conv, res[0])
        return tuple(res)

    def _store(self, results, out, where, casting, out_dts):
        if out is None:
            out = (None,) * self.nout
        elif not isinstance(out, tuple):
            out = (out,)
        if len(out) != self.nout:
            raise ValueError("The 'out' tuple must have exactly one entry per ufunc output")
        mask = None
        if where is not True:
            mask = to_tensor(where, np.dtype(np.bool_))
        final = []
        for i, (r, o) in enumerate(zip(results, out)):
            if o is None:
                if mask is not None:
                    r = torch.where(mask, r, torch.zeros((), dtype=r.dtype, device=r.device))
                final.append(_wrap(r))
                continue
            if not isinstance(o, ndarray):
                raise TypeError("return arrays must be of ArrayType")
            if not np.can_cast(out_dts[i], o.dtype, casting=casting):
                raise _UFuncOutputCastingError(self._np, casting, out_dts[i], o.dtype, i)
            r = torch.broadcast_to(r, torch.broadcast_shapes(r.shape, mask.shape if mask is not None else ())) \
                if mask is not None else r
            if tuple(r.shape) != tuple(o._t.shape):
                try:
                    r = torch.broadcast_to(r, o._t.shape)
                except RuntimeError:
                    raise ValueError(
                        f"non-broadcastable output operand with shape {tuple(o._t.shape)} doesn't "
                        f"match the broadcast shape {tuple(r.shape)}") from None
            if mask is not None:
                r = torch.where(mask, cast(r, o._t.dtype), o._t)
            from ._write import write
            write(o, r)
            final.append(o)
        return final[0] if self.nout == 1 else tuple(final)

    # -- methods ----------------------------------------------------------
    def reduce(self, array, axis=0, dtype=None, out=None, keepdims=False, initial=_NOVALUE, where=True):
        from ._ufunc_methods import reduce
        return reduce(self, array, axis, dtype, out, keepdims, initial, where)

    def accumulate(self, array, axis=0, dtype=None, out=None):
        from ._ufunc_methods import accumulate
        return accumulate(self, array, axis, dtype, out)

    def outer(self, A, B, /, **kwargs):
        from ._ufunc_methods import outer
        return outer(self, A, B, **kwargs)

    def at(self, a, indices, b=None, /):
        from ._ufunc_methods import at
        return at(self, a, indices, b)

    def reduceat(self, array, indices, axis=0, dtype=None, out=None):
        from ._ufunc_methods import reduceat
        return reduceat(self, array, indices, axis, dtype, out)

    def resolve_dtypes(self, dtypes, *, signature=None, casting=None, reduction=False):
        return self._np.resolve_dtypes(dtypes, signature=signature, casting=casting, reduction=reduction)


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
