"""NEP 50 promotion and dtype helpers: NumPy's own rules, with shim arrays stood in for.

Every helper calls NumPy's function, so promotion tables, weak Python scalars and error
messages are NumPy's. A shim array is passed as its dtype where NumPy reads only the
dtype of an array (result_type, can_cast), and as an empty real array of its dtype
elsewhere, so NumPy accepts or rejects it exactly as it would its own array.
"""
import numpy as np

from ._ndarray import ndarray


def _as_dtype(x):
    return x.dtype if isinstance(x, ndarray) else x


def _as_numpy(x):
    """A shim array as a real (empty) array of its dtype; anything else unchanged."""
    return np.empty(0, dtype=x.dtype) if isinstance(x, ndarray) else x


def result_type(*arrays_and_dtypes):
    """The dtype NumPy's promotion gives (Python scalars are weak, NEP 50)."""
    return np.result_type(*[_as_dtype(x) for x in arrays_and_dtypes])


def promote_types(type1, type2):
    return np.promote_types(type1, type2)


def can_cast(from_, to, casting="safe"):
    return np.can_cast(_as_dtype(from_), to, casting=casting)


def min_scalar_type(a):
    # value-based: reads the data (NumPy looks at the values too)
    if isinstance(a, ndarray):
        a = a.__array__()
    return np.min_scalar_type(a)


def common_type(*arrays):
    return np.common_type(*[_as_numpy(a) for a in arrays])


class _InfoMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, cls.__mro__[1])


class finfo(np.finfo, metaclass=_InfoMeta):
    """numpy.finfo (its instances are NumPy's); a shim array is refused as NumPy refuses arrays."""

    def __new__(cls, dtype):
        return np.finfo(_as_numpy(dtype))


class iinfo(np.iinfo, metaclass=_InfoMeta):
    """numpy.iinfo (its instances are NumPy's); a shim array is refused as NumPy refuses arrays."""

    def __new__(cls, int_type):
        return np.iinfo(_as_numpy(int_type))


def issubdtype(arg1, arg2):
    return np.issubdtype(_as_numpy(arg1), _as_numpy(arg2))


def isdtype(dtype, kind):
    return np.isdtype(_as_numpy(dtype), kind)
