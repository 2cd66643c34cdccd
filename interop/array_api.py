"""The Array API standard namespace over numpy_shim (``x.__array_namespace__()``).

NumPy 2 spells the standard's functions with the standard's names, so almost every
name here is numpy_shim's own function (looked up when first used, so functions
added to numpy_shim later appear here too). What the standard adds is defined here:
the version string and ``__array_namespace_info__``.
"""
import numpy
import torch

import numpy_shim as _np
from numpy_shim._device import as_device, check_device

__array_api_version__ = "2024.12"

_DTYPES = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
           "float32", "float64", "complex64", "complex128")
_FUNCTIONS = """
abs acos acosh add asin asinh atan atan2 atanh bitwise_and bitwise_left_shift bitwise_invert
bitwise_or bitwise_right_shift bitwise_xor ceil clip conj copysign cos cosh divide equal exp expm1
floor floor_divide greater greater_equal hypot imag isfinite isinf isnan less less_equal log log1p
log2 log10 logaddexp logical_and logical_not logical_or logical_xor maximum minimum multiply
negative nextafter not_equal positive pow real reciprocal remainder round sign signbit sin sinh
square sqrt subtract tan tanh trunc
arange asarray empty empty_like eye from_dlpack full full_like linspace meshgrid ones ones_like
tril triu zeros zeros_like
astype can_cast finfo iinfo isdtype result_type
broadcast_arrays broadcast_to concat expand_dims flip moveaxis permute_dims repeat reshape roll
squeeze stack tile unstack
argmax argmin count_nonzero nonzero searchsorted where
unique_all unique_counts unique_inverse unique_values argsort sort
cumulative_prod cumulative_sum max mean min prod std sum var all any diff
take take_along_axis matmul matrix_transpose tensordot vecdot
""".split()
_CONSTANTS = ("e", "inf", "nan", "newaxis", "pi")

__all__ = ["__array_api_version__", "__array_namespace_info__", "linalg", "fft",
           *_DTYPES, *_CONSTANTS, *_FUNCTIONS]

bool = numpy.bool_
int8, int16, int32, int64 = numpy.int8, numpy.int16, numpy.int32, numpy.int64
uint8, uint16, uint32, uint64 = numpy.uint8, numpy.uint16, numpy.uint32, numpy.uint64
float32, float64 = numpy.float32, numpy.float64
complex64, complex128 = numpy.complex64, numpy.complex128
e, inf, nan, newaxis, pi = numpy.e, numpy.inf, numpy.nan, None, numpy.pi
linalg = _np.linalg
fft = _np.fft


# -- where the standard's signature differs from NumPy's -----------------------------------
def astype(x, dtype, /, *, copy=True, device=None):
    """x as ``dtype`` (a copy unless ``copy=False`` and nothing changes), on ``device``."""
    res = x.astype(dtype, copy=copy)
    return res.to_device(device) if device is not None and res.device != device else res


def eye(n_rows, n_cols=None, /, *, k=0, dtype=None, device=None):
    return _np.eye(n_rows, n_cols, k=k, dtype=dtype, device=device)


def argsort(x, /, *, axis=-1, descending=False, stable=True):
    """Indices that sort ``x``; descending keeps equal elements in their order when stable."""
    if not descending:
        return _np.argsort(x, axis=axis, stable=stable)
    # descending and stable: sort the reversed array ascending, reverse the result, and map
    # positions in the reversed array back (n-1-j); ties then keep their original order.
    n = x.shape[axis]
    rev = _np.flip(_np.argsort(_np.flip(x, axis=axis), axis=axis, stable=stable), axis=axis)
    return (n - 1) - rev


def sort(x, /, *, axis=-1, descending=False, stable=True):
    res = _np.sort(x, axis=axis, stable=stable)
    return _np.flip(res, axis=axis) if descending else res


def __getattr__(name):
    if name in _FUNCTIONS:
        return getattr(_np, name)
    raise AttributeError(f"module 'numpy_shim.interop.array_api' has no attribute '{name}'")


def __dir__():
    return sorted(set(globals()) | set(_FUNCTIONS))


class Info:
    """``__array_namespace_info__()``: devices and dtypes of this namespace."""

    __module__ = "numpy_shim.interop.array_api"

    def capabilities(self):
        # Boolean masks and unique give value-dependent shapes, as in NumPy (eagerly).
        return {"boolean indexing": True, "data-dependent shapes": True, "max dimensions": 64}

    def default_device(self):
        from numpy_shim._device import default_device
        return as_device(default_device() or torch.device("cpu"))

    def devices(self):
        devs = [torch.device("cpu")]
        if torch.cuda.is_available():
            devs += [torch.device("cuda", i) for i in range(torch.cuda.device_count())]
        return [as_device(d) for d in devs]

    def default_dtypes(self, *, device=None):
        from numpy_shim import _dtypes
        check_device(device)
        f = _dtypes.default_float()
        return {"real floating": f, "complex floating": _dtypes.default_complex(),
                "integral": numpy.dtype(numpy.int64), "indexing": numpy.dtype(numpy.intp)}

    _KINDS = {
        "bool": ("bool",),
        "signed integer": ("int8", "int16", "int32", "int64"),
        "unsigned integer": ("uint8", "uint16", "uint32", "uint64"),
        "integral": ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"),
        "real floating": ("float32", "float64"),
        "complex floating": ("complex64", "complex128"),
        "numeric": _DTYPES[1:],
    }

    def dtypes(self, *, device=None, kind=None):
        check_device(device)
        if kind is None:
            names = _DTYPES
        elif isinstance(kind, str):
            if kind not in self._KINDS:
                raise ValueError(f"unsupported kind: {kind!r}")
            names = self._KINDS[kind]
        else:
            names = [n for k in kind for n in self.dtypes(kind=k)]
        return {n: getattr(numpy, n if n != "bool" else "bool_") for n in names}


def __array_namespace_info__():
    return Info()
