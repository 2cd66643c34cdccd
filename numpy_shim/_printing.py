"""repr/str and the array2string family: NumPy's formatter on a host copy.

Print options are NumPy's own state (set_printoptions here sets NumPy's), so
shim arrays print exactly as NumPy arrays do. Printing reads values, so a traced
array (under vmap/compile) prints as a description instead.
"""
import numpy as np

from ._ndarray import ndarray
from ._errors import DataDependentError

set_printoptions = np.set_printoptions
get_printoptions = np.get_printoptions
printoptions = np.printoptions
format_float_positional = np.format_float_positional
format_float_scientific = np.format_float_scientific


def _host(a):
    return a.__array__() if isinstance(a, ndarray) else np.asarray(a)


def _traced(a):
    return f"<traced numpy_shim array shape={a.shape} dtype={a.dtype}>"


def array_repr(arr, max_line_width=None, precision=None, suppress_small=None):
    try:
        host = _host(arr)
    except DataDependentError:
        return _traced(arr)
    text = np.array_repr(host, max_line_width, precision, suppress_small)
    dev = getattr(arr, "device", None)
    if isinstance(arr, ndarray) and dev is not None and dev.type != "cpu":
        text = text[:-1] + f", device='{dev}')"
    return text


def array_str(a, max_line_width=None, precision=None, suppress_small=None):
    try:
        host = _host(a)
    except DataDependentError:
        return _traced(a)
    return np.array_str(host, max_line_width, precision, suppress_small)


def array2string(a, *args, **kwargs):
    try:
        host = _host(a)
    except DataDependentError:
        return _traced(a)
    return np.array2string(host, *args, **kwargs)
