"""torch.func transforms over NumPy programs: grad, vmap, jacrev, jacfwd, hessian, ...

Each transform wraps the user's function so that torch.func sees tensors and the
function sees numpy_shim arrays (see _boundary.py), with its NumPy references
redirected to numpy_shim (see _redirect.py). Semantics are torch.func's: where
JAX differs, the docstring says so. Transforms nest in any order.
"""
import functools

import torch
import torch.func as tf

from ._boundary import (args_in, kwargs_in, shim_in, tensors_out, to_caller, caller_kind, call,
                        tree_map, tree_leaves)
from torch.utils._pytree import tree_flatten, tree_unflatten
from ._redirect import redirect_numpy
from ._custom import custom_vjp, custom_jvp
from numpy_shim._errors import DataDependentError, TransformError
from ._boundary import RandomnessError

__all__ = ["grad", "grad_and_value", "value_and_grad", "vjp", "jvp", "linearize", "jacrev",
           "jacfwd", "hessian", "vmap", "functionalize", "custom_vjp", "custom_jvp",
           "redirect_numpy", "DataDependentError", "RandomnessError", "TransformError"]


def _argnums_tuple(argnums, nargs):
    nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
    if not nums:
        raise ValueError("argnums must be non-empty")
    for n in nums:
        if not isinstance(n, int):
            raise TypeError(f"argnums must be int or tuple of ints, got {type(n).__name__}")
        if not -nargs <= n < nargs:
            raise ValueError(f"argnums {n} is out of range for a function called with {nargs} "
                             "positional arguments")
    return tuple(n % nargs for n in nums)


def _inner(f, has_aux=False, box=None):
    """The function torch.func transforms: tensors in, user's f on shim arrays, tensors out.

    With ``has_aux`` the aux pytree's non-array leaves (strings, Python numbers, None)
    travel in ``box`` around torch.func, which only carries tensors.
    """
    def inner(*targs, **kwargs):
        out = redirect_numpy(f)(*shim_in(targs), **kwargs)
        if has_aux:
            if not isinstance(out, tuple) or len(out) != 2:
                raise TypeError("a function transformed with has_aux=True must return a "
                                "(output, aux) tuple")
            leaves, spec = tree_flatten(out[1])
            leaves = [_aux_leaf(x) for x in leaves]
            box[:] = [spec, [_SLOT if isinstance(x, torch.Tensor) else x for x in leaves]]
            return tensors_out(out[0]), [x for x in leaves if isinstance(x, torch.Tensor)]
        return tensors_out(out)
    # torch.func's messages name the function it was given: name the user's
    inner.__name__ = inner.__qualname__ = getattr(f, "__name__", "f")
    return inner


_SLOT = object()  # where a tensor goes back into the aux leaves


def _aux_leaf(x):
    if isinstance(x, (int, float, complex, bool, str)) or x is None:
        return x
    return tensors_out(x)


def _aux_out(tensors, box, kind):
    """The aux pytree from torch.func's tensors and the leaves kept in ``box``."""
    spec, consts = box
    it = iter(to_caller(list(tensors), kind))
    return tree_unflatten([next(it) if c is _SLOT else c for c in consts], spec)


def _scalar_checked(inner, name, has_aux):
    """grad's inner: a clear error when the output is not one real number."""
    def checked(*targs, **kwargs):
        res = inner(*targs, **kwargs)
        out = res[0] if has_aux else res
        if not isinstance(out, torch.Tensor) or out.dim() != 0:
            shape = tuple(out.shape) if isinstance(out, torch.Tensor) else type(out).__name__
            raise TypeError(f"{name}: gradient only defined for scalar-output functions; output "
                            f"had shape {shape}. Use jacrev, jacfwd or vjp for array outputs.")
        if out.is_complex():
            raise TypeError(f"{name}: gradient only defined for real-valued outputs; output has "
                            f"complex dtype. Take .real or abs() first, or use vjp.")
        return res
    return checked


def _check_float_args(targs, nums, name):
    for n in nums:
        for leaf in tree_leaves(targs[n]):
            if isinstance(leaf, torch.Tensor) and not (leaf.is_floating_point() or leaf.is_complex()):
                from numpy_shim._dtypes import TORCH_TO_NP
                raise TypeError(
                    f"{name} requires real- or complex-valued inputs (a float or complex dtype) "
                    f"at argnums, but argument {n} has dtype {TORCH_TO_NP.get(leaf.dtype, leaf.dtype)}. "
                    "Convert it with .astype(float), or leave it out of argnums.")


