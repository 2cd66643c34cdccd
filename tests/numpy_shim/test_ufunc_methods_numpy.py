"""ufunc options and methods against NumPy: signature=/dtype=/sig=, casting= with byte-swapped
operands, out=..., gufunc axes=/axis=/keepdims=, reduce/accumulate/reduceat out= and their
errors, ufunc.at and reduceat (also under vmap and grad)."""
import warnings

import numpy
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import numpy_shim
from numpy_shim import transforms as T
from tests.differential import check, assert_same

FLOAT64_DTYPE = type(numpy.dtype(numpy.float64))


# -- signature= / dtype= / sig= ---------------------------------------------
@pytest.mark.parametrize("kw", [
    {"signature": (FLOAT64_DTYPE, FLOAT64_DTYPE, None)},   # DType classes
    {"signature": "ii->i"}, {"sig": "ii->i"}, {"signature": ("f8", None, None)},
    {"dtype": "f4"}, {"dtype": numpy.int8, "casting": "unsafe"},
    {"sig": "ii->i", "signature": "ii->i"}, {"signature": "ii->i", "dtype": int},
    {"sig": "ii->i", "dtype": int}, {"signature": 123.0}, {"signature": (None, "f8")},
    {"signature": "ii>i"}, {"signature": "%^->#"}, {"signature": (None,)},
    {"dtype": numpy.dtype("int64").newbyteorder()}, {"dtype": "m8[ns]"},
])
def test_signature_and_dtype_rules(kw):
    check(lambda xp: xp.add(3, 4, **kw))
    check(lambda xp: xp.add(xp.asarray([1, 2]), xp.asarray([3, 4]), **kw))


def test_signature_error_messages():
    for kw in ({"signature": 123.0}, {"sig": "ii->i", "signature": "ii->i"},
               {"signature": "ii->i", "dtype": int}, {"dtype": "m8[ns]"}):
        check(lambda xp: xp.add(3, 4, **kw), exc_match=True)


# -- casting= with byte-swapped operands ----------------------------------------
@pytest.mark.parametrize("ufunc", ["add", "sqrt"])
@pytest.mark.parametrize("kw", [{"casting": "no"}, {"casting": "equiv"},
                                {"dtype": numpy.float64, "casting": "equiv"},
                                {"dtype": numpy.float64, "casting": "safe"}, {}])
def test_byte_swapped_casting(ufunc, kw):
    arr = numpy.array([1.0, 2.0, 3.0], dtype=">f4")
    uf = lambda xp: getattr(xp, ufunc)
    check(lambda xp: uf(xp)(*(arr,) * uf(xp).nin, **kw))
    # a native operand is a "no" cast
    check(lambda xp: uf(xp)(*(xp.asarray(arr.astype("<f4")),) * uf(xp).nin, casting="no"))


# -- out=... ---------------------------------------------------------------------
@pytest.mark.parametrize("one", [1, 1.5, "array"])
def test_out_ellipsis_gives_arrays(one):
    def run(xp):
        x = xp.asarray(1) if one == "array" else one
        return (xp.add(x, 2, out=...), xp.add.reduce(x, out=...), xp.divmod(x, 2, out=...),
                xp.negative(x, out=...))
    check(run)


@pytest.mark.parametrize("call", [
    lambda xp: xp.add(1, 2, ...), lambda xp: xp.add.reduce(1, (), None, ...),
    lambda xp: xp.negative(1, out=(...,)), lambda xp: xp.divmod(1, 2, out=(xp.empty(()), ...)),
    lambda xp: xp.add.reduce(1, out=(...,)), lambda xp: xp.add.accumulate([1, 2], 0, None, ...),
])
def test_out_ellipsis_errors(call):
    check(call, exc_match=True)


# -- gufunc axes= / axis= / keepdims= ---------------------------------------------
A3 = numpy.arange(27.0).reshape(3, 3, 3)
B3 = numpy.arange(10.0, 19.0).reshape(3, 1, 3)


