"""Math functions against real NumPy: clip, round, diff, gradient, trapezoid, interp, products,
cross, convolve/correlate, unwrap, nan_to_num, angle, sinc, i0, cumulative_sum/prod."""
import numpy
import pytest
import torch
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import numpy_shim
from tests.differential import ALL_DTYPES, FLOAT_DTYPES, INEXACT_DTYPES, INT_DTYPES, arrays, check, shapes

NUMERIC = [d for d in ALL_DTYPES if d.kind != "b"]
REAL = [d for d in ALL_DTYPES if d.kind not in "c"]


def _small(a):
    if a.dtype.kind == "c":
        return (_small(a.real) + 1j * _small(a.imag)).astype(a.dtype)
    if a.dtype.kind in "fiu":
        return numpy.nan_to_num(a, nan=1, posinf=3, neginf=-3) % 7
    return a


def _finite(dtypes, **kw):
    """Arrays of small finite values (products and sums stay exact or close)."""
    return arrays(dtypes, **kw).map(_small)


# -- clip and rounding -----------------------------------------------------
@given(arrays(REAL), st.sampled_from([(0, 5), (-1, 300), (2.5, 3), (None, 4), (1, None), (3, 1)]))
def test_clip_matches_numpy(a, bounds):
    lo, hi = bounds
    check(lambda xp: xp.clip(xp.asarray(a), lo, hi))
    check(lambda xp: xp.asarray(a).clip(lo, hi))


@given(arrays(REAL, shape=(3,)), arrays(REAL, shape=(3,)))
def test_clip_array_bounds(a, lo):
    check(lambda xp: xp.clip(xp.asarray(a), xp.asarray(lo), 5))
    check(lambda xp: xp.clip(xp.asarray(a), min=xp.asarray(lo)))


def test_clip_errors_and_nan():
    check(lambda xp: xp.clip(xp.asarray([1.0, numpy.nan, 3.0]), 2, 2.5))
    check(lambda xp: xp.clip(xp.asarray([1.0, 2.0], dtype="f4"), 0, numpy.nan))
    check(lambda xp: xp.clip(xp.asarray([1, 2]), 1))
    check(lambda xp: xp.clip(xp.asarray([1, 2]), 1, 2, min=1))
    check(lambda xp: xp.clip(3, 1, 2))

    def out(xp):
        o = xp.zeros(3)
        xp.clip(xp.asarray([1.0, 5.0, 9.0]), 2, 6, out=o)
        return o
    check(out)


@pytest.mark.parametrize("out_dtype", ["<f8", ">f8", "f4"])
@pytest.mark.parametrize("bounds", [(-0.5, 1.0), (None, 1.0), (-0.5, None), (None, None)])
def test_clip_and_choose_into_a_real_numpy_out(out_dtype, bounds):
    # out= a real NumPy array (non-native byte order included), as NumPy's dispatch hands it over
    a = numpy.array([[-2.0, 0.25], [0.75, 3.0]])

    def f(xp):
        o = numpy.zeros((2, 2), dtype=out_dtype)
        r = xp.asarray(a).clip(*bounds, out=o, casting="unsafe")
        return r is o, o.tolist(), o.dtype.str
    check(f)

    def g(xp):
        o = numpy.zeros((2, 2), dtype=out_dtype)
        sel = xp.less(xp.asarray(a), -0.5) + 2 * xp.greater(xp.asarray(a), 1.0)
        r = sel.choose((xp.asarray(a), -0.5, 1.0), out=o)
        return r is o, o.tolist(), o.dtype.str
    check(g)


@given(arrays(ALL_DTYPES), st.integers(-3, 3))
def test_round_matches_numpy(a, decimals):
    check(lambda xp: xp.round(xp.asarray(a), decimals), rtol=1e-6, atol=1e-6)
    check(lambda xp: xp.asarray(a).round(decimals), rtol=1e-6, atol=1e-6)


def test_round_half_to_even_examples():
    check(lambda xp: xp.round(xp.asarray([0.5, 1.5, 2.5, -0.5, -1.5])))
    check(lambda xp: xp.around(xp.asarray([15, 25, -35], dtype="i2"), -1))
    check(lambda xp: xp.round(xp.float64(2.5)))
    check(lambda xp: xp.round(xp.asarray([True, False])))
    check(lambda xp: xp.fix(xp.asarray([-1.5, 2.5, 3])))


