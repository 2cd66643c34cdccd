"""NumPy's "argument not given" sentinel, as ``numpy_shim._NoValue``.

It is NumPy's own object: the ufuncs' signatures (``axes=<no value>``) and the reductions'
defaults (``initial=np._NoValue``) compare equal to what code written for NumPy passes.
"""
import numpy as _np

_NoValue = _np._NoValue

__all__ = ["_NoValue"]
