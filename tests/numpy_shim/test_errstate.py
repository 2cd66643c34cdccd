"""Floating-point error reporting against NumPy: the same warnings (text and order) or
FloatingPointError under numpy.errstate/seterr, for every ufunc."""
import warnings

import numpy
import pytest
from hypothesis import assume, given, settings, strategies as st

import numpy_shim

INF, NAN = float("inf"), float("nan")

# (ufunc, operands) that raise a floating-point condition in NumPy; the shim checks these
CASES = [
    ("divide", [1.0, 0.0, 1e308, 2.0], [0.0, 0.0, 1e-10, 1.0]),
    ("floor_divide", [1.0, 0.0, 5.0], [0.0, 0.0, 2.0]),
    ("remainder", [1.0, INF, 5.0], [0.0, 2.0, 2.0]),
    ("fmod", [1.0, 3.0], [0.0, 2.0]),
    ("power", [0.0, -8.0, 10.0], [-1.0, 0.5, 400.0]),
    ("float_power", [10.0, -1.0], [400.0, 0.5]),
    ("reciprocal", [0.0, 2.0],),
    ("sqrt", [-1.0, 4.0, NAN],),
    ("log", [0.0, -1.0, 1.0],),
    ("log2", [0.0, 8.0],),
    ("log10", [-1.0, 10.0],),
    ("log1p", [-1.0, -2.0, 0.5],),
    ("exp", [1000.0, 1.0],),
    ("exp2", [2000.0, 1.0],),
    ("expm1", [1000.0, 1.0],),
    ("arcsin", [2.0, 0.5],),
    ("arccos", [-2.0, 0.5],),
    ("arccosh", [0.5, 2.0],),
    ("arctanh", [1.0, 2.0, 0.5],),
]
INT_CASES = [("floor_divide", [1, 0, 7], [0, 0, 2]), ("remainder", [1, 5], [0, 2]),
             ("fmod", [1, 5], [0, 2]), ("divmod", [1, 5], [0, 2])]


def _warnings(fn):
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        result = fn()
    return result, [(w.category, str(w.message)) for w in rec]


def _args(xp, case):
    name, *ops = case
    return getattr(xp, name), [xp.asarray(o) for o in ops]


@pytest.mark.parametrize("case", CASES + INT_CASES, ids=lambda c: c[0])
def test_same_warnings_as_numpy(case):
    def run(xp):
        uf, args = _args(xp, case)
        with numpy.errstate(all="warn"):
            return _warnings(lambda: uf(*args))
    expected, exp_w = run(numpy)
    got, got_w = run(numpy_shim)
    assert got_w == exp_w
    exp_list = expected if isinstance(expected, tuple) else (expected,)
    got_list = got if isinstance(got, tuple) else (got,)
    for g, e in zip(got_list, exp_list):
        numpy.testing.assert_allclose(numpy.asarray(g), e, rtol=1e-12)
        assert numpy.asarray(g).dtype == e.dtype


@pytest.mark.parametrize("case", CASES + INT_CASES, ids=lambda c: c[0])
def test_raise_ignore_and_default_state(case):
    for mode in ("raise", "ignore"):
        outcome = {}
        for xp in (numpy, numpy_shim):
            uf, args = _args(xp, case)
            with numpy.errstate(all=mode):
                try:
                    _, w = _warnings(lambda: uf(*args))
                    outcome[xp] = ("ok", w)
                except FloatingPointError as e:
                    outcome[xp] = ("raise", str(e))
        assert outcome[numpy_shim] == outcome[numpy]


def test_errstate_is_numpys_own():
    assert numpy_shim.errstate is numpy.errstate
    assert numpy_shim.seterr is numpy.seterr and numpy_shim.geterr is numpy.geterr
    old = numpy_shim.seterr(divide="raise")
    try:
        with pytest.raises(FloatingPointError, match="divide by zero encountered in log"):
            numpy_shim.log(numpy_shim.asarray([0.0]))
    finally:
        numpy.seterr(**old)


def test_per_kind_settings():
    a = numpy_shim.asarray([0.0, -1.0])
    with numpy.errstate(divide="ignore", invalid="raise"):
        with pytest.raises(FloatingPointError, match="invalid value encountered in log"):
            numpy_shim.log(a)
    with numpy.errstate(divide="raise", invalid="ignore"):
        with pytest.raises(FloatingPointError, match="divide by zero encountered in log"):
            numpy_shim.log(a)


def test_errcall():
    calls = []
    with numpy.errstate(call=lambda kind, flag: calls.append((kind, flag)), divide="call"):
        numpy_shim.divide(numpy_shim.asarray([1.0]), 0.0)
    with numpy.errstate(call=lambda kind, flag: calls.append((kind, flag)), divide="call"):
        numpy.divide(numpy.asarray([1.0]), 0.0)
    assert calls[0] == calls[1]


