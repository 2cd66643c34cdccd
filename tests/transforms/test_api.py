"""The transforms' API: pytrees, argnums, has_aux, in_dims/out_dims, caller kinds, nesting.

Expected values come from real NumPy (closed-form derivatives or loops), never from the shim.
"""
import numpy as np
import pytest
import torch
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import numpy_shim
from numpy_shim import transforms as T

X = np.array([0.3, -1.2, 2.0])


def f_sin(x):
    return np.sum(np.sin(x) ** 2)


def df_sin(x):
    return 2 * np.sin(x) * np.cos(x)


# -- caller kinds -------------------------------------------------------------

def test_numpy_in_numpy_out():
    g = T.grad(f_sin)(X)
    assert type(g) is np.ndarray and g.dtype == np.float64
    np.testing.assert_allclose(g, df_sin(X), rtol=1e-12)


def test_shim_in_shim_out():
    g = T.grad(f_sin)(numpy_shim.asarray(X))
    assert isinstance(g, numpy_shim.ndarray)
    np.testing.assert_allclose(np.asarray(g), df_sin(X), rtol=1e-12)


def test_torch_in_torch_out():
    g = T.grad(f_sin)(torch.tensor(X))
    assert isinstance(g, torch.Tensor)
    np.testing.assert_allclose(g.numpy(), df_sin(X), rtol=1e-12)


@pytest.mark.parametrize("x", [0.5, np.float64(0.5), np.array(0.5)])
def test_scalar_input_gives_numpy_scalar(x):
    g = T.grad(np.sin)(x)
    assert type(g) is np.float64
    assert g == pytest.approx(np.cos(0.5), rel=1e-12)


def test_value_is_numpy_scalar():
    v, g = T.value_and_grad(f_sin)(X)
    assert type(v) is np.float64 and v == pytest.approx(f_sin(X), rel=1e-12)
    g2, v2 = T.grad_and_value(f_sin)(X)
    assert type(v2) is np.float64
    np.testing.assert_allclose(g2, g)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, np.complex64, np.complex128])
def test_vmap_keeps_dtype(dtype):
    a = (np.arange(6).reshape(2, 3) / 4).astype(dtype)
    got = T.vmap(lambda x: x * 2 + 1)(a)
    expected = a * 2 + 1
    assert got.dtype == expected.dtype
    np.testing.assert_allclose(got, expected, rtol=1e-3)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_grad_keeps_float_dtype(dtype):
    g = T.grad(f_sin)(X.astype(dtype))
    assert g.dtype == dtype


@settings(max_examples=15)
@given(hnp.arrays(st.sampled_from([np.float32, np.float64]),
                  hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4),
                  elements=st.floats(-3, 3, width=32)))
def test_vmap_ufunc_matches_numpy_all_shapes(a):
    got = T.vmap(lambda x: np.tanh(x) * x - np.cos(x).sum())(a)
    expected = np.stack([np.tanh(r) * r - np.cos(r).sum() for r in a])
    assert got.dtype == expected.dtype and got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=2e-6, atol=1e-6)


def test_vmap_empty_batch_gives_empty_result():
    out = T.vmap(np.sin)(np.zeros((0, 3)))
    assert type(out) is np.ndarray and out.shape == (0, 3) and out.dtype == np.float64


def test_integer_input_to_grad_is_type_error():
    with pytest.raises(TypeError, match="float"):
        T.grad(lambda x: np.sum(x * 1.0))(np.arange(3))


def test_non_scalar_output_is_type_error():
    with pytest.raises(TypeError, match="scalar"):
        T.grad(np.sin)(X)


# -- argnums, pytrees, has_aux ---------------------------------------------------

def test_argnums_tuple_and_negative():
    def f(a, b, c):
        return np.sum(a * b + c ** 2)
    a, b, c = X, X[::-1].copy(), X + 1
    ga, gc = T.grad(f, argnums=(0, -1))(a, b, c)
    np.testing.assert_allclose(ga, b)
    np.testing.assert_allclose(gc, 2 * c)


def test_argnums_out_of_range():
    with pytest.raises(ValueError):
        T.grad(lambda x: np.sum(x), argnums=2)(X)


