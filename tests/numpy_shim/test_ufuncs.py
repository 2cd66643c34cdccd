"""Every ufunc against real NumPy: values (NaN/inf/-0.0 included), dtypes and errors for
every dtype, broadcasting, out=/where=/dtype=/casting=/signature=, and the methods
reduce, accumulate, outer, at and reduceat."""
import numpy
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import numpy_shim
from numpy_shim._ufunc_table import UFUNCS
from tests.differential import ALL_DTYPES, check, shapes

GUFUNCS = {"matmul", "vecdot", "matvec", "vecmat"}
ELEMENTWISE = [u.__name__ for u in UFUNCS if u.__name__ not in GUFUNCS]
EDGES = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1.0, -1.0, 0.5]


def elements(dt):
    """Values of ``dt``: whole range for integers, moderate floats plus the IEEE edge cases
    (torch and NumPy differ by ulps on huge arguments of transcendental functions)."""
    if dt.kind in "biu":
        return None
    width = dt.itemsize * 8 // (2 if dt.kind == "c" else 1)
    fl = st.floats(-50, 50, width=width) | st.sampled_from(EDGES)
    if dt.kind == "c":
        return st.builds(complex, fl, fl)
    return fl


def tol(dt):
    """(rtol, atol) for comparing a result of dtype ``dt`` with NumPy's."""
    dt = numpy.dtype(dt)
    if dt.kind not in "fc":
        return 0, 0
    return {2: (2e-3, 2e-3), 4: (2e-5, 1e-5), 8: (2e-5, 1e-5), 16: (1e-9, 1e-12)}[dt.itemsize]


def same_dtype_arrays(n, dtypes=ALL_DTYPES):
    """``n`` NumPy arrays of one dtype, mutually broadcastable shapes (0-d and empty too)."""
    @st.composite
    def build(draw):
        dt = draw(st.sampled_from(dtypes))
        shp = draw(hnp.mutually_broadcastable_shapes(num_shapes=n, min_dims=0, max_dims=3, max_side=4))
        return [draw(hnp.arrays(dt, s, elements=elements(dt))) for s in shp.input_shapes]
    return build()


def _parts(r):
    """Complex results as (real, imag): NumPy's assert_allclose demands bit equality next to
    an infinite part, where torch and NumPy may differ by an ulp."""
    if isinstance(r, tuple):
        return tuple(_parts(x) for x in r)
    if numpy.asarray(r).dtype.kind == "c":
        return (r.real, r.imag)
    return r


def _call(name, arrays, **kw):
    return lambda xp: _parts(getattr(xp, name)(*[xp.asarray(a) for a in arrays], **kw))


def _out_tol(name, arrays):
    with numpy.errstate(all="ignore"):
        try:
            r = getattr(numpy, name)(*arrays)
        except Exception:
            return 0, 0
    r = r[0] if isinstance(r, tuple) else r
    return tol(numpy.asarray(r).dtype)


@pytest.mark.parametrize("name", ELEMENTWISE)
@given(data=st.data())
@settings(max_examples=20)  # many parametrizations: keep the suite's time down
def test_ufunc_matches_numpy_every_dtype(name, data):
    uf = getattr(numpy, name)
    arrays = data.draw(same_dtype_arrays(uf.nin))
    rtol, atol = _out_tol(name, arrays)
    check(_call(name, arrays), rtol=rtol, atol=atol)


@pytest.mark.parametrize("name", [u for u in ELEMENTWISE if getattr(numpy, u).nin == 2])
@given(data=st.data())
@settings(max_examples=20)  # many parametrizations: keep the suite's time down
def test_binary_ufunc_mixed_dtypes(name, data):
    d1 = data.draw(st.sampled_from(ALL_DTYPES))
    d2 = data.draw(st.sampled_from(ALL_DTYPES))
    a = data.draw(hnp.arrays(d1, shapes(max_dims=2), elements=elements(d1)))
    b = data.draw(hnp.arrays(d2, a.shape, elements=elements(d2)))
    rtol, atol = _out_tol(name, [a, b])
    check(_call(name, [a, b]), rtol=rtol, atol=atol)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_ieee_edge_values(name):
    uf = getattr(numpy, name)
    for dt in ("e", "f", "d", "F", "D"):
        vals = numpy.array(EDGES + [2.5, -3.5, 1e30 if dt != "e" else 6e4], dtype=dt)
        if dt in "FD":
            vals = numpy.array([complex(r, i) for r, i in zip(vals.real, numpy.roll(vals, 3).real)], dtype=dt)
        args = [vals, numpy.roll(vals, 1)][:uf.nin]
        rtol, atol = tol(dt)
        check(_call(name, args), rtol=rtol, atol=atol)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_python_scalars_and_zero_d(name):
    uf = getattr(numpy, name)
    for s in (3, 2.5, -1, True):
        args = [s] * uf.nin
        check(lambda xp: getattr(xp, name)(*args), rtol=1e-6, atol=1e-9)
        check(lambda xp: getattr(xp, name)(*[xp.asarray(s)] * uf.nin), rtol=1e-6, atol=1e-9)