@pytest.mark.parametrize("kw", [
    {"axes": [(-1,), (-1,), ()]}, {"axes": [-1, -1, ()]}, {"axes": [(-1,), -1, ()]},
    {"axes": [-1, -1]}, {"axes": [0, 0]}, {"axes": [0, 2]}, {"axes": -1}, {"axes": (-1, -1)},
    {"axes": [-1]}, {"axes": [-1.0, -1.0]}, {"axes": [(-1.0,), -1]}, {"axes": [None, 1]},
    {"axes": [-1, -1, -1]}, {"axes": [-1, -1, (-1,)]}, {"axes": [-1, (-2, -1), ()]},
    {"axes": [0, 1]}, {"axes": [5, 5]}, {"axis": -1}, {"axis": 0}, {"axis": 1},
    {"axis": [0]}, {"axis": 0, "axes": [0, 0]}, {"keepdims": True}, {"keepdims": False},
    {"axis": 0, "keepdims": True}, {"axes": [(-1,), (-1,), (-1,)], "keepdims": True},
    {"axes": [0, 2], "keepdims": True}, {"axes": [0, 2, 0], "keepdims": True},
    {"axes": [0, 2, 1], "keepdims": True}, {"axes": [0, 0], "parrot": True},
])
def test_vecdot_axes(kw):
    check(lambda xp: xp.vecdot(xp.asarray(A3), xp.asarray(B3), **kw))


@pytest.mark.parametrize("name,a,b,kw", [
    ("matvec", (3, 2), (1, 3), {"axes": [(-1, -2), -2, -1]}),
    ("matvec", (4, 2, 3), (3, 4), {"axes": [(2, 1), 0, 0]}),
    ("vecmat", (3, 4), (4, 2, 3), {"axes": [0, (0, 2), 0]}),
    ("matmul", (2, 3, 4), (4, 5), {"axes": [(1, 2), (0, 1), (0, 2)]}),
    ("matmul", (3,), (3, 2), {"axes": [(0,), (0, 1), (0,)]}),
    ("matmul", (3, 4), (4, 3), {"axis": 0}), ("matmul", (3, 4), (4, 3), {"keepdims": True}),
    ("matmul", (2, 2), (2, 2), {"axes": [(-2, -1), (-2, -1), (-2, -2)]}),
    ("matmul", (2, 2), (2, 2), {"axes": [(-2, -1), (-2, -1), [-2, -1]]}),
    ("add", (2,), (2,), {"axes": [0]}), ("add", (2,), (2,), {"axis": 0}),
    ("add", (2,), (2,), {"keepdims": True}),
])
def test_gufunc_axes_other(name, a, b, kw):
    x = numpy.arange(numpy.prod(a), dtype=float).reshape(a)
    y = numpy.arange(numpy.prod(b), dtype=float).reshape(b) + 1
    check(lambda xp: getattr(xp, name)(xp.asarray(x), xp.asarray(y), **kw))


def test_gufunc_axes_out():
    def run(xp, kw, shape):
        out = xp.zeros(shape)
        r = xp.matmul(xp.asarray(numpy.arange(6.0).reshape(2, 3)),
                      xp.asarray(numpy.arange(12.0).reshape(3, 4)), out=out, **kw)
        assert r is out
        return out
    check(lambda xp: run(xp, {"axes": [(0, 1), (0, 1), (1, 0)]}, (4, 2)))
    check(lambda xp: run(xp, {"axes": [(0, 1), (0, 1), (1, 0)]}, (2, 4)))  # wrong shape
    out = numpy_shim.zeros((3, 3, 1))
    r = numpy_shim.vecdot(numpy_shim.asarray(A3), numpy_shim.asarray(B3), keepdims=True, out=out)
    assert r is out
    assert_same(out, numpy.vecdot(A3, B3, keepdims=True))


