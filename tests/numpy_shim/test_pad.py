"""numpy.pad against real NumPy: every mode, every dtype, widths larger than the array."""
import numpy
import pytest
import torch
from hypothesis import given, strategies as st

import numpy_shim
from tests.differential import ALL_DTYPES, arrays, check, shapes

MODES = ["constant", "edge", "linear_ramp", "maximum", "mean", "median", "minimum", "reflect",
         "symmetric", "wrap"]


def _widths(ndim):
    pair = st.tuples(st.integers(0, 7), st.integers(0, 7))
    return st.one_of(st.integers(0, 7), pair, st.tuples(pair),
                     st.lists(pair, min_size=ndim, max_size=ndim).map(tuple))


@given(arrays(shape=shapes(max_side=4)), st.sampled_from(MODES), st.data())
def test_pad_modes(a, mode, data):
    pw = data.draw(_widths(a.ndim))
    # float16/32 statistics and ramps round differently in the last place
    check(lambda xp: xp.pad(xp.asarray(a), pw, mode), rtol=1e-3 if a.dtype.kind in "fc" else 0)


@pytest.mark.parametrize("mode", ["reflect", "symmetric"])
@given(a=arrays(dtypes=[numpy.dtype(d) for d in "bhilBHILfd"], shape=shapes(min_dims=1, max_dims=2, max_side=4)),
       pw=st.integers(0, 9))
def test_pad_odd_reflections(mode, a, pw):
    check(lambda xp: xp.pad(xp.asarray(a), pw, mode, reflect_type="odd"), rtol=1e-6)


@given(arrays(dtypes=[numpy.dtype(d) for d in "?ilBfdD"], shape=shapes(max_side=3)), st.data())
def test_pad_constant_values(a, data):
    vals = data.draw(st.one_of(st.integers(-3, 300), st.floats(-5, 5), st.tuples(st.integers(0, 5), st.integers(0, 5)),
                               st.lists(st.tuples(st.integers(0, 5), st.floats(-3, 3)), min_size=a.ndim,
                                        max_size=a.ndim).map(tuple)))
    check(lambda xp: xp.pad(xp.asarray(a), 2, constant_values=vals))


@given(arrays(dtypes=[numpy.dtype(d) for d in "ilfd"], shape=shapes(min_side=1, max_side=3)), st.data())
def test_pad_linear_ramp_end_values(a, data):
    ends = data.draw(st.one_of(st.integers(-9, 9), st.tuples(st.integers(-9, 9), st.integers(-9, 9))))
    pw = data.draw(_widths(a.ndim))
    check(lambda xp: xp.pad(xp.asarray(a), pw, "linear_ramp", end_values=ends), rtol=1e-5)


@pytest.mark.parametrize("mode", ["maximum", "minimum", "mean", "median"])
@given(a=arrays(dtypes=[numpy.dtype(d) for d in "hilfd"], shape=shapes(min_dims=1, min_side=1, max_side=5)),
       length=st.integers(1, 6) | st.tuples(st.integers(1, 6), st.integers(1, 6)))
def test_pad_stat_length(mode, a, length):
    check(lambda xp: xp.pad(xp.asarray(a), (2, 3), mode, stat_length=length), rtol=1e-5)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("mode", MODES)
def test_pad_every_dtype(dtype, mode):
    a = (numpy.arange(12).reshape(3, 4) % 5).astype(dtype)
    check(lambda xp: xp.pad(xp.asarray(a), ((1, 5), (6, 2)), mode), rtol=1e-3 if dtype.kind in "fc" else 0)


def test_pad_empty_mode_shape_and_dtype():
    for dt in ["i2", "f4", "c16"]:
        a = numpy.ones((2, 3), dtype=dt)
        got = numpy_shim.pad(numpy_shim.asarray(a), ((1, 2), (0, 3)), "empty")
        expected = numpy.pad(a, ((1, 2), (0, 3)), "empty")
        assert got.shape == expected.shape and got.dtype == expected.dtype
        assert numpy.array_equal(numpy.asarray(got)[1:3, 0:3], a)


