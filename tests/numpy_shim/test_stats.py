"""Statistics against real NumPy: median, quantile/percentile (all methods), average, cov,
corrcoef, the nan-functions, histogram, bincount, digitize."""

import numpy
import pytest
import torch
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import numpy_shim
from tests.differential import ALL_DTYPES, FLOAT_DTYPES, INT_DTYPES, arrays, check, shapes, quiet

REAL = [d for d in ALL_DTYPES if d.kind not in "cb"]
METHODS = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation", "interpolated_inverted_cdf",
           "hazen", "weibull", "linear", "median_unbiased", "normal_unbiased", "lower", "higher",
           "midpoint", "nearest"]



def _axis(a, data):
    return data.draw(st.sampled_from([None] + list(range(-a.ndim, a.ndim)) or [None]))


@given(arrays(REAL, min_side=1), st.data())
def test_median_matches_numpy(a, data):
    axis = _axis(a, data)
    check(quiet(lambda xp: xp.median(xp.asarray(a), axis=axis)), rtol=1e-3)
    check(quiet(lambda xp: xp.median(xp.asarray(a), axis=axis, keepdims=True)), rtol=1e-3)


@given(arrays(REAL, min_side=1), st.data(), st.sampled_from(METHODS),
       st.sampled_from([0.0, 0.25, 0.5, 0.77, 1.0, [0.1, 0.9], numpy.array([0.3, 0.6])]))
def test_quantile_methods_match_numpy(a, data, method, q):
    if a.dtype.kind in "iu":
        a = a % 50  # NumPy subtracts neighbours in the integer dtype, which can wrap; the shim does not
    axis = _axis(a, data)
    check(quiet(lambda xp: xp.quantile(xp.asarray(a), q, axis=axis, method=method)), rtol=1e-3, atol=1e-6)
    qq = numpy.asarray(q) * 100 if not isinstance(q, float) else q * 100
    check(quiet(lambda xp: xp.percentile(xp.asarray(a), qq, axis=axis, method=method)), rtol=1e-3, atol=1e-6)


@given(hnp.arrays(numpy.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)),
                  elements=st.floats(-5, 5, allow_nan=False)),
       hnp.arrays(numpy.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)),
                  elements=st.floats(0, 3, allow_nan=False)),
       st.sampled_from([0.1, 0.5, [0.2, 0.8]]))
def test_weighted_inverted_cdf_quantile(a, w, q):
    w = numpy.broadcast_to(w, a.shape) if w.shape == a.shape else numpy.ones(a.shape)
    w = w + 0.5  # no zero total weight
    check(lambda xp: xp.quantile(xp.asarray(a), q, axis=1, method="inverted_cdf", weights=xp.asarray(w)))


def test_quantile_errors():
    check(lambda xp: xp.quantile(xp.asarray([1.0, 2.0]), 1.5))
    check(lambda xp: xp.percentile(xp.asarray([1.0, 2.0]), -1))
    check(lambda xp: xp.quantile(xp.asarray([1.0, 2.0]), 0.5, method="bogus"))
    check(lambda xp: xp.quantile(xp.asarray([1 + 1j]), 0.5))
    check(lambda xp: xp.quantile(xp.asarray([]), 0.5))
    check(lambda xp: xp.quantile(xp.asarray([True, False]), 0.5))
    check(lambda xp: xp.quantile(xp.asarray([1.0, 2.0]), 0.5, weights=[1, 1]))
    check(lambda xp: xp.quantile(xp.asarray([[1.0, 2.0]]), 0.5, method="inverted_cdf", weights=[1, 1]))


@given(arrays(REAL + [numpy.dtype("c16")], min_side=1), st.data(), st.booleans())
def test_average_matches_numpy(a, data, returned):
    axis = _axis(a, data)
    check(quiet(lambda xp: xp.average(xp.asarray(a), axis=axis, returned=returned)), rtol=1e-3)
    if axis is not None and a.dtype.kind != "c":
        w = numpy.arange(1, a.shape[axis] + 1)
        check(quiet(lambda xp: xp.average(xp.asarray(a), axis=axis, weights=xp.asarray(w),
                                          returned=returned)), rtol=1e-3)


def test_average_errors():
    check(lambda xp: xp.average(xp.ones((2, 3)), weights=xp.ones(3)))
    check(lambda xp: xp.average(xp.ones((2, 3)), axis=1, weights=xp.ones(2)))
    check(lambda xp: xp.average(xp.ones(2), weights=xp.asarray([1, -1])))


@given(hnp.arrays(st.sampled_from([numpy.float64, numpy.float32, numpy.int16]),
                  st.tuples(st.integers(1, 3), st.integers(2, 5)),
                  elements=st.integers(-20, 20)), st.booleans(), st.sampled_from([None, 0, 1, 2]))
