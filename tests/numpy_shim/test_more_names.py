"""Names the shim used to take from NumPy through the fallback, now its own: windows,
vectorize/piecewise, packbits/unpackbits, histogram2d/histogramdd, file I/O, emath,
lib.stride_tricks, poly/polydiv/poly1d and the small helpers. Differential against NumPy;
vectorize/piecewise/sliding_window_view also under numpy_shim.transforms grad and vmap."""

import io

import numpy
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import numpy_shim
from numpy_shim import transforms
from tests.differential import (ALL_DTYPES, INT_DTYPES, arrays, assert_same,
                                check, quiet, shapes)

NAMES = ("astype ndim shape size asarray_chkfinite bartlett blackman hamming hanning kaiser "
         "piecewise vectorize histogram2d histogramdd packbits unpackbits poly polydiv poly1d "
         "binary_repr base_repr long ulong flatiter loadtxt genfromtxt savetxt save load savez "
         "savez_compressed fromfile fromregex emath lib testing dtypes typing info show_config "
         "show_runtime get_include").split()
REAL = [d for d in ALL_DTYPES if d.kind in "biuf"]
SIGNED = [d for d in ALL_DTYPES if d.kind in "if"]


def valued(dtypes, elements, shape=None, **kw):
    """Arrays of ``dtypes`` whose values come from ``elements`` (small, exact in every dtype)."""
    dt = st.sampled_from(dtypes) if isinstance(dtypes, list) else st.just(dtypes)
    shp = shape if shape is not None else shapes(**kw)
    # unsigned dtypes take the magnitudes (a negative element does not fit them)
    return dt.flatmap(lambda d: hnp.arrays(d, shp, elements=elements.map(abs) if d.kind == "u"
                                           else elements))


@pytest.mark.parametrize("name", NAMES)
def test_name_is_the_shims_own(name):
    obj = vars(numpy_shim).get(name)
    assert obj is not None, f"{name} is served by the fallback"
    assert not getattr(obj, "__numpy_shim_fallback__", False)


def test_calls_do_not_fall_back(tmp_path):
    numpy_shim._fallback.reset()
    a = numpy_shim.arange(6.0).reshape(2, 3)
    numpy_shim.hanning(5), numpy_shim.kaiser(5, 2.0), numpy_shim.packbits(a > 2)
    numpy_shim.vectorize(lambda x: x + 1)(a), numpy_shim.histogram2d(a[0], a[1])
    numpy_shim.save(tmp_path / "a.npy", a), numpy_shim.load(tmp_path / "a.npy")
    numpy_shim.emath.sqrt(-a), numpy_shim.lib.stride_tricks.sliding_window_view(a, 2, axis=1)
    numpy_shim.poly1d([1, 2])(a), numpy_shim.size(a, 0), numpy_shim.astype(a, int)
    assert numpy_shim.fallback_report() == {}


# -- windows -------------------------------------------------------------------------------
@given(st.one_of(st.integers(-3, 60), st.floats(-2, 40, allow_nan=False)),
       st.sampled_from(["bartlett", "blackman", "hamming", "hanning"]))
def test_windows_match_numpy(M, name):
    check(lambda xp: getattr(xp, name)(M), rtol=1e-12, atol=1e-15)


@given(st.integers(0, 50), st.one_of(st.integers(0, 20), st.floats(0, 30)))
def test_kaiser_matches_numpy(M, beta):
    check(lambda xp: xp.kaiser(M, beta), rtol=1e-10, atol=1e-15)


def test_windows_examples():
    assert_same(numpy_shim.hamming(1), numpy.hamming(1))
    assert_same(numpy_shim.bartlett(0), numpy.bartlett(0))
    assert_same(numpy_shim.blackman(numpy.int8(7)), numpy.blackman(numpy.int8(7)), rtol=1e-12,
                atol=1e-15)
    assert_same(numpy_shim.kaiser(1, 3.0), numpy.kaiser(1, 3.0))


