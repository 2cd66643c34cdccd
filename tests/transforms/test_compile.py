"""compile / jit / explain: compiled results agree with NumPy, fall back eagerly, compose."""
import numpy
import pytest
import torch
from hypothesis import given, strategies as st

import numpy_shim
from numpy_shim.transforms import compile, jit, explain, grad, vmap, GraphBreakError
from tests.differential import arrays, check, ALL_DTYPES, FLOAT_DTYPES, assert_same


def compiled_check(f, *arrs, backend="eager", **kw):
    """check(): f with real NumPy vs compile(f) over numpy_shim arrays."""
    def run(xp):
        args = [xp.asarray(a) for a in arrs]
        if xp is numpy:
            return f(xp, *args)
        return compile(lambda *a: f(xp, *a), backend=backend, **kw)(*args)
    return check(run)


@given(arrays(ALL_DTYPES))
def test_elementwise_matches_numpy(a):
    compiled_check(lambda xp, x: x * 2 + x, a)


@given(arrays(FLOAT_DTYPES, min_dims=1))
def test_reductions_matches_numpy(a):
    # a full reduction is a NumPy scalar in NumPy; compile gives the same kind
    compiled_check(lambda xp, x: (xp.sum(x * x), xp.max(x, axis=0, keepdims=True)), a)


@given(arrays(FLOAT_DTYPES, shape=(3, 4)), arrays(FLOAT_DTYPES, shape=(4,)))
def test_broadcast_and_promotion(a, b):
    compiled_check(lambda xp, x, y: x[:, :, None] * y[None, None, :] - 1.5, a, b)


def test_broadcast_error_is_numpys():
    compiled_check(lambda xp, x, y: x + y, numpy.ones(3), numpy.ones(4))


def test_numpy_in_numpy_out_and_real_numpy_function():
    def f(x):  # written against real NumPy
        return numpy.tanh(x) * numpy.ones(x.shape) + numpy.sum(x)
    x = numpy.linspace(-1, 1, 7)
    got = compile(f, backend="eager")(x)
    assert type(got) is numpy.ndarray
    numpy.testing.assert_allclose(got, f(x), atol=1e-15)
    shim = compile(f, backend="eager")(numpy_shim.asarray(x))
    assert isinstance(shim, numpy_shim.ndarray)
    numpy.testing.assert_allclose(numpy.asarray(shim), f(x), atol=1e-15)


def test_torch_in_torch_out():
    f = compile(lambda x: numpy_shim.exp(x) / 2, backend="eager")
    t = torch.arange(3.0)
    got = f(t)
    assert isinstance(got, torch.Tensor)
    torch.testing.assert_close(got, torch.exp(t) / 2)


def test_decorator_forms_and_jit_alias():
    @compile
    def f(x):
        return x + 1

    @compile(backend="eager")
    def g(x):
        return x - 1

    assert jit is compile
    assert f.backend == "inductor" and g.backend == "eager"
    x = numpy_shim.arange(3)
    assert numpy.asarray(g(x)).tolist() == [-1, 0, 1]


def test_cache_by_signature():
    f = compile(lambda x, n: x * n, backend="eager", dynamic=False)
    x = numpy_shim.ones(3)
    f(x, 2)
    f(x, 2)
    assert f.cache_info()["compiles"] == 1 and f.cache_info()["hits"] == 1
    f(x, 3)                          # a Python number is static: new signature
    f(numpy_shim.ones(3, dtype=numpy_shim.float32), 2)  # new dtype
    f(numpy_shim.ones(4), 2)         # new shape
    assert f.cache_info()["compiles"] == 4
    assert numpy.asarray(f(x, 3)).tolist() == [3.0, 3.0, 3.0]


def test_cache_size_limit_bounds_recompiles():
    f = compile(lambda x: x + 1, backend="eager", dynamic=False, cache_size_limit=2)
    for n in range(1, 6):
        res = f(numpy_shim.zeros(n))
        assert numpy.asarray(res).tolist() == [1.0] * n
    assert f.cache_info()["compiles"] == 2
    assert any("cache_size_limit" in b.reason for b in f.breaks)