def test_cov_corrcoef_match_numpy(m, rowvar, ddof):
    check(quiet(lambda xp: xp.cov(xp.asarray(m), rowvar=rowvar, ddof=ddof)), rtol=1e-5, atol=1e-9)
    check(quiet(lambda xp: xp.corrcoef(xp.asarray(m), rowvar=rowvar)), rtol=1e-5, atol=1e-9)
    f = numpy.arange(1, m.shape[1] + 1)
    check(quiet(lambda xp: xp.cov(xp.asarray(m), fweights=xp.asarray(f), aweights=xp.asarray(f / 2.0))),
          rtol=1e-5, atol=1e-9)


def test_cov_examples():
    check(lambda xp: xp.cov([1, 2, 3]))
    check(lambda xp: xp.corrcoef([1, 2, 3]))
    check(lambda xp: xp.corrcoef([1, 2, 3], [3, 2, 5]))
    check(lambda xp: xp.cov(xp.asarray([[1 + 1j, 2, 3]]), [[1, 0, 1]]))
    check(lambda xp: xp.cov(xp.ones((2, 2, 2))))


# -- nan-functions --------------------------------------------------------------
NAN_REDUCTIONS = ["nansum", "nanprod", "nanmean", "nanvar", "nanstd", "nanmax", "nanmin", "nanmedian"]


@given(arrays(ALL_DTYPES), st.data(), st.sampled_from(NAN_REDUCTIONS), st.booleans())
def test_nan_reductions_match_numpy(a, data, name, keepdims):
    axis = _axis(a, data)
    if name == "nanmedian" and a.dtype.kind == "c":
        return
    check(quiet(lambda xp: getattr(xp, name)(xp.asarray(a), axis=axis, keepdims=keepdims)),
          rtol=2e-3, atol=1e-5)


@given(arrays(FLOAT_DTYPES + INT_DTYPES), st.data())
def test_nanarg_and_cumulative(a, data):
    axis = data.draw(st.sampled_from([None] + list(range(a.ndim))))
    check(quiet(lambda xp: xp.nanargmax(xp.asarray(a), axis=axis)))
    check(quiet(lambda xp: xp.nanargmin(xp.asarray(a), axis=axis)))
    check(quiet(lambda xp: xp.nancumsum(xp.asarray(a), axis=axis)), rtol=1e-3)
    check(quiet(lambda xp: xp.nancumprod(xp.asarray(a), axis=axis)), rtol=1e-3)


@given(arrays(FLOAT_DTYPES, min_side=1), st.sampled_from(["linear", "lower", "higher", "nearest", "midpoint"]),
       st.sampled_from([0.3, [0.0, 0.5, 1.0]]))
def test_nanquantile_matches_numpy(a, method, q):
    check(quiet(lambda xp: xp.nanquantile(xp.asarray(a), q, axis=-1, method=method)), rtol=1e-3, atol=1e-6)
    check(quiet(lambda xp: xp.nanpercentile(xp.asarray(a), numpy.multiply(q, 100), method=method)),
          rtol=1e-3, atol=1e-6)


def test_all_nan_slices_warn_like_numpy():
    a = numpy.array([[numpy.nan, numpy.nan], [1.0, numpy.nan]])
    for name in ("nanmax", "nanmin", "nanmedian", "nanmean"):
        with pytest.warns(RuntimeWarning):
            r = getattr(numpy_shim, name)(numpy_shim.asarray(a), axis=1)
        numpy.testing.assert_array_equal(numpy.asarray(r), getattr(numpy, name)(a, axis=1))
    check(lambda xp: xp.nanargmax(xp.asarray(a), axis=1))


# -- histograms -------------------------------------------------------------------
@given(hnp.arrays(st.sampled_from([numpy.float64, numpy.float32, numpy.int32, numpy.uint8]), st.integers(0, 30),
                  elements=st.integers(0, 50)),
       st.sampled_from([1, 3, 10, [0, 5, 20, 50], "auto", "sqrt", "sturges", "fd", "scott", "rice", "doane"]),
       st.sampled_from([None, (0, 30), (5, 5)]), st.booleans())
def test_histogram_matches_numpy(a, bins, range_, density):
    check(quiet(lambda xp: xp.histogram(xp.asarray(a), bins=bins, range=range_, density=density)))
    check(quiet(lambda xp: xp.histogram(xp.asarray(a), bins=bins, range=range_,
                                        weights=xp.asarray(numpy.ones(a.shape) * 0.5))))
    check(quiet(lambda xp: xp.histogram_bin_edges(xp.asarray(a), bins=bins, range=range_)))


def test_histogram_errors():
    check(lambda xp: xp.histogram(xp.asarray([1, numpy.nan])))
    check(lambda xp: xp.histogram(xp.asarray([1, 2]), bins=[2, 1]))
    check(lambda xp: xp.histogram(xp.asarray([1, 2]), bins=0))
    check(lambda xp: xp.histogram(xp.asarray([1, 2]), range=(2, 1)))