def test_pytree_arguments_and_results():
    params = {"w": np.array([[1.0, 2.0], [3.0, 4.0]]), "b": [np.array([0.5, -0.5]), 2.0]}

    def loss(p, x):
        y = p["w"] @ x + p["b"][0] * p["b"][1]
        return np.sum(y ** 2)
    x = np.array([1.0, -1.0])
    g = T.grad(loss)(params, x)
    y = params["w"] @ x + params["b"][0] * 2.0
    assert set(g) == {"w", "b"} and isinstance(g["b"], list)
    np.testing.assert_allclose(g["w"], 2 * np.outer(y, x))
    np.testing.assert_allclose(g["b"][0], 2 * y * 2.0)
    assert type(g["b"][1]) is np.float64
    assert g["b"][1] == pytest.approx(np.sum(2 * y * params["b"][0]))


def test_has_aux():
    def f(x):
        return np.sum(x ** 2), {"mean": np.mean(x), "n": 3}
    g, aux = T.grad(f, has_aux=True)(X)
    np.testing.assert_allclose(g, 2 * X)
    assert aux["n"] == 3 and type(aux["n"]) is int
    assert type(aux["mean"]) is np.float64 and aux["mean"] == pytest.approx(np.mean(X))
    (v, aux2), g2 = T.value_and_grad(f, has_aux=True)(X)
    assert v == pytest.approx(np.sum(X ** 2)) and aux2["n"] == 3
    np.testing.assert_allclose(g2, 2 * X)


def test_has_aux_requires_pair():
    with pytest.raises(TypeError, match="has_aux"):
        T.grad(lambda x: np.sum(x), has_aux=True)(X)


def test_kwargs_pass_through():
    def f(x, *, scale):
        return np.sum(x * scale)
    np.testing.assert_allclose(T.grad(f)(X, scale=np.array([1.0, 2.0, 3.0])), [1.0, 2.0, 3.0])


def test_vmap_in_dims_out_dims_pytrees():
    A = np.arange(6.0).reshape(3, 2)
    B = np.arange(6.0).reshape(2, 3)

    def f(p, c):
        return {"sum": p["a"] + p["b"] * c, "a": p["a"]}
    out = T.vmap(f, in_dims=({"a": 0, "b": 1}, None), out_dims={"sum": 1, "a": 0})({"a": A, "b": B}, 2.0)
    expected = np.stack([A[i] + B[:, i] * 2.0 for i in range(3)], axis=1)
    np.testing.assert_allclose(out["sum"], expected)
    np.testing.assert_allclose(out["a"], A)


def test_vmap_out_dims_none_for_unbatched_output():
    out, const = T.vmap(lambda x: (x * 2, np.ones(2)), out_dims=(0, None))(np.ones((3, 2)))
    assert out.shape == (3, 2) and const.shape == (2,)


def test_vmap_python_scalar_output_broadcast():
    out = T.vmap(lambda x: 1.5)(np.ones((4, 2)))
    np.testing.assert_allclose(out, np.full(4, 1.5))


def test_vmap_in_dims_mismatch_is_value_error():
    with pytest.raises(ValueError):
        T.vmap(lambda a, b: a + b)(np.ones((3, 2)), np.ones((4, 2)))


# -- vjp, jvp, linearize, jacobians ---------------------------------------------

def test_vjp_and_jvp():
    out, fn = T.vjp(np.sin, X)
    np.testing.assert_allclose(out, np.sin(X))
    (ct,) = fn(np.ones(3))
    np.testing.assert_allclose(ct, np.cos(X))
    out, tan = T.jvp(np.sin, (X,), (np.ones(3),))
    np.testing.assert_allclose(tan, np.cos(X))


def test_vjp_has_aux_and_pytree_output():
    out, fn, aux = T.vjp(lambda x: ((np.sin(x), x * 2), "tag"), X, has_aux=True)
    assert aux == "tag"
    (ct,) = fn((np.ones(3), np.ones(3)))
    np.testing.assert_allclose(ct, np.cos(X) + 2)


def test_linearize_matches_jvp():
    out, fn = T.linearize(np.exp, X)
    np.testing.assert_allclose(out, np.exp(X))
    np.testing.assert_allclose(fn(np.ones(3)), np.exp(X))
    np.testing.assert_allclose(fn(2 * np.ones(3)), 2 * np.exp(X))


def test_jacobians_and_hessian():
    def f(x):
        return np.sum(x ** 3)
    J = T.jacrev(np.sin)(X)
    np.testing.assert_allclose(J, np.diag(np.cos(X)), atol=1e-15)
    np.testing.assert_allclose(T.jacfwd(np.sin)(X), J, atol=1e-15)
    np.testing.assert_allclose(T.hessian(f)(X), np.diag(6 * X), atol=1e-12)
    np.testing.assert_allclose(T.jacrev(np.sin, chunk_size=1)(X), J, atol=1e-15)


