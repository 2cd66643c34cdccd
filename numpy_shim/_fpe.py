"""NumPy's floating-point error reporting (errstate/seterr) for ufuncs, reductions, dot
and casts.

NumPy learns of divide-by-zero, overflow and invalid results from the FPU; torch does
not report them, so results are checked after the fact, only in eager plain-tensor code
(a check reads values, which transforms forbid). The error state is NumPy's own
(``numpy.errstate``/``numpy.seterr`` are shared).

Cost: the common case (every result finite) is one probe (``_all_finite``: a Python sum
of ``tolist()`` on small results, a BLAS dot or torch sum and one host read on large
ones); the detailed pass (which inputs were finite, which divisors zero) runs only when a
result is inf or nan. Under ``errstate(...="ignore")`` for every kind concerned nothing is
read. Underflow (ignored by default) is checked only while a mode asks for it.
"""
import cmath
import contextlib
import os
import sys
import threading
import warnings

import numpy as np
import torch

from . import _scalars

_WORDS = {"divide": "divide by zero", "over": "overflow", "under": "underflow",
          "invalid": "invalid value"}
_CODES = {"divide": 1, "over": 2, "under": 4, "invalid": 8}
# ufuncs whose inf from finite inputs is "divide" only where this operand is zero
# (the divisor; the base of a power), else overflow.
_DIVISOR = {"divide": 1, "floor_divide": 1, "divmod": 1, "reciprocal": 0, "power": 0, "float_power": 0}


class _Method(threading.local):
    name = None  # "reduce", "accumulate", "at": NumPy names the method in its messages


_method = _Method()


@contextlib.contextmanager
def method(name):
    """Report errors raised inside a ufunc method under that method's name."""
    old = _method.name
    _method.name = name
    try:
        yield
    finally:
        _method.name = old


def report(kind, name, stacklevel=4):
    """Act on one floating-point error as NumPy's errstate says."""
    mode = np.geterr()[kind]
    if mode == "ignore":
        return
    if _method.name is not None:
        name = _method.name
    word = _WORDS[kind]
    msg = f"{word} encountered in {name}"
    if mode == "warn":
        warnings.warn(msg, RuntimeWarning, stacklevel=_user_stacklevel())
    elif mode == "raise":
        raise FloatingPointError(msg)
    elif mode == "print":
        print(f"Warning: {msg}")
    elif mode == "call":
        np.geterrcall()(word, _CODES[kind])
    elif mode == "log":
        np.geterrcall().write(f"Warning: {msg}\n")


def complex_warning():
    """NumPy's ComplexWarning for a cast of complex values to a real (not bool) dtype."""
    warnings.warn("Casting complex values to real discards the imaginary part",
                  np.exceptions.ComplexWarning, stacklevel=_user_stacklevel())


def _user_stacklevel():
    """The stacklevel of the first frame outside numpy_shim (so warnings name user code)."""
    f = sys._getframe(2)
    level = 2
    while f is not None and f"{os.sep}numpy_shim{os.sep}" in f.f_code.co_filename:
        f = f.f_back
        level += 1
    return level


_Tensor = torch.Tensor
_is_compiling = torch.compiler.is_compiling
_is_wrapped = torch._C._functorch.is_functorch_wrapped_tensor
_DOT = {torch.float32, torch.float64}
_CHECKED = {torch.float16, torch.float32, torch.float64, torch.complex64, torch.complex128}
_extobj = np._core.umath._extobj_contextvar
_DEFAULT = _extobj.get()  # NumPy's state object while nobody has called errstate/seterr
# ufuncs whose result mixes every input element (inputs are checked as a whole)
_WHOLE = {"matmul", "vecdot", "matvec", "vecmat", "dot", "reduce", "accumulate"}
# NumPy reports invalid for these whenever the result is nan, nan inputs included
_NAN_INVALID = {"logaddexp", "logaddexp2"}
_REAL_SAFE = {"absolute"}  # cannot overflow on real input: only complex input is checked


def _modes():
    """NumPy's error modes, or None in NumPy's default state (over/invalid/divide warn,
    underflow ignored): the state object is compared before ``geterr()`` builds a dict."""
    return None if _extobj.get() is _DEFAULT else np.geterr()