@given(hnp.arrays(st.sampled_from([numpy.int64, numpy.int8, numpy.uint16]), st.integers(0, 20),
                  elements=st.integers(0, 12)), st.integers(0, 15), st.booleans())
def test_bincount_matches_numpy(x, minlength, weighted):
    w = numpy.linspace(0, 1, x.size).astype(numpy.float32) if weighted else None
    check(lambda xp: xp.bincount(xp.asarray(x), weights=None if w is None else xp.asarray(w),
                                 minlength=minlength))


def test_bincount_errors():
    check(lambda xp: xp.bincount(xp.asarray([-1, 2])))
    check(lambda xp: xp.bincount(xp.asarray([[1]])))
    check(lambda xp: xp.bincount(xp.asarray([1, 2]), weights=xp.asarray([1.0])))


@given(arrays(FLOAT_DTYPES + INT_DTYPES, shape=shapes(max_dims=2)),
       hnp.arrays(numpy.float64, st.integers(1, 5), unique=True, elements=st.floats(-50, 50)),
       st.booleans(), st.booleans())
def test_digitize_matches_numpy(x, bins, right, decreasing):
    bins = numpy.sort(bins)[::-1].copy() if decreasing else numpy.sort(bins)
    check(lambda xp: xp.digitize(xp.asarray(x), xp.asarray(bins), right=right))


def test_digitize_errors():
    check(lambda xp: xp.digitize(xp.asarray([1, 2]), xp.asarray([1, 3, 2])))
    check(lambda xp: xp.digitize(xp.asarray([1j]), xp.asarray([1, 2])))
    check(lambda xp: xp.digitize(2.5, [1, 2, 3]))


def test_median_quantile_differentiable():
    x = torch.tensor([4.0, 1.0, 3.0, 2.0], dtype=torch.float64, requires_grad=True)
    numpy_shim.median(numpy_shim.asarray(x)).tensor.backward()
    assert x.grad.tolist() == [0.0, 0.0, 0.5, 0.5]
    x = torch.tensor([4.0, 1.0, 3.0, 2.0], dtype=torch.float64, requires_grad=True)
    numpy_shim.quantile(numpy_shim.asarray(x), 0.25).tensor.backward()
    torch.testing.assert_close(x.grad, torch.tensor([0.0, 0.25, 0.0, 0.75], dtype=torch.float64))


_TRANSFORMED = {
    "median": lambda np, x: np.median(x),
    "quantile": lambda np, x: np.quantile(x, 0.3),
    "nanmean": lambda np, x: np.nanmean(x),
    "var": lambda np, x: np.var(x, ddof=1),
    "average": lambda np, x: np.average(x, weights=[1.0, 2.0, 3.0, 4.0]),
    "clip": lambda np, x: np.clip(x, 1.5, 4.0).sum(),
    "sort": lambda np, x: (np.sort(x) * np.asarray([1.0, 2.0, 3.0, 4.0])).sum(),
    "interp": lambda np, x: np.interp(2.5, [1.0, 2.0, 3.0, 4.0], x),
    "gradient": lambda np, x: (np.gradient(x) ** 2).sum(),
    "einsum": lambda np, x: np.einsum("i,i->", x, x),
    "trapezoid": lambda np, x: np.trapezoid(x * x),
}


@pytest.mark.parametrize("name", sorted(_TRANSFORMED))
def test_grad_and_vmap_agree_with_numpy(name):
    from numpy_shim import transforms
    f = _TRANSFORMED[name]
    x0 = numpy.array([3.1, 1.2, 2.3, 5.4])
    g = numpy.asarray(transforms.grad(lambda x: f(numpy_shim, x))(numpy_shim.asarray(x0)))
    eps = 1e-6
    fd = [(f(numpy, x0 + eps * e) - f(numpy, x0 - eps * e)) / (2 * eps) for e in numpy.eye(4)]
    numpy.testing.assert_allclose(g, fd, rtol=1e-5, atol=1e-6)
    xs = numpy.stack([x0, x0 * 2, x0 - 1])
    v = numpy.asarray(transforms.vmap(lambda x: f(numpy_shim, x))(numpy_shim.asarray(xs)))
    numpy.testing.assert_allclose(v, [f(numpy, row) for row in xs], rtol=1e-12)


@given(hnp.arrays(numpy.float64, st.tuples(st.integers(1, 3), st.integers(1, 5)),
                  elements=st.one_of(st.just(numpy.nan), st.floats(-5, 5))),
       st.sampled_from([0.1, 0.5, [0.3, 1.0]]))
def test_weighted_nanquantile(a, q):
    w = numpy.arange(1.0, a.size + 1).reshape(a.shape)
    check(quiet(lambda xp: xp.nanquantile(xp.asarray(a), q, axis=1, method="inverted_cdf",
                                          weights=xp.asarray(w))))
