"""NEP 50 promotion: NumPy's own rules, fed dtypes in place of shim arrays."""
import numpy as np

from ._ndarray import ndarray


def _plain(x):
    """Shim arrays as their dtype (or a NumPy array for value-based helpers)."""
    if isinstance(x, ndarray):
        return x.dtype
    return x


def result_type(*arrays_and_dtypes):
    """The dtype NumPy's promotion gives (Python scalars are weak, NEP 50)."""
    return np.result_type(*[_plain(x) for x in arrays_and_dtypes])


def promote_types(type1, type2):
    return np.promote_types(type1, type2)


def can_cast(from_, to, casting="safe"):
    if isinstance(from_, ndarray):
        from_ = from_.dtype
    return np.can_cast(from_, to, casting=casting)


def min_scalar_type(a):
    if isinstance(a, ndarray):
        a = a.__array__()
    return np.min_scalar_type(a)


def common_type(*arrays):
    return np.common_type(*[np.empty(0, dtype=_plain(a).dtype if hasattr(_plain(a), "dtype") else _plain(a))
                            if isinstance(a, ndarray) else a for a in arrays])


def finfo(dtype):
    return np.finfo(_plain(dtype))


def iinfo(int_type):
    return np.iinfo(_plain(int_type))


def issubdtype(arg1, arg2):
    return np.issubdtype(_plain(arg1), _plain(arg2))


def isdtype(dtype, kind):
    return np.isdtype(_plain(dtype), kind)
