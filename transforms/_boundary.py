"""The boundary between the caller's objects and torch.func: unwrap, rewrap, translate errors.

Outside: the caller passes numpy_shim arrays, NumPy arrays/scalars, Python numbers,
torch tensors, or pytrees (tuples, lists, dicts) of them. torch.func sees tensors.
Inside: the user's function sees numpy_shim arrays. Results go back in the
caller's kind: shim in -> shim out, NumPy in -> NumPy out, torch in -> torch out.
"""
import numpy
import torch
from torch.utils import _pytree as pytree

from numpy_shim._ndarray import ndarray, _wrap
from numpy_shim._convert import to_tensor
from numpy_shim import _scalars
from numpy_shim._errors import DataDependentError, TransformError, ShimError

# numpy_shim.random's class for random draws under vmap; torch's own RNG errors get it too
from numpy_shim.random import RandomnessError

_Tensor = torch.Tensor
_NUMBERS = (bool, int, float, complex)
_is_wrapped = torch._C._functorch.is_functorch_wrapped_tensor

tree_leaves = pytree.tree_leaves
_CONTAINERS = (tuple, list, dict)


def tree_map(fn, tree):
    """pytree.tree_map with a fast path for a single leaf and a flat tuple of leaves."""
    t = type(tree)
    if t not in _CONTAINERS and not isinstance(tree, _CONTAINERS):
        return fn(tree)
    if t is tuple and not any(isinstance(x, _CONTAINERS) for x in tree):
        return tuple(fn(x) for x in tree)
    return pytree.tree_map(fn, tree)

SHIM, NUMPY, TORCH = "shim", "numpy", "torch"


def _leaves(tree):
    t = type(tree)
    if t in _CONTAINERS or isinstance(tree, _CONTAINERS):
        if t is tuple and not any(isinstance(x, _CONTAINERS) for x in tree):
            return tree
        return tree_leaves(tree)
    return (tree,)


def caller_kind(tree):
    """Which kind of objects the caller gave: shim arrays win, then tensors, else NumPy."""
    kind = NUMPY
    for leaf in _leaves(tree):
        if isinstance(leaf, ndarray):
            return SHIM
        if isinstance(leaf, _Tensor):
            kind = TORCH
    return kind


def leaf_in(x, numbers=False):
    """One argument leaf as a tensor for torch.func (Python numbers only when ``numbers``)."""
    if isinstance(x, ndarray):
        return x._t
    if isinstance(x, _Tensor):
        return x
    if isinstance(x, (numpy.ndarray, numpy.generic)) and x.dtype.kind in "biufc":
        return to_tensor(x)
    if numbers and isinstance(x, _NUMBERS):
        # a Python int to differentiate is taken as a float64 (JAX would refuse it)
        return to_tensor(float(x) if type(x) is int else x)
    return x


def args_in(args, numbered=()):
    """Positional args as torch.func inputs; positions in ``numbered`` also convert numbers."""
    return tuple(tree_map(lambda x, n=(i in numbered): leaf_in(x, n), a) for i, a in enumerate(args))


def kwargs_in(kwargs):
    """Keyword args are not transformed: array-likes become shim arrays, the rest stays."""
    if not kwargs:
        return kwargs
    return {k: tree_map(_kw_leaf, v) for k, v in kwargs.items()}


def _kw_leaf(x):
    if isinstance(x, (numpy.ndarray, numpy.generic)) and x.dtype.kind in "biufc":
        return _wrap(to_tensor(x))
    if isinstance(x, _Tensor):
        return _wrap(x)
    return x


def shim_in(tree):
    """Inside the transform: tensors -> numpy_shim arrays for the user's function."""
    return tree_map(lambda x: _wrap(x) if isinstance(x, _Tensor) else x, tree)


def _out_leaf(x):
    if isinstance(x, ndarray):
        return x._t
    if isinstance(x, _Tensor):
        return x
    if isinstance(x, (numpy.ndarray, numpy.generic)) and x.dtype.kind in "biufc":
        return to_tensor(x)
    if isinstance(x, _NUMBERS):
        return to_tensor(x)
    return x


def tensors_out(tree):
    """Inside the transform: the user's results -> tensors for torch.func."""
    return tree_map(_out_leaf, tree)


def to_caller(tree, kind):
    """torch.func's results -> the caller's kind of objects."""
    if kind == TORCH:
        return tree
    conv = _to_numpy if kind == NUMPY else _to_shim
    return tree_map(lambda x: conv(x) if isinstance(x, _Tensor) else x, tree)


