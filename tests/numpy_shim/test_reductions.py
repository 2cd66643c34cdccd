"""Reductions against real NumPy: sum, prod, max, min, any, all, mean, var, std, argmax,
argmin, cumsum, cumprod, ptp, with axis/keepdims/dtype/where/out/ddof, empty inputs and
their warnings."""

import numpy
import pytest
import torch
from hypothesis import given, strategies as st

import numpy_shim
from tests.differential import ALL_DTYPES, FLOAT_DTYPES, arrays, check, quiet

REDUCTIONS = ["sum", "prod", "max", "min", "any", "all", "mean", "var", "std", "ptp"]
ARG = ["argmax", "argmin"]
CUM = ["cumsum", "cumprod"]



def _axes(a, data):
    choices = [None] + list(range(-a.ndim, a.ndim))
    if a.ndim >= 2:
        choices.append((0, a.ndim - 1))
    return data.draw(st.sampled_from(choices))


@given(arrays(ALL_DTYPES), st.data(), st.sampled_from(REDUCTIONS), st.booleans())
def test_reduction_matches_numpy(a, data, name, keepdims):
    axis = _axes(a, data)
    check(quiet(lambda xp: getattr(xp, name)(xp.asarray(a), axis=axis, keepdims=keepdims)),
          rtol=2e-3, atol=1e-5)
    if name != "ptp":  # ndarray.ptp was removed in NumPy 2
        check(quiet(lambda xp: getattr(xp.asarray(a), name)(axis=axis, keepdims=keepdims)),
              rtol=2e-3, atol=1e-5)


@given(arrays(ALL_DTYPES), st.data(), st.sampled_from(ARG), st.booleans())
def test_argmax_argmin_match_numpy(a, data, name, keepdims):
    axis = data.draw(st.sampled_from([None] + list(range(-a.ndim, a.ndim))))
    check(lambda xp: getattr(xp, name)(xp.asarray(a), axis=axis, keepdims=keepdims))


@given(arrays(ALL_DTYPES), st.data(), st.sampled_from(CUM))
def test_cumulative_match_numpy(a, data, name):
    axis = data.draw(st.sampled_from([None] + list(range(-a.ndim, a.ndim))))
    check(quiet(lambda xp: getattr(xp, name)(xp.asarray(a), axis=axis)), rtol=2e-3, atol=1e-5)


@given(arrays(ALL_DTYPES, min_dims=1), st.sampled_from(["sum", "prod", "mean", "var", "std", "cumsum"]),
       st.sampled_from(["f4", "f8", "i8", "c16"]))
def test_dtype_argument(a, name, dtype):
    check(quiet(lambda xp: getattr(xp, name)(xp.asarray(a), axis=0, dtype=dtype)), rtol=2e-3, atol=1e-5)


@given(arrays(FLOAT_DTYPES + [numpy.dtype("i4"), numpy.dtype("c8")], min_dims=1), st.data(),
       st.sampled_from(["sum", "prod", "mean", "var", "std", "max", "min", "any", "all"]))
def test_where_argument(a, data, name):
    where = data.draw(arrays([numpy.dtype(bool)], shape=a.shape))
    extra = {"initial": 0} if name in ("max", "min") else {}
    check(quiet(lambda xp: getattr(xp, name)(xp.asarray(a), axis=-1, where=xp.asarray(where), **extra)),
          rtol=2e-3, atol=1e-5)


@given(arrays(FLOAT_DTYPES, min_dims=1), st.sampled_from([0, 1, 2, 0.5, 10]))
def test_var_std_ddof(a, ddof):
    check(quiet(lambda xp: xp.var(xp.asarray(a), axis=0, ddof=ddof)), rtol=2e-3, atol=1e-5)
    check(quiet(lambda xp: xp.std(xp.asarray(a), ddof=ddof)), rtol=2e-3, atol=1e-5)
    check(quiet(lambda xp: xp.var(xp.asarray(a), correction=ddof)), rtol=2e-3, atol=1e-5)


def test_empty_warnings_and_errors():
    for xp in (numpy, numpy_shim):
        with pytest.warns(RuntimeWarning, match="Mean of empty slice"):
            xp.mean(xp.zeros((0, 3)), axis=0)
        with pytest.warns(RuntimeWarning, match="Degrees of freedom"):
            xp.var(xp.ones(3), ddof=3)
    check(lambda xp: xp.max(xp.zeros((0, 3))))
    check(lambda xp: xp.max(xp.zeros((0, 3)), axis=1))
    check(lambda xp: xp.argmax(xp.zeros((0, 3)), axis=0))
    check(lambda xp: xp.argmax(xp.zeros((0, 3)), axis=1))
    check(lambda xp: xp.sum(xp.ones((2, 3)), axis=2))
    check(lambda xp: xp.var(xp.ones(3), ddof=1, correction=1))


def test_out_argument():
    def f(xp, name, dt):
        o = xp.zeros(4, dtype=dt)
        r = getattr(xp, name)(xp.asarray(numpy.arange(8.0).reshape(2, 4)), axis=0, out=o)
        assert r is o
        return o
    for name, dt in [("sum", "f4"), ("mean", "f8"), ("max", "f8"), ("argmax", "i8"), ("std", "f8")]:
        check(lambda xp: f(xp, name, dt))


def test_mean_var_differentiable():
    x = torch.tensor([1.0, 2.0, 6.0], dtype=torch.float64, requires_grad=True)
    numpy_shim.var(numpy_shim.asarray(x)).tensor.backward()
    torch.testing.assert_close(x.grad, 2 * (x.detach() - 3.0) / 3)