def test_integer_division_by_zero_gives_zero_with_warning():
    for dt in (numpy.int8, numpy.int64, numpy.uint16, numpy.uint64):
        a = numpy.array([5, 0, 7], dtype=dt)
        b = numpy.array([0, 0, 2], dtype=dt)
        with pytest.warns(RuntimeWarning, match="divide by zero encountered in floor_divide"):
            got = numpy_shim.asarray(a) // numpy_shim.asarray(b)
        with numpy.errstate(all="ignore"):
            numpy.testing.assert_array_equal(numpy.asarray(got), a // b)
        with pytest.warns(RuntimeWarning, match="divide by zero encountered in remainder"):
            got = numpy_shim.asarray(a) % numpy_shim.asarray(b)
        with numpy.errstate(all="ignore"):
            numpy.testing.assert_array_equal(numpy.asarray(got), a % b)


SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, 3.0, -3.0, 100.0, 700.0, 1e30, -1e30, 1e300, -1e300,
           5e-324, 1e-310, INF, -INF, NAN]
FLOAT_UFUNCS = sorted(n for n in dir(numpy) if isinstance(getattr(numpy, n), numpy.ufunc)
                      and getattr(numpy, n).nin in (1, 2) and getattr(numpy_shim, n, None) is not None
                      and any(t[-1] in "efdgFD" for t in getattr(numpy, n).types)
                      and n not in ("matmul", "vecdot", "matvec", "vecmat", "ldexp", "frexp"))


def _kinds(xp, name, args):
    """The floating-point conditions NumPy's errstate sees for this call, in report order."""
    seen = []
    with numpy.errstate(all="call", call=lambda kind, flag: seen.append(kind)):
        getattr(xp, name)(*args)
    return seen


@pytest.mark.parametrize("dt", [numpy.float64, numpy.float32, numpy.float16])
@pytest.mark.parametrize("name", FLOAT_UFUNCS)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_ufunc_reports_what_numpy_reports(name, dt, data):
    uf = getattr(numpy, name)
    values = st.lists(st.sampled_from(SPECIAL), min_size=1, max_size=3)
    n = data.draw(st.integers(1, 3))
    arrays = []
    for _ in range(uf.nin):
        vals = data.draw(st.lists(st.sampled_from(SPECIAL), min_size=n, max_size=n))
        with numpy.errstate(all="ignore"):
            arrays.append(numpy.array(vals, dtype=dt))
    if name in ("power", "pow", "float_power") and any(numpy.isinf(arrays[1])):
        # NumPy's pow sets overflow for some bases raised to +-inf (1e300 ** inf) and not
        # others (2.0 ** inf); the shim reports neither
        arrays[1] = numpy.where(numpy.isinf(arrays[1]), dt(2), arrays[1])
    expected = _kinds(numpy, name, arrays)
    got = _kinds(numpy_shim, name, [numpy_shim.asarray(a) for a in arrays])
    # NumPy reports each kind once per call; the shim too. Underflow (ignored by default)
    # is checked for the ufuncs that can underflow, tested below.
    assert [k for k in got if k != "underflow"] == [k for k in expected if k != "underflow"]


@pytest.mark.parametrize("name", ["add", "subtract", "multiply", "absolute", "square", "sqrt", "exp", "log"])
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_complex_ufuncs_report_what_numpy_reports(name, data):
    # nan inputs excluded: NumPy's complex kernels raise invalid from nan operands in ways
    # that depend on the formula (the shim reports nan results of non-nan inputs only)
    finite_or_inf = [v for v in SPECIAL if v == v]
    uf = getattr(numpy, name)
    arrays = []
    for _ in range(uf.nin):
        re = data.draw(st.lists(st.sampled_from(finite_or_inf), min_size=2, max_size=2))
        im = data.draw(st.lists(st.sampled_from(finite_or_inf), min_size=2, max_size=2))
        with numpy.errstate(all="ignore"):
            arrays.append(numpy.array(re) + 1j * numpy.array(im))
    with numpy.errstate(all="ignore"):
        expected = _kinds(numpy, name, arrays)
    got = _kinds(numpy_shim, name, [numpy_shim.asarray(a) for a in arrays])
    if name not in ("add", "subtract", "absolute", "sqrt"):
        # multiply/square/exp/log of complex infinities: NumPy's formulas raise invalid
        # from inf - inf inside; compare only when no inf is involved
        assume(all(numpy.isfinite(a).all() for a in arrays))
    assert [k for k in got if k != "underflow"] == [k for k in expected if k != "underflow"]


TINY, MAX = numpy.finfo(numpy.float64).tiny, numpy.finfo(numpy.float64).max