def test_dynamic_shapes_after_a_shape_change():
    f = compile(lambda x: numpy_shim.cumsum(x * 2), backend="eager")
    for n in (3, 5, 7, 9):
        x = numpy.arange(float(n))
        numpy.testing.assert_array_equal(f(x), numpy.cumsum(x * 2))
    assert f.cache_info()["compiles"] == 2   # one static, one symbolic for sizes >= 2


def test_data_dependent_branch_runs_eagerly():
    def f(x):
        if x.sum() > 0:
            return x * 2
        return -x
    c = compile(f, backend="eager")
    numpy.testing.assert_array_equal(c(numpy.ones(3)), [2.0, 2.0, 2.0])
    numpy.testing.assert_array_equal(c(-numpy.ones(3)), [1.0, 1.0, 1.0])  # the other branch
    assert c.cache_info()["compiles"] == 0 and c.breaks
    assert "if x.sum() > 0" in c.breaks[0].line


def test_value_dependent_shape_and_print_fall_back(capsys):
    def masked(x):
        return x[x > 0]

    def printing(x):
        print(x)
        return x + 1
    x = numpy.array([-1.0, 2.0, 3.0])
    numpy.testing.assert_array_equal(compile(masked, backend="eager")(x), [2.0, 3.0])
    numpy.testing.assert_array_equal(compile(printing, backend="eager")(x), x + 1)
    assert "[-1.  2.  3.]" in capsys.readouterr().out


def test_fullgraph_raises_with_reason_and_line():
    def f(x):
        if x[0] > 0:
            return x
        return -x
    with pytest.raises(GraphBreakError, match=r"if x\[0\] > 0") as info:
        compile(f, backend="eager", fullgraph=True)(numpy_shim.ones(2))
    assert "bool()" in str(info.value)


def test_fullgraph_keeps_numpy_errors():
    with pytest.raises(ValueError, match="could not be broadcast"):
        compile(lambda x, y: x + y, backend="eager", fullgraph=True)(numpy_shim.ones(2), numpy_shim.ones(3))


def test_explain_report():
    def f(x):
        return numpy_shim.sin(x) * x
    rep = explain(f)(numpy_shim.arange(4.0))
    assert rep.graph_count == 1 and rep.break_count == 0 and rep.fully_compiled
    assert rep.ops_per_graph[0] >= 2 and rep.compile_time_s >= 0
    assert "graphs: 1" in str(rep) and "sin" in str(rep)

    def g(x):
        return x if x.sum() > 0 else -x
    rep = explain(g)(numpy_shim.arange(4.0))
    assert rep.graph_count == 0 and rep.break_count == 1
    assert "return x if x.sum() > 0 else -x" in str(rep)
    numpy.testing.assert_array_equal(numpy.asarray(rep.result), numpy.arange(4.0))


def test_input_mutation_is_kept():
    def f(x):
        x[0] = 10.0
        return x * 2
    x = numpy_shim.zeros(3)
    res = compile(f, backend="aot_eager")(x)
    assert numpy.asarray(x).tolist() == [10.0, 0.0, 0.0]
    assert numpy.asarray(res).tolist() == [20.0, 0.0, 0.0]


# -- composition with the other transforms ---------------------------------------------
def loss(x):
    return numpy_shim.sum(numpy_shim.sin(x) * x)


def per_row(x):
    return numpy_shim.tanh(x) * x[0]


@pytest.mark.parametrize("backend", ["eager", "aot_eager"])
def test_compile_of_grad_and_grad_of_compile(backend):
    x = numpy_shim.linspace(-1, 1, 5)
    expected = numpy.sin(numpy.asarray(x)) + numpy.asarray(x) * numpy.cos(numpy.asarray(x))
    for f in (compile(grad(loss), backend=backend), grad(compile(loss, backend=backend))):
        numpy.testing.assert_allclose(numpy.asarray(f(x)), expected, rtol=1e-12)


