"""torch.func's documented use cases, written as NumPy programs (also in docs/transforms.md).

Expected values come from real NumPy: loops of closed-form gradients or finite differences.
"""
import numpy as np
import pytest

from numpy_shim.transforms import grad, vmap, jacrev, jacfwd, hessian, value_and_grad

rng = np.random.default_rng(0)


# -- a 2-layer MLP in NumPy ---------------------------------------------------------

def init_mlp(sizes, rng):
    return {f"W{i}": rng.standard_normal((m, n)) / np.sqrt(m) for i, (m, n) in enumerate(zip(sizes, sizes[1:]))} | \
           {f"b{i}": np.zeros(n) for i, n in enumerate(sizes[1:])}


def mlp(params, x):
    h = np.tanh(x @ params["W0"] + params["b0"])
    return h @ params["W1"] + params["b1"]


def sample_loss(params, x, y):
    return np.sum((mlp(params, x) - y) ** 2)


def _mlp_grad_by_hand(p, x, y):
    """Backpropagation written out in NumPy (the reference)."""
    a = x @ p["W0"] + p["b0"]
    h = np.tanh(a)
    out = h @ p["W1"] + p["b1"]
    d_out = 2 * (out - y)
    d_h = p["W1"] @ d_out
    d_a = d_h * (1 - h ** 2)
    return {"W0": np.outer(x, d_a), "b0": d_a, "W1": np.outer(h, d_out), "b1": d_out}


def test_per_sample_gradients():
    params = init_mlp([4, 8, 2], rng)
    X, Y = rng.standard_normal((16, 4)), rng.standard_normal((16, 2))
    per_sample = vmap(grad(sample_loss), in_dims=(None, 0, 0))(params, X, Y)
    for i in range(len(X)):
        ref = _mlp_grad_by_hand(params, X[i], Y[i])
        for k in ref:
            assert per_sample[k].shape == (16,) + params[k].shape
            np.testing.assert_allclose(per_sample[k][i], ref[k], rtol=1e-10, atol=1e-12)


def test_model_ensemble_by_vmapping_stacked_parameters():
    models = [init_mlp([3, 5, 1], rng) for _ in range(4)]
    stacked = {k: np.stack([m[k] for m in models]) for k in models[0]}
    x = rng.standard_normal((10, 3))
    out = vmap(mlp, in_dims=(0, None))(stacked, x)           # same data, every model
    np.testing.assert_allclose(out, np.stack([mlp(m, x) for m in models]), rtol=1e-12)
    xs = rng.standard_normal((4, 10, 3))
    out = vmap(mlp)(stacked, xs)                              # each model its own batch
    np.testing.assert_allclose(out, np.stack([mlp(m, xi) for m, xi in zip(models, xs)]), rtol=1e-12)


def test_maml_inner_loop_gradient():
    # loss after one inner SGD step, differentiated w.r.t. the initial parameters
    def inner_loss(w, x, y):
        return np.mean((x @ w - y) ** 2)

    def adapted_loss(w, x, y, lr=0.1):
        w_new = w - lr * grad(inner_loss)(w, x, y)
        return inner_loss(w_new, x, y)
    x, y, w = rng.standard_normal((8, 3)), rng.standard_normal(8), rng.standard_normal(3)
    g = grad(adapted_loss)(w, x, y)
    eps = 1e-6
    fd = np.array([(adapted_loss_np(w + eps * e, x, y) - adapted_loss_np(w - eps * e, x, y)) / (2 * eps)
                   for e in np.eye(3)])
    np.testing.assert_allclose(g, fd, rtol=1e-6)
    # batched over tasks
    xs, ys = rng.standard_normal((5, 8, 3)), rng.standard_normal((5, 8))
    gs = vmap(grad(adapted_loss), in_dims=(None, 0, 0))(w, xs, ys)
    for i in range(5):
        np.testing.assert_allclose(gs[i], grad(adapted_loss)(w, xs[i], ys[i]), rtol=1e-10)


def adapted_loss_np(w, x, y, lr=0.1):
    """The same MAML loss with the inner gradient written by hand (NumPy reference)."""
    gw = 2 * x.T @ (x @ w - y) / len(y)
    w_new = w - lr * gw
    return np.mean((x @ w_new - y) ** 2)


def test_jacobians_and_batched_jacobians():
    W, b = rng.standard_normal((3, 4)), rng.standard_normal(3)

    def predict(x):
        return np.tanh(W @ x + b)
    x = rng.standard_normal(4)
    expected = (1 - predict(x) ** 2)[:, None] * W
    np.testing.assert_allclose(jacrev(predict)(x), expected, rtol=1e-12)
    np.testing.assert_allclose(jacfwd(predict)(x), expected, rtol=1e-12)
    xs = rng.standard_normal((6, 4))
    batched = vmap(jacrev(predict))(xs)
    assert batched.shape == (6, 3, 4)
    for i in range(6):
        np.testing.assert_allclose(batched[i], (1 - predict(xs[i]) ** 2)[:, None] * W, rtol=1e-12)
    np.testing.assert_allclose(vmap(jacfwd(predict))(xs), batched, rtol=1e-12)


def test_hessians_and_batched_hessians():
    A = rng.standard_normal((4, 4))

    def f(x):
        return np.sum(np.sin(x)) + x @ A @ x
    x = rng.standard_normal(4)
    expected = np.diag(-np.sin(x)) + A + A.T
    np.testing.assert_allclose(hessian(f)(x), expected, rtol=1e-12)
    np.testing.assert_allclose(jacfwd(jacrev(f))(x), expected, rtol=1e-12)
    np.testing.assert_allclose(jacrev(jacrev(f))(x), expected, rtol=1e-12)
    xs = rng.standard_normal((5, 4))
    hs = vmap(hessian(f))(xs)
    for i in range(5):
        np.testing.assert_allclose(hs[i], np.diag(-np.sin(xs[i])) + A + A.T, rtol=1e-12)


def test_laplacian_vmap_grad_grad():
    def u(x):
        return np.sin(x) * np.exp(-x)
    xs = np.linspace(-1, 1, 7)
    lap = vmap(grad(grad(u)))(xs)
    np.testing.assert_allclose(lap, -2 * np.cos(xs) * np.exp(-xs), rtol=1e-12)


def test_fit_tanh_mlp_to_sine():
    rng = np.random.default_rng(1)
    x = np.linspace(-np.pi, np.pi, 64)[:, None]
    y = 2 * np.sin(x + 2 * np.pi)
    params = {"W0": rng.standard_normal((1, 16)), "b0": np.zeros(16),
              "W1": rng.standard_normal((16, 1)) / 4, "b1": np.zeros(1)}

    def loss(p):
        return np.mean((mlp(p, x) - y) ** 2)
    step = value_and_grad(loss)
    first = None
    for _ in range(300):
        value, g = step(params)
        first = value if first is None else first
        params = {k: params[k] - 0.1 * g[k] for k in params}
    final = loss(params)
    assert type(final) is np.float64
    assert final < 0.05 * first and final < 0.1
