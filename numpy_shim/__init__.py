"""numpy_shim: NumPy's API over PyTorch's tensor engine.

``import numpy_shim as np`` and a NumPy program runs on torch: CPU or GPU,
differentiable, vmappable and compilable (see numpy_shim.transforms).
"""
import functools as _functools
import sys as _sys

import numpy as _np

# dtypes, scalar types and constants are NumPy's own objects
from numpy import (  # noqa: F401
    dtype, generic, number, integer, signedinteger, unsignedinteger, inexact, floating,
    complexfloating, character, flexible, bool_, int8, int16, int32, int64, uint8, uint16,
    uint32, uint64, float16, float32, float64, complex64, complex128, intp, uintp, int_, uint,
    double, single, half, longlong, ulonglong, short, ushort, byte, ubyte, intc, uintc, cdouble,
    csingle, longdouble, clongdouble, object_, str_, bytes_, void, datetime64, timedelta64,
    pi, e, inf, nan, newaxis, euler_gamma, little_endian, exceptions, errstate, seterr, geterr,
    seterrcall, geterrcall, getbufsize, setbufsize, ndindex, typename, mintypecode, sctypeDict,
    iterable, isscalar, False_, True_, ScalarType, typecodes,
)
from numpy import bool  # noqa: F401  (NumPy 2's name for bool_)
from numpy.exceptions import AxisError, ComplexWarning, VisibleDeprecationWarning  # noqa: F401

from ._ndarray import ndarray
from . import _operators, _methods, _protocols  # noqa: F401  (attach to ndarray)
from ._dtypes import set_default_float, default_float_dtype
from ._device import device, set_default_device
from ._convert import array, asarray, asanyarray
from ._creation import (empty, zeros, ones, full, empty_like, zeros_like, ones_like, full_like,
                        arange, linspace, eye, identity, copy)
from ._ufunc import ufunc
from ._ufunc_table import *  # noqa: F401,F403
from ._reductions import (sum, prod, max, min, amax, amin, all, any, mean, var, std, argmax,
                          argmin, cumsum, cumprod, ptp)
from ._shape import (reshape, ravel, transpose, permute_dims, swapaxes, squeeze, expand_dims,
                     moveaxis)
from ._promotion import (result_type, promote_types, can_cast, min_scalar_type, common_type,
                         finfo, iinfo, issubdtype, isdtype)
from ._printing import (set_printoptions, get_printoptions, printoptions, array_repr, array_str,
                        array2string, format_float_positional, format_float_scientific)
from ._errors import ShimError, DataDependentError, FallbackError, DeviceMismatchError
from ._fallback import report as fallback_report
from ._extensions import *  # noqa: F401,F403  (modules contributed per topic)
from . import linalg, fft, random  # noqa: E402
from . import _signatures as _sigs  # noqa: E402
_sigs.install(globals())

__version__ = _np.__version__


# NumPy's creation functions are builtins, which do not bind as methods
# (``class T: array = np.array`` is common in tests); partial objects do not bind
# either, and unlike staticmethod objects Dynamo traces through them.
array, asarray, asanyarray = (_functools.update_wrapper(_functools.partial(f), f)
                              for f in (array, asarray, asanyarray))


def __getattr__(name):
    """Names the shim does not implement come from real NumPy (counted, see fallback_report)."""
    if name.startswith("_"):
        # NumPy's private modules (numpy._core.umath, ...) are not the shim's: serving them
        # would hand out NumPy's own ufuncs as if they were ours
        raise AttributeError(f"module 'numpy_shim' has no attribute '{name}'")
    if name in globals():  # callers that use this function directly (proxies) get our own names
        return globals()[name]
    sub = _sys.modules.get(f"{__name__}.{name}")
    if sub is not None:
        return sub
    obj = getattr(_np, name, None)
    if obj is None:
        raise AttributeError(f"module 'numpy_shim' has no attribute '{name}'")
    if callable(obj) and not isinstance(obj, type):
        from ._fallback import wrap_numpy_function
        obj = wrap_numpy_function(name, obj)
    globals()[name] = obj
    return obj