# -- reduce / accumulate / reduceat options -------------------------------------------
def test_reduce_scalar_axis_zero():
    check(lambda xp: xp.sum(3, axis=0))
    check(lambda xp: xp.prod(3.5, axis=0))
    check(lambda xp: xp.any(True, axis=0))
    check(lambda xp: xp.max(3, axis=-1))
    check(lambda xp: xp.power.reduce(3))
    check(lambda xp: xp.sum(numpy.float32(2.5), axis=0))
    check(lambda xp: xp.add.reduce(xp.asarray(2.0), axis=0))
    check(lambda xp: xp.add.reduce(xp.asarray(2.0), axis=1))      # AxisError
    check(lambda xp: xp.add.reduce(xp.asarray(2.0), axis=(0,)))   # AxisError: a tuple is strict


def test_reduce_initial_none():
    check(lambda xp: xp.minimum.reduce([], initial=None))
    check(lambda xp: xp.add.reduce([], initial=None))
    check(lambda xp: xp.add.reduce([1.0, 2.0], initial=None))
    check(lambda xp: xp.add.reduce([-0.0], initial=None))
    check(lambda xp: xp.maximum.reduce([4], initial=5))
    check(lambda xp: xp.minimum.reduce([], initial=numpy.inf))


@pytest.mark.parametrize("dt", "efdFD")
@pytest.mark.parametrize("n", [0, 1, 7, 150])
def test_sum_negative_zero_with_initial(dt, n):
    nz = numpy.dtype(dt).type(complex(-0.0, -0.0) if dt in "FD" else -0.0)
    a = numpy.array([nz] * n, dtype=dt)
    for init in (nz, numpy.dtype(dt).type(0.0)):
        exp = numpy.sum(a, initial=init)
        got = numpy_shim.sum(numpy_shim.asarray(a), initial=init)
        assert_same(got, exp)
        assert numpy.signbit(numpy.real(got)) == numpy.signbit(numpy.real(exp))
    m = numpy.array([[-0.0, 0.0], [-0.0, -0.0]], dtype=dt)
    exp = numpy.add.reduce(m, axis=1, initial=nz)
    got = numpy_shim.add.reduce(numpy_shim.asarray(m), axis=1, initial=nz)
    assert (numpy.signbit(numpy.real(numpy.asarray(got))) == numpy.signbit(numpy.real(exp))).all()


@pytest.mark.parametrize("method", ["reduce", "accumulate", "reduceat"])
@pytest.mark.parametrize("out_dtype", ["<f8", ">f8", "<f4", "<i8"])
def test_method_out_real_numpy_array(method, out_dtype):
    arr = numpy.arange(1.0, 21.0)
    shape = {"reduce": (), "accumulate": (20,), "reduceat": (2,)}[method]

    def run(xp):
        out = numpy.zeros(shape, dtype=out_dtype)
        extra = ([0, 5],) if method == "reduceat" else ()
        r = getattr(xp.add, method)(xp.asarray(arr), *extra, out=out)
        assert r is out
        return xp.asarray(out.astype(out.dtype.newbyteorder("=")))
    check(run)


@pytest.mark.parametrize("out_shape", [(3,), (1,)])
def test_reduceat_accumulate_out_shape_mismatch(out_shape):
    for dt in ("i8", "f8"):
        check(lambda xp: xp.add.reduceat(xp.arange(5), [0, 3], out=xp.zeros(out_shape, dt)))
        check(lambda xp: xp.add.accumulate(xp.arange(5), out=xp.zeros(out_shape, dt)))
        check(lambda xp: xp.add.reduce(xp.arange(5).reshape(5, 1), axis=0, out=xp.zeros(out_shape, dt)))


def test_sum_mean_out_real_numpy_array():
    def run(xp, fn):
        out = numpy.zeros(3, dtype=">f8")
        r = getattr(xp, fn)(xp.asarray(numpy.arange(12.0).reshape(4, 3)), axis=0, out=out)
        assert r is out
        return xp.asarray(out.astype("<f8"))
    for fn in ("sum", "prod", "max", "min", "mean", "std", "var"):
        check(lambda xp: run(xp, fn))