@pytest.mark.parametrize("expr, flagged", [
    (lambda xp: xp.asarray([TINY]) * xp.asarray([TINY]), True),
    (lambda xp: xp.asarray([TINY]) / xp.asarray([MAX]), True),
    (lambda xp: xp.exp(xp.asarray([-1000.0])), True),
    (lambda xp: xp.exp2(xp.asarray([-2000.0], dtype=numpy.float32)), True),
    (lambda xp: xp.exp(xp.asarray([-17.5], dtype=numpy.float16)), True),
    (lambda xp: xp.asarray([0.5]) ** xp.asarray([2000.0]), True),
    (lambda xp: xp.exp(xp.asarray([-INF, 0.0])), False),
    (lambda xp: xp.asarray([5e-324]) * xp.asarray([1.0]), False),
    (lambda xp: xp.asarray([5e-324]) + xp.asarray([5e-324]), False),
    (lambda xp: xp.asarray([0.0]) * xp.asarray([TINY]), False),
    (lambda xp: xp.asarray([2.0 ** -1000]) / xp.asarray([2.0 ** 60]), False),
])
def test_underflow_when_asked(expr, flagged):
    for xp in (numpy, numpy_shim):
        with numpy.errstate(under="raise"):
            if flagged:
                with pytest.raises(FloatingPointError, match="underflow encountered"):
                    expr(xp)
            else:
                expr(xp)
    with numpy.errstate(under="warn"):
        _, w = _warnings(lambda: expr(numpy_shim))
        assert bool(w) == flagged


def test_where_limits_reporting_to_computed_elements():
    a, b = numpy.array([1e308, 1.0]), numpy.array([1e308, 2.0])
    mask = numpy.array([False, True])
    for xp in (numpy, numpy_shim):
        with numpy.errstate(all="raise"):
            xp.add(xp.asarray(a), xp.asarray(b), where=xp.asarray(mask), out=xp.zeros(2))
            with pytest.raises(FloatingPointError, match="overflow encountered in add"):
                xp.add(xp.asarray(a), xp.asarray(b), where=xp.asarray(~mask), out=xp.zeros(2))


def test_operators_and_matmul_report_overflow():
    big = numpy.array([[1e308]])
    for xp in (numpy, numpy_shim):
        with numpy.errstate(all="raise"):
            for op, word in ((lambda a: a + a, "add"), (lambda a: a * 10.0, "multiply"),
                             (lambda a: -a - a, "subtract"), (lambda a: a @ (a * 0 + 10), "matmul")):
                with pytest.raises(FloatingPointError, match=f"overflow encountered in {word}"):
                    op(xp.asarray(big))


