"""The Array API namespace against array_api_strict, the standard's reference implementation.

Same call on both namespaces, results compared in value and dtype. Inputs keep to
what the standard defines (one dtype kind per call: the standard leaves mixed-kind
promotion undefined and numpy_shim, like NumPy, allows it).
"""
import numpy
import pytest
from hypothesis import given, strategies as st

from numpy_shim.interop import array_api as xp
from tests.differential import arrays, shapes

xs = pytest.importorskip("array_api_strict")

API_DTYPES = [numpy.dtype(c) for c in "?bhilBHILfdFD"]     # no float16 in the standard
REAL = [d for d in API_DTYPES if d.kind in "iuf"]
FLOAT = [d for d in API_DTYPES if d.kind == "f"]
INEXACT = [d for d in API_DTYPES if d.kind in "fc"]
NUMERIC = [d for d in API_DTYPES if d.kind != "b"]


def host(a):
    if isinstance(a, (tuple, list)):
        return type(a)(host(v) for v in a)
    if hasattr(a, "__dlpack__"):
        return numpy.from_dlpack(a)
    return a


def same(fn, *arrs, rtol=1e-6):
    """fn(namespace, *arrays) on array_api_strict and on numpy_shim's namespace agree."""
    try:
        with numpy.errstate(all="ignore"):
            expected = host(fn(xs, *[xs.asarray(a) for a in arrs]))
    except Exception as e:  # noqa: BLE001 - the reference refuses: so must we
        with numpy.errstate(all="ignore"), pytest.raises(type(e)):
            fn(xp, *[xp.asarray(a) for a in arrs])
        return
    with numpy.errstate(all="ignore"):
        got = host(fn(xp, *[xp.asarray(a) for a in arrs]))
    _compare(got, expected, rtol)


def _compare(got, expected, rtol):
    if isinstance(expected, (tuple, list)):
        assert len(got) == len(expected)
        for g, e in zip(got, expected):
            _compare(g, e, rtol)
        return
    assert got.dtype == expected.dtype, (got.dtype, expected.dtype)
    assert got.shape == expected.shape
    if expected.dtype.kind in "fc":
        # torch's kernels may flush subnormal results: differences below the smallest
        # normal number are not the namespace's business
        tiny = numpy.finfo(expected.dtype).tiny
        numpy.testing.assert_allclose(got, expected, rtol=rtol, atol=tiny, equal_nan=True)
    else:
        numpy.testing.assert_array_equal(got, expected)


ELEMENTWISE = ["abs", "negative", "positive", "square", "sign", "floor", "ceil", "trunc", "round",
               "isnan", "isinf", "isfinite"]
ELEMENTWISE_FLOAT = ["sqrt", "exp", "expm1", "log1p", "sin", "cos", "tanh", "atan", "asinh",
                     "signbit"]


@pytest.mark.parametrize("name", ELEMENTWISE)
@given(a=arrays(NUMERIC))
def test_elementwise(name, a):
    if name in ("floor", "ceil", "trunc", "signbit") and a.dtype.kind == "c":
        return
    same(lambda ns, x: getattr(ns, name)(x), a)


@pytest.mark.parametrize("name", ELEMENTWISE_FLOAT)
@given(a=arrays(FLOAT))
def test_elementwise_float(name, a):
    same(lambda ns, x: getattr(ns, name)(x), a)


@pytest.mark.parametrize("name", ["add", "subtract", "multiply", "maximum", "minimum", "equal",
                                  "less", "greater_equal", "atan2", "hypot", "copysign"])
@given(data=st.data())
def test_binary_same_kind(name, data):
    dts = FLOAT if name in ("atan2", "hypot", "copysign") else REAL
    kind = data.draw(st.sampled_from(sorted({d.kind for d in dts})))
    pool = [d for d in dts if d.kind == kind]
    shp = data.draw(shapes())
    a = data.draw(arrays(pool, shape=shp))
    b = data.draw(arrays(pool, shape=shp))
    same(lambda ns, x, y: getattr(ns, name)(x, y), a, b)


@pytest.mark.parametrize("name", ["sum", "prod", "max", "min", "mean", "std", "var", "all", "any"])
@given(a=arrays(REAL, min_dims=1, min_side=1), keepdims=st.booleans())
def test_reductions(name, a, keepdims):
    if name in ("mean", "std", "var") and a.dtype.kind != "f":
        return   # the standard defines these for floating dtypes only
    same(lambda ns, x: getattr(ns, name)(x, axis=0, keepdims=keepdims), a, rtol=1e-4)


@given(a=arrays(REAL, min_dims=1), descending=st.booleans())
def test_sort_argsort(a, descending):
    if a.dtype.kind == "f":
        a = numpy.nan_to_num(a)  # NaN placement is implementation-defined
    same(lambda ns, x: ns.sort(x, axis=-1, descending=descending), a)
    same(lambda ns, x: ns.argsort(x, axis=-1, descending=descending, stable=True), a)


@given(a=arrays(API_DTYPES, min_dims=1))
def test_manipulation(a):
    same(lambda ns, x: ns.concat([x, x], axis=0), a)
    same(lambda ns, x: ns.stack([x, x], axis=-1), a)
    same(lambda ns, x: ns.flip(x, axis=0), a)
    same(lambda ns, x: ns.permute_dims(x, tuple(reversed(range(x.ndim)))), a)
    same(lambda ns, x: ns.expand_dims(x, axis=0), a)
    same(lambda ns, x: ns.reshape(x, (-1,)), a)
    same(lambda ns, x: ns.roll(x, 1, axis=0), a)
    same(lambda ns, x: ns.unstack(x, axis=0), a)


@given(a=arrays(REAL, min_dims=1))
def test_searching_and_sets(a):
    same(lambda ns, x: ns.argmax(x, axis=0), a)
    same(lambda ns, x: ns.where(x > 0, x, ns.zeros_like(x)), a)
    same(lambda ns, x: ns.nonzero(x), a)
    same(lambda ns, x: ns.unique_values(x), numpy.nan_to_num(a) if a.dtype.kind == "f" else a)
    same(lambda ns, x: ns.cumulative_sum(x, axis=0, include_initial=True), a, rtol=1e-4)


@given(a=arrays(API_DTYPES), dt=st.sampled_from(API_DTYPES))
def test_astype(a, dt):
    if a.dtype.kind == "c" and dt.kind != "c":
        return   # the standard leaves complex -> real undefined
    same(lambda ns, x: ns.astype(x, getattr(ns, dt.name if dt.name != "bool" else "bool")), a)


def test_creation():
    same(lambda ns: ns.eye(3, 4, k=1, dtype=ns.float32))
    same(lambda ns: ns.arange(1, 10, 3))
    same(lambda ns: ns.linspace(0, 1, 5))
    same(lambda ns: ns.full((2, 2), 7))
    same(lambda ns: ns.zeros((2, 0), dtype=ns.int8))
    same(lambda ns: ns.asarray([[1.5, 2.0]]))


@given(a=arrays(FLOAT, shape=(3, 3)))
def test_linalg(a):
    same(lambda ns, x: ns.matmul(x, x), a, rtol=1e-4)
    same(lambda ns, x: ns.matrix_transpose(x), a)
    same(lambda ns, x: ns.vecdot(x, x), a, rtol=1e-4)
    same(lambda ns, x: ns.tensordot(x, x, axes=1), a, rtol=1e-4)
