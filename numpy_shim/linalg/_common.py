"""What every numpy_shim.linalg function shares: dtype rules, shape checks, errors.

NumPy's linalg computes in double (float64 or complex128) whatever the input and
casts the result back to float32/complex64 for single-precision inputs; integers and
bools give float64; float16 is refused. The shim does the same with torch.linalg.
"""
import functools

import numpy as np
import torch
from numpy.linalg import LinAlgError
from numpy.linalg._linalg import (EigResult, EighResult, QRResult, SlogdetResult,  # noqa: F401
                                  SVDResult)

from .. import _scalars
from .._convert import to_tensor
from .._errors import DataDependentError
from .._fallback import NeedsNumpy, wrap_numpy_function
from .._ndarray import ndarray, _wrap

_SINGLE = {torch.float32: torch.float32, torch.complex64: torch.float32}
_COMPLEX_OF = {torch.float32: torch.complex64, torch.float64: torch.complex128}
_REAL_OF = {torch.complex64: torch.float32, torch.complex128: torch.float64,
            torch.float32: torch.float32, torch.float64: torch.float64}


def tensor(a):
    """``a`` as a tensor (no copy for shim arrays)."""
    if isinstance(a, ndarray):
        return a._t
    return to_tensor(a)


def common_type(*ts):
    """(compute dtype, result dtype) for linalg inputs, as NumPy's ``_commonType``."""
    single = True
    is_complex = False
    for t in ts:
        dt = t.dtype
        if dt.is_complex or dt.is_floating_point:
            if dt.is_complex:
                is_complex = True
            if dt in (torch.float64, torch.complex128):
                single = False
            elif dt not in _SINGLE:
                from .._dtypes import TORCH_TO_NP
                raise TypeError(f"array type {TORCH_TO_NP[dt].name} is unsupported in linalg")
        else:
            single = False
    real = torch.float32 if single else torch.float64
    if is_complex:
        return torch.complex128, _COMPLEX_OF[real]
    return torch.float64, real


def real_of(tdt):
    return _REAL_OF[tdt]


def complex_of(tdt):
    return tdt if tdt.is_complex else _COMPLEX_OF[tdt]


def assert_stacked_2d(*ts):
    for t in ts:
        if t.dim() < 2:
            raise LinAlgError(f"{t.dim()}-dimensional array given. Array must be at least "
                              "two-dimensional")


def assert_2d(*ts):
    for t in ts:
        if t.dim() != 2:
            raise LinAlgError(f"{t.dim()}-dimensional array given. Array must be two-dimensional")


def assert_stacked_square(*ts):
    assert_stacked_2d(*ts)
    for t in ts:
        if t.shape[-1] != t.shape[-2]:
            raise LinAlgError("Last 2 dimensions of the array must be square")


def readable(t):
    """``t`` when its values may be read on the host for an error check, else None.

    Checks on values (singular matrix, non-finite input) are done in eager CPU code
    and under grad alone; under vmap and compile there is no single value to check,
    so the result is NaN/inf as LAPACK leaves it (see the numpy_shim.linalg docstring).
    """
    if torch.compiler.is_compiling() or t.device.type != "cpu":
        return None
    if _scalars.is_plain(t):
        return t
    try:
        return _scalars.plain(t)
    except DataDependentError:
        return None


def check_info(info, message):
    """Raise LinAlgError(message) when a LAPACK ``info`` tensor reports failure."""
    info = readable(info)
    if info is not None and info.numel() and bool((info != 0).any()):
        raise LinAlgError(message)


def assert_finite(t):
    r = readable(t)
    if r is not None and r.numel() and not bool(torch.isfinite(r).all()):
        raise LinAlgError("Array must not contain infs or NaNs")


def out(t):
    """A result tensor as NumPy gives it: a NumPy scalar when 0-d, else an array."""
    return _scalars.result(t) if t.dim() == 0 else _wrap(t)


def batch_shape(*shapes):
    try:
        return tuple(torch.broadcast_shapes(*shapes))
    except RuntimeError:
        raise ValueError("operands could not be broadcast together with shapes "
                         + " ".join(str(tuple(s)) for s in shapes)) from None


def with_fallback(name):
    """Hand arrays of dtypes torch cannot hold (object, str...) to real numpy.linalg."""
    def deco(fn):
        real = getattr(np.linalg, name)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except NeedsNumpy:
                return wrap_numpy_function(f"linalg.{name}", real)(*args, **kwargs)
        wrapper.__module__ = "numpy_shim.linalg"
        return wrapper
    return deco
