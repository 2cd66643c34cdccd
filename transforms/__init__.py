"""Composable function transforms for NumPy programs: grad, vmap, jacrev, hessian, compile, ...

Exposed as ``numpy_shim.transforms``.
"""
from ._func import *  # noqa: F401,F403
from ._func import __all__ as _func_all
from ._compile import *  # noqa: F401,F403
from ._compile import __all__ as _compile_all

__all__ = list(_func_all) + list(_compile_all)
