"""Python operators on shim arrays against real NumPy: broadcasting, reflected and in-place
forms, comparisons, unary operators, and the fast paths (which must agree with the ufuncs)."""
import operator

import numpy
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import numpy_shim
from tests.differential import ALL_DTYPES, check
from tests.numpy_shim.test_ufuncs import elements, tol

OPS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv, operator.mod,
       operator.pow, operator.and_, operator.or_, operator.xor, operator.lshift, operator.rshift,
       operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne, divmod]
UNARY = [operator.neg, operator.pos, operator.abs, operator.invert]


@st.composite
def operand_pair(draw):
    d1 = draw(st.sampled_from(ALL_DTYPES))
    d2 = draw(st.sampled_from([d1] * 3 + ALL_DTYPES))  # same dtype often: the fast path
    shp = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=3))
    a = draw(hnp.arrays(d1, shp.input_shapes[0], elements=elements(d1)))
    b = draw(hnp.arrays(d2, shp.input_shapes[1], elements=elements(d2)))
    return a, b


def _tol(a, b):
    dt = numpy.result_type(a, b)
    return tol(dt if dt.kind in "fc" else numpy.float64)


@pytest.mark.parametrize("op", OPS, ids=lambda f: f.__name__)
@given(pair=operand_pair())
@settings(max_examples=20)  # many parametrizations: keep the suite's time down
def test_binary_operator_broadcasting(op, pair):
    a, b = pair
    rtol, atol = _tol(a, b)
    check(lambda xp: op(xp.asarray(a), xp.asarray(b)), rtol=rtol, atol=atol)
    check(lambda xp: op(xp.asarray(a), b[()] if b.ndim == 0 else xp.asarray(b)), rtol=rtol, atol=atol)


@pytest.mark.parametrize("op", OPS, ids=lambda f: f.__name__)
@given(pair=operand_pair(), scalar=st.sampled_from([0, 1, -2, 7, 2.5, -0.0, float("nan"), True, 1j]))
@settings(max_examples=20)  # many parametrizations: keep the suite's time down
def test_operator_with_python_scalar(op, pair, scalar):
    a = pair[0]
    check(lambda xp: op(xp.asarray(a), scalar), rtol=1e-3, atol=1e-3)
    check(lambda xp: op(scalar, xp.asarray(a)), rtol=1e-3, atol=1e-3)


INPLACE = [(operator.iadd, "add"), (operator.isub, "sub"), (operator.imul, "mul"),
           (operator.itruediv, "truediv"), (operator.ifloordiv, "floordiv"), (operator.imod, "mod"),
           (operator.ipow, "pow"), (operator.iand, "and"), (operator.ior, "or"), (operator.ixor, "xor"),
           (operator.ilshift, "lshift"), (operator.irshift, "rshift")]


@pytest.mark.parametrize("iop", [i for i, _ in INPLACE], ids=[n for _, n in INPLACE])
@given(pair=operand_pair())
@settings(max_examples=20)  # many parametrizations: keep the suite's time down
def test_inplace_operator(iop, pair):
    a, b = pair

    def run(xp):
        x = xp.asarray(a.copy())
        y = iop(x, xp.asarray(b))
        assert y is x
        return x
    rtol, atol = _tol(a, b)
    check(run, rtol=rtol, atol=atol)


def test_inplace_writes_through_views():
    base = numpy_shim.arange(6.0)
    v = base[1:4]
    v += 10
    assert numpy.asarray(base).tolist() == [0.0, 11.0, 12.0, 13.0, 4.0, 5.0]
    v *= numpy_shim.asarray([1.0, 0.0, 2.0])
    assert numpy.asarray(base).tolist() == [0.0, 11.0, 0.0, 26.0, 4.0, 5.0]


@pytest.mark.parametrize("op", UNARY, ids=lambda f: f.__name__)
def test_unary_operators(op):
    for dt in ALL_DTYPES:
        a = numpy.array([0, 1, 2, 3], dtype=dt) if dt.kind != "b" else numpy.array([True, False])
        check(lambda xp: op(xp.asarray(a)))
        check(lambda xp: op(xp.asarray(a)[0]))