def _to_shim(t):
    return _scalars.result(t) if t.dim() == 0 else _wrap(t)


def _to_numpy(t):
    if not _scalars.is_plain(t):
        if t.requires_grad and not _is_wrapped(t):
            t = t.detach()
        if not _scalars.is_plain(t):
            return _to_shim(t)  # still traced (an outer transform): NumPy cannot hold it
    if t.device.type != "cpu":
        t = t.cpu()
    a = t.numpy()
    return a[()] if a.ndim == 0 else a


# -- torch errors as numpy_shim errors ---------------------------------------

_DATA_DEPENDENT = ("data-dependent control flow", "dynamic shape", ".item()", "item() on a Tensor",
                   "Cannot access data pointer", "data-dependent")
_RANDOM = ("randomness", "random operation")


def user_line(tb):
    """'file:line' of the innermost traceback frame outside numpy_shim and torch."""
    found = None
    while tb is not None:
        fn = tb.tb_frame.f_code.co_filename
        if not _is_library(fn):
            found = f"{fn}:{tb.tb_lineno}"
        tb = tb.tb_next
    if found is None:
        from numpy_shim._errors import user_frame
        found = user_frame()  # the error came from torch alone: name the transform's caller
    return found


from numpy_shim._errors import is_library_file as _is_library  # noqa: E402


def translate(e, transform):
    """A torch exception raised through ``transform`` as numpy_shim's, or None to re-raise as is."""
    if isinstance(e, ShimError):
        return None  # already numpy_shim's own error (FallbackError, ...)
    cause = e.__cause__ or e.__context__
    if isinstance(cause, DataDependentError):
        # Real NumPy read a transformed array (it converts with float()/__array__): NumPy
        # code that the transform did not redirect, e.g. reached through an object's attribute.
        return DataDependentError(
            f"{cause} Real NumPy received the array at {user_line(e.__traceback__)} "
            f"({type(e).__name__}: {e}); that code was not redirected to numpy_shim (only the "
            "transformed function, its module's functions and its closures are): call it "
            "through numpy_shim or pass the function in as an argument or closure.")
    if isinstance(e, (DataDependentError, TransformError)) or not isinstance(e, (RuntimeError, IndexError)):
        return None
    msg = str(e)
    if isinstance(e, NotImplementedError) and "jvp function for custom autograd.Function" in msg:
        return TypeError(f"{transform}: can't apply forward-mode differentiation (jvp, jacfwd, "
                         f"hessian) to a custom_vjp function (at {user_line(e.__traceback__)}); "
                         "use jacrev, or define the rule with custom_jvp.")
    if type(e) is IndexError and not msg.startswith("vmap"):
        return None  # a NumPy IndexError raised by the shim
    first = msg.strip().splitlines()[0] if msg.strip() else type(e).__name__
    where = user_line(e.__traceback__)
    if any(p in msg for p in _DATA_DEPENDENT):
        return DataDependentError(
            f"{transform}: an operation at {where} needs the values of an array that is being "
            f"transformed, or gives a result whose shape depends on them ({first}). Under vmap an "
            "array has no single value: use np.where(cond, x, y) instead of a Python branch or a "
            "boolean mask, and keep values as arrays instead of float()/int()/.item().")
    if any(p in msg for p in _RANDOM):
        return RandomnessError(
            f"{transform}: a random function was called at {where} inside vmap with "
            "randomness='error'. Pass randomness='different' (independent draws per batch "
            "element) or randomness='same' (one draw shared by the batch) to vmap, or draw the "
            "random numbers outside the transformed function.")
    if "Expected f(*args) to return a scalar" in msg or "to return a scalar Tensor" in msg:
        return TypeError(f"{transform}: gradient only defined for scalar-output functions ({first}); "
                         "use jacrev, jacfwd or vjp for array outputs.")
    if "only Tensors of floating point" in msg or "floating point dtype" in msg:
        return TypeError(f"{transform} requires real- or complex-valued (float) inputs at argnums, "
                         f"got an integer or boolean array ({first}). Convert with .astype(float).")
    if type(e) is not RuntimeError and not msg.startswith("vmap"):
        return None
    return TransformError(f"{transform} failed at {where}: {first}")


def call(transform, fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` with torch's errors translated (their tracebacks kept short)."""
    try:
        return fn(*args, **kwargs)
    except (RuntimeError, IndexError, ValueError, TypeError) as e:
        new = translate(e, transform)
        if new is None:
            raise
        if isinstance(new, TransformError) and not isinstance(new, RandomnessError):
            raise new from e  # keep torch's report as the cause: this one is a shim gap
        raise new from None
