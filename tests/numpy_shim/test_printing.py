"""repr/str and the array2string family: byte-identical to NumPy, print options are NumPy's."""
import numpy
import numpy_shim
import pytest
import torch
from hypothesis import given, strategies as st

from differential import ALL_DTYPES, arrays, shapes


def same_text(fn, a):
    assert fn(numpy_shim, numpy_shim.asarray(a)) == fn(numpy, a)


@given(a=arrays(shape=shapes(max_dims=4)))
def test_repr_str(a):
    same_text(lambda xp, x: repr(x), a)
    same_text(lambda xp, x: str(x), a)


@given(a=arrays(shape=shapes(max_dims=2)), precision=st.integers(0, 8), suppress=st.booleans(),
       width=st.integers(20, 120))
def test_array_repr_str_arguments(a, precision, suppress, width):
    same_text(lambda xp, x: xp.array_repr(x, width, precision, suppress), a)
    same_text(lambda xp, x: xp.array_str(x, width, precision, suppress), a)


@given(a=arrays(shape=shapes(max_dims=2)), sep=st.sampled_from([" ", ", ", ";"]),
       sign=st.sampled_from(["-", "+", " "]), floatmode=st.sampled_from(["fixed", "unique", "maxprec",
                                                                         "maxprec_equal"]))
def test_array2string(a, sep, sign, floatmode):
    same_text(lambda xp, x: xp.array2string(x, separator=sep, sign=sign, floatmode=floatmode), a)
    same_text(lambda xp, x: xp.array2string(x, prefix="arr(", suffix=")", max_line_width=30), a)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("shape", [(), (0,), (3,), (2, 0), (2, 3), (1, 2, 2)])
def test_every_dtype_and_shape(dtype, shape):
    a = (numpy.arange(int(numpy.prod(shape))) - 2).reshape(shape).astype(dtype)
    same_text(lambda xp, x: repr(x), a)
    same_text(lambda xp, x: str(x), a)


def test_special_values():
    for a in [numpy.array([numpy.nan, numpy.inf, -numpy.inf, 0.0, -0.0]), numpy.array([1e-20, 1e20]),
              numpy.array([1 + numpy.nan * 1j, 2j]), numpy.array([2 ** 64 - 1], dtype="u8"),
              numpy.array([65504, 1e-7], dtype="f2"), numpy.array([1.5], dtype="f4")]:
        same_text(lambda xp, x: repr(x), a)


def test_printoptions_are_numpys_state():
    a = numpy.linspace(0, 1, 2000)
    with numpy_shim.printoptions(precision=2, threshold=10, edgeitems=2):
        shim = repr(numpy_shim.asarray(a))
        assert numpy.get_printoptions()["precision"] == 2  # the same state NumPy reads
        assert shim == repr(a)
    with numpy.printoptions(suppress=True, linewidth=40):
        same_text(lambda xp, x: repr(x), numpy.array([1e-9, 1.5, 3.0]))
    old = numpy_shim.get_printoptions()
    try:
        numpy_shim.set_printoptions(legacy="1.13")
        same_text(lambda xp, x: repr(x), numpy.array([1.0, 2.5]))
    finally:
        numpy_shim.set_printoptions(**old)
    assert numpy_shim.get_printoptions() == numpy.get_printoptions()


def test_format_float_functions():
    assert numpy_shim.format_float_positional(numpy.float32(0.1)) == "0.1"
    assert numpy_shim.format_float_scientific(1.5e-10, precision=2) == numpy.format_float_scientific(
        1.5e-10, precision=2)


def test_print_views_and_non_contiguous():
    a = numpy.arange(24.0).reshape(2, 3, 4)
    same_text(lambda xp, x: repr(x.T), a)
    same_text(lambda xp, x: repr(x[:, ::2, 1:]), a)
    same_text(lambda xp, x: str(x[::-1]), a)


def test_numpy_fallback_arrays_print_as_numpy():
    assert repr(numpy_shim.array(["a", "bc"])) == repr(numpy.array(["a", "bc"]))


def test_printing_under_transforms():
    seen = []

    def f(x):
        a = numpy_shim.asarray(x)
        seen.append(repr(a * 2))  # under grad values exist: NumPy's text
        return a.sum().tensor

    torch.func.grad(f)(torch.tensor([1.0, 2.0], dtype=torch.float64))
    assert seen == ["array([2., 4.])"]

    def g(x):
        seen.append(repr(numpy_shim.asarray(x)))  # under vmap no single value exists
        seen.append(numpy_shim.array2string(numpy_shim.asarray(x)))
        return x

    torch.func.vmap(g)(torch.ones(3, 2))
    assert all(s.startswith("<traced numpy_shim array") and "shape=(2,)" in s for s in seen[-2:])


def test_repr_of_autograd_array():
    x = torch.tensor([1.5, 2.0], requires_grad=True)
    assert repr(numpy_shim.asarray(x) * 1) == "array([1.5, 2. ], dtype=float32)"