@pytest.mark.parametrize("backend", ["eager", "aot_eager"])
def test_compile_of_vmap_and_vmap_of_compile(backend):
    X = numpy.arange(12.0).reshape(3, 4) / 10
    expected = numpy.stack([numpy.tanh(r) * r[0] for r in X])
    for f in (compile(vmap(per_row), backend=backend), vmap(compile(per_row, backend=backend))):
        numpy.testing.assert_allclose(f(X), expected, rtol=1e-12)


def test_graph_under_a_transform_is_recorded():
    c = compile(loss, backend="eager")
    grad(c)(numpy.ones(3))
    assert c.cache_info()["graph_calls_under_transform"] == 1
    assert "ran eagerly under the transform" in c.notes[0]


def test_cache_hit_costs_microseconds():
    import time
    # a backend whose compiled code does nothing: what is timed is compile's own work
    f = compile(lambda x: x + 1, backend=lambda gm, example_inputs: (lambda *ts: (ts[0],)))
    x = numpy_shim.ones(3)
    f(x)
    n = 2000
    t0 = time.perf_counter()
    for _ in range(n):
        f(x)
    per_call = (time.perf_counter() - t0) / n
    assert f.cache_info()["hits"] == n
    assert per_call < 500e-6, per_call   # ~10 us measured; generous for a loaded machine


def test_vmap_of_grad_of_compile():
    X = numpy.linspace(-1, 1, 6).reshape(2, 3)
    f = vmap(grad(compile(loss, backend="eager")))
    numpy.testing.assert_allclose(f(X), numpy.sin(X) + X * numpy.cos(X), rtol=1e-12)


def test_autograd_through_compiled_function():
    f = compile(lambda x: numpy_shim.sum(x * x), backend="aot_eager")
    t = torch.arange(3.0, requires_grad=True)
    f(t).backward()
    torch.testing.assert_close(t.grad, 2 * torch.arange(3.0))


def test_inductor_matches_numpy():
    # the one inductor compile in this file (several seconds cold)
    def f(x, y):
        return numpy_shim.sum(x[:, :, None] * y[:, None, :], axis=(-2, -1))
    rng = numpy.random.default_rng(0)
    x, y = rng.standard_normal((16, 4)), rng.standard_normal((16, 4))
    c = compile(f)
    got = c(x, y)
    numpy.testing.assert_allclose(got, numpy.sum(x[:, :, None] * y[:, None, :], axis=(-2, -1)), rtol=1e-12)
    assert got.dtype == numpy.float64 and c.cache_info()["compiles"] == 1


@pytest.mark.parametrize("name", ["jacrev", "jacfwd", "hessian"])
def test_compile_with_jacobians_both_orders(name):
    import numpy_shim.transforms as T
    t = getattr(T, name)
    x = numpy.linspace(0.1, 1, 3)
    expected = t(loss)(x)
    numpy.testing.assert_allclose(compile(t(loss), backend="eager")(x), expected, rtol=1e-12)
    numpy.testing.assert_allclose(t(compile(loss, backend="eager"))(x), expected, rtol=1e-12)


def test_jvp_of_compile():
    from numpy_shim.transforms import jvp
    x, v = numpy.linspace(0.1, 1, 3), numpy.ones(3)
    got = jvp(compile(loss, backend="eager"), (x,), (v,))
    numpy.testing.assert_allclose(got, jvp(loss, (x,), (v,)), rtol=1e-12)


def test_fallback_to_real_numpy_runs_eagerly():
    from numpy_shim._fallback import wrap_numpy_function
    polyfit = wrap_numpy_function("polyfit", numpy.polyfit)  # the shim's fallback path
    x = numpy.arange(5.0)
    rep = explain(lambda a: polyfit(a, 2 * a + 1, 1))(x)
    assert rep.graph_count == 0 and "FallbackError" in rep.breaks[0][0]
    numpy.testing.assert_allclose(rep.result, [2.0, 1.0], atol=1e-12)