# -- differences, integrals, interpolation ----------------------------------
@given(_finite(ALL_DTYPES, min_dims=1), st.integers(0, 3), st.data())
def test_diff_matches_numpy(a, n, data):
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    check(lambda xp: xp.diff(xp.asarray(a), n=n, axis=axis))


def test_diff_prepend_append_and_errors():
    check(lambda xp: xp.diff(xp.asarray([1, 4, 9]), prepend=0, append=xp.asarray([5.5])))
    check(lambda xp: xp.diff(xp.asarray([[1, 4], [9, 16]], dtype="u1"), axis=0, prepend=xp.zeros((1, 2), "u1")))
    check(lambda xp: xp.diff(xp.asarray(3)))
    check(lambda xp: xp.diff(xp.asarray([1, 2]), n=-1))
    check(lambda xp: xp.ediff1d(xp.asarray([1, 4, 9]), to_begin=-1, to_end=[7, 8]))
    check(lambda xp: xp.ediff1d(xp.asarray([1, 4, 9]), to_begin=1.5))


@given(_finite(NUMERIC, min_dims=1), st.data())
def test_trapezoid_matches_numpy(y, data):
    axis = data.draw(st.integers(-y.ndim, y.ndim - 1))
    check(lambda xp: xp.trapezoid(xp.asarray(y), axis=axis), rtol=1e-3, atol=1e-3)
    x = numpy.arange(y.shape[axis]) ** 2
    check(lambda xp: xp.trapezoid(xp.asarray(y), x=xp.asarray(x), axis=axis), rtol=1e-3, atol=1e-3)


@given(_finite(FLOAT_DTYPES + INT_DTYPES, min_dims=1, min_side=3), st.sampled_from([1, 2]))
def test_gradient_matches_numpy(f, edge_order):
    check(lambda xp: xp.gradient(xp.asarray(f), edge_order=edge_order), rtol=1e-3, atol=1e-3)
    check(lambda xp: xp.gradient(xp.asarray(f), 0.5, axis=0, edge_order=edge_order), rtol=1e-3, atol=1e-3)


def test_gradient_coordinates():
    f = numpy.array([1.0, 2, 4, 7, 11])
    x = numpy.array([0.0, 1, 1.5, 3.5, 4])
    for eo in (1, 2):
        check(lambda xp: xp.gradient(xp.asarray(f), xp.asarray(x), edge_order=eo))
    check(lambda xp: xp.gradient(xp.asarray([1])))
    check(lambda xp: xp.gradient(xp.asarray([[1, 2, 4], [7, 11, 3]]), 2, xp.asarray([0, 1, 3])))


@given(arrays(FLOAT_DTYPES, shape=shapes(max_dims=2)),
       hnp.arrays(numpy.float64, st.integers(1, 6), unique=True,
                  elements=st.floats(-10, 10, allow_nan=False)))
def test_interp_matches_numpy(x, xp_):
    xs = numpy.sort(xp_)
    fp = numpy.cos(xs)
    check(lambda xp: xp.interp(xp.asarray(x), xp.asarray(xs), xp.asarray(fp)), rtol=1e-6, atol=1e-12)
    check(lambda xp: xp.interp(xp.asarray(x), xp.asarray(xs), xp.asarray(fp), left=-5, right=5),
          rtol=1e-6, atol=1e-12)


def test_interp_examples():
    check(lambda xp: xp.interp(2.5, [1, 2, 3], [3, 2, 0]))
    check(lambda xp: xp.interp(xp.asarray([0.5, 1.5]), [1, 2, 3], [3j, 2, 0]))
    check(lambda xp: xp.interp(xp.asarray([-180, -170, -185, 185, -10, -5, 0, 365]),
                               [190, -190, 350, -350], [5, 10, 3, 4], period=360))
    check(lambda xp: xp.interp(xp.asarray([1.0]), [], []))
    check(lambda xp: xp.interp(xp.asarray([1.0]), [1, 2], [1, 2, 3]))


@given(_finite(ALL_DTYPES, max_dims=1), st.booleans())
def test_cumulative_sum_prod(a, initial):
    check(lambda xp: xp.cumulative_sum(xp.asarray(a), include_initial=initial))
    check(lambda xp: xp.cumulative_prod(xp.asarray(a), include_initial=initial), rtol=1e-3)


