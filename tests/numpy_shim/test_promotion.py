"""NEP 50 promotion against real NumPy: every dtype pair and Python scalar kind, every
binary operator (forward, reflected, in-place), NumPy scalars mixed with shim arrays,
and the dtype helpers (result_type, can_cast, finfo, ...)."""
import operator

import numpy
import pytest

import numpy_shim
from tests.differential import ALL_DTYPES, check

BINARY_OPS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv,
              operator.mod, operator.pow, operator.and_, operator.or_, operator.xor,
              operator.lshift, operator.rshift, operator.lt, operator.le, operator.gt,
              operator.ge, operator.eq, operator.ne, divmod, operator.matmul]
INPLACE = {operator.add: operator.iadd, operator.sub: operator.isub, operator.mul: operator.imul,
           operator.truediv: operator.itruediv, operator.floordiv: operator.ifloordiv,
           operator.mod: operator.imod, operator.pow: operator.ipow, operator.and_: operator.iand,
           operator.or_: operator.ior, operator.xor: operator.ixor,
           operator.lshift: operator.ilshift, operator.rshift: operator.irshift}
# Python scalars, including ints out of every integer dtype's range and beyond int64
PY_SCALARS = [True, 2, -1, 300, 2**63, 2**70, -(2**65), 1.5, float("inf"), float("nan"), 2j]


def values(dt):
    """A few values of ``dt`` that exercise signs, zero and the range ends."""
    if dt.kind == "b":
        return [True, False, True]
    if dt.kind == "u":
        return [0, 3, numpy.iinfo(dt).max]
    if dt.kind == "i":
        return [-3, 2, numpy.iinfo(dt).max]
    if dt.kind == "c":
        return [1 + 2j, -0.5, 3]
    return [1.5, -2.0, 0.0]


def _arr(xp, dt, rev=False):
    v = values(dt)
    return xp.asarray(v[::-1] if rev else v, dtype=dt)


@pytest.mark.parametrize("op", BINARY_OPS, ids=lambda f: f.__name__)
def test_array_array_every_dtype_pair(op):
    for d1 in ALL_DTYPES:
        for d2 in ALL_DTYPES:
            check(lambda xp: op(_arr(xp, d1), _arr(xp, d2, rev=True)), rtol=1e-6)


@pytest.mark.parametrize("op", BINARY_OPS, ids=lambda f: f.__name__)
def test_array_python_scalar_both_orders(op):
    for d1 in ALL_DTYPES:
        for s in PY_SCALARS:
            check(lambda xp: op(_arr(xp, d1), s), rtol=1e-6)
            check(lambda xp: op(s, _arr(xp, d1)), rtol=1e-6)


@pytest.mark.parametrize("op", list(INPLACE), ids=lambda f: f.__name__)
def test_inplace_same_kind_casting(op):
    iop = INPLACE[op]

    def run(xp, d1, other):
        a = _arr(xp, d1)
        iop(a, other(xp))
        return a

    for d1 in ALL_DTYPES:
        for d2 in ALL_DTYPES:
            check(lambda xp: run(xp, d1, lambda m: _arr(m, d2, rev=True)), rtol=1e-6)
        for s in PY_SCALARS:
            check(lambda xp: run(xp, d1, lambda m: s), rtol=1e-6)


def test_inplace_int_plus_float_raises_ufunc_type_error():
    a = numpy_shim.asarray([1, 2, 3])
    with pytest.raises(numpy._core._exceptions._UFuncOutputCastingError):
        a += 1.5
    with pytest.raises(TypeError, match="Cannot cast ufunc 'add' output"):
        a += 1.5
    assert numpy.asarray(a).tolist() == [1, 2, 3]


def test_out_of_range_python_int_raises_overflow():
    with pytest.raises(OverflowError, match="out of bounds for uint8"):
        numpy_shim.asarray([1], dtype=numpy.uint8) + 300
    check(lambda xp: xp.asarray([1], dtype=numpy.int64) + 2**64)
    check(lambda xp: xp.asarray([1.0]) + 10**400)


