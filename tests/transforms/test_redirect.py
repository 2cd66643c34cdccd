"""Functions written against real ``numpy`` run on numpy_shim under the transforms."""
import os
import sys

import numpy as np
import pytest

import numpy_shim
from numpy_shim import transforms as T
from numpy_shim.transforms._redirect import redirect_numpy

sys.path.insert(0, os.path.dirname(__file__))
import np_program as P  # noqa: E402

X = np.array([0.2, -0.7, 1.1])


def test_module_helpers_and_imported_names_are_redirected():
    g = T.grad(P.uses_helper)(X)
    expected = 2.0 * np.cos(2 * X) + X / np.linalg.norm(X)
    np.testing.assert_allclose(g, expected, rtol=1e-12)


def test_buffer_created_with_numpy_becomes_shim():
    seen = []

    def spy(x):
        buf = P.builds_buffer(x)
        seen.append(type(buf))
        return buf
    out = T.vmap(spy)(np.stack([X, 2 * X]))
    assert seen == [numpy_shim.ndarray]
    np.testing.assert_allclose(out, np.stack([P.builds_buffer(X), P.builds_buffer(2 * X)]))


def test_import_inside_function():
    np.testing.assert_allclose(T.grad(P.local_import)(X), np.exp(X), rtol=1e-12)


def test_recursive_module_function():
    d = T.grad(lambda x: P.recursive(x, 2))(0.4)
    assert d == pytest.approx(np.cos(np.sin(0.4)) * np.cos(0.4), rel=1e-12)


def test_closure_over_numpy_array():
    f = P.make_closure(3)
    np.testing.assert_allclose(T.grad(f)(X), np.arange(1.0, 4.0) / np.cosh(X) ** 2, rtol=1e-12)


def test_globals_are_read_live():
    old = P.LATE
    try:
        P.LATE = 5.0
        np.testing.assert_allclose(T.grad(P.reads_global_later)(X), np.full(3, 5.0))
    finally:
        P.LATE = old


def test_redirect_numpy_rebinds_names():
    f = redirect_numpy(P.helper)
    assert f.__globals__["np"] is numpy_shim
    assert f.__globals__["sin"] is numpy_shim.sin
    assert f.__globals__["la"] is numpy_shim.linalg
    assert isinstance(f(numpy_shim.asarray(X)), numpy_shim.ndarray)
    # the original is untouched
    assert P.helper.__globals__["np"] is np
    assert redirect_numpy(f) is f
    assert redirect_numpy(np.sin) is np.sin


def test_nonlocal_writes_reach_enclosing_scope():
    count = 0

    def f(x):
        nonlocal count
        count += 1
        return np.sum(x ** 2)
    T.grad(f)(X)
    T.vmap(f)(np.ones((2, 3)))
    assert count == 2


def test_real_numpy_array_from_unredirected_code_gives_data_dependent_error():
    class Model:
        def buffer(self):
            return np.zeros(3)  # a method: not redirected, real NumPy

    m = Model()

    def f(x):
        b = m.buffer()
        b[0] = x[0]
        return b
    with pytest.raises(numpy_shim.DataDependentError, match="not redirected"):
        T.vmap(f)(np.ones((2, 3)))


def test_numpy_functions_on_shim_arrays_dispatch():
    # third-party style code holding the numpy module object itself
    import numpy as real
    call = getattr(real, "cos")
    g = T.grad(lambda x: real.sum(call(x)))(X)  # names resolved from this module: redirected
    np.testing.assert_allclose(g, -np.sin(X), rtol=1e-12)


def test_snapshot_mode_gives_plain_dict_globals():
    f = redirect_numpy(P.uses_helper, live=False)
    assert type(f.__globals__) is dict
    assert f.__globals__["np"] is numpy_shim and f.__globals__["sin"] is numpy_shim.sin
    assert f.__globals__["helper"].__globals__ is f.__globals__
    got = f(numpy_shim.asarray(X))
    assert float(got) == pytest.approx(P.uses_helper(X), rel=1e-12)


def test_snapshot_mode_traces_with_dynamo():
    import torch

    def make():
        def g(t):
            return torch.sin(t) * np.pi  # np.pi: a float in both numpy and numpy_shim
        return g

    # both modes give plain-dict globals, which Dynamo can read; one code object per
    # mode, as Dynamo caches compiled code by code object
    for live in (False, True):
        g = make() if live else (lambda t: torch.sin(t) * np.pi)
        compiled = torch.compile(redirect_numpy(g, live=live), backend="eager", fullgraph=True)
        np.testing.assert_allclose(compiled(torch.ones(3)).numpy(), np.sin(1.0) * np.pi)


def test_unredirected_code_on_shim_arrays_goes_through_numpy_protocols():
    class Layer:  # methods are not rebuilt; np.* calls on shim arrays dispatch to numpy_shim
        def __call__(self, x):
            return np.sum(np.tanh(x) * np.linspace(1.0, 2.0, 3))

    layer = Layer()
    g = T.grad(lambda x: layer(x))(X)
    np.testing.assert_allclose(g, np.linspace(1.0, 2.0, 3) / np.cosh(X) ** 2, rtol=1e-12)
    np.testing.assert_allclose(T.vmap(layer)(np.stack([X, X])), [layer(X), layer(X)], rtol=1e-12)


def test_function_defined_after_decoration_is_seen():
    ns = {"__name__": "late_module"}
    exec("import numpy as np\n"
         "def f(x):\n    return np.sum(later(x))\n", ns)
    gf = T.grad(ns["f"])
    exec("def later(x):\n    return np.sin(x) * np.zeros(3).sum() + np.cos(x)\n", ns)
    np.testing.assert_allclose(gf(X), -np.sin(X), rtol=1e-12)