def test_keyword_and_pytree_arguments():
    @compile(backend="eager")
    def f(params, x, *, axis):
        return {"y": numpy_shim.sum(params["w"] * x, axis=axis), "n": x.shape[axis]}
    params = {"w": numpy.ones((2, 3))}
    out = f(params, numpy.arange(6.0).reshape(2, 3), axis=1)
    numpy.testing.assert_array_equal(out["y"], [3.0, 12.0])
    assert out["n"] == 3
    out = f(params, numpy.arange(6.0).reshape(2, 3), axis=0)   # axis is static: a new graph
    numpy.testing.assert_array_equal(out["y"], [3.0, 5.0, 7.0])
    assert f.cache_info()["compiles"] == 2


def test_no_grad_mode_is_part_of_the_signature():
    f = compile(lambda x: x * 2, backend="aot_eager")
    t = torch.ones(2, requires_grad=True)
    with torch.no_grad():
        assert not f(t).requires_grad
    assert f(t).requires_grad


def np_loss(x):  # written against real NumPy
    return numpy.sum(numpy.tanh(x) ** 2) + numpy.mean(x)


def test_real_numpy_function_under_grad_and_compile():
    x = numpy.linspace(-1, 1, 4)
    expected = 2 * numpy.tanh(x) * (1 - numpy.tanh(x) ** 2) + 1 / 4
    for f in (compile(grad(np_loss), backend="eager"), grad(compile(np_loss, backend="eager"))):
        got = f(x)
        assert type(got) is numpy.ndarray
        numpy.testing.assert_allclose(got, expected, rtol=1e-12)
    assert type(compile(np_loss, backend="eager")(x)) is numpy.float64


def test_closure_arrays_are_captured_by_reference():
    w = numpy_shim.ones(3)
    f = compile(lambda x: x * w, backend="eager")
    f(numpy_shim.ones(3))
    w[0] = 5.0                      # an in-place change is seen by the compiled graph
    assert numpy.asarray(f(numpy_shim.ones(3))).tolist() == [5.0, 1.0, 1.0]


def test_called_inside_torch_compile():
    c = compile(lambda x: numpy_shim.sin(x) * 2, backend="eager")
    f = torch.compile(lambda t: c(t).sum() + 1, backend="aot_eager")
    t = torch.linspace(-1, 1, 3, requires_grad=True)
    f(t).backward()
    torch.testing.assert_close(t.grad, 2 * torch.cos(t.detach()))


def test_dynamic_true_traces_symbolic_shapes_at_once():
    f = compile(lambda x: x[1:] - x[:-1], backend="eager", dynamic=True)
    for n in (4, 6, 9):
        x = numpy.arange(float(n)) ** 2
        numpy.testing.assert_array_equal(f(x), numpy.diff(x))
    assert f.cache_info()["compiles"] == 1


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_compile_on_cuda_arrays():
    x = numpy_shim.linspace(0, 1, 64, device="cuda")
    f = compile(lambda a: numpy_shim.sum(numpy_shim.sin(a) * a))
    got = f(x)
    assert got.device.type == "cuda"
    expected = numpy.sum(numpy.sin(numpy.linspace(0, 1, 64)) * numpy.linspace(0, 1, 64))
    numpy.testing.assert_allclose(float(got), expected, rtol=1e-12)
    g = grad(f)(x)
    assert g.device.type == "cuda"


def test_vmap_and_grad_of_compiled_function_with_numpy_mutation():
    import numpy as real_np

    def f(x):
        a = real_np.zeros(3)
        a[0] = x[0]
        a[1:] += x[1:] ** 2
        return real_np.sum(real_np.tanh(a))

    from numpy_shim.transforms import compile as shim_compile, grad as shim_grad, vmap as shim_vmap
    X = real_np.array([[0.1, 0.2, 0.3], [0.4, -0.5, 0.6]])
    cf = shim_compile(f, backend="eager")
    expected = real_np.array([f(x) for x in X])
    real_np.testing.assert_allclose(shim_vmap(cf)(X), expected, rtol=1e-12)
    eps = 1e-6
    fd = real_np.array([(f(X[0] + eps * e) - f(X[0] - eps * e)) / (2 * eps) for e in real_np.eye(3)])
    real_np.testing.assert_allclose(shim_grad(cf)(X[0]), fd, rtol=1e-6)