def test_comparison_with_out_of_range_python_int():
    for dt in [d for d in ALL_DTYPES if d.kind in "iu"]:
        for s in (2**70, -(2**70), 300, -1, 2**63):
            for op in (operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne):
                check(lambda xp: op(_arr(xp, dt), s))
                check(lambda xp: op(s, _arr(xp, dt)))


NP_SCALARS = [numpy.float32(2), numpy.float64(2.5), numpy.float16(1), numpy.int8(3),
              numpy.uint64(2**63 + 5), numpy.int64(-4), numpy.complex64(1j), numpy.bool_(True)]


@pytest.mark.parametrize("op", [operator.add, operator.sub, operator.mul, operator.truediv,
                                operator.lt, operator.eq, operator.pow], ids=lambda f: f.__name__)
def test_numpy_scalar_with_shim_array_both_orders(op):
    for s in NP_SCALARS:
        for dt in ALL_DTYPES:
            check(lambda xp: op(s, _arr(xp, dt)), rtol=1e-6)
            check(lambda xp: op(_arr(xp, dt), s), rtol=1e-6)


def test_zero_d_results_are_numpy_scalars():
    check(lambda xp: xp.asarray(2, dtype=numpy.int8) + 1)
    check(lambda xp: xp.asarray(2.0, dtype=numpy.float32) * 3.0)
    check(lambda xp: xp.add(xp.asarray(1, dtype=numpy.uint16), 2))
    assert isinstance(numpy_shim.asarray(2.0) + 1, numpy.float64)


# -- dtype helpers ----------------------------------------------------------------

def test_result_type_and_promote_types():
    for d1 in ALL_DTYPES:
        for d2 in ALL_DTYPES:
            check(lambda xp: xp.promote_types(d1, d2))
            check(lambda xp: xp.result_type(xp.asarray(values(d1), dtype=d1), d2))
        for s in (1, 1.0, 1j, True):
            check(lambda xp: xp.result_type(xp.asarray(values(d1), dtype=d1), s))
    check(lambda xp: xp.result_type(xp.asarray([1], dtype=numpy.int8), xp.asarray([1.0], dtype=numpy.float32), 3))


def test_can_cast_every_pair_and_casting():
    for d1 in ALL_DTYPES:
        for d2 in ALL_DTYPES:
            for casting in ("no", "equiv", "safe", "same_kind", "unsafe"):
                check(lambda xp: xp.can_cast(d1, d2, casting=casting))
            check(lambda xp: xp.can_cast(xp.asarray(values(d1), dtype=d1), d2))
    check(lambda xp: xp.can_cast(1, numpy.int8))  # Python scalars: TypeError in NumPy 2


def test_min_scalar_type_common_type():
    for v in (0, 255, 256, -1, 2**40, 1.5, 1e300, 1j):
        check(lambda xp: xp.min_scalar_type(v))
    check(lambda xp: xp.min_scalar_type(xp.asarray([1, 300])))
    check(lambda xp: xp.common_type(xp.asarray([1], dtype=numpy.int8), xp.asarray([1.0], dtype=numpy.float32)))
    check(lambda xp: xp.common_type(xp.asarray([1.0], dtype=numpy.float16)))


def test_finfo_iinfo_issubdtype_isdtype():
    for dt in ALL_DTYPES:
        if dt.kind in "fc":
            check(lambda xp: (xp.finfo(dt).eps, xp.finfo(dt).max, xp.finfo(dt).dtype))
            check(lambda xp: xp.finfo(xp.asarray([1], dtype=dt)).bits)
        if dt.kind in "iu":
            check(lambda xp: (xp.iinfo(dt).min, xp.iinfo(dt).max))
            check(lambda xp: xp.iinfo(xp.asarray([1], dtype=dt)).bits)
        for kind in (numpy.integer, numpy.floating, numpy.number, numpy.signedinteger, numpy.inexact):
            check(lambda xp: xp.issubdtype(dt, kind))
        for kind in ("bool", "integral", "real floating", "complex floating", "numeric"):
            check(lambda xp: xp.isdtype(dt, kind))
    check(lambda xp: xp.iinfo(xp.float64))
    check(lambda xp: xp.finfo(xp.int32))