def test_matmul_operator():
    for dt in ALL_DTYPES:
        a = numpy.arange(6).reshape(2, 3).astype(dt)
        b = numpy.arange(3).astype(dt)
        rtol, atol = tol(dt)
        check(lambda xp: xp.asarray(a) @ xp.asarray(b), rtol=rtol, atol=atol)
        check(lambda xp: xp.asarray(b) @ xp.asarray(a.T.copy()), rtol=rtol, atol=atol)
    check(lambda xp: xp.asarray([1, 2]) @ xp.asarray([1, 2, 3]))
    check(lambda xp: xp.asarray([1.0, 2.0]) @ 2.0)

    def imatmul(xp):
        x = xp.eye(2)
        x @= xp.asarray([[1.0, 2.0], [3.0, 4.0]])
        return x
    check(imatmul)


def test_results_are_scalars_for_zero_d():
    check(lambda xp: xp.asarray(3) + xp.asarray(4))
    check(lambda xp: xp.asarray(3.0) < xp.asarray(4.0))
    check(lambda xp: -xp.asarray(3, dtype=numpy.int8))
    check(lambda xp: divmod(xp.asarray(7), 2))


def test_comparison_with_foreign_objects():
    check(lambda xp: xp.asarray([1, 2]) == "a")
    check(lambda xp: xp.asarray([1, 2]) != None)  # noqa: E711
    check(lambda xp: xp.asarray([1, 2]) < "a")
    check(lambda xp: xp.asarray([1, 2]) == [1, 3])
    check(lambda xp: xp.asarray([1, 2]) + [1, 3])
    check(lambda xp: [1, 3] - xp.asarray([1, 2]))
    check(lambda xp: (1, 3) * xp.asarray([1, 2]))


def test_errors():
    check(lambda xp: xp.asarray([1, 2]) + xp.asarray([1, 2, 3]))
    check(lambda xp: xp.asarray([True]) - xp.asarray([True]))
    check(lambda xp: -xp.asarray([True]))
    check(lambda xp: ~xp.asarray([1.5]))
    check(lambda xp: xp.asarray([2]) ** -1)
    check(lambda xp: xp.asarray([1.5]) << 1)
    check(lambda xp: pow(xp.asarray([2]), 2, 3))


def test_bool_power_two_is_square():
    check(lambda xp: xp.asarray([True, False]) ** 2)
    check(lambda xp: xp.asarray([True, False]) ** 3)


def test_operators_defer_to_objects_that_opt_out():
    class Other:
        __array_ufunc__ = None

        def __radd__(self, other):
            return "radd"

        def __rlt__(self, other):
            return "rlt"

    assert numpy_shim.asarray([1]) + Other() == "radd"
    with pytest.raises(TypeError):
        numpy_shim.asarray([1]) - Other()


def test_equality_with_no_common_dtype_is_elementwise_false():
    for other in (numpy.array("s"), numpy.array(["a", "b", "c"])):
        for op in (lambda a, b: a == b, lambda a, b: a != b):
            for a in (numpy.array(1), numpy.arange(3)):
                expected = op(a, other)
                got = op(numpy_shim.asarray(a), other)
                assert type(got) is (type(expected) if numpy.ndim(expected) == 0 else numpy_shim.ndarray)
                numpy.testing.assert_array_equal(numpy.asarray(got), expected)


class _HighPriority:
    """Not an array, no __array_ufunc__, a high __array_priority__: NumPy defers to it."""
    __array_priority__ = 1000.0

    def _all(self, other):
        return "deferred"

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __pow__ = __rpow__ = _all
    __eq__ = __ne__ = __lt__ = __gt__ = _all


@pytest.mark.parametrize("op", [operator.add, operator.sub, operator.mul, operator.pow,
                                operator.eq, operator.lt, operator.gt])
def test_operators_defer_to_higher_array_priority(op):
    for xp in (numpy, numpy_shim):
        a = xp.asarray([1, 2])
        assert op(a, _HighPriority()) == "deferred"
        assert op(_HighPriority(), a) == "deferred"


def test_low_priority_objects_are_operands():
    class Low:
        __array_priority__ = -1.0

        def __radd__(self, other):
            return "deferred"
    expected = numpy.asarray([1.0]) + Low()  # an object array of elementwise __radd__ results
    got = numpy_shim.asarray([1.0]) + Low()  # object dtype: NumPy computes it (a counted fallback)
    assert got.dtype == expected.dtype and list(got) == list(expected)
