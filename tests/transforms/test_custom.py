"""custom_vjp and custom_jvp: JAX-style rules that compose with grad, vmap and each other."""
import functools

import numpy as np
import pytest

import numpy_shim
from numpy_shim import transforms as T

X = np.array([0.1, 0.7, -1.3])
XS = np.stack([X, 2 * X])


# A rule that differs from the true derivative (x2), so tests see the rule was used.
@T.custom_vjp
def sin2(x):
    return np.sin(x)


def _sin2_fwd(x):
    return np.sin(x), np.cos(x)


def _sin2_bwd(cos_x, g):
    return (2 * g * cos_x,)


sin2.defvjp(_sin2_fwd, _sin2_bwd)


@T.custom_jvp
def sin3(x):
    return np.sin(x)


@sin3.defjvp
def _sin3_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    return np.sin(x), 3 * np.cos(x) * t


def test_plain_call_runs_the_function():
    np.testing.assert_allclose(sin2(X), np.sin(X))
    np.testing.assert_allclose(sin3(X), np.sin(X))
    assert isinstance(sin2(numpy_shim.asarray(X)), numpy_shim.ndarray)


def test_custom_vjp_rule_used():
    np.testing.assert_allclose(T.grad(lambda x: np.sum(sin2(x)))(X), 2 * np.cos(X))
    np.testing.assert_allclose(T.jacrev(sin2)(X), np.diag(2 * np.cos(X)), atol=1e-15)
    np.testing.assert_allclose(T.vmap(T.grad(lambda x: np.sum(sin2(x))))(XS), 2 * np.cos(XS))
    np.testing.assert_allclose(T.grad(lambda x: np.sum(T.vmap(sin2)(x)))(XS), 2 * np.cos(XS))
    np.testing.assert_allclose(T.vmap(sin2)(XS), np.sin(XS))


def test_custom_vjp_second_order_differentiates_the_rule():
    assert T.grad(T.grad(sin2))(0.3) == pytest.approx(-2 * np.sin(0.3))
    np.testing.assert_allclose(T.vmap(T.grad(T.grad(sin2)))(X), -2 * np.sin(X))


def test_custom_vjp_has_no_forward_mode():
    with pytest.raises(TypeError, match="custom_vjp"):
        T.jacfwd(sin2)(X)


def test_custom_vjp_pytrees_and_residual_inputs():
    @T.custom_vjp
    def f(p, x):
        return {"y": p["a"] * x + p["b"]}

    def fwd(p, x):
        return f(p, x), (p["a"], x)

    def bwd(res, g):
        a, x = res
        return {"a": np.sum(g["y"] * x) * 10, "b": np.sum(g["y"])}, g["y"] * a
    f.defvjp(fwd, bwd)
    p = {"a": 2.0, "b": 1.0}
    gp, gx = T.grad(lambda p, x: np.sum(f(p, x)["y"]), argnums=(0, 1))(p, X)
    assert gp["a"] == pytest.approx(10 * np.sum(X)) and gp["b"] == pytest.approx(3.0)
    np.testing.assert_allclose(gx, np.full(3, 2.0))


def test_custom_vjp_nondiff_argnums():
    @functools.partial(T.custom_vjp, nondiff_argnums=(0,))
    def clip_grad(limit, x):
        return x

    clip_grad.defvjp(lambda limit, x: (x, None),
                     lambda limit, res, g: (np.clip(g, -limit, limit),))
    g = T.grad(lambda x: np.sum(clip_grad(0.5, x) * np.array([1.0, -3.0, 0.2])))(X)
    np.testing.assert_allclose(g, [0.5, -0.5, 0.2])


def test_custom_vjp_none_cotangent_means_zero():
    @T.custom_vjp
    def f(x, y):
        return x * y
    f.defvjp(lambda x, y: (x * y, y), lambda y, g: (g * y, None))
    gx, gy = T.grad(lambda x, y: np.sum(f(x, y)), argnums=(0, 1))(X, 2 * X)
    np.testing.assert_allclose(gx, 2 * X)
    np.testing.assert_allclose(gy, np.zeros(3))


def test_custom_jvp_rule_used_in_both_modes():
    np.testing.assert_allclose(T.jvp(sin3, (X,), (np.ones(3),))[1], 3 * np.cos(X))
    np.testing.assert_allclose(T.jacfwd(sin3)(X), np.diag(3 * np.cos(X)), atol=1e-15)
    # reverse mode transposes the (linear) tangent rule
    np.testing.assert_allclose(T.grad(lambda x: np.sum(sin3(x)))(X), 3 * np.cos(X))
    np.testing.assert_allclose(T.vmap(T.grad(lambda x: np.sum(sin3(x))))(XS), 3 * np.cos(XS))
    np.testing.assert_allclose(T.hessian(lambda x: np.sum(sin3(x)))(X), np.diag(-3 * np.sin(X)),
                               atol=1e-15)


def test_custom_rules_compose():
    # a custom_jvp function calling a custom_vjp one, differentiated in reverse mode
    @T.custom_jvp
    def outer(x):
        return sin2(x) * 2

    @outer.defjvp
    def _(primals, tangents):
        (x,), (t,) = primals, tangents
        return outer(x), 5 * t
    np.testing.assert_allclose(T.grad(lambda x: np.sum(outer(x)))(X), np.full(3, 5.0))
    # and the custom_vjp inside plain code under vmap(grad)
    np.testing.assert_allclose(T.vmap(T.grad(lambda x: np.sum(sin2(x) * sin3(x))))(XS),
                               2 * np.cos(XS) * np.sin(XS) + np.sin(XS) * 3 * np.cos(XS))


def test_undefined_rule_is_type_error():
    @T.custom_vjp
    def f(x):
        return x
    with pytest.raises(TypeError, match="defvjp"):
        T.grad(lambda x: np.sum(f(x)))(X)