def test_ignore_skips_the_check():
    with numpy.errstate(all="ignore"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert float(numpy_shim.add(numpy_shim.asarray([1e308]), 1e308)[0]) == INF


def test_no_warning_for_clean_inputs():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        numpy_shim.log(numpy_shim.asarray([1.0, 2.0]))
        numpy_shim.divide(numpy_shim.asarray([1.0]), 2.0)
        numpy_shim.sqrt(numpy_shim.asarray([NAN, INF]))       # nan/inf in: nothing new
        numpy_shim.exp(numpy_shim.asarray([INF]))


def test_operators_report_like_ufuncs():
    for op in (lambda a, b: a / b, lambda a, b: a // b, lambda a, b: a % b, lambda a, b: a ** b):
        for b in (0.0, -1.0):
            def run(xp):
                with numpy.errstate(all="warn"):
                    return _warnings(lambda: op(xp.asarray([1.0, 0.0, -2.0]), b))[1]
            assert run(numpy_shim) == run(numpy)


def test_integer_division_overflow_and_method_names():
    def run(xp):
        with numpy.errstate(all="warn"):
            a = xp.asarray(numpy.array([-128, 5, 7], dtype=numpy.int8))
            b = xp.asarray(numpy.array([-1, 0, 2], dtype=numpy.int8))
            w1 = _warnings(lambda: a // b)
            w2 = _warnings(lambda: xp.divmod(a, b))
            w3 = _warnings(lambda: xp.floor_divide.reduce(xp.asarray(numpy.arange(-3, 3, dtype=numpy.int16))))
            w4 = _warnings(lambda: xp.divide.accumulate(xp.asarray([1.0, 0.0, 2.0])))
        return [numpy.asarray(w1[0]), w1[1], w2[1], w3[1], w4[1]]
    got, expected = run(numpy_shim), run(numpy)
    numpy.testing.assert_array_equal(got[0], expected[0])
    assert got[1:] == expected[1:]


@pytest.mark.parametrize("dt", [numpy.float16, numpy.float32, numpy.complex64])
def test_python_number_overflowing_the_loop_dtype_warns_in_cast(dt):
    for s in (1e300, 10**40, 70000.0):
        def run(xp):
            with numpy.errstate(all="warn"):
                return _warnings(lambda: xp.asarray([1.0], dtype=dt) + s)
        (g, gw), (e, ew) = run(numpy_shim), run(numpy)
        assert gw == ew
        numpy.testing.assert_array_equal(numpy.asarray(g), e)


@pytest.mark.parametrize("expr", [
    lambda xp: xp.sum(xp.asarray([1e308, 1e308])),
    lambda xp: xp.asarray([[1e308, 1e308]]).sum(axis=1),
    lambda xp: xp.prod(xp.asarray([1e308, 1e308])),
    lambda xp: xp.cumsum(xp.asarray([1e308, 1e308])),
    lambda xp: xp.add.reduce(xp.asarray([INF, -INF])),
    lambda xp: xp.mean(xp.asarray([1e308, 1e308])),
    lambda xp: xp.var(xp.asarray([1e200, -1e200])),
    lambda xp: xp.std(xp.asarray([1e200, -1e200])),
    lambda xp: xp.sum(xp.asarray([INF, 1.0])),
], ids=["sum", "sum-axis", "prod", "cumsum", "add.reduce", "mean", "var", "std", "sum-inf-in"])
def test_reductions_report_like_numpy(expr):
    got = _warnings(lambda: expr(numpy_shim))[1]
    expected = _warnings(lambda: expr(numpy))[1]
    assert got == expected


@pytest.mark.parametrize("value, dtype", [
    (1e20, "i8"), (300.0, "i1"), (-1.0, "u1"), (NAN, "i4"), (INF, "u8"), (1e10, "i4"),
    (70000.0, "f2"), (1e300, "f4"), (NAN, "f4"), (INF, "f4"), (2e300 + 0j, "c8"), (2e300, "c8"),
    (NAN, "?"), (1e300, "i2"), (3e9, "u4"), (-1.5, "u8"), (1e19, "u8"), (2.0 ** 63, "i8"),
    (-(2.0 ** 63), "i8"), (70000, "f2"), (complex(INF, 0), "b"),
])
def test_casts_report_like_numpy(value, dtype):
    """NumPy's "overflow/invalid value encountered in cast" from astype, setitem, fill, copyto."""
    def ops(xp):
        def astype():
            xp.asarray([value, value, value]).astype(dtype)

        def strided_astype():
            xp.full((5, 5, 5), value)[:, ::2, :].astype(dtype)

        def setitem():
            xp.empty(3, dtype=dtype)[[0, 1]] = xp.asarray([value, value])

        def copyto():
            xp.copyto(xp.empty(3, dtype=dtype), xp.asarray([value] * 3), casting="unsafe",
                      where=[True, False, True])
        return astype, strided_astype, setitem, copyto
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", numpy.exceptions.ComplexWarning)
        for expected, got in zip(ops(numpy), ops(numpy_shim)):
            assert _warnings(got)[1] == _warnings(expected)[1]


@pytest.mark.parametrize("dtype, value", [("f4", 1e100), ("f4", -1e39), ("f4", INF), ("f2", 1e10)])
def test_scalar_assignment_overflowing_the_dtype_warns_in_cast(dtype, value):
    def run(xp):
        a = xp.zeros(3, dtype=dtype)
        a[0] = value
        a[1:] = value
        return a
    (g, gw), (e, ew) = _warnings(lambda: run(numpy_shim)), _warnings(lambda: run(numpy))
    assert gw == ew
    numpy.testing.assert_array_equal(numpy.asarray(g), e)


@pytest.mark.parametrize("dt", [numpy.float16, numpy.float32, numpy.float64])
def test_nextafter_off_the_largest_value_overflows(dt):
    big = numpy.finfo(dt).max
    for x, y in ((big, INF), (-big, -INF), (big, -INF), (INF, 0.0), (0.0, NAN)):
        args = (numpy.asarray([x], dtype=dt), numpy.asarray([y], dtype=dt))
        expected = _kinds(numpy, "nextafter", args)
        assert _kinds(numpy_shim, "nextafter", [numpy_shim.asarray(a) for a in args]) == expected


@pytest.mark.parametrize("a, b", [([1e308, 1.0], [10.0, 1.0]), ([[INF]], [[0.0]]),
                                  ([INF, 1e308], [0.0, 10.0]), ([1.0, 2.0], [3.0, 4.0])])
def test_dot_reports_like_numpy(a, b):
    for fn in ("dot", "inner"):
        got = _warnings(lambda: getattr(numpy_shim, fn)(numpy_shim.asarray(a), numpy_shim.asarray(b)))[1]
        assert got == _warnings(lambda: getattr(numpy, fn)(numpy.asarray(a), numpy.asarray(b)))[1]