# -- products ----------------------------------------------------------------
@given(_finite(ALL_DTYPES, max_dims=3, max_side=3), _finite(ALL_DTYPES, max_dims=3, max_side=3))
def test_dot_inner_matches_numpy(a, b):
    check(lambda xp: xp.dot(xp.asarray(a), xp.asarray(b)), rtol=1e-3)
    check(lambda xp: xp.inner(xp.asarray(a), xp.asarray(b)), rtol=1e-3)
    check(lambda xp: xp.outer(xp.asarray(a), xp.asarray(b)), rtol=1e-3)


@given(_finite(ALL_DTYPES, shape=(2, 3)), _finite(ALL_DTYPES, shape=(3, 2)))
def test_matrix_products(a, b):
    check(lambda xp: xp.dot(xp.asarray(a), xp.asarray(b)), rtol=1e-3)
    check(lambda xp: xp.asarray(a).dot(xp.asarray(b)), rtol=1e-3)
    check(lambda xp: xp.vdot(xp.asarray(a), xp.asarray(b.T)), rtol=1e-3)
    check(lambda xp: xp.tensordot(xp.asarray(a), xp.asarray(b), 1), rtol=1e-3)
    check(lambda xp: xp.tensordot(xp.asarray(a), xp.asarray(b), ([0, 1], [1, 0])), rtol=1e-3)
    check(lambda xp: xp.einsum("ij,jk->ik", xp.asarray(a), xp.asarray(b)), rtol=1e-3)
    check(lambda xp: xp.einsum("ij,ji", xp.asarray(a), xp.asarray(b)), rtol=1e-3)
    check(lambda xp: xp.kron(xp.asarray(a), xp.asarray(b)), rtol=1e-3)


def test_einsum_forms_and_errors():
    a = numpy.arange(6.0).reshape(2, 3)
    check(lambda xp: xp.einsum("...j,j", xp.asarray(a), xp.asarray([1.0, 2, 3])))
    check(lambda xp: xp.einsum(xp.asarray(a), [0, 1], [1, 0]))
    check(lambda xp: xp.einsum("ii", xp.asarray(numpy.arange(9).reshape(3, 3))))
    check(lambda xp: xp.einsum("ii", xp.ones(3)))
    check(lambda xp: xp.einsum("i,j", xp.asarray([1, 2])))
    check(lambda xp: xp.dot(xp.ones((2, 3)), xp.ones(2)))
    check(lambda xp: xp.inner(xp.ones(3), xp.ones(2)))


@given(_finite(NUMERIC, shape=st.sampled_from([(3,), (2, 3), (2,), (4, 2)])),
       _finite(NUMERIC, shape=st.sampled_from([(3,), (2, 3), (2,), (4, 2)])))
def test_cross_matches_numpy(a, b):
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        check(lambda xp: xp.cross(xp.asarray(a), xp.asarray(b)), rtol=1e-3)


@given(_finite(NUMERIC, shape=st.integers(0, 5)), _finite(NUMERIC, shape=st.integers(0, 5)),
       st.sampled_from(["full", "same", "valid"]))
def test_convolve_correlate_match_numpy(a, v, mode):
    check(lambda xp: xp.convolve(xp.asarray(a), xp.asarray(v), mode), rtol=1e-3)
    check(lambda xp: xp.correlate(xp.asarray(a), xp.asarray(v), mode), rtol=1e-3)


# -- elementwise helpers -----------------------------------------------------
@given(arrays(ALL_DTYPES))
def test_elementwise_helpers(a):
    check(lambda xp: xp.nan_to_num(xp.asarray(a)))
    check(lambda xp: xp.nan_to_num(xp.asarray(a), nan=-1, posinf=7, neginf=-7))
    check(lambda xp: xp.angle(xp.asarray(a)), rtol=1e-3, atol=1e-3)
    check(lambda xp: xp.real(xp.asarray(a)))
    check(lambda xp: xp.imag(xp.asarray(a)))
    check(lambda xp: xp.real_if_close(xp.asarray(a)))


@given(arrays(REAL))
def test_sinc_i0(a):
    check(lambda xp: xp.sinc(xp.asarray(a)), rtol=1e-3, atol=1e-6)
    b = numpy.clip(numpy.nan_to_num(a), -50, 50) if a.dtype.kind == "f" else a
    check(lambda xp: xp.i0(xp.asarray(b)), rtol=1e-3)


@given(_finite(FLOAT_DTYPES + INT_DTYPES, min_dims=1))
def test_unwrap_matches_numpy(p):
    check(lambda xp: xp.unwrap(xp.asarray(p) * 3), rtol=1e-3, atol=1e-3)
    check(lambda xp: xp.unwrap(xp.asarray(p), period=4), rtol=1e-3, atol=1e-3)