# -- gufuncs --------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(GUFUNCS))
def test_gufuncs(name):
    for dt in ALL_DTYPES:
        a = numpy.arange(12).reshape(3, 4).astype(dt)
        b = numpy.arange(4).astype(dt)
        m = numpy.arange(12).reshape(4, 3).astype(dt)
        rtol, atol = tol(dt)
        for x, y in ((a, b), (b, a.T.copy()), (a, m), (b, b), (a, a)):
            check(_call(name, [x, y]), rtol=rtol, atol=atol)
    check(_call("matmul", [numpy.ones(3), numpy.ones(4)]))
    check(_call("matmul", [numpy.ones(()), numpy.ones(4)]))


# -- keyword arguments ----------------------------------------------------------------

def test_out_argument():
    def run(xp, name, args, out_dt, nout=1):
        outs = tuple(xp.zeros(3, dtype=out_dt) for _ in range(nout))
        r = getattr(xp, name)(*[xp.asarray(a) for a in args], out=outs if nout > 1 else outs[0])
        return r, outs
    a, b = numpy.array([1.5, -2.0, 3.0]), numpy.array([2.0, 0.5, -1.0])
    check(lambda xp: run(xp, "add", [a, b], numpy.float64))
    check(lambda xp: run(xp, "add", [a, b], numpy.float32))          # same_kind: allowed
    check(lambda xp: run(xp, "add", [a, b], numpy.int64))            # same_kind: UFuncTypeError
    check(lambda xp: run(xp, "divmod", [a, b], numpy.float64, 2))    # tuple out
    check(lambda xp: run(xp, "modf", [a], numpy.float64, 2))
    check(lambda xp: run(xp, "less", [a, b], numpy.int8))
    check(lambda xp: xp.add(xp.asarray(a), 1, xp.zeros(3)))          # positional out
    check(lambda xp: xp.add(xp.asarray(a), 1, out=(xp.zeros(3),)))
    check(lambda xp: xp.add(xp.asarray(a), 1, out=xp.zeros(4)))       # shape mismatch
    check(lambda xp: xp.add(xp.asarray([1.0]), 1, out=xp.zeros((2, 3))))  # out broadcasts
    check(lambda xp: xp.negative(xp.asarray(a), out=xp.zeros(3, dtype=numpy.int64), casting="unsafe"))


@pytest.mark.parametrize("out_dtype", ["<f8", ">f8", "f4", "i8"])
def test_out_real_numpy_array(out_dtype):
    # a real NumPy out= (NumPy's dispatch hands those over): casting checked, written in place
    a, b = numpy.array([1.5, -2.0, 3.0]), numpy.array([2.0, 0.5, -1.0])

    def run(xp, **kw):
        o = numpy.full(3, 7, dtype=out_dtype)
        r = xp.add(xp.asarray(a), xp.asarray(b), out=o, **kw)
        return r is o, o.tolist(), o.dtype.str
    check(lambda xp: run(xp))
    check(lambda xp: run(xp, casting="unsafe"))
    check(lambda xp: run(xp, where=numpy.array([True, False, True]), casting="unsafe"))

    def tup(xp):
        outs = (numpy.zeros(3, dtype=out_dtype), numpy.zeros(3, dtype=out_dtype))
        r = xp.divmod(xp.asarray(a), xp.asarray(b), out=outs, casting="unsafe")
        return r[0] is outs[0] and r[1] is outs[1], [o.tolist() for o in outs]
    check(tup)


def test_out_is_returned_and_written_in_place():
    a = numpy_shim.asarray([1.0, 2.0])
    out = numpy_shim.zeros(2)
    r = numpy_shim.multiply(a, 3, out=out)
    assert r is out
    assert numpy.asarray(out).tolist() == [3.0, 6.0]
    view = numpy_shim.zeros(4)[::2]
    numpy_shim.add(a, 1, out=view)
    assert numpy.asarray(view.base).tolist() == [2.0, 0.0, 3.0, 0.0]