# -- reduceat --------------------------------------------------------------------
INDICES = [[0, 4, 1, 5], [0, 3, 6], [7], [0, 2, 2, 5], [5, 3, 0], [0, 0, 0], [2, 7, 7, 1]]


@pytest.mark.parametrize("name", ["add", "multiply", "maximum", "minimum", "subtract", "logaddexp",
                                  "bitwise_or", "fmax"])
@pytest.mark.parametrize("idx", INDICES)
def test_reduceat_matches_numpy(name, idx):
    a = numpy.array([3.0, -1.0, 4.0, 1.5, -5.0, 9.0, 2.0, 6.0])
    if name == "bitwise_or":
        a = a.astype(numpy.int64)
    check(lambda xp: getattr(xp, name).reduceat(xp.asarray(a), idx))
    m = numpy.arange(24).reshape(3, 8).astype(a.dtype)
    check(lambda xp: getattr(xp, name).reduceat(xp.asarray(m), idx, axis=1))
    check(lambda xp: getattr(xp, name).reduceat(xp.asarray(m.T), idx, axis=0))


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_reduceat_hypothesis(data):
    dt = data.draw(st.sampled_from(["i1", "i8", "u1", "f4", "f8", "?"]))
    n = data.draw(st.integers(1, 6))
    a = data.draw(hnp.arrays(dt, (n, 3), elements=hnp.from_dtype(numpy.dtype(dt), allow_nan=False,
                                                                  allow_infinity=False)))
    idx = data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=6))
    name = data.draw(st.sampled_from(["add", "multiply", "maximum", "minimum"]))
    check(lambda xp: getattr(xp, name).reduceat(xp.asarray(a), idx, axis=0), rtol=1e-5)
    check(lambda xp: getattr(xp, name).reduceat(xp.asarray(a), idx, axis=0, dtype="f8"), rtol=1e-5)


def test_reduceat_errors_and_nan():
    check(lambda xp: xp.add.reduceat(xp.arange(4.0), [0, 4]))
    check(lambda xp: xp.add.reduceat(xp.arange(4.0), [-1]))
    check(lambda xp: xp.add.reduceat(xp.arange(4.0), []))
    check(lambda xp: xp.add.reduceat(xp.arange(4.0), [1.0, 2.0]))
    check(lambda xp: xp.maximum.reduceat(xp.asarray([1.0, numpy.nan, 3.0, 0.0]), [0, 2]))
    check(lambda xp: xp.minimum.reduceat(xp.asarray([1.0, numpy.nan, 3.0, 0.0]), [2, 0]))
    check(lambda xp: xp.add.reduceat(xp.asarray([1, 2, 3], dtype=xp.int8), [0, 1]))
    check(lambda xp: xp.multiply.reduceat(xp.asarray([[1j, 2], [3, 4j]]), [0, 1]))


def _fd_grad(f, x, eps=1e-6):
    g = numpy.zeros_like(x)
    for i in numpy.ndindex(x.shape):
        d = numpy.zeros_like(x)
        d[i] = eps
        g[i] = (float(f(numpy_shim.asarray(x + d))) - float(f(numpy_shim.asarray(x - d)))) / (2 * eps)
    return g


REDUCEAT_FNS = {
    "add": lambda x: numpy_shim.add.reduceat(x, [0, 3, 1, 5, 5]),
    "multiply": lambda x: numpy_shim.multiply.reduceat(x, [0, 2, 4]),
    "maximum": lambda x: numpy_shim.maximum.reduceat(x, [1, 4, 0]),
    "logaddexp": lambda x: numpy_shim.logaddexp.reduceat(x, [0, 3]),
}


