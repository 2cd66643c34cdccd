"""Custom derivative rules in JAX's style: ``custom_vjp`` (f.defvjp) and ``custom_jvp`` (f.defjvp).

Both are torch.autograd.Function subclasses with ``setup_context`` and
``generate_vmap_rule``, so they compose with grad, vmap, jacrev/jacfwd and each other.

    @custom_vjp
    def f(x): return np.sin(x)
    f.defvjp(lambda x: (np.sin(x), np.cos(x)),      # fwd: (output, residuals)
             lambda cos_x, g: (g * cos_x,))          # bwd: one cotangent per argument

    @custom_jvp
    def f(x): return np.sin(x)
    @f.defjvp
    def f_jvp(primals, tangents):                     # (output, output tangent)
        (x,), (t,) = primals, tangents
        return np.sin(x), np.cos(x) * t

Reverse mode of a ``custom_jvp`` function transposes its (linear) tangent rule, as
JAX does. A ``custom_vjp`` function has no forward-mode rule (jvp/jacfwd raise), as
in JAX. Called with NumPy arrays outside any transform, either runs ``f`` as is.
"""
import functools

import torch
from torch.utils import _pytree as pytree

from ._boundary import leaf_in, shim_in, tensors_out, caller_kind, to_caller, NUMPY
from ._redirect import redirect_numpy

__all__ = ["custom_vjp", "custom_jvp"]

_Tensor = torch.Tensor


class _Call:
    """One call's bookkeeping, passed through Function.apply as a non-tensor input."""

    __slots__ = ("rule", "args", "diff", "in_spec", "out_spec", "res_spec", "res_consts", "n_out")

    def __init__(self, rule, args, diff, in_spec):
        self.rule, self.args, self.diff, self.in_spec = rule, args, diff, in_spec

    def arguments(self, leaves):
        """The full positional arguments (shim arrays) from the flat differentiable leaves."""
        diff_args = pytree.tree_unflatten(list(leaves), self.in_spec)
        args = list(self.args)
        for i, a in zip(self.diff, diff_args):
            args[i] = a
        return tuple(shim_in(tuple(args)))


def _flatten_out(out, what):
    flat, spec = pytree.tree_flatten(tensors_out(out))
    for x in flat:
        if not isinstance(x, _Tensor):
            raise TypeError(f"{what} must return arrays (or pytrees of arrays), got {type(x).__name__}")
    return flat, spec


def _prepare(rule, args, nondiff):
    diff = tuple(i for i in range(len(args)) if i not in nondiff)
    leaves, spec = pytree.tree_flatten(tuple(args[i] for i in diff))
    leaves = [leaf_in(x, numbers=True) for x in leaves]
    return _Call(rule, args, diff, spec), leaves


_SLOT = object()  # marks where a tensor goes back into a flat list of leaves
_RUNNING_RULE = set()  # custom functions whose rule is running now


def _run_rule(owner, rule, *args):
    """``rule(*args)`` (redirected to numpy_shim), with ``owner`` calls inside it plain."""
    fresh = owner not in _RUNNING_RULE
    _RUNNING_RULE.add(owner)
    try:
        return redirect_numpy(rule)(*args)
    finally:
        if fresh:
            _RUNNING_RULE.discard(owner)


def _fresh_outputs(outs, leaves):
    """Outputs that are inputs as is become views: torch refuses to save them otherwise."""
    ids = {id(x) for x in leaves if isinstance(x, _Tensor)}
    return [o.view_as(o) if id(o) in ids else o for o in outs]