def test_pad_callable():
    def pad_with(vector, pad_width, iaxis, kwargs):
        pad_value = kwargs.get("padder", 10)
        vector[:pad_width[0]] = pad_value
        vector[-pad_width[1]:] = pad_value

    check(lambda xp: xp.pad(xp.arange(6).reshape((2, 3)), 2, pad_with))
    check(lambda xp: xp.pad(xp.arange(6).reshape((2, 3)), 2, pad_with, padder=100))


def test_pad_width_forms():
    for pw in [{0: 2}, {1: (1, 3)}, ((1, 2),), [[1], [2]], numpy.array([[1, 2], [3, 4]])]:
        check(lambda xp: xp.pad(xp.arange(6).reshape((2, 3)), pw, "edge"))


@pytest.mark.parametrize("kwargs", [
    dict(pad_width=1.5), dict(pad_width=-1), dict(pad_width=((1, 2), (3, -4))),
    dict(pad_width=((1, 2, 3),)), dict(pad_width=1, mode="unknown"),
    dict(pad_width=1, mode="edge", constant_values=3), dict(pad_width=1, mode="maximum", stat_length=0),
    dict(pad_width=1, mode="mean", stat_length=-1), dict(pad_width=1, mode="reflect", end_values=1)])
def test_pad_errors(kwargs):
    check(lambda xp: xp.pad(xp.arange(6).reshape((2, 3)), **kwargs))


@pytest.mark.parametrize("mode", MODES)
def test_pad_empty_axis(mode):
    check(lambda xp: xp.pad(xp.zeros((0, 3)), ((1, 1), (0, 0)), mode))
    check(lambda xp: xp.pad(xp.zeros((0, 3)), ((0, 0), (1, 1)), mode))


def test_pad_under_vmap_and_grad():
    def f(t, mode):
        return numpy_shim.pad(numpy_shim.asarray(t), (2, 5), mode).tensor

    x = torch.tensor([[1.0, 4.0, 2.0], [3.0, -1.0, 0.5]], dtype=torch.float64)
    for mode in MODES:
        got = torch.func.vmap(lambda t: f(t, mode))(x)
        assert torch.allclose(got, torch.stack([f(x[0], mode), f(x[1], mode)])), mode
        g = torch.func.grad(lambda t: (f(t, mode) ** 2).sum())(x[0])
        fd = torch.stack([((f(x[0] + 1e-6 * e, mode) ** 2).sum() - (f(x[0] - 1e-6 * e, mode) ** 2).sum()) / 2e-6
                          for e in torch.eye(3, dtype=torch.float64)])
        assert torch.allclose(g, fd, atol=1e-5), mode


def test_pad_constant_value_is_differentiable():
    def f(c):
        return numpy_shim.pad(numpy_shim.ones(2), 1, constant_values=numpy_shim.asarray(c)).tensor.sum()
    g = torch.func.grad(f)(torch.tensor(3.0, dtype=torch.float64))
    assert g.item() == 2.0


@pytest.mark.parametrize("mode", ["mean", "median", "maximum", "minimum"])
def test_pad_bool_statistics_are_not_rounded(mode):
    check(lambda xp: xp.pad(xp.asarray([[True, False, False], [False, False, True]]), 2, mode))


def test_pad_keeps_fortran_order():
    def f(xp):
        a = xp.asarray(numpy.ones((3, 4), order="F"))
        return [xp.pad(a, 2, mode).flags.f_contiguous for mode in MODES]
    check(f)


@pytest.mark.parametrize("dtype", ["f2", "f4", "f8", "i2", "u1", "u8", "c8", "?"])
@pytest.mark.parametrize("ends", [-4, (3, -2), 2.5, [[1, 2], [3, 4], [5, 6]], [[1.5, 2], [3, 4], [5, 6]]])
def test_pad_linear_ramp_exact(dtype, ends):
    # NumPy computes the ramp in float64 for one or two end values (NumPy scalars) and in the
    # array's precision for a full table (Python numbers); the last bits show which
    a = (numpy.arange(24).reshape(2, 3, 4) * 7 % 5).astype(dtype)
    check(lambda xp: xp.pad(xp.asarray(a), 3, "linear_ramp", end_values=ends), rtol=0)