def _wraps(f, name):
    def deco(w):
        try:
            functools.update_wrapper(w, f)
        except Exception:  # callables without __name__ etc.
            pass
        w.__transform__ = name
        return w
    return deco


def _with_aux(res, has_aux, box, kind):
    if has_aux:
        return to_caller(res[0], kind), _aux_out(res[1], box, kind)
    return to_caller(res, kind)


# -- reverse mode -------------------------------------------------------------

def grad_and_value(f, argnums=0, has_aux=False):
    """``(gradient, value)`` of scalar function ``f`` (torch.func's order; see value_and_grad).

    With ``has_aux``: ``(gradient, (value, aux))``. Gradients of complex inputs follow
    torch's convention (conjugate Wirtinger), which is the conjugate of JAX's.
    """
    @_wraps(f, "grad_and_value")
    def wrapper(*args, **kwargs):
        nums = _argnums_tuple(argnums, len(args))
        kind = caller_kind((args, kwargs) if kwargs else args)
        targs = args_in(args, nums)
        _check_float_args(targs, nums, "grad")
        box = []
        inner = _scalar_checked(_inner(f, has_aux, box), "grad", has_aux)
        an = nums[0] if isinstance(argnums, int) else nums
        res = call("grad", tf.grad_and_value(inner, an, has_aux), *targs, **kwargs_in(kwargs))
        if has_aux:
            g, (v, aux) = res
            return to_caller(g, kind), (to_caller(v, kind), _aux_out(aux, box, kind))
        return to_caller(res, kind)
    return wrapper


def grad(f, argnums=0, has_aux=False):
    """Gradient of scalar function ``f`` w.r.t. argument(s) ``argnums``.

    ``grad(f)(x)`` has ``x``'s shape (a tuple of gradients when argnums is a tuple);
    with ``has_aux=True`` ``f`` returns ``(value, aux)`` and grad gives ``(gradient, aux)``.
    """
    gv = grad_and_value(f, argnums, has_aux)

    @_wraps(f, "grad")
    def wrapper(*args, **kwargs):
        g, v = gv(*args, **kwargs)
        return (g, v[1]) if has_aux else g
    return wrapper


def value_and_grad(f, argnums=0, has_aux=False):
    """JAX's spelling: ``(value, gradient)``; with ``has_aux``: ``((value, aux), gradient)``."""
    gv = grad_and_value(f, argnums, has_aux)

    @_wraps(f, "value_and_grad")
    def wrapper(*args, **kwargs):
        g, v = gv(*args, **kwargs)
        return v, g
    return wrapper


def vjp(f, *primals, has_aux=False):
    """``(f(*primals), vjp_fn[, aux])``; ``vjp_fn(cotangents)`` gives one cotangent per primal."""
    kind = caller_kind(primals)
    targs = args_in(primals, range(len(primals)))
    box = []
    res = call("vjp", tf.vjp, _inner(f, has_aux, box), *targs, has_aux=has_aux)
    out, fn = res[0], res[1]

    def vjp_fn(cotangents, **kw):
        ct = tree_map(lambda x: args_in((x,), (0,))[0], cotangents)
        return to_caller(call("vjp", fn, ct, **kw), kind)
    if has_aux:
        return to_caller(out, kind), vjp_fn, _aux_out(res[2], box, kind)
    return to_caller(out, kind), vjp_fn


def _jacobian(name, tf_jac, f, argnums, has_aux, **opts):
    """jacrev/jacfwd: torch.func's ``tf_jac`` between the caller's arrays and the shim's."""
    @_wraps(f, name)
    def wrapper(*args, **kwargs):
        nums = _argnums_tuple(argnums, len(args))
        kind = caller_kind((args, kwargs) if kwargs else args)
        targs = args_in(args, nums)
        _check_float_args(targs, nums, name)
        an = nums[0] if isinstance(argnums, int) else nums
        box = []
        t = tf_jac(_inner(f, has_aux, box), an, has_aux=has_aux, **opts)
        return _with_aux(call(name, t, *targs, **kwargs_in(kwargs)), has_aux, box, kind)
    return wrapper