# -- differentiability --------------------------------------------------------
def test_clip_diff_interp_are_differentiable():
    x = torch.tensor([0.5, 2.0, 3.5], dtype=torch.float64, requires_grad=True)
    y = numpy_shim.clip(numpy_shim.asarray(x), 1.0, 3.0)
    y.tensor.sum().backward()
    assert x.grad.tolist() == [0.0, 1.0, 0.0]
    x = torch.tensor([1.0, 4.0, 9.0], dtype=torch.float64, requires_grad=True)
    numpy_shim.trapezoid(numpy_shim.asarray(x)).tensor.backward()
    assert x.grad.tolist() == [0.5, 1.0, 0.5]
    x = torch.tensor([1.5], dtype=torch.float64, requires_grad=True)
    r = numpy_shim.interp(numpy_shim.asarray(x), [1.0, 2.0], [0.0, 4.0])
    r.tensor.sum().backward()
    assert x.grad.tolist() == [4.0]


@given(arrays(ALL_DTYPES, min_dims=2), st.integers(-3, 3), st.sampled_from([None, "f8", "i8"]))
def test_trace_matches_numpy(a, offset, dtype):
    check(lambda xp: xp.trace(xp.asarray(a), offset, dtype=dtype), rtol=1e-3)
    check(lambda xp: xp.asarray(a).trace(offset, axis1=-1, axis2=0), rtol=1e-3)


# -- polynomials ---------------------------------------------------------------
@given(_finite(NUMERIC, shape=st.integers(1, 4)), _finite(NUMERIC, max_dims=2))
def test_polyval_matches_numpy(p, x):
    check(lambda xp: xp.polyval(xp.asarray(p), xp.asarray(x)), rtol=1e-3)


@given(_finite(NUMERIC, shape=st.integers(1, 5)), _finite(NUMERIC, shape=st.integers(1, 4)),
       st.integers(0, 3))
def test_poly_arithmetic_matches_numpy(a, b, m):
    check(lambda xp: xp.polyadd(xp.asarray(a), xp.asarray(b)))
    check(lambda xp: xp.polysub(xp.asarray(a), xp.asarray(b)))
    check(lambda xp: xp.polymul(xp.asarray(a), xp.asarray(b)), rtol=1e-3)
    check(lambda xp: xp.polyder(xp.asarray(a), m))
    check(lambda xp: xp.polyint(xp.asarray(a), m), rtol=1e-3)


def test_roots_examples():
    check(lambda xp: xp.roots([1, -3, 2]), rtol=1e-10)
    check(lambda xp: xp.roots([1, 0, 1]), rtol=1e-10)
    check(lambda xp: xp.roots([0, 0, 1, -3, 2, 0, 0]), rtol=1e-10)
    check(lambda xp: xp.roots([0, 0]))
    check(lambda xp: xp.roots([[1, 2]]))


@pytest.mark.parametrize("kw", [{}, {"w": "w"}, {"full": True}, {"cov": True}, {"cov": "unscaled"}])
@pytest.mark.parametrize("two_d", [False, True])
@pytest.mark.parametrize("deg", [0, 1, 3])
def test_polyfit_matches_numpy(kw, two_d, deg):
    x = numpy.linspace(0, 1, 12)
    y = numpy.cos(3 * x) + 0.1 * x ** 2
    if two_d:
        y = numpy.stack([y, 2 * y - 1], axis=1)
    weights = numpy.linspace(1, 2, 12)

    def run(xp):
        kwargs = {k: (xp.asarray(weights) if v == "w" else v) for k, v in kw.items()}
        return xp.polyfit(xp.asarray(x), xp.asarray(y), deg, **kwargs)
    check(run, rtol=1e-9, atol=1e-12)


def test_polyfit_errors_and_rank_warning():
    check(lambda xp: xp.polyfit(xp.asarray([1.0, 2.0]), xp.asarray([1.0]), 1))  # TypeError
    check(lambda xp: xp.polyfit(xp.asarray([1.0, 2.0]), xp.asarray([1.0, 2.0]), -1))  # ValueError
    with pytest.warns(numpy.exceptions.RankWarning, match="poorly conditioned"):
        numpy_shim.polyfit(numpy_shim.asarray([0.0, 1.0, 2.0]), numpy_shim.asarray([1.0, 2.0, 3.0]), 5)