def check(uf, inputs, result, mask=None, name=None):
    """Report the floating-point errors ``uf._fpe`` names that this call produced.

    ``mask``: the elements computed (a ufunc's ``where=``); ``name``: the name NumPy
    uses in its message when it is not the ufunc's (``reduce``, ``dot``).
    """
    # Only eager CPU values can be read: _scalars.is_plain, written out here because this
    # runs on every floating op (a call less is 0.1 us of a 2.6 us small a + b).
    if result.dtype not in _CHECKED or type(result) is not _Tensor or not result.is_cpu or \
            result.requires_grad or _is_compiling() or _is_wrapped(result):
        return
    modes = _modes()
    if modes is not None and modes["under"] == "ignore" and \
            all(modes[k] == "ignore" for k in uf._fpe):
        return  # errstate(...="ignore") for every kind this ufunc reports: nothing to read
    probe = result if mask is None else torch.where(mask, result, torch.zeros((), dtype=result.dtype))
    if not _all_finite(probe):
        _exact(uf, name or uf.__name__, inputs, result, mask)
    if modes is not None and modes["under"] != "ignore":
        name = name or uf.__name__
        if name in _UNDER and not result.is_complex():
            _underflow(name, inputs, result, mask)


def checked_scalar(uf, inputs, r, name):
    """``_scalars.result(r)`` of a 0-d result, reporting as ``check`` does: the value is
    read once, and the exact pass runs only when it is not finite."""
    s = _scalars.result(r)
    if isinstance(s, np.inexact) and not cmath.isfinite(s):
        check(uf, inputs, r, name=name)
    return s


def _all_finite(t):
    """Whether every element of ``t`` is finite, by summing them (v - v is 0 exactly for
    finite v). Small arrays are summed in Python from tolist() (0.3 us), others by one BLAS
    dot or torch sum and one host read. A huge finite sum can overflow: callers then run
    their exact pass, which finds nothing to report."""
    dim = t.dim()
    if dim == 0:
        v = t.item()
    elif dim <= 2 and t.numel() <= 48:
        v = sum(t.tolist()) if dim == 1 else sum(map(sum, t.tolist()))
    elif dim == 1 and t.dtype in _DOT:
        v = t.dot(t).item()
    else:
        v = t.sum().item()
    return v - v == 0


def _as_tensors(inputs):
    return [x if isinstance(x, torch.Tensor) else torch.as_tensor(x) for x in inputs
            if isinstance(x, (torch.Tensor, int, float, complex))]


def _exact(uf, name, inputs, result, mask):
    """The slow pass: which non-finite results came from which inputs."""
    kinds = uf._fpe
    ufname = uf.__name__
    tensors = _as_tensors(inputs)
    if any(not _scalars.is_plain(x) for x in tensors):
        return
    if ufname in _REAL_SAFE and not any(x.is_complex() for x in tensors):
        return
    if result.is_complex() and ufname in ("add", "subtract"):
        # complex addition works per component: compare components
        ct = result.dtype
        result = torch.view_as_real(result)
        tensors = [torch.view_as_real(x.to(ct)) for x in tensors]
        if mask is not None:
            mask = mask.unsqueeze(-1)
    nan_in = torch.zeros((), dtype=torch.bool)
    finite_in = torch.ones((), dtype=torch.bool)
    for x in tensors:
        if x.dtype.is_floating_point or x.dtype.is_complex:
            nan, fin = torch.isnan(x), torch.isfinite(x)
            if name in _WHOLE:
                nan, fin = nan.any(), fin.all()
            nan_in = nan_in | nan
            finite_in = finite_in & fin
    if ufname == "nextafter":
        finite_in = torch.isfinite(tensors[0])  # stepping off the largest value overflows
    new_inf = torch.isinf(result) & finite_in
    nan_out = torch.isnan(result)
    if ufname not in _NAN_INVALID:
        nan_out = nan_out & ~nan_in
    if ufname == "spacing":  # NumPy: quiet for float32/64 spacing(inf); float16 flags any non-finite
        nan_out = ~torch.isfinite(tensors[0]) if result.dtype is torch.float16 else nan_out & False
    if mask is not None:
        new_inf = new_inf & mask
        nan_out = nan_out & mask
    # NumPy reports in this order: divide, over, (under), invalid.
    if "divide" in kinds:
        div = _DIVISOR.get(ufname)
        if div is None:
            if bool(new_inf.any()):
                report("divide", name)
        else:
            d = inputs[div] if div < len(inputs) else None
            zero = (d == 0) if isinstance(d, torch.Tensor) else torch.tensor(d == 0)
            if bool((new_inf & zero).any()):
                report("divide", name)
            if bool((new_inf & ~zero).any()):
                report("over", name)
    elif "over" in kinds and bool(new_inf.any()):
        report("over", name)
    if ufname in ("floor_divide", "divmod") and len(inputs) == 2:
        # NumPy's floor division computes through fmod: a finite dividend over a divisor
        # that overflows the quotient, or a zero divisor in divmod, is also invalid
        d = tensors[1]
        if ufname == "floor_divide":
            nan_out = nan_out | (new_inf & (d != 0))
        else:  # the remainder of anything over zero is nan
            nan_out = nan_out | new_inf | (torch.isinf(tensors[0]) & (d == 0))
    if "invalid" in kinds and bool(nan_out.any()):
        report("invalid", name)


