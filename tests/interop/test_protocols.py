"""Real NumPy functions called on numpy_shim arrays run numpy_shim's (NEP 13/18 protocols)."""
import numpy
import pytest
from hypothesis import given

import numpy_shim
from tests.differential import arrays, check, ALL_DTYPES, FLOAT_DTYPES, INEXACT_DTYPES


def through_numpy(fn):
    """fn(real numpy, array maker): the shim side passes shim arrays to *real* numpy."""
    return check(lambda xp: fn(numpy, xp.asarray))


@given(arrays(INEXACT_DTYPES))
def test_unary_ufunc_call(a):
    through_numpy(lambda np, asarray: np.sin(asarray(a)))


@given(arrays(ALL_DTYPES), arrays(ALL_DTYPES))
def test_binary_ufunc_call_broadcast_and_promotion(a, b):
    through_numpy(lambda np, asarray: np.add(asarray(a), asarray(b)))


def test_mixed_real_numpy_and_shim_operands():
    x = numpy.arange(3.0)
    assert isinstance(numpy.multiply(x, numpy_shim.ones(3)), numpy_shim.ndarray)
    assert isinstance(numpy.ones(3) + numpy_shim.arange(3.0), numpy_shim.ndarray)
    assert isinstance(numpy_shim.arange(3.0) + numpy.ones(3), numpy_shim.ndarray)


@given(arrays(FLOAT_DTYPES, min_dims=1))
def test_ufunc_reduce_and_accumulate(a):
    through_numpy(lambda np, asarray: np.add.reduce(asarray(a), axis=0))
    through_numpy(lambda np, asarray: np.maximum.accumulate(asarray(a), axis=-1))


@given(arrays(FLOAT_DTYPES, shape=(3,)), arrays(FLOAT_DTYPES, shape=(2,)))
def test_ufunc_outer(a, b):
    through_numpy(lambda np, asarray: np.multiply.outer(asarray(a), asarray(b)))


def test_ufunc_at():
    def run(xp):
        a = xp.zeros(4)
        numpy.add.at(a, numpy.array([0, 0, 3]), 1.5)
        return a
    check(run)


def test_out_shim_array():
    a = numpy_shim.arange(4.0)
    out = numpy_shim.zeros(4)
    res = numpy.sin(a, out=out)
    assert res is out
    numpy.testing.assert_allclose(numpy.asarray(out), numpy.sin(numpy.arange(4.0)))


def test_out_real_numpy_array_and_casting_error():
    a = numpy_shim.arange(4.0)
    out = numpy.zeros(4)
    assert numpy.exp(a, out=out) is out
    numpy.testing.assert_allclose(out, numpy.exp(numpy.arange(4.0)))
    with pytest.raises(numpy._core._exceptions._UFuncOutputCastingError):
        numpy.exp(a, out=numpy.zeros(4, dtype=numpy.int64))
    q, r = numpy.zeros(4), numpy_shim.zeros(4)
    numpy.divmod(a, 3, out=(q, r))
    assert q.tolist() == [0, 0, 0, 1] and numpy.asarray(r).tolist() == [0, 1, 2, 0]


@pytest.mark.parametrize("fn", [
    lambda np, A: np.concatenate([A, A]),
    lambda np, A: np.mean(A),
    lambda np, A: np.mean(A, axis=0),
    lambda np, A: np.sum(A, axis=1, keepdims=True),
    lambda np, A: np.where(A > 2, A, 0),
    lambda np, A: np.stack([A, A], axis=-1),
    lambda np, A: np.dot(A, A.T),
    lambda np, A: np.transpose(A),
    lambda np, A: np.reshape(A, (3, 2)),
    lambda np, A: np.clip(A, 1, 3),
    lambda np, A: np.std(A, axis=0),
    lambda np, A: np.linalg.norm(A),
    lambda np, A: np.cumsum(A),
    lambda np, A: np.median(A),        # may run in real NumPy: still a shim result
    lambda np, A: np.histogram(A, bins=3),
    lambda np, A: np.mean(np.ones(3)),  # no shim argument: plain NumPy
])
def test_array_function(fn):
    through_numpy(lambda np, asarray: fn(np, asarray(numpy.arange(6.0).reshape(2, 3))))


def test_array_function_result_kind():
    a = numpy_shim.arange(6.0).reshape(2, 3)
    assert isinstance(numpy.concatenate([a, a]), numpy_shim.ndarray)
    assert isinstance(numpy.mean(a, axis=0), numpy_shim.ndarray)
    assert type(numpy.mean(a)) is numpy.float64


def test_numpy_asarray_is_a_view_on_cpu():
    a = numpy_shim.arange(3.0)
    host = numpy.asarray(a)
    assert type(host) is numpy.ndarray
    host[0] = 7.0
    assert float(a[0]) == 7.0
    assert numpy.asarray(a, dtype=numpy.float32).dtype == numpy.float32


class Foreign:
    """Another array type that overrides NumPy: NumPy must ask it, not us, first."""

    def __array_function__(self, func, types, args, kwargs):
        return "foreign"

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return "foreign"


def test_foreign_overrides_are_deferred_to():
    a = numpy_shim.ones(2)
    assert numpy.concatenate([a, Foreign()]) == "foreign"
    assert numpy.add(a, Foreign()) == "foreign"


def test_direct_call_of_array_ufunc():
    a = numpy_shim.asarray(1)
    with pytest.raises(TypeError):
        a.__array_ufunc__(1, 2)     # as numpy.ndarray.__array_ufunc__
    check(lambda xp: xp.asarray(1).__array_ufunc__(numpy.add, "__call__", xp.asarray(1), xp.asarray(1)))


# -- like= (NEP 35) -------------------------------------------------------------------
from numpy_shim._protocols import array_function_like


@array_function_like
def ones3(dtype=None):
    return numpy_shim.ones(3, dtype=dtype)


ones3.__module__ = "numpy_shim"


class Duck:
    def __array_function__(self, func, types, args, kwargs):
        if func is ones3:
            return ("duck", types, args, kwargs)
        return NotImplemented


class NoProtocol:
    pass


def test_like_dispatches_to_the_reference_type():
    res = ones3(dtype=numpy.int8, like=Duck())
    assert res == ("duck", (Duck,), (), {"dtype": numpy.int8})


def test_like_with_shim_or_numpy_reference_is_plain():
    for ref in (numpy_shim.ones(1), numpy.ones(1), None):
        res = ones3(like=ref)
        assert isinstance(res, numpy_shim.ndarray) and res.shape == (3,)


def test_like_errors_are_numpys():
    with pytest.raises(TypeError, match="must be an array-like that implements"):
        ones3(like=NoProtocol())

    class Refuses:
        def __array_function__(self, func, types, args, kwargs):
            return NotImplemented
    with pytest.raises(TypeError, match="no implementation found for 'numpy.ones3'"):
        ones3(like=Refuses())


def test_shim_subclass_reference_runs_the_implementation():
    class Sub(numpy_shim.ndarray):
        def __array_function__(self, func, types, args, kwargs):
            return ("sub", super().__array_function__(func, types, args, kwargs))
    import torch
    ref = object.__new__(Sub)   # (subclass construction itself is the core's business)
    ref._t = torch.ones(1)
    tag, res = ones3(like=ref)
    assert tag == "sub" and isinstance(res, numpy_shim.ndarray) and res.shape == (3,)
