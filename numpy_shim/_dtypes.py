"""The one table between NumPy dtypes and torch dtypes, and the default-dtype switch.

The shim's dtypes are NumPy's own objects; torch dtypes appear only as storage.
"""
import contextlib
import threading

import numpy as np
import torch

NP_TO_TORCH = {
    np.dtype(np.bool_): torch.bool,
    np.dtype(np.int8): torch.int8,
    np.dtype(np.int16): torch.int16,
    np.dtype(np.int32): torch.int32,
    np.dtype(np.int64): torch.int64,
    np.dtype(np.uint8): torch.uint8,
    np.dtype(np.uint16): torch.uint16,
    np.dtype(np.uint32): torch.uint32,
    np.dtype(np.uint64): torch.uint64,
    np.dtype(np.float16): torch.float16,
    np.dtype(np.float32): torch.float32,
    np.dtype(np.float64): torch.float64,
    np.dtype(np.complex64): torch.complex64,
    np.dtype(np.complex128): torch.complex128,
}
TORCH_TO_NP = {t: n for n, t in NP_TO_TORCH.items()}
# torch stores these but has no arithmetic for them: ops compute in a wider
# signed type (uint64 in int64 bits) and cast back, see _ufunc.py.
EMULATED = {torch.uint16: torch.int32, torch.uint32: torch.int64, torch.uint64: torch.int64}
# torch dtypes without a NumPy twin are read as the nearest NumPy dtype.
TORCH_TO_NP_LOSSY = {torch.bfloat16: np.dtype(np.float32)}

SUPPORTED = frozenset(NP_TO_TORCH)


class UnsupportedDTypeError(TypeError):
    """A dtype torch cannot hold (str, object, datetime, ...) reached an array op."""


def np_dtype(obj):
    """Any dtype-like (NumPy's forms, torch dtypes) as a numpy.dtype."""
    if isinstance(obj, torch.dtype):
        try:
            return TORCH_TO_NP[obj]
        except KeyError:
            if obj in TORCH_TO_NP_LOSSY:
                return TORCH_TO_NP_LOSSY[obj]
            raise UnsupportedDTypeError(f"torch dtype {obj} has no NumPy equivalent") from None
    if obj is float:
        return default_float()
    if obj is complex:
        return default_complex()
    return np.dtype(obj)


def torch_dtype(dt):
    """The torch storage dtype of a numpy.dtype (or dtype-like)."""
    try:
        return NP_TO_TORCH[dt]
    except (KeyError, TypeError):
        dt = np_dtype(dt)
        try:
            return NP_TO_TORCH[dt]
        except KeyError:
            raise UnsupportedDTypeError(
                f"numpy_shim arrays cannot hold dtype {dt!r}; torch has no such type. "
                "Use real numpy for it (numpy_shim falls back to numpy where it can)."
            ) from None


class _Defaults(threading.local):
    float_dtype = np.dtype(np.float64)
    complex_dtype = np.dtype(np.complex128)


_defaults = _Defaults()


def default_float():
    return _defaults.float_dtype


def default_complex():
    return _defaults.complex_dtype


def set_default_float(dtype):
    """Set the dtype used where NumPy defaults to float64 (float64 or float32).

    float32 suits accelerators; results then differ from NumPy's in precision
    and dtype, so it is off by default.
    """
    dt = np.dtype(dtype)
    if dt not in (np.dtype(np.float64), np.dtype(np.float32)):
        raise ValueError(f"default float dtype must be float32 or float64, not {dt}")
    _defaults.float_dtype = dt
    _defaults.complex_dtype = np.dtype(np.complex64 if dt == np.float32 else np.complex128)


@contextlib.contextmanager
def default_float_dtype(dtype):
    """Context manager form of set_default_float."""
    old = _defaults.float_dtype
    set_default_float(dtype)
    try:
        yield
    finally:
        set_default_float(old)