class _Base:
    def __init__(self, fun, nondiff_argnums=()):
        functools.update_wrapper(self, fun)
        self.fun = fun
        self.nondiff_argnums = tuple(nondiff_argnums)

    def __get__(self, obj, objtype=None):
        return self if obj is None else functools.partial(self, obj)

    def __call__(self, *args):
        kind = caller_kind(args)
        if kind == NUMPY:
            return self.fun(*args)  # plain NumPy call: nothing to differentiate
        if self in _RUNNING_RULE:
            # f called from its own fwd/jvp rule (``return f(x), res``), as JAX allows:
            # there it is the plain function.
            return redirect_numpy(self.fun)(*args)
        self._check_defined()
        call, leaves = _prepare(self, args, set(self.nondiff_argnums))
        outs = self._function.apply(call, *leaves)
        if not isinstance(outs, tuple):
            outs = (outs,)
        return to_caller(pytree.tree_unflatten(list(outs[:call.n_out]), call.out_spec), kind)


class custom_vjp(_Base):
    """A function with a user-defined reverse-mode rule: ``f.defvjp(fwd, bwd)``.

    ``fwd(*args) -> (output, residuals)``; ``bwd(residuals, g) -> tuple`` with one
    cotangent per (non-``nondiff_argnums``) argument, None meaning zero. With
    ``nondiff_argnums`` those arguments come first: ``bwd(*nondiff, residuals, g)``.
    """

    fwd = bwd = None

    def defvjp(self, fwd, bwd):
        self.fwd, self.bwd = fwd, bwd
        return self

    def _check_defined(self):
        if self.fwd is None:
            raise TypeError(f"No VJP defined for custom_vjp function {self.__name__} using defvjp.")

    @property
    def _function(self):
        return _VJPFunction


class _VJPFunction(torch.autograd.Function):
    generate_vmap_rule = True

    @staticmethod
    def forward(call, *leaves):
        rule = call.rule
        res = _run_rule(rule, rule.fwd, *call.arguments(leaves))
        if not isinstance(res, tuple) or len(res) != 2:
            raise TypeError("custom_vjp fwd must return a pair (output, residuals)")
        out_flat, call.out_spec = _flatten_out(res[0], "custom_vjp fwd's output")
        res_flat, call.res_spec = pytree.tree_flatten(tensors_out(res[1]))
        call.res_consts = [_SLOT if isinstance(r, _Tensor) else r for r in res_flat]
        call.n_out = len(out_flat)
        # view_as: torch refuses to save an input returned as is (fwd often returns x as residual)
        return tuple(_fresh_outputs(out_flat, leaves)) + tuple(
            r.view_as(r) for r in res_flat if isinstance(r, _Tensor))

    @staticmethod
    def setup_context(ctx, inputs, output):
        call = inputs[0]
        ctx.call = call
        leaves = inputs[1:]
        ctx.consts = [_SLOT if isinstance(x, _Tensor) else x for x in leaves]
        res = output[call.n_out:]
        ctx.n_res = len(res)
        ctx.save_for_backward(*res, *(x for x in leaves if isinstance(x, _Tensor)))

    @staticmethod
    def backward(ctx, *grads):
        call = ctx.call
        rule = call.rule
        saved = ctx.saved_tensors
        if _higher_order():
            # Residuals saved from forward carry no graph to outer differentiation levels
            # (torch saves outputs detached from them); JAX differentiates through them,
            # so recompute them from the saved inputs when an outer level will need it.
            it = iter(saved[ctx.n_res:])
            leaves = [next(it) if c is _SLOT else c for c in ctx.consts]
            res = _run_rule(rule, rule.fwd, *call.arguments(leaves))[1]
        else:
            it = iter(saved[:ctx.n_res])
            res = [next(it) if c is _SLOT else c for c in call.res_consts]
            res = shim_in(pytree.tree_unflatten(res, call.res_spec))
        g = shim_in(pytree.tree_unflatten(list(grads[:call.n_out]), call.out_spec))
        nondiff = [shim_in(call.args[i]) for i in rule.nondiff_argnums]
        cts = _run_rule(rule, rule.bwd, *nondiff, res, g)
        if not isinstance(cts, (tuple, list)) or len(cts) != len(call.diff):
            raise TypeError(f"custom_vjp bwd must return a tuple with one cotangent per "
                            f"differentiable argument ({len(call.diff)}), got {cts!r:.80}")
        out = [None]
        for i, ct in zip(call.diff, cts):
            n = pytree.tree_flatten(call.args[i])[1].num_leaves
            if ct is None:
                out.extend([None] * n)
                continue
            flat = pytree.tree_leaves(tensors_out(ct))
            if len(flat) != n:
                raise TypeError(f"custom_vjp bwd: the cotangent for argument {i} does not have "
                                "the argument's structure")
            out.extend(flat)
        return tuple(out)