def _tiny(r):
    return r.abs() < torch.finfo(r.dtype).tiny


def _finite(*xs):
    m = torch.ones((), dtype=torch.bool)
    for x in xs:
        m = m & torch.isfinite(x)
    return m


def _under_multiply(a, b, r):
    return _tiny(r) & (a != 0) & (b != 0) & _finite(a, b) & (r / b != a)


def _under_divide(a, b, r):
    return _tiny(r) & (a != 0) & _finite(a, b) & (b != 0) & (r * b != a)


def _under_power(a, b, r):
    return _tiny(r) & (a != 0) & _finite(a, b)


def _under_exp(x, r):
    return _tiny(r) & _finite(x)


def _under_ldexp(x, n, r):
    return _tiny(r) & (x != 0) & _finite(x) & (torch.ldexp(r, -n.to(r.dtype)) != x)


# Underflow: a tiny (subnormal or zero) result that is inexact. Addition and subtraction
# of subnormals are exact, so they never underflow.
_UNDER = {
    "multiply": _under_multiply,
    "square": lambda x, r: _under_multiply(x, x, r),
    "divide": _under_divide,
    "reciprocal": lambda x, r: _under_divide(torch.ones((), dtype=r.dtype), x, r),
    "power": _under_power, "float_power": _under_power,
    "exp": _under_exp, "exp2": _under_exp,
    "ldexp": _under_ldexp,
}


def _underflow(name, inputs, result, mask):
    tensors = [x.to(result.dtype) if x.dtype.is_floating_point or name != "ldexp" else x
               for x in _as_tensors(inputs)]
    flagged = _UNDER[name](*tensors, result)
    if mask is not None:
        flagged = flagged & mask
    if bool(flagged.any()):
        report("under", name)


# -- casts ----------------------------------------------------------------------------
# NumPy reports "overflow encountered in cast" when a narrowing float cast makes inf of
# a finite value, and "invalid value encountered in cast" when a float -> int cast gets
# nan, inf or a value outside the machine conversion's range: x86's cvttsd2si converts to
# int32 for int8/16/32 and uint8/16, to int64 for int64 and uint32; uint64 takes [-2**63, 2**64).
_I32 = (-2147483649.0, 2147483648.0)  # exclusive bounds
_I64 = (-9223372036854777856.0, 9223372036854775808.0)
_U64 = (-9223372036854777856.0, 18446744073709551616.0)
_RANGE = {torch.int8: _I32, torch.int16: _I32, torch.int32: _I32, torch.uint8: _I32,
          torch.uint16: _I32, torch.int64: _I64, torch.uint32: _I64, torch.uint64: _U64}
_FLOATS = (torch.float16, torch.float32, torch.float64)
_INTS = (torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8, torch.uint16,
         torch.uint32, torch.uint64)
# (source, target) -> what to check: "over" (result inf of finite) or the int range
CAST_CHECKS = {}
for _s in _FLOATS:
    for _d in _INTS:
        CAST_CHECKS[(_s, _d)] = _RANGE[_d]
for _s, _d in ((torch.float64, torch.float32), (torch.float64, torch.float16),
               (torch.float32, torch.float16), (torch.complex128, torch.complex64),
               (torch.float64, torch.complex64)):
    CAST_CHECKS[(_s, _d)] = "over"
for _s in _INTS:
    CAST_CHECKS[(_s, torch.float16)] = "over"  # 70000 -> float16


def check_cast(src, result, what):
    """Report the floating-point errors NumPy's cast of ``src`` into ``result`` raises."""
    if not _scalars.is_plain(src) or src.numel() == 0:
        return
    modes = _modes()
    if modes is not None and modes["over" if what == "over" else "invalid"] == "ignore":
        return
    if what == "over":
        if _all_finite(result):
            return
        if bool((torch.isinf(result) & torch.isfinite(src)).any()):
            report("over", "cast")
        return
    lo, hi = what
    if src.numel() <= 48:
        values = src.reshape(-1).tolist()
        total = sum(values)
        ok = total - total == 0 and lo < min(values) and max(values) < hi
    else:
        mn, mx = torch.aminmax(src)
        mn, mx = mn.item(), mx.item()
        ok = lo < mn and mx < hi
    if not ok:
        report("invalid", "cast")