def test_where_argument():
    a, b = numpy.array([1.0, 2.0, 3.0]), numpy.array([10.0, 20.0, 30.0])
    mask = numpy.array([True, False, True])
    check(lambda xp: xp.add(xp.asarray(a), xp.asarray(b), out=xp.full(3, -1.0), where=xp.asarray(mask)))
    check(lambda xp: xp.sqrt(xp.asarray(a), out=xp.full(3, -1.0), where=[False, True, False]))
    check(lambda xp: xp.add(xp.asarray(a), 1, out=xp.zeros((2, 3)), where=xp.asarray([[True], [False]])))
    check(lambda xp: xp.negative(xp.asarray(a), where=True))


def test_dtype_casting_signature_arguments():
    a = numpy.array([1, 2, 3], dtype=numpy.int16)
    check(lambda xp: xp.add(xp.asarray(a), 1, dtype=numpy.float32))
    check(lambda xp: xp.add(xp.asarray(a), 1.5, dtype=numpy.int16))           # same_kind refuses
    check(lambda xp: xp.add(xp.asarray(a), 1.5, dtype=numpy.int16, casting="unsafe"))
    check(lambda xp: xp.add(xp.asarray(a), xp.asarray(a), casting="no"))
    check(lambda xp: xp.add(xp.asarray(a), 1.0, casting="safe"))
    check(lambda xp: xp.add(xp.asarray(a), 1, casting="bogus"))
    check(lambda xp: xp.add(xp.asarray(a), 1, signature=(None, None, numpy.float64)))
    check(lambda xp: xp.add(xp.asarray(a), 1, signature="dd->d"))
    check(lambda xp: xp.sqrt(xp.asarray(a), dtype=numpy.float32))
    check(lambda xp: xp.sqrt(xp.asarray(a), dtype=numpy.int16))                # no such loop
    check(lambda xp: xp.add(xp.asarray(a), 1, bogus=1))
    check(lambda xp: xp.add(xp.asarray(a)))


def test_no_loop_errors():
    check(lambda xp: xp.bitwise_and(xp.asarray([1.0]), xp.asarray([2.0])))
    check(lambda xp: xp.sin(xp.asarray([1j], dtype=numpy.complex64)).dtype)
    check(lambda xp: xp.isnan(xp.asarray([1, 2])))
    check(lambda xp: xp.left_shift(xp.asarray([1.5]), 1))
    check(lambda xp: xp.add(xp.asarray([1, 2]), xp.asarray([1, 2, 3])))


# -- attributes -------------------------------------------------------------------

def test_every_numpy_ufunc_exists_with_numpy_attributes():
    names = [n for n in dir(numpy) if isinstance(getattr(numpy, n), numpy.ufunc)]
    for n in names:
        if n == "isnat":  # datetime64 only: NumPy's own, through the fallback
            continue
        ours, theirs = getattr(numpy_shim, n), getattr(numpy, n)
        assert isinstance(ours, numpy_shim.ufunc), n
        for attr in ("nin", "nout", "nargs", "ntypes", "types", "__name__", "signature"):
            assert getattr(ours, attr) == getattr(theirs, attr), (n, attr)
        if theirs.identity is None:
            assert ours.identity is None
        else:
            assert ours.identity == theirs.identity and type(ours.identity) is type(theirs.identity)
    assert repr(numpy_shim.add) == "<ufunc 'add'>"


# -- methods ----------------------------------------------------------------------

REDUCIBLE = ["add", "multiply", "maximum", "minimum", "fmax", "fmin", "logical_and", "logical_or",
             "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor", "subtract", "divide",
             "gcd", "lcm", "hypot", "logaddexp"]