def test_jacrev_has_aux_and_argnums():
    (ja, jb), aux = T.jacrev(lambda a, b: (a * b, np.sum(a)), argnums=(0, 1), has_aux=True)(X, 2 * X)
    np.testing.assert_allclose(ja, np.diag(2 * X))
    np.testing.assert_allclose(jb, np.diag(X))
    assert aux == pytest.approx(np.sum(X))


# -- nesting ----------------------------------------------------------------------

def test_nestings():
    xs = np.array([[0.1, 0.2, 0.3], [1.0, -1.0, 0.5]])
    np.testing.assert_allclose(T.vmap(T.grad(f_sin))(xs), df_sin(xs), rtol=1e-12)
    np.testing.assert_allclose(T.vmap(T.grad(f_sin), chunk_size=1)(xs), df_sin(xs), rtol=1e-12)
    d2 = T.grad(T.grad(lambda x: np.sin(x) * x))(0.7)
    assert d2 == pytest.approx(2 * np.cos(0.7) - 0.7 * np.sin(0.7))
    H = T.jacfwd(T.jacrev(f_sin))(X)
    np.testing.assert_allclose(H, np.diag(2 * np.cos(2 * X)), atol=1e-12)
    Jb = T.vmap(T.jacrev(np.sin))(xs)
    np.testing.assert_allclose(Jb, np.stack([np.diag(np.cos(r)) for r in xs]), atol=1e-15)
    vv = T.vmap(T.vmap(lambda a: a * np.sum(a)))(np.ones((2, 3, 4)))
    np.testing.assert_allclose(vv, np.full((2, 3, 4), 4.0))
    gv = T.grad(lambda x: np.sum(T.vmap(np.sin)(x)))(xs)
    np.testing.assert_allclose(gv, np.cos(xs))
    hv = T.vmap(T.hessian(f_sin))(xs)
    np.testing.assert_allclose(hv, np.stack([np.diag(2 * np.cos(2 * r)) for r in xs]), atol=1e-12)


def test_grad_inside_function_given_shim_arrays():
    # an inner transform called on the outer transform's shim arrays returns shim arrays
    def outer(x):
        g = T.grad(f_sin)(x)
        assert isinstance(g, numpy_shim.ndarray)
        return np.sum(g)
    T.grad(outer)(X)
    T.vmap(outer)(np.ones((2, 3)))


# -- functionalize ------------------------------------------------------------------

def test_functionalize_keeps_values():
    def f(x):
        a = np.zeros(3)
        a[1:] = x[:2]
        a += 1
        return a
    np.testing.assert_allclose(T.functionalize(f)(X), [1.0, 1.3, -0.2])


def test_python_numbers_and_nested_lists():
    assert T.grad(lambda x: x ** 2)(3) == 6.0          # an int to differentiate is a float64
    g = T.grad(lambda xs: xs[0] * xs[1][0])([2.0, [3.0]])   # lists are pytrees, as in JAX
    assert isinstance(g, list) and isinstance(g[1], list)
    assert type(g[0]) is np.float64 and g[0] == 3.0 and g[1][0] == 2.0
    out = T.vmap(lambda pair: pair[0] * pair[1])([np.arange(3.0), np.ones(3) * 2])
    np.testing.assert_allclose(out, np.arange(3.0) * 2)


def test_bool_input_to_grad_is_type_error():
    with pytest.raises(TypeError):
        T.grad(lambda x: np.sum(x * 1.0))(np.array([True, False]))


def test_complex_input_gradient_convention():
    # torch's convention (documented): dL/dRe + 1j * dL/dIm, the conjugate of JAX's
    z = np.array([1 + 2j, -0.5 + 1j])
    g = T.grad(lambda z: np.sum(z.real * 3 + z.imag))(z)
    assert g.dtype == np.complex128
    np.testing.assert_allclose(g, [3 + 1j, 3 + 1j])
    np.testing.assert_allclose(T.grad(lambda z: np.sum(np.abs(z) ** 2))(z), 2 * z)


def test_complex_output_to_grad_is_type_error():
    with pytest.raises(TypeError, match="real"):
        T.grad(lambda z: np.sum(z * 1j))(np.array([1.0, 2.0]))