def _vmap_and_grad(f, X):
    """vmap(f) against stacking f per row; grad of sum(f**2) against finite differences."""
    batched = T.vmap(f)(numpy_shim.asarray(X))
    assert_same(batched, numpy.stack([numpy.asarray(f(numpy_shim.asarray(x))) for x in X]))
    loss = lambda x: numpy_shim.sum(f(x) ** 2)
    g = T.grad(loss)(numpy_shim.asarray(X[0]))
    numpy.testing.assert_allclose(numpy.asarray(g), _fd_grad(loss, X[0]), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("name", list(REDUCEAT_FNS))
def test_reduceat_vmap_and_grad(name):
    _vmap_and_grad(REDUCEAT_FNS[name], numpy.random.default_rng(0).uniform(0.5, 2.0, (4, 6)))


# -- ufunc.at --------------------------------------------------------------------
@pytest.mark.parametrize("name", ["add", "subtract", "multiply", "maximum", "minimum", "divide",
                                  "power", "fmax", "negative", "hypot"])
@pytest.mark.parametrize("dt", ["i1", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8", "c16", "?"])
def test_at_matches_numpy(name, dt):
    idx = numpy.array([0, 3, 0, 5, 3, 0, -1])
    vals = numpy.array([1, 2, 3, 1, 2, 1, 2]).astype(dt)

    def run(xp):
        a = xp.asarray((numpy.arange(6) % 3 + 1).astype(dt))
        uf = getattr(xp, name)
        if uf.nin == 1:
            uf.at(a, idx)
        else:
            uf.at(a, idx, xp.asarray(vals))
        return a
    check(run, rtol=1e-3 if dt == "f2" else 1e-7)


def test_at_forms_and_errors():
    def run(xp, name, idx, b, shape=(3, 4), dt="f8"):
        a = xp.asarray(numpy.arange(12).reshape(shape).astype(dt))
        getattr(xp, name).at(a, idx, *b)
        return a
    check(lambda xp: run(xp, "add", (numpy.array([0, 0, 2]), numpy.array([1, 1, 3])), (1.0,)))
    check(lambda xp: run(xp, "add", (slice(None), [0, 0]), ([[1.0, 2.0]] * 3,)))
    check(lambda xp: run(xp, "add", [0, 0], (xp.asarray([1.0, 2.0, 3.0, 4.0]),)))
    check(lambda xp: run(xp, "add", [0, 0], (xp.asarray([1.0, 2.0]),)))          # not broadcastable
    check(lambda xp: run(xp, "add", [0, 1], (1.5,), dt="i8"))                      # cast error
    check(lambda xp: run(xp, "maximum", [0], (0,), shape=(12,), dt="i8"))
    check(lambda xp: run(xp, "matmul", [0], (xp.ones((1, 4)),)))                   # gufunc: TypeError
    check(lambda xp: xp.modf.at(xp.arange(10.0), [1]))                             # two outputs
    check(lambda xp: xp.add.at(xp.arange(3.0), [0]))                               # b missing
    check(lambda xp: xp.negative.at(xp.arange(3.0), [0], 1.0))                     # b extra
    orig = numpy_shim.arange(4)
    numpy_shim.add.at(orig[:, None][:, 0:0], [0, 1], 3)                            # empty subspace
    assert_same(orig, numpy.arange(4))


def test_at_writes_through_views():
    def run(xp):
        base = xp.zeros(10)
        v = base[2:8]
        xp.add.at(v, [0, 0, 5], 1.0)
        xp.multiply.at(base[::2], [1, 1], 3.0)
        return base
    check(run)


def test_at_overflow_warns_like_numpy():
    a = numpy.full(4, 60000.0, dtype="f2")
    for mod in (numpy, numpy_shim):
        x = mod.asarray(a.copy())
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            mod.multiply.at(x, [0, 0, 1], mod.asarray(numpy.array([2.0, 2.0, 2.0], dtype="f2")))
        assert [str(m.message)[:8] for m in w if m.category is RuntimeWarning] == ["overflow"], mod


AT_FNS = {
    "add": lambda x: _at(numpy_shim.add, [0, 2, 0, 1, 0], x),
    "subtract": lambda x: _at(numpy_shim.subtract, [1, 1, 2, 0, 2], x),
    "multiply": lambda x: _at(numpy_shim.multiply, [0, 2, 0, 1, 0], x),
    "maximum": lambda x: _at(numpy_shim.maximum, [0, 2, 0, 1, 1], x),
    "divide": lambda x: _at(numpy_shim.divide, [0, 2, 0, 1, 0], x),
}


def _at(uf, idx, x):
    a = numpy_shim.ones(3) * 1.5
    uf.at(a, idx, x)
    return a


@pytest.mark.parametrize("name", list(AT_FNS))
def test_at_vmap_and_grad(name):
    _vmap_and_grad(AT_FNS[name], numpy.random.default_rng(1).uniform(0.5, 2.0, (4, 5)))


def test_at_into_transformed_array():
    # the array itself is the transformed input: a is batched, the indices plain
    def f(a):
        a = a.copy()
        numpy_shim.add.at(a, [0, 0, 2], 1.0)
        numpy_shim.divide.at(a, [1, 1], 2.0)
        return a
    X = numpy.random.default_rng(2).uniform(0.5, 2.0, (3, 4))
    assert_same(T.vmap(f)(numpy_shim.asarray(X)), numpy.stack([numpy.asarray(f(numpy_shim.asarray(x)))
                                                                for x in X]))
    loss = lambda x: numpy_shim.sum(f(x) ** 3)
    numpy.testing.assert_allclose(numpy.asarray(T.grad(loss)(numpy_shim.asarray(X[0]))),
                                  _fd_grad(loss, X[0]), rtol=1e-5, atol=1e-7)


# -- where= without out=, keepdims= type ----------------------------------------------
def test_where_without_out_warns_as_numpy():
    a = numpy.arange(7)
    mask = a % 2 == 0
    for mod in (numpy, numpy_shim):
        x = mod.asarray(a)
        with pytest.warns(UserWarning, match="'where' used without 'out'"):
            r = mod.add(x, x, where=mod.asarray(mask))
        assert list(numpy.asarray(r)[::2]) == [0, 4, 8, 12]
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            r = mod.add(x, x, where=mod.asarray(mask), out=None)  # out=None: no warning
            mod.add(x, x, where=True)
        assert list(numpy.asarray(r)[::2]) == [0, 4, 8, 12]


@pytest.mark.parametrize("keepdims", ["true", 1, None, numpy.True_])
def test_gufunc_keepdims_must_be_bool(keepdims):
    check(lambda xp: xp.vecdot(xp.ones((2, 3)), xp.ones(3), keepdims=keepdims), exc_match=True)


def test_object_dtype_methods_fall_back_to_numpy():
    obj = numpy.array([10, 20, 30], dtype=object)
    assert numpy_shim.add.reduce(obj, initial=5) == numpy.add.reduce(obj, initial=5)
    with pytest.raises(ValueError):
        numpy_shim.add.reduce([], initial=None, dtype=object)
    numpy.testing.assert_array_equal(numpy_shim.add.accumulate(obj), numpy.add.accumulate(obj))
    numpy.testing.assert_array_equal(numpy_shim.add.reduceat(obj, [0, 2]), numpy.add.reduceat(obj, [0, 2]))
    assert numpy_shim._NoValue is numpy._NoValue
    check(lambda xp: xp.add.reduce(xp.asarray([1.0, 2.0]), initial=xp._NoValue))


def test_ufuncs_pickle_by_name():
    import copy
    import pickle
    from numpy_shim._ufunc_table import UFUNCS
    for uf in (UFUNCS.values() if isinstance(UFUNCS, dict) else UFUNCS):
        for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
            assert pickle.loads(pickle.dumps(uf, protocol=proto)) is uf
        assert copy.deepcopy(uf) is uf


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_at_hypothesis(data):
    dt = data.draw(st.sampled_from(["i1", "i4", "i8", "u1", "u2", "u4", "u8", "f4", "f8"]))
    name = data.draw(st.sampled_from(["add", "subtract", "multiply", "maximum", "minimum", "floor_divide",
                                      "bitwise_xor" if dt[0] in "iu" else "true_divide"]))
    n = data.draw(st.integers(1, 6))
    idx = data.draw(st.lists(st.integers(-n, n - 1), min_size=0, max_size=12))
    a = numpy.arange(1, n + 1).astype(dt)
    vals = numpy.array(data.draw(st.lists(st.integers(1, 5), min_size=len(idx), max_size=len(idx))),
                       dtype=int).astype(dt)

    def run(xp):
        x = xp.asarray(a.copy())
        getattr(xp, name).at(x, numpy.array(idx, dtype=numpy.intp), xp.asarray(vals))
        return x
    check(run, rtol=1e-6)


@pytest.mark.parametrize("call", [
    lambda xp: xp.equal.reduce(xp.asarray([0, 0])),                 # no loop: output is not the input
    lambda xp: xp.equal.reduce(xp.asarray([0, 0]), dtype=bool),
    lambda xp: xp.equal.accumulate(xp.asarray([0, 1])),
    lambda xp: xp.less.reduceat(xp.asarray([0, 1, 2]), [0, 2]),
    lambda xp: xp.subtract.reduce(xp.asarray([True, False])),
    lambda xp: xp.logical_and.reduce(xp.asarray([1.0, 2.0])),
    lambda xp: xp.divide.reduce(xp.asarray([8, 2])),
    lambda xp: xp.add.reduce(xp.asarray([1.5, 2.0]), dtype=int),
    lambda xp: xp.add.reduce(xp.asarray([1, 2], dtype=xp.uint16)),
    lambda xp: xp.add.outer(xp.ones((1,) * 33), xp.ones((1,) * 33)),
])
def test_reduction_loops_as_numpy(call):
    check(call)


@pytest.mark.parametrize("args", [(5,), (1, 2, 3, 4), ()])
def test_argument_count_errors(args):
    check(lambda xp: xp.hypot(*args), exc_match=True)


@pytest.mark.parametrize("call", [
    lambda xp: xp.add(3, 4, dtype=object, casting="equiv"),       # object loops are NumPy's, whole
    lambda xp: xp.equal(3, 4, dtype=object, casting="equiv"),
    lambda xp: xp.equal(1, [1], signature=(None, None, "O")),
    lambda xp: xp.add(3.0, 4.0, dtype="float32", casting="equiv"),  # TypeError
    lambda xp: xp.add(3.0, 4.0, dtype=int, casting="safe"),         # TypeError
    lambda xp: xp.add(xp.asarray([3.0]), 3.0, casting="equiv"),
    lambda xp: xp.add(xp.asarray([3]), 3, casting="equiv"),
])
def test_scalar_casting_and_object_loops(call):
    check(call, check_kind=False)  # object results stay real NumPy arrays, by design


def test_reduceat_and_at_under_compile():
    def f(x):
        return numpy_shim.add.reduceat(x, [0, 2, 1, 3]) * 2 + numpy_shim.maximum.reduceat(x, [3, 0])[0]

    def g(x):
        a = numpy_shim.zeros(3)
        numpy_shim.add.at(a, [0, 1, 0, 2], x)
        return a
    x = numpy.array([1.5, -2.0, 3.0, 0.25])
    for fn in (f, g):
        expected = numpy.asarray(fn(numpy_shim.asarray(x)))
        assert_same(T.compile(fn)(numpy_shim.asarray(x)), expected)
    assert_same(f(numpy_shim.asarray(x)),
                numpy.add.reduceat(x, [0, 2, 1, 3]) * 2 + numpy.maximum.reduceat(x, [3, 0])[0])