def test_kaiser_is_differentiable_in_beta():
    f = lambda b: numpy_shim.sum(numpy_shim.kaiser(7, b))  # noqa: E731
    g = transforms.grad(f)(numpy_shim.asarray(2.5))
    h = 1e-6
    fd = (numpy.kaiser(7, 2.5 + h).sum() - numpy.kaiser(7, 2.5 - h).sum()) / (2 * h)
    numpy.testing.assert_allclose(float(g), fd, rtol=1e-6)


# -- packbits / unpackbits ---------------------------------------------------------------
@given(arrays([numpy.dtype("?")] + INT_DTYPES, max_dims=3, max_side=10), st.data(),
       st.sampled_from(["big", "little"]))
def test_packbits_matches_numpy(a, data, bitorder):
    axis = data.draw(st.sampled_from([None] + list(range(-a.ndim, a.ndim))))
    check(lambda xp: xp.packbits(xp.asarray(a), axis=axis, bitorder=bitorder))


@given(arrays(numpy.dtype("B"), max_dims=3, max_side=5), st.data(),
       st.sampled_from(["big", "little"]))
def test_unpackbits_matches_numpy(a, data, bitorder):
    axis = data.draw(st.sampled_from([None] + list(range(-a.ndim, a.ndim))))
    n = a.size * 8 if axis is None or a.ndim == 0 else a.shape[axis] * 8
    # NumPy leaves padding uninitialised when count exceeds the bits of an empty input
    counts = [None, 0, -1, n // 2, -n] + ([n + 5] if a.size else [])
    for count in counts:
        check(lambda xp: xp.unpackbits(xp.asarray(a), axis=axis, count=count, bitorder=bitorder))


def test_packbits_errors_match_numpy():
    check(lambda xp: xp.packbits(xp.asarray([1.0, 0.0])))
    check(lambda xp: xp.unpackbits(xp.asarray([1, 2], dtype=xp.int8)))
    check(lambda xp: xp.packbits(xp.asarray([1, 0]), bitorder="middle"), exc_match=True)
    check(lambda xp: xp.unpackbits(xp.asarray([1], dtype=xp.uint8), count=-9), exc_match=True)
    check(lambda xp: xp.packbits(xp.asarray([1, 0]), axis=1))


# -- vectorize -----------------------------------------------------------------------------
@given(arrays(REAL, max_dims=3), arrays(REAL, max_dims=1))
def test_vectorize_matches_numpy(a, b):
    def f(x, y):
        return x * 2 + y if x > y else x - y

    if a.size == 0 or b.size == 0:
        check(quiet(lambda xp: xp.vectorize(f, otypes=[float])(xp.asarray(a), xp.asarray(b))))
    try:
        numpy.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        return
    check(quiet(lambda xp: xp.vectorize(f)(xp.asarray(a), xp.asarray(b))), rtol=1e-6)
    check(quiet(lambda xp: xp.vectorize(f, otypes="d")(xp.asarray(a), y=xp.asarray(b))),
          rtol=1e-6)


def test_vectorize_options_match_numpy():
    x = numpy.array([[1.5, -2.0, 3.0], [0.0, 4.0, -1.0]])
    check(lambda xp: xp.vectorize(lambda a: (a, a * 2))(xp.asarray(x)))
    check(lambda xp: xp.vectorize(lambda a, p: a ** p, excluded={1})(xp.asarray(x), 2))
    check(lambda xp: xp.vectorize(lambda a, p=1: a * p, excluded={"p"})(xp.asarray(x), p=3))
    check(lambda xp: xp.vectorize(lambda a: int(a), otypes=[xp.int8])(xp.asarray(x)))
    check(lambda xp: xp.vectorize(lambda a: a > 0)(xp.asarray(x)))
    check(lambda xp: xp.vectorize(lambda a: a)(3))
    check(lambda xp: xp.vectorize(lambda a: a)(xp.zeros(0)))
    check(lambda xp: xp.vectorize(lambda a: a, otypes="q")(xp.zeros((0, 2))))
    check(lambda xp: xp.vectorize(lambda: 5)())
    check(lambda xp: xp.vectorize(lambda a: a, otypes="?z"))
    # str results stay NumPy arrays (torch has no str dtype)
    check(lambda xp: xp.vectorize(lambda s: s + "!")(["a", "b"]), check_kind=False)


def test_vectorize_signature_matches_numpy():
    x = numpy.arange(12.0).reshape(2, 2, 3)
    check(lambda xp: xp.vectorize(lambda v: v.sum(), signature="(n)->()")(xp.asarray(x)))
    check(lambda xp: xp.vectorize(lambda m, v: m @ v, signature="(m,n),(n)->(m)")(
        xp.asarray(x), xp.asarray([1.0, 0.0, 2.0])))
    check(lambda xp: xp.vectorize(lambda s: s * xp.arange(3), signature="()->(k)")(
        xp.asarray([1, 2])))
    check(lambda xp: xp.vectorize(lambda v: (v.min(), v.max()), signature="(n)->(),()")(
        xp.asarray(x)))
    check(lambda xp: xp.vectorize(lambda v: v, signature="(n)->(n)", otypes=[float])(
        xp.zeros((0, 3))))
    check(lambda xp: xp.vectorize(lambda v: v, signature="(n)->(m)")(xp.zeros((0, 3))))
    check(lambda xp: xp.vectorize(lambda v: v.sum(), signature="(n)->()")(xp.asarray(x[0, 0, 0])))
    check(lambda xp: xp.vectorize(lambda v: v, signature="(n)->(n)->"))
    check(lambda xp: xp.vectorize(lambda v: (v, v), signature="(n)->(n)")(xp.asarray(x)))


def test_vectorize_cache_calls_first_element_once():
    for xp in (numpy, numpy_shim):
        calls = []

        def f(v):
            calls.append(v)
            return v

        xp.vectorize(f, cache=True)(xp.asarray([1, 2, 3]))
        n_cached = len(calls)
        calls.clear()
        xp.vectorize(f)(xp.asarray([1, 2, 3]))
        assert (n_cached, len(calls)) == (3, 4)


def test_vectorize_keeps_the_inputs_subclass():
    class Sub(numpy_shim.ndarray):
        pass

    m = numpy_shim.asarray([[1.0, 0.0], [0.0, 2.0]]).view(Sub)
    v = numpy_shim.asarray([[1.0, 2.0], [3.0, 4.0]]).view(Sub)
    r = numpy_shim.vectorize(lambda x, y: x * y)(m, v)
    assert type(r) is Sub
    assert_same(numpy_shim.asarray(r), numpy.asarray([[1.0, 0.0], [0.0, 8.0]]))
    r = numpy_shim.vectorize(numpy_shim.matmul, signature="(m,m),(m)->(m)")(m, v)
    assert type(r) is Sub
    assert_same(numpy_shim.asarray(r), numpy.asarray([[1.0, 4.0], [3.0, 8.0]]))
    assert type(numpy_shim.vectorize(lambda x: x)(numpy_shim.arange(2))) is numpy_shim.ndarray


def test_vectorize_as_decorator():
    @numpy_shim.vectorize(otypes=[float])
    def f(x):
        """doc"""
        return x / 2

    assert f.__doc__ == "doc"
    assert_same(f(numpy_shim.asarray([1, 2])), numpy.asarray([0.5, 1.0]))


def _fd_grad(f, x, h=1e-6):
    g = numpy.zeros_like(x)
    for i in numpy.ndindex(x.shape):
        e = numpy.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


@given(valued(numpy.dtype("f8"), max_dims=2, min_side=1, elements=st.floats(-3, 3)))
def test_vectorize_grad_matches_finite_differences(x):
    def elem(t):
        return numpy_shim.sin(t) * t + (t * t if t > 0 else 0.5 * t * t)

    def loss(xp_x):
        return numpy_shim.sum(numpy_shim.vectorize(elem)(xp_x))

    g = transforms.grad(loss)(numpy_shim.asarray(x))
    ref = _fd_grad(lambda v: float(loss(numpy_shim.asarray(v))), x)
    numpy.testing.assert_allclose(numpy.asarray(g), ref, rtol=1e-5, atol=1e-6)


def test_vectorize_signature_grad():
    x = numpy.arange(6.0).reshape(2, 3) / 3
    loss = lambda v: numpy_shim.sum(numpy_shim.vectorize(  # noqa: E731
        lambda r: numpy_shim.sum(r ** 3), signature="(n)->()")(v))
    g = transforms.grad(loss)(numpy_shim.asarray(x))
    numpy.testing.assert_allclose(numpy.asarray(g), 3 * x ** 2, rtol=1e-12)


@given(valued(numpy.dtype("f8"), shape=st.tuples(st.integers(1, 3), st.integers(0, 4)),
              elements=st.floats(-5, 5)))
def test_vectorize_vmap_matches_stacking(x):
    # a Python `if` on a batched value cannot run under vmap: branch with where
    vf = numpy_shim.vectorize(lambda t: numpy_shim.where(t > 0, t * t + 1.0, 2.0 * t),
                              otypes=[float])
    got = transforms.vmap(vf)(numpy_shim.asarray(x))
    expected = numpy.stack([numpy.vectorize(lambda t: numpy.where(t > 0, t * t + 1.0, 2.0 * t),
                                            otypes=[float])(row) for row in x])
    assert_same(got, expected, check_kind=False)


# -- piecewise -----------------------------------------------------------------------------
@given(valued(SIGNED, max_dims=2, elements=st.integers(-5, 5)))
def test_piecewise_matches_numpy(x):
    check(lambda xp: xp.piecewise(xp.asarray(x), [xp.asarray(x) < 0, xp.asarray(x) > 2],
                                  [lambda v: -v, lambda v: v * 2, 7]))
    check(lambda xp: xp.piecewise(xp.asarray(x), [xp.asarray(x) < 1], [0, lambda v: v + 1]))
    check(lambda xp: xp.piecewise(xp.asarray(x), [xp.asarray(x) < 1], [0, 1, 2, 3]))


def test_piecewise_scalar_and_under_transforms():
    check(lambda xp: xp.piecewise(3.0, [True], [lambda v: v * 2]))
    check(lambda xp: xp.piecewise(xp.asarray(-1.5), [True, False], [1, 2]))
    f = lambda v: numpy_shim.sum(numpy_shim.piecewise(  # noqa: E731
        v, [v < 1], [lambda t: t * t, lambda t: 3 * t]))
    g = transforms.grad(f)(numpy_shim.asarray([0.5, 2.0, -1.0]))
    assert_same(g, numpy.asarray([1.0, 3.0, -2.0]), check_kind=False)
    v = transforms.vmap(lambda t: numpy_shim.piecewise(t, [t < 1], [lambda s: s * s, 7.0]))(
        numpy_shim.asarray([[0.5, 2.0], [3.0, -2.0]]))
    assert_same(v, numpy.asarray([[0.25, 7.0], [7.0, 4.0]]), check_kind=False)


# -- histogram2d / histogramdd -----------------------------------------------------------
BINS = st.one_of(st.integers(1, 6), st.lists(st.integers(1, 5), min_size=2, max_size=2),
                 st.just([-2.0, -0.5, 0.0, 1.0, 4.0]), st.just([[0.0, 1.0, 2.0], 3]))


@given(valued(SIGNED, shape=st.tuples(st.integers(0, 12)),
              elements=st.integers(-4, 4)), st.data(), BINS,
       st.sampled_from([None, [[-1, 2], [0, 3]]]), st.booleans(), st.booleans())
def test_histogram2d_matches_numpy(x, data, bins, range_, density, weighted):
    y = data.draw(valued(numpy.dtype("f8"), shape=st.just(x.shape), elements=st.floats(-3, 3)))
    w = numpy.linspace(0.5, 2.0, x.size) if weighted else None
    check(quiet(lambda xp: xp.histogram2d(
        xp.asarray(x), xp.asarray(y), bins=bins, range=range_, density=density,
        weights=None if w is None else xp.asarray(w))), rtol=1e-12)


@given(valued(numpy.dtype("f8"), shape=st.tuples(st.integers(0, 10), st.integers(1, 3)),
              elements=st.floats(-10, 10)),
       st.sampled_from([3, (2, 3, 4), [1, 2, 3]]), st.booleans())
def test_histogramdd_matches_numpy(sample, bins, density):
    if isinstance(bins, tuple):
        bins = bins[:sample.shape[1]]
    if isinstance(bins, list):
        bins = [numpy.asarray([-10.0, 0.0, 10.0])] * sample.shape[1]
    check(quiet(lambda xp: xp.histogramdd(xp.asarray(sample), bins=bins, density=density)),
          rtol=1e-12)


def test_histogramdd_errors_match_numpy():
    s = numpy.arange(6.0).reshape(3, 2)
    check(lambda xp: xp.histogramdd(xp.asarray(s), bins=[1, 2, 3]), exc_match=True)
    check(lambda xp: xp.histogramdd(xp.asarray(s), bins=0), exc_match=True)
    check(lambda xp: xp.histogramdd(xp.asarray(s), bins=2.5), exc_match=True)
    check(lambda xp: xp.histogramdd(xp.asarray(s), bins=[[2, 1], 2]), exc_match=True)
    check(lambda xp: xp.histogramdd(xp.asarray(s), range=[(0, 1)]), exc_match=True)
    check(lambda xp: xp.histogramdd(xp.asarray(s), range=[(2, 1), (0, 1)]), exc_match=True)
    check(lambda xp: xp.histogram2d(xp.asarray([1, 2]), xp.asarray([1])), exc_match=True)
    check(lambda xp: xp.histogramdd(xp.asarray([[numpy.inf, 1.0]])), exc_match=True)


def test_histogram2d_with_range_runs_under_vmap():
    rows = numpy.random.default_rng(0).normal(size=(3, 20))

    def h(xp, r):
        return xp.histogram2d(r, r * 2, bins=3, range=[[-2, 2], [-4, 4]], weights=r * r)[0]
    got = transforms.vmap(lambda r: h(numpy_shim, r))(numpy_shim.asarray(rows))
    assert_same(got, numpy.stack([h(numpy, r) for r in rows]), check_kind=False, rtol=1e-12)


def test_histogram_weights_errors_match_numpy():
    x = numpy.asarray([1.0, 2.0, 3.0])
    check(lambda xp: xp.histogram2d(xp.asarray(x), xp.asarray(x), weights=xp.asarray([1, 2])),
          exc_match=True)
    check(lambda xp: xp.histogram2d(xp.asarray(x), xp.asarray(x), weights=xp.asarray(x) * 1j),
          exc_match=True)
    check(lambda xp: xp.histogram2d(xp.asarray(x), xp.asarray(x), bins=2,
                                    weights=xp.asarray([1, 2, 3], dtype=xp.uint64)))


def test_histogram2d_weights_are_differentiable():
    x = numpy.asarray([0.1, 0.6, 0.7, 0.2])
    g = transforms.grad(lambda w: numpy_shim.histogram2d(
        numpy_shim.asarray(x), numpy_shim.asarray(x), bins=2, weights=w)[0][1, 1])(
        numpy_shim.ones(4))
    assert_same(g, numpy.asarray([0.0, 1.0, 1.0, 0.0]), check_kind=False)


# -- file I/O ------------------------------------------------------------------------------
def test_io_round_trips_give_shim_arrays(tmp_path):
    a = numpy.arange(12.0).reshape(3, 4)
    b = numpy.arange(5, dtype=numpy.int16)
    for xp in (numpy, numpy_shim):
        d = tmp_path / xp.__name__
        d.mkdir()
        xp.save(d / "a.npy", xp.asarray(a))
        xp.savez(d / "z.npz", xp.asarray(a), b=xp.asarray(b))
        xp.savez_compressed(d / "c.npz", x=xp.asarray(b))
        xp.savetxt(d / "a.txt", xp.asarray(a), fmt="%.3f")
        xp.asarray(b).tofile(d / "b.bin") if xp is numpy else b.tofile(d / "b.bin")
    for name in ("a.npy", "z.npz", "c.npz", "a.txt"):
        assert (tmp_path / "numpy" / name).read_bytes()[:0] == b""
    assert (tmp_path / "numpy" / "a.txt").read_text() == (tmp_path / "numpy_shim" / "a.txt").read_text()
    d = tmp_path / "numpy_shim"
    check(lambda xp: xp.load(d / "a.npy"))
    check(lambda xp: xp.loadtxt(d / "a.txt"))
    check(lambda xp: xp.loadtxt(d / "a.txt", unpack=True, usecols=(0, 2)))
    check(lambda xp: xp.genfromtxt(io.StringIO("1 2\n3 nan")))
    masked = numpy_shim.genfromtxt(io.StringIO("1,\n3,4"), delimiter=",", usemask=True)
    assert isinstance(masked, numpy.ma.MaskedArray) and masked.mask.tolist() == [[False, True],
                                                                                 [False, False]]
    check(lambda xp: xp.fromfile(d / "b.bin", dtype=xp.int16))
    # a structured result stays a NumPy array (torch has no structured dtype)
    check(lambda xp: xp.fromregex(io.StringIO("a1 b22 c3"), r"(\d+)", [("n", numpy.int64)]),
          check_kind=False)
    for xp in (numpy, numpy_shim):
        with xp.load(d / "z.npz") as z:
            got = (z["arr_0"], z["b"], sorted(z.files))
        if xp is numpy:
            expected = got
    assert_same(got[:2], expected[:2])
    assert got[2] == expected[2]
    m = numpy_shim.load(d / "a.npy", mmap_mode="r")
    assert isinstance(m, numpy_shim.ndarray) and not m.flags.writeable


# -- small names ---------------------------------------------------------------------------
@given(arrays(ALL_DTYPES, max_dims=3), st.data())
def test_shape_size_ndim_astype_match_numpy(a, data):
    check(lambda xp: xp.shape(xp.asarray(a)))
    check(lambda xp: xp.ndim(xp.asarray(a)))
    check(lambda xp: xp.size(xp.asarray(a)))
    if a.ndim:
        axis = data.draw(st.sampled_from([0, -1, tuple(range(a.ndim)), (0, 0)]))
        check(lambda xp: xp.size(xp.asarray(a), axis=axis))
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    check(quiet(lambda xp: xp.astype(xp.asarray(a), dt)))
    check(lambda xp: xp.asarray_chkfinite(xp.asarray(a)))


def test_small_names_match_numpy():
    check(lambda xp: xp.shape([[1, 2, 3]]))
    check(lambda xp: xp.ndim(5.0))
    check(lambda xp: xp.size([[1, 2], [3, 4]], axis=1))
    check(lambda xp: xp.astype([1, 2], float))
    check(lambda xp: xp.asarray_chkfinite([1.0, xp.nan]), exc_match=True)
    check(lambda xp: xp.asarray_chkfinite([1, 2], dtype=float))
    assert numpy_shim.long is numpy.long and numpy_shim.ulong is numpy.ulong
    for n in (0, 5, -5, 255):
        assert numpy_shim.binary_repr(numpy_shim.asarray(n), width=9) == numpy.binary_repr(n, width=9)
        assert numpy_shim.base_repr(n, 5, padding=2) == numpy.base_repr(n, 5, padding=2)
    assert isinstance(numpy_shim.arange(3).flat, numpy_shim.flatiter)


@given(st.lists(st.integers(-4, 4), max_size=5), st.sampled_from([int, float, complex]))
def test_poly_and_polydiv_match_numpy(roots, kind):
    r = [kind(v) for v in roots]
    check(lambda xp: xp.poly(xp.asarray(r, dtype=kind)), rtol=1e-12)
    if roots:
        check(lambda xp: xp.polydiv(xp.asarray(r, dtype=kind), xp.asarray([1.0, -2.0])),
              rtol=1e-12)


def test_poly_examples_match_numpy():
    check(lambda xp: xp.poly([[1.0, 2.0], [3.0, 4.0]]), rtol=1e-12)
    check(lambda xp: xp.poly([1j, -1j]), rtol=1e-12)
    check(lambda xp: xp.poly(xp.zeros((2, 3))), exc_match=True)
    check(lambda xp: xp.polydiv([3.0, 5.0, 2.0], [2.0, 1.0]), rtol=1e-12)


# -- emath ---------------------------------------------------------------------------------
@given(valued([d for d in ALL_DTYPES if d.kind != "b"], max_dims=2, elements=st.integers(-3, 3)),
       st.sampled_from(["sqrt", "log", "log2", "log10", "arccos", "arcsin", "arctanh"]))
def test_emath_matches_numpy(a, name):
    check(quiet(lambda xp: getattr(xp.emath, name)(xp.asarray(a))), rtol=1e-5, atol=1e-6)


def test_emath_examples_match_numpy():
    check(lambda xp: xp.emath.sqrt(-1))
    check(lambda xp: xp.emath.power([-2, 2], [-1, 2]), rtol=1e-12)
    check(quiet(lambda xp: xp.emath.logn(2, [-8.0, 4.0])), rtol=1e-12)
    check(lambda xp: xp.emath.arccos(xp.asarray([2.0], dtype=xp.float32)), rtol=1e-6)
    assert numpy_shim.lib.scimath is numpy_shim.emath


# -- lib.stride_tricks ---------------------------------------------------------------------
@given(arrays(ALL_DTYPES, max_dims=3, min_side=1, max_side=5), st.data())
def test_sliding_window_view_matches_numpy(a, data):
    axis = data.draw(st.sampled_from([None, 0, -1, (0, 0)]))
    if a.ndim == 0 and axis is not None:
        return
    if axis is None:
        window = tuple(data.draw(st.integers(0, s)) for s in a.shape)
    elif isinstance(axis, tuple):
        window = (1, data.draw(st.integers(1, a.shape[0])))
    else:
        window = data.draw(st.integers(0, a.shape[axis] + 1))

    def f(xp):
        v = xp.lib.stride_tricks.sliding_window_view(xp.asarray(a), window, axis=axis)
        return v, v.strides, v.flags.writeable
    check(f)


def test_sliding_window_view_is_a_view_and_traceable():
    base = numpy_shim.arange(6.0)
    v = numpy_shim.lib.stride_tricks.sliding_window_view(base, 3, writeable=True)
    base[2] = 100.0
    assert float(v[1, 1]) == 100.0 and float(v[0, 2]) == 100.0
    v[0, 0] = -1.0
    assert float(base[0]) == -1.0
    smooth = lambda x: numpy_shim.sum(  # noqa: E731
        numpy_shim.lib.stride_tricks.sliding_window_view(x, 2).mean(axis=-1) ** 2)
    x = numpy.asarray([1.0, 2.0, 4.0])
    g = transforms.grad(smooth)(numpy_shim.asarray(x))
    ref = _fd_grad(lambda v: float(smooth(numpy_shim.asarray(v))), x)
    numpy.testing.assert_allclose(numpy.asarray(g), ref, rtol=1e-6)
    rows = numpy.arange(10.0).reshape(2, 5)
    got = transforms.vmap(lambda r: numpy_shim.lib.stride_tricks.sliding_window_view(r, 3))(
        numpy_shim.asarray(rows))
    expected = numpy.stack([numpy.lib.stride_tricks.sliding_window_view(r, 3) for r in rows])
    assert_same(got, expected, check_kind=False)


def test_as_strided_matches_numpy():
    a = numpy.arange(12, dtype=numpy.int32).reshape(3, 4)

    def f(xp, shape, strides):
        return xp.lib.stride_tricks.as_strided(xp.asarray(a), shape, strides)
    for shape, strides in [((2, 2), (16, 4)), ((3, 3), (16, 4)), ((4,), (0,)), ((2, 3), (-4, 4)),
                           ((2,), (6,))]:
        if any(s < 0 for s in strides):
            continue  # a negative stride walks out of the array (undefined memory)
        check(lambda xp: f(xp, shape, strides))
    base = numpy_shim.asarray(a)
    v = numpy_shim.lib.stride_tricks.as_strided(base, (2,), (20,))
    base[1, 1] = 99
    assert int(v[1]) == 99
    r = numpy_shim.lib.stride_tricks.as_strided(base, writeable=False)
    with pytest.raises(ValueError):
        r[0, 0] = 1
    # NumPy reads undefined memory past the buffer; the shim refuses with a ValueError
    with pytest.raises(ValueError, match="outside the array's memory"):
        numpy_shim.lib.stride_tricks.as_strided(base, (100,), (4,))


def test_stride_tricks_keep_subclasses_only_with_subok():
    class Sub(numpy_shim.ndarray):
        def __array_finalize__(self, obj):
            self.info = getattr(obj, "info", "") + " finalized"

    a = numpy_shim.arange(6).view(Sub)
    st_ = numpy_shim.lib.stride_tricks
    assert type(st_.sliding_window_view(a, 2)) is numpy_shim.ndarray
    assert type(st_.as_strided(a, (2,), (16,))) is numpy_shim.ndarray
    v = st_.as_strided(a, (2,), (16,), subok=True)
    assert type(v) is Sub and v.info.endswith("finalized")
    assert type(st_.sliding_window_view(a, 2, subok=True)) is Sub
    a[2] = 40
    assert int(v[1]) == 40 and int(st_.sliding_window_view(a, 2)[1, 1]) == 40


def test_sliding_window_view_errors_match_numpy():
    swv = lambda xp, *a, **k: xp.lib.stride_tricks.sliding_window_view(xp.arange(4), *a, **k)  # noqa: E731
    check(lambda xp: swv(xp, 5), exc_match=True)
    check(lambda xp: swv(xp, -1), exc_match=True)
    check(lambda xp: swv(xp, (2, 2)), exc_match=True)
    check(lambda xp: swv(xp, (2, 2), axis=0), exc_match=True)


# -- poly1d --------------------------------------------------------------------------------
@given(st.lists(st.integers(-3, 3), min_size=1, max_size=4),
       st.lists(st.integers(-3, 3), min_size=1, max_size=3))
def test_poly1d_matches_numpy(c1, c2):
    def P(xp, c):
        return xp.poly1d(xp.asarray(c, dtype=float))
    check(lambda xp: P(xp, c1).coeffs)
    check(lambda xp: (P(xp, c1) + P(xp, c2)).coeffs)
    check(lambda xp: (P(xp, c1) - P(xp, c2)).coeffs)
    check(lambda xp: (P(xp, c1) * P(xp, c2)).coeffs)
    check(lambda xp: (P(xp, c1) ** 2).coeffs)
    check(lambda xp: (3 * P(xp, c1)).coeffs)
    check(lambda xp: P(xp, c1)(xp.asarray([0.5, -2.0])), rtol=1e-12)
    check(lambda xp: P(xp, c1)(P(xp, c2)).coeffs)
    check(lambda xp: P(xp, c1).deriv().coeffs)
    check(lambda xp: P(xp, c1).integ(k=2).coeffs, rtol=1e-12)
    check(lambda xp: (P(xp, c1)[0], P(xp, c1)[7], P(xp, c1).order, len(P(xp, c1))))
    if any(c2):
        check(lambda xp: tuple(q.coeffs for q in P(xp, c1) / P(xp, c2)), rtol=1e-9, atol=1e-9)
    assert str(P(numpy_shim, c1)) == str(P(numpy, c1))
    assert repr(P(numpy_shim, c1)) == repr(P(numpy, c1))
    assert (P(numpy_shim, c1) == P(numpy_shim, c1)) == (P(numpy, c1) == P(numpy, c1))


def test_poly1d_roots_and_setitem_match_numpy():
    check(lambda xp: xp.poly1d([1, 2], r=True).coeffs)
    check(lambda xp: xp.sort_complex(xp.poly1d([1.0, 0.0, 4.0]).roots), rtol=1e-12)
    for xp in (numpy, numpy_shim):
        p = xp.poly1d([1, 2, 3], variable="z")
        p[4] = 5
        if xp is numpy:
            expected = (p.coeffs, str(p))
    assert_same(p.coeffs, expected[0])
    assert str(p) == expected[1]
    assert isinstance(numpy_shim.poly1d([1, 2]).coeffs, numpy_shim.ndarray)