def _higher_order():
    """True when more than one differentiation level is active (grad of grad, hessian)."""
    stack = torch._C._functorch.get_interpreter_stack() or ()
    T = torch._C._functorch.TransformType
    return sum(1 for i in stack if i.key() in (T.Grad, T.Jvp)) > 1


class custom_jvp(_Base):
    """A function with a user-defined forward-mode rule: ``f.defjvp(jvp)``.

    ``jvp(primals, tangents) -> (output, output_tangent)``, with primals and tangents
    tuples of the (non-``nondiff_argnums``) arguments. Reverse mode transposes the rule,
    which must therefore be linear in the tangents (as JAX requires).
    """

    jvp_rule = None

    def defjvp(self, jvp):
        self.jvp_rule = jvp
        return jvp

    def _check_defined(self):
        if self.jvp_rule is None:
            raise TypeError(f"No JVP defined for custom_jvp function {self.__name__} using defjvp.")

    @property
    def _function(self):
        return _JVPFunction


def _tangent_rule(call, primal_leaves):
    """tangent leaves -> output tangent leaves, at fixed primals (linear)."""
    rule = call.rule
    primals = call.arguments(primal_leaves)
    diff_p = tuple(primals[i] for i in call.diff)
    nondiff = [primals[i] for i in rule.nondiff_argnums]

    def lin(*tangent_leaves):
        tang = shim_in(pytree.tree_unflatten(list(tangent_leaves), call.in_spec))
        args = (*nondiff, diff_p, tuple(tang)) if nondiff else (diff_p, tuple(tang))
        res = _run_rule(rule, rule.jvp_rule, *args)
        if not isinstance(res, tuple) or len(res) != 2:
            raise TypeError("custom_jvp rule must return a pair (output, output_tangent)")
        return tuple(_flatten_out(res[1], "custom_jvp rule's tangent")[0])
    return lin


class _JVPFunction(torch.autograd.Function):
    generate_vmap_rule = True

    @staticmethod
    def forward(call, *leaves):
        out = _run_rule(call.rule, call.rule.fun, *call.arguments(leaves))
        out_flat, call.out_spec = _flatten_out(out, "a custom_jvp function")
        call.n_out = len(out_flat)
        return tuple(_fresh_outputs(out_flat, leaves))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.call = inputs[0]
        leaves = inputs[1:]
        ctx.consts = [_SLOT if isinstance(x, _Tensor) else x for x in leaves]
        tensors = [x for x in leaves if isinstance(x, _Tensor)]
        ctx.save_for_forward(*tensors)
        ctx.save_for_backward(*tensors)

    @staticmethod
    def _primals(ctx):
        saved = iter(ctx.saved_tensors)
        return [next(saved) if c is _SLOT else c for c in ctx.consts]

    @staticmethod
    def jvp(ctx, _call_tangent, *tangents):
        primals = _JVPFunction._primals(ctx)
        tangents = [torch.zeros_like(p) if t is None and isinstance(p, _Tensor) else t
                    for p, t in zip(primals, tangents)]
        out = _tangent_rule(ctx.call, primals)(*tangents)
        return out if len(out) > 1 else out[0]

    @staticmethod
    def backward(ctx, *grads):
        primals = _JVPFunction._primals(ctx)
        lin = _tangent_rule(ctx.call, primals)
        zeros = [torch.zeros_like(p) if isinstance(p, _Tensor) else p for p in primals]
        _, pullback = torch.func.vjp(lin, *zeros)
        cts = pullback(tuple(grads))
        return (None, *cts)
