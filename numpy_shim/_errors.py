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


def user_frame():
    """'file:line' of the first stack frame outside numpy_shim and torch."""
    import sys
    f = sys._getframe(1)
    while f is not None:
        fn = f.f_code.co_filename
        if not any(part in fn for part in ("numpy_shim", "/torch/", "/transforms/", "/interop/", "<frozen")):
            return f"{fn}:{f.f_lineno}"
        f = f.f_back
    return "<unknown>"


def data_dependent(what, alternative="np.where(cond, x, y) instead of a Python branch"):
    return DataDependentError(
        f"{what} needs the value of an array that is being transformed (vmap/compile) "
        f"at {user_frame()}; its value is not known here. Use {alternative}."
    )
