"""numpy_shim.fft against numpy.fft: values (tolerance), NumPy 2 dtypes, n/s/axes/norm, errors."""
import numpy
import pytest
import torch
from hypothesis import given, strategies as st

import numpy_shim
from tests.differential import ALL_DTYPES, arrays, check, shapes

TOL = dict(rtol=2e-3, atol=2e-3)  # float16/float32 data is transformed in single precision
NORMS = st.sampled_from([None, "backward", "ortho", "forward"])
ONE_D = ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft"]
N_D = ["fft2", "ifft2", "fftn", "ifftn", "rfft2", "irfft2", "rfftn", "irfftn"]


def small(dtypes=ALL_DTYPES, **kw):
    """Arrays with small values, so half precision stays comparable."""
    dt = st.sampled_from(dtypes)
    return dt.flatmap(lambda d: arrays(d, shape=shapes(**kw), elements=_elements(d)))


def _elements(d):
    if d.kind == "b":
        return st.booleans()
    if d.kind in "iu":
        return st.integers(0 if d.kind == "u" else -8, 8)
    if d.kind == "f":
        return st.floats(-8, 8, width=d.itemsize * 8)
    return st.complex_numbers(max_magnitude=8, width=d.itemsize * 8)


@given(small(min_dims=1), st.sampled_from(ONE_D), NORMS, st.one_of(st.none(), st.integers(-1, 6)),
       st.integers(-3, 2))
def test_one_dimensional(a, name, norm, n, axis):
    check(lambda xp: getattr(xp.fft, name)(xp.asarray(a), n=n, axis=axis, norm=norm), **TOL)


@given(small(min_dims=1), st.sampled_from(N_D), NORMS, st.data())
def test_n_dimensional(a, name, norm, data):
    nd = a.ndim
    axes = data.draw(st.one_of(st.none(), st.lists(st.integers(-nd, nd - 1), min_size=1, max_size=nd,
                                                   unique=True)))
    two = name.endswith("2")
    if two and nd < 2 and axes is None:
        axes = [0]
    s = None
    if data.draw(st.booleans()) and axes is not None:
        s = data.draw(st.lists(st.integers(1, 5), min_size=len(axes), max_size=len(axes)))
    kw = {"norm": norm}
    if axes is not None:
        kw["axes"] = axes
    if s is not None:
        kw["s"] = s
    check(lambda xp: getattr(xp.fft, name)(xp.asarray(a), **kw), **TOL)


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_output_dtypes(dt):
    a = numpy.ones((2, 4), dtype=dt)
    for name in ONE_D + N_D:
        check(lambda xp: getattr(xp.fft, name)(xp.asarray(a)), **TOL)


def test_errors():
    check(lambda xp: xp.fft.fft(xp.ones(4), n=0))
    check(lambda xp: xp.fft.fft(xp.ones(0)))
    check(lambda xp: xp.fft.irfft(xp.ones(1)))
    check(lambda xp: xp.fft.fft(xp.ones(4), norm="bogus"))
    check(lambda xp: xp.fft.hfft(xp.ones(4), norm="bogus"))
    check(lambda xp: xp.fft.fft(xp.ones(4), axis=1))
    check(lambda xp: xp.fft.rfft(xp.ones(4, dtype=complex)))
    check(lambda xp: xp.fft.fftn(xp.ones((2, 2)), s=[2], axes=[0, 1]))
    with pytest.warns(DeprecationWarning):
        numpy_shim.fft.fftn(numpy_shim.ones((2, 2)), s=(2, 2))


def test_out_argument():
    out = numpy_shim.empty(4, dtype=complex)
    r = numpy_shim.fft.fft(numpy_shim.arange(4.0), out=out)
    assert r is out
    numpy.testing.assert_allclose(numpy.asarray(out), numpy.fft.fft(numpy.arange(4.0)))
    check(lambda xp: xp.fft.fft(xp.arange(4.0), out=xp.empty(3, dtype=complex)))


@given(st.integers(1, 9), st.sampled_from([1.0, 0.5, 3, numpy.float32(0.25)]))
def test_freqs(n, d):
    check(lambda xp: xp.fft.fftfreq(n, d))
    check(lambda xp: xp.fft.rfftfreq(n, d))


def test_freqs_errors():
    check(lambda xp: xp.fft.fftfreq(2.5))
    check(lambda xp: xp.fft.rfftfreq(2.5))


@given(arrays(), st.data())
def test_shifts(a, data):
    nd = a.ndim
    axes = data.draw(st.one_of(st.none(), st.integers(-nd, nd - 1) if nd else st.none(),
                               st.lists(st.integers(-nd, nd - 1), max_size=nd, unique=True) if nd
                               else st.none()))
    check(lambda xp: xp.fft.fftshift(xp.asarray(a), axes=axes))
    check(lambda xp: xp.fft.ifftshift(xp.asarray(a), axes=axes))


def test_roundtrip_and_grad():
    x = numpy.random.default_rng(0).uniform(size=8)
    r = numpy_shim.fft.irfft(numpy_shim.fft.rfft(numpy_shim.asarray(x)), n=8)
    numpy.testing.assert_allclose(numpy.asarray(r), x, rtol=1e-12)

    # d/dx sum |fft(x)|^2 = 2 n x  (Parseval)
    def energy(t):
        return (numpy_shim.abs(numpy_shim.fft.fft(numpy_shim.asarray(t))) ** 2).sum().tensor

    g = torch.func.grad(energy)(torch.tensor(x))
    numpy.testing.assert_allclose(g.numpy(), 2 * 8 * x, rtol=1e-10)


def test_vmap_matches_stacking():
    x = torch.tensor(numpy.random.default_rng(1).uniform(size=(3, 6)))
    got = torch.func.vmap(lambda t: numpy_shim.fft.rfft(numpy_shim.asarray(t)).tensor)(x)
    numpy.testing.assert_allclose(got.numpy(), numpy.fft.rfft(x.numpy()), rtol=1e-12)


def test_compile_matches_eager():
    def f(t):
        a = numpy_shim.asarray(t)
        return numpy_shim.fft.rfft(a).tensor.real.sum() + numpy_shim.fft.fftn(a).tensor.imag.sum() \
            + numpy_shim.fft.fftshift(a).tensor.sum()

    x = torch.arange(12.0, dtype=torch.float64).reshape(3, 4)
    torch.testing.assert_close(torch.compile(f, backend="eager", fullgraph=True)(x), f(x))


@pytest.mark.parametrize("fn", ["fft", "ifft"])
def test_real_input_gives_numpys_signed_zeros(fn):
    # NumPy transforms real input as complex; the mirrored half keeps +0.0 imaginary parts
    for x in ([1.0, 0.0, 0.0, 0.0], [2.0, 0.0, 2.0, 0.0, 2.0, 0.0]):
        got = numpy.asarray(getattr(numpy_shim.fft, fn)(numpy_shim.asarray(x)))
        expected = getattr(numpy.fft, fn)(numpy.asarray(x))
        numpy.testing.assert_allclose(got, expected, atol=1e-15)
        assert (numpy.signbit(got.imag) == numpy.signbit(expected.imag)).all()