def jacrev(f, argnums=0, has_aux=False, chunk_size=None):
    """Jacobian by reverse mode: ``out.shape + arg.shape`` per output and argument."""
    return _jacobian("jacrev", tf.jacrev, f, argnums, has_aux, chunk_size=chunk_size)


# -- forward mode -------------------------------------------------------------

def jvp(f, primals, tangents, has_aux=False):
    """``(f(*primals), J @ tangents[, aux])``: a Jacobian-vector product by forward mode."""
    if not isinstance(primals, (tuple, list)) or not isinstance(tangents, (tuple, list)):
        raise TypeError("jvp: primals and tangents must be tuples (one entry per argument of f)")
    kind = caller_kind(primals)
    idx = range(len(primals))
    tp, tt = args_in(tuple(primals), idx), args_in(tuple(tangents), idx)
    box = []
    res = call("jvp", tf.jvp, _inner(f, has_aux, box), tp, tt, has_aux=has_aux)
    if has_aux:
        return to_caller(res[0], kind), to_caller(res[1], kind), _aux_out(res[2], box, kind)
    return to_caller(res, kind)


def linearize(f, *primals):
    """``(f(*primals), jvp_fn)``; ``jvp_fn(*tangents)`` is the JVP at ``primals``.

    Built on torch.func.jvp re-evaluated per call (torch.func.linearize's tracing
    cannot run the shim's eager checks), so each jvp_fn call costs one forward pass.
    """
    kind = caller_kind(primals)
    idx = range(len(primals))
    tp = args_in(primals, idx)
    inner = _inner(f)
    out = call("linearize", inner, *tp)

    def jvp_fn(*tangents):
        if len(tangents) != len(primals):
            raise ValueError(f"linearize: expected {len(primals)} tangents, got {len(tangents)}")
        tt = args_in(tangents, idx)
        return to_caller(call("linearize", tf.jvp, inner, tp, tt)[1], kind)
    return to_caller(out, kind), jvp_fn


def jacfwd(f, argnums=0, has_aux=False, randomness="error"):
    """Jacobian by forward mode (vmap over jvp); equals jacrev's."""
    return _jacobian("jacfwd", tf.jacfwd, f, argnums, has_aux, randomness=randomness)


def hessian(f, argnums=0):
    """Hessian of a scalar function: ``jacfwd(jacrev(f))``, shape ``arg.shape * 2``."""
    @_wraps(f, "hessian")
    def wrapper(*args, **kwargs):
        nums = _argnums_tuple(argnums, len(args))
        kind = caller_kind((args, kwargs) if kwargs else args)
        targs = args_in(args, nums)
        _check_float_args(targs, nums, "hessian")
        an = nums[0] if isinstance(argnums, int) else nums
        t = tf.hessian(_inner(f), an)
        return to_caller(call("hessian", t, *targs, **kwargs_in(kwargs)), kind)
    return wrapper


# -- batching -----------------------------------------------------------------

def vmap(f, in_dims=0, out_dims=0, randomness="error", chunk_size=None):
    """Map ``f`` over axis ``in_dims`` of its arguments; results stacked on ``out_dims``.

    ``in_dims``/``out_dims`` are ints, None (not mapped / not batched) or pytrees of
    them matching the arguments/results. ``randomness``: "error" (random calls raise
    RandomnessError), "different" (independent draws per element), "same" (one draw).
    Python control flow on mapped values raises DataDependentError.
    """
    @_wraps(f, "vmap")
    def wrapper(*args, **kwargs):
        kind = caller_kind((args, kwargs) if kwargs else args)
        targs = args_in(args)
        t = tf.vmap(_inner(f), in_dims, out_dims, randomness, chunk_size=chunk_size)
        return to_caller(call("vmap", t, *targs, **kwargs_in(kwargs)), kind)
    return wrapper


def functionalize(f, remove="mutations"):
    """``f`` with its in-place writes replaced by out-of-place ops (torch.func.functionalize).

    Values are unchanged; mutations of the arguments are still applied to them.
    """
    @_wraps(f, "functionalize")
    def wrapper(*args, **kwargs):
        kind = caller_kind((args, kwargs) if kwargs else args)
        targs = args_in(args)
        t = tf.functionalize(_inner(f), remove=remove)
        return to_caller(call("functionalize", t, *targs, **kwargs_in(kwargs)), kind)
    return wrapper
