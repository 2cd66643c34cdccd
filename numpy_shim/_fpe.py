"""NumPy's floating-point error reporting (errstate/seterr) for ufuncs that flag it.

NumPy learns of divide-by-zero, overflow and invalid results from the FPU; torch does
not report them, so ufuncs whose row names ``fpe`` kinds are checked after the fact,
only in eager plain-tensor code (a check reads values, which transforms forbid). The
error state is NumPy's own (``numpy.errstate``/``numpy.seterr`` are shared).

Cost: the common case (every result finite) is one reduction and one host read; the
detailed pass (which inputs were finite, which divisors zero) runs only when a result
is inf or nan. add, subtract and multiply are not checked (their overflow is not
reported): on large arrays the extra pass would cost a third of the op itself.
"""
import contextlib
import math
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


def _user_stacklevel():
    """The stacklevel of the first frame outside numpy_shim (so warnings name user code)."""
    f = sys._getframe(2)
    level = 2
    while f is not None and f"{os.sep}numpy_shim{os.sep}" in f.f_code.co_filename:
        f = f.f_back
        level += 1
    return level


def check(uf, inputs, result):
    """Report the floating-point errors ``uf._fpe`` names that this call produced."""
    if result.numel() == 0 or not _scalars.is_plain(result):
        return
    # Fast path: a finite sum means every element is finite, so nothing to report.
    total = complex(result.sum()) if result.is_complex() else float(result.sum())
    if isinstance(total, complex):
        if math.isfinite(total.real) and math.isfinite(total.imag):
            return
    elif math.isfinite(total):
        return
    tensors = [x for x in inputs if isinstance(x, torch.Tensor)]
    if any(not _scalars.is_plain(x) for x in tensors):
        return
    nan_in = torch.zeros((), dtype=torch.bool)
    finite_in = torch.ones((), dtype=torch.bool)
    for x in tensors:
        if x.dtype.is_floating_point or x.dtype.is_complex:
            nan_in = nan_in | torch.isnan(x)
            finite_in = finite_in & torch.isfinite(x)
    kinds = uf._fpe
    name = uf.__name__
    # NumPy reports in this order: divide, over, (under), invalid.
    new_inf = torch.isinf(result) & finite_in
    if "divide" in kinds:
        div = _DIVISOR.get(name)
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
    if "invalid" in kinds and bool((torch.isnan(result) & ~nan_in).any()):
        report("invalid", name)
