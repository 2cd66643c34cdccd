"""numpy_shim's own exception classes: one per kind of thing the shim cannot do.

NumPy mistakes raise NumPy's exception types instead (see _ufunc.py, _index.py).
"""


class ShimError(Exception):
    """Base of numpy_shim's own errors."""


class DataDependentError(ShimError, RuntimeError):
    """A value of a traced array was needed on the host (bool(), float(), a mask).

    Under vmap or compile an array has no single value; rewrite the branch with
    ``np.where`` or give the function a static ``size=``.
    """


class FallbackError(ShimError, TypeError):
    """Real NumPy was needed for a feature, inside a transform where it cannot run."""


class DeviceMismatchError(ShimError, ValueError):
    """Arrays on different devices were combined."""


class TransformError(ShimError, RuntimeError):
    """torch.func could not transform an operation (the message names it and the line)."""


def user_frame():
    """'file:line' of the first stack frame outside numpy_shim and torch."""
    return _user_and_op()[0]


def _library_dirs():
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    return tuple(os.path.join(d, "") for d in (here, os.path.join(root, "transforms"),
                                               os.path.join(root, "interop")))


_LIBRARY_DIRS = _library_dirs()
_LIBRARY_PARTS = ("/torch/", "/numpy/", "<frozen", "/site-packages/numpy_shim")


def is_library_file(filename):
    """True for numpy_shim's, torch's and NumPy's own source files (not the user's)."""
    return filename.startswith(_LIBRARY_DIRS) or any(p in filename for p in _LIBRARY_PARTS)

# The shim entry point a user's code called -> how the user spelled it, and what to use instead.
_OPS = {
    "__bool__": ("bool() of an array (an `if`/`while` on it, `and`/`or`, a comparison chain)",
                 "np.where(cond, x, y) instead of a Python branch"),
    "__float__": ("float() of an array", "the 0-d array itself instead of a Python float"),
    "__int__": ("int() of an array", "the 0-d array itself instead of a Python int"),
    "__complex__": ("complex() of an array", "the 0-d array itself instead of a Python complex"),
    "__index__": ("using an array as a Python index (operator.index())",
                  "np.take(a, i) / np.take_along_axis, which accept traced indices"),
    "item": (".item() of an array", "the 0-d array itself instead of a Python scalar"),
    "tolist": (".tolist() of an array", "the array itself"),
    "__format__": ("formatting an array's value (f-string, format())", "printing outside the transform"),
    "__array__": ("converting to a real NumPy array (np.asarray of a traced array, a NumPy-only function)",
                  "numpy_shim functions on the array"),
}


def _user_and_op():
    """('file:line' of the user's frame, name of the shim function it called)."""
    import sys
    f = sys._getframe(2)
    last_lib = None
    while f is not None:
        fn = f.f_code.co_filename
        if not is_library_file(fn):
            return f"{fn}:{f.f_lineno}", last_lib
        last_lib = f.f_code.co_name
        f = f.f_back
    return "<unknown>", last_lib


def data_dependent(what, alternative="np.where(cond, x, y) instead of a Python branch"):
    where, op = _user_and_op()
    if op in _OPS and what in ("Reading an array's value", "bool()", "float()", "int()", "complex()",
                               "item()", "operator.index()", "format()"):
        what, alternative = _OPS[op]
    return DataDependentError(
        f"{what} needs the value of an array that is being transformed (vmap/compile) "
        f"at {where}; its value is not known here. Use {alternative}."
    )
