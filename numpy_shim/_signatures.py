"""NumPy's signatures on ndarray methods (``inspect.signature(ndarray.sum)``).

The shim attaches methods from many modules, as lambdas or functions whose first
parameter is not ``self``; tools that read signatures (IDEs, inspect, NumPy's tests)
expect NumPy's, with ``self`` positional-only. A method object that is also a public
function (``numpy_shim.take``) is wrapped, so the function keeps its own.
"""
import inspect
import types

import numpy as np

from ._methods import _as_method
from ._ndarray import ndarray


def install(namespace):
    public = {id(v) for v in namespace.values()}
    for name in dir(np.ndarray):
        fn = ndarray.__dict__.get(name)
        if type(fn) is not types.FunctionType:
            continue
        try:
            sig = inspect.signature(getattr(np.ndarray, name))
        except (TypeError, ValueError):
            continue
        if "self" not in sig.parameters:
            continue
        if id(fn) in public:
            fn = _as_method(fn)
            setattr(ndarray, name, fn)
        fn.__signature__ = sig