@pytest.mark.parametrize("name", REDUCIBLE)
@given(data=st.data())
@settings(max_examples=20)  # many parametrizations: keep the suite's time down
def test_reduce(name, data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    a = data.draw(hnp.arrays(dt, shapes(max_dims=3), elements=elements(dt)))
    axis = data.draw(st.sampled_from([None, 0, -1, (0, -1), ()]) if a.ndim else st.sampled_from([None, ()]))
    keepdims = data.draw(st.booleans())
    with numpy.errstate(all="ignore"):
        try:
            res_dt = numpy.asarray(getattr(numpy, name).reduce(a, axis=axis)).dtype
        except Exception:
            res_dt = dt
    rtol, atol = tol(res_dt)
    rtol, atol = rtol * 10, atol * 10  # summation order differs
    check(lambda xp: getattr(xp, name).reduce(xp.asarray(a), axis=axis, keepdims=keepdims),
          rtol=rtol, atol=atol)


def test_reduce_options():
    a = numpy.arange(12, dtype=numpy.int8).reshape(3, 4)
    f = numpy.array([[1.0, numpy.nan], [3.0, -1.0]])
    check(lambda xp: xp.add.reduce(xp.asarray(a), axis=1, dtype=numpy.float32))
    check(lambda xp: xp.add.reduce(xp.asarray(a), initial=100))
    check(lambda xp: xp.add.reduce(xp.asarray(a), axis=0, where=xp.asarray([True, False, True, True])))
    check(lambda xp: xp.maximum.reduce(xp.asarray(a), axis=0, where=xp.asarray([True, False, True, True])))
    check(lambda xp: xp.maximum.reduce(xp.asarray(a), axis=0, initial=5, where=xp.asarray([True, False, True, True])))
    check(lambda xp: xp.maximum.reduce(xp.asarray(f), axis=0))
    check(lambda xp: xp.fmax.reduce(xp.asarray(f), axis=0))
    check(lambda xp: xp.minimum.reduce(xp.zeros((0, 3)), axis=0))                 # no identity
    check(lambda xp: xp.minimum.reduce(xp.zeros((0, 3)), axis=0, initial=7.0))
    check(lambda xp: xp.add.reduce(xp.zeros((0, 3)), axis=0))
    check(lambda xp: xp.multiply.reduce(xp.zeros((3, 0), dtype=numpy.uint16), axis=1))
    check(lambda xp: xp.add.reduce(xp.asarray(a), axis=2))
    check(lambda xp: xp.sin.reduce(xp.asarray(f)))
    check(lambda xp: xp.add.reduce(xp.asarray(a), axis=1, out=xp.zeros(3, dtype=numpy.int64)))
    check(lambda xp: xp.add.reduce(xp.asarray(a), axis=1, out=xp.zeros(4, dtype=numpy.int64)))
    check(lambda xp: xp.add.reduce(xp.asarray([True, True, False])))
    check(lambda xp: xp.multiply.reduce(xp.asarray([200, 200], dtype=numpy.uint8)))


@pytest.mark.parametrize("name", ["add", "multiply", "maximum", "minimum", "subtract", "logical_or",
                                  "bitwise_xor", "fmin", "divide"])
def test_accumulate(name):
    for dt in ALL_DTYPES:
        a = (numpy.arange(12) % 5 + 1).reshape(3, 4).astype(dt)
        rtol, atol = tol(dt)
        for axis in (0, 1, -1):
            check(lambda xp: getattr(xp, name).accumulate(xp.asarray(a), axis=axis), rtol=rtol, atol=atol)
    check(lambda xp: xp.add.accumulate(xp.asarray([1, 2, 3], dtype=numpy.int8), dtype=numpy.float64))
    check(lambda xp: xp.add.accumulate(xp.asarray(3.0)))
    check(lambda xp: xp.add.accumulate(xp.zeros((0, 2)), axis=0))


def test_outer():
    for name in ("add", "multiply", "subtract", "less", "maximum", "power", "divmod"):
        check(lambda xp: getattr(xp, name).outer(xp.asarray([1, 2, 3]), xp.asarray([[1.0], [2.0]])))
    check(lambda xp: xp.sin.outer(xp.asarray([1.0]), xp.asarray([1.0])))
    check(lambda xp: xp.add.outer(xp.asarray([1, 2]), 3))


def test_at():
    def run(xp, name, dt, idx, b=None):
        a = xp.asarray(numpy.arange(1, 7).astype(dt))
        uf = getattr(xp, name)
        if b is None:
            uf.at(a, idx)
        else:
            uf.at(a, idx, b if not isinstance(b, int) else xp.asarray(b, dtype=dt))
        return a
    for dt in ALL_DTYPES:
        for name, b in (("add", 1), ("subtract", 2), ("multiply", 3), ("maximum", 4), ("negative", None),
                        ("bitwise_or", 8)):
            for idx in ([0, 0, 2, 5, 0], numpy.array([True, False, True, False, False, True]), slice(1, 4)):
                check(lambda xp: run(xp, name, dt, idx, b))
    check(lambda xp: run(xp, "add", numpy.float64, [0, 1, 1], xp.asarray([1.0, 2.0, 3.0])))
    check(lambda xp: run(xp, "add", numpy.int64, [0, 1, 1], 1.5))
    check(lambda xp: run(xp, "add", numpy.int64, [0, 1], xp.asarray([1, 2, 3])))
    check(lambda xp: run(xp, "add", numpy.int64, [0, 1]))


def test_reduceat():
    a = numpy.arange(8.0)
    for idx in ([0, 4, 1, 5], [0, 3, 6], [7], [0, 2, 2, 5]):
        check(lambda xp: xp.add.reduceat(xp.asarray(a), idx))
        check(lambda xp: xp.maximum.reduceat(xp.asarray(a), idx))
    m = numpy.arange(16.0).reshape(4, 4)
    check(lambda xp: xp.multiply.reduceat(xp.asarray(m), [0, 3], axis=1))
    check(lambda xp: xp.add.reduceat(xp.asarray(a), [0, 9]))
