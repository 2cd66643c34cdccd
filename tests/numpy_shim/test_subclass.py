"""ndarray subclasses: the same class written over numpy and over numpy_shim behaves alike.

Each test defines its subclass for ``xp`` (numpy or numpy_shim), runs the same code on
both, and compares result types (by class name), the attribute ``__array_finalize__``
carried over, the calls it saw, and the values.
"""
import contextlib
import io
import warnings

import numpy
import pytest
from hypothesis import given, strategies as st

import numpy_shim
from tests.differential import ALL_DTYPES, arrays, assert_same, check, shapes


def _info_class(xp, log=None):
    class M(xp.ndarray):
        def __array_finalize__(self, obj):
            if log is not None:
                log.append(type(obj).__name__)
            self.info = getattr(obj, "info", None)
    return M


def _describe(r):
    """What a result is: its kind (class name for arrays), the info it carries, its values."""
    if isinstance(r, tuple):
        return tuple(_describe(x) for x in r)
    if isinstance(r, (numpy.ndarray, numpy_shim.ndarray)):
        kind = type(r).__name__
        if kind == "ndarray":
            kind = "base"
        return kind, getattr(r, "info", "-"), numpy.asarray(r).view(numpy.ndarray)
    return "scalar", type(r).__name__, r


def _same(got, expected):
    if isinstance(expected, tuple) and expected and isinstance(expected[0], tuple):
        assert len(got) == len(expected)
        for g, e in zip(got, expected):
            _same(g, e)
        return
    assert got[:2] == expected[:2], (got[:2], expected[:2])
    if isinstance(expected[2], numpy.ndarray):
        assert_same(numpy_shim.asarray(got[2]), expected[2])
    else:
        assert got[2] == expected[2]


def _run_both(fn):
    results = []
    for xp in (numpy, numpy_shim):
        log = []
        M = _info_class(xp, log)
        m = xp.arange(6.0).reshape(2, 3).view(M)
        m.info = "x"
        del log[:]
        r = fn(xp, m)
        results.append((_describe(r), list(log)))
    return results


EXPRESSIONS = {
    "copy": lambda xp, m: m.copy(),
    "astype": lambda xp, m: m.astype(int),
    "astype_subok_false": lambda xp, m: m.astype(int, subok=False),
    "flatten": lambda xp, m: m.flatten(),
    "ravel": lambda xp, m: m.ravel(),
    "reshape": lambda xp, m: m.reshape(3, 2),
    "T": lambda xp, m: m.T,
    "transpose": lambda xp, m: m.transpose(),
    "swapaxes": lambda xp, m: m.swapaxes(0, 1),
    "squeeze": lambda xp, m: m[None].squeeze(),
    "sum": lambda xp, m: m.sum(),
    "sum0": lambda xp, m: m.sum(0),
    "sum_keepdims": lambda xp, m: m.sum(keepdims=True),
    "prod": lambda xp, m: m.prod(),
    "max": lambda xp, m: m.max(),
    "min1": lambda xp, m: m.min(1),
    "mean": lambda xp, m: m.mean(),
    "mean0": lambda xp, m: m.mean(0),
    "std": lambda xp, m: m.std(),
    "var0": lambda xp, m: m.var(0),
    "any": lambda xp, m: m.any(),
    "all0": lambda xp, m: m.all(0),
    "cumsum": lambda xp, m: m.cumsum(),
    "cumprod0": lambda xp, m: m.cumprod(0),
    "argmax": lambda xp, m: m.argmax(),
    "argmax0": lambda xp, m: m.argmax(0),
    "int_index": lambda xp, m: m[0],
    "scalar_index": lambda xp, m: m[0, 0],
    "slice": lambda xp, m: m[:, 1:],
    "fancy": lambda xp, m: m[[0, 1]],
    "mask": lambda xp, m: m[m > 2],
    "newaxis": lambda xp, m: m[..., None],
    "empty_tuple": lambda xp, m: m[()],
    "add_scalar": lambda xp, m: m + 1,
    "radd_scalar": lambda xp, m: 1 + m,
    "add_self": lambda xp, m: m + m,
    "add_base": lambda xp, m: m + xp.ones(3),
    "radd_base": lambda xp, m: xp.ones(3) + m,
    "compare": lambda xp, m: m == 1,
    "compare_base": lambda xp, m: xp.ones(3) < m,
    "neg": lambda xp, m: -m,
    "abs": lambda xp, m: abs(m),
    "matmul": lambda xp, m: m @ m.T,
    "dot": lambda xp, m: m.dot(m.T),
    "round": lambda xp, m: m.round(),
    "clip": lambda xp, m: m.clip(1, 3),
    "conj": lambda xp, m: m.conj(),
    "real": lambda xp, m: m.real,
    "imag": lambda xp, m: m.imag,
    "diagonal": lambda xp, m: m.diagonal(),
    "take": lambda xp, m: m.take([0, 1]),
    "repeat": lambda xp, m: m.repeat(2),
    "nonzero": lambda xp, m: m.nonzero(),
    "sin": lambda xp, m: xp.sin(m),
    "add_func": lambda xp, m: xp.add(xp.ones(3), m),
    "ufunc_subok_false": lambda xp, m: xp.add(m, 1, subok=False),
    "divmod": lambda xp, m: xp.divmod(m, 2),
    "modf": lambda xp, m: xp.modf(m),
    "asarray": lambda xp, m: xp.asarray(m),
    "asanyarray": lambda xp, m: xp.asanyarray(m),
    "asanyarray_dtype": lambda xp, m: xp.asanyarray(m, dtype=xp.float32),
    "array": lambda xp, m: xp.array(m),
    "array_subok": lambda xp, m: xp.array(m, subok=True),
    "zeros_like": lambda xp, m: xp.zeros_like(m),
    "ones_like": lambda xp, m: xp.ones_like(m),
    "empty_like_shape": lambda xp, m: xp.empty_like(m).shape,
    "full_like": lambda xp, m: xp.full_like(m, 7),
    "zeros_like_subok_false": lambda xp, m: xp.zeros_like(m, subok=False),
    "copy_func": lambda xp, m: xp.copy(m),
    "copy_func_subok": lambda xp, m: xp.copy(m, subok=True),
    "view": lambda xp, m: m.view(),
    "view_base": lambda xp, m: m.view(xp.ndarray),
    "view_dtype": lambda xp, m: m.view(xp.int64),
    "require": lambda xp, m: xp.require(m, requirements=["C"]),
    "require_E": lambda xp, m: xp.require(m, requirements=["E"]),
    "item": lambda xp, m: m.item(0),
    "tolist": lambda xp, m: m.tolist(),
}


@pytest.mark.parametrize("name", sorted(EXPRESSIONS))
def test_subclass_results_match_numpy(name):
    """Type, carried attribute, finalize calls and values of each result are NumPy's."""
    (e, elog), (g, glog) = _run_both(EXPRESSIONS[name])
    if isinstance(e, tuple) and len(e) == 3 and e[0] == "scalar" and type(e[2]) in (list, tuple):
        assert g == e
    else:
        _same(g, e)
    # __array_finalize__ sees the same kinds of parent (NumPy may also finalize
    # intermediate arrays of its C implementation, so the counts can differ)
    assert set(glog) <= set(elog) and bool(glog) <= bool(elog)


def test_inplace_operator_keeps_object():
    for xp in (numpy, numpy_shim):
        M = _info_class(xp)
        m = xp.arange(3.0).view(M)
        m.info = "kept"
        before = m
        m += 1
        assert m is before and type(m) is M and m.info == "kept"
        assert m.tolist() == [1.0, 2.0, 3.0]


def test_out_subclass_returned_as_is():
    for xp in (numpy, numpy_shim):
        M = _info_class(xp)
        out = xp.zeros(3).view(M)
        r = xp.add(xp.arange(3.0), 1, out=out)
        assert r is out and out.tolist() == [1.0, 2.0, 3.0]


def test_view_shares_memory_and_casts():
    for xp in (numpy, numpy_shim):
        M = _info_class(xp)
        a = xp.zeros(4)
        m = a.view(M)
        assert type(m) is M and m.info is None
        m[1] = 5
        assert a[1] == 5
        v = a.view(dtype=xp.int64, type=M)
        assert type(v) is M and v.dtype == numpy.int64
        v[0] = 3
        assert a.view(xp.int64)[0] == 3
        with pytest.raises(ValueError):
            a.view(type=int)


def test_priority_picks_the_wrapping_class():
    names = []
    for xp in (numpy, numpy_shim):
        class Low(xp.ndarray):
            pass

        class High(xp.ndarray):
            __array_priority__ = 15.0

        a = xp.arange(3.0).view(Low)
        b = xp.arange(3.0).view(High)
        names.append((type(a + b).__name__, type(b + a).__name__, type(xp.multiply(a, b)).__name__,
                      type(a + xp.arange(3.0)).__name__))
    assert names[1] == names[0] == ("High", "High", "High", "Low")


def test_constructor_finalize_gets_none():
    seen = []
    for xp in (numpy, numpy_shim):
        log = []

        class InfoArray(xp.ndarray):
            def __new__(subtype, shape, dtype=float, buffer=None, offset=0, strides=None,
                        order=None, info=None):
                obj = super().__new__(subtype, shape, dtype, buffer, offset, strides, order)
                obj.info = info
                return obj

            def __array_finalize__(self, obj):
                log.append(None if obj is None else type(obj).__name__)
                if obj is None:
                    return
                self.info = getattr(obj, "info", None)

        obj = InfoArray(shape=(3,), info="information")
        v = obj[1:]
        seen.append((type(obj).__name__, obj.info, type(v).__name__, v.info, obj.shape, log))
    assert seen[1] == seen[0]


def test_repr_and_str_use_numpy_format():
    for xp in (numpy, numpy_shim):
        class MyArray(xp.ndarray):
            pass
        r = xp.arange(12.0).reshape(3, 4).view(MyArray)
        if xp is numpy:
            expected = (repr(r), str(r), repr(r[0, 0:1]))
        else:
            assert (repr(r), str(r), repr(r[0, 0:1])) == expected


def test_legacy_array_wrap_signature_warns():
    results = []
    for xp in (numpy, numpy_shim):
        class Old(xp.ndarray):
            def __array_wrap__(self, arr, context=None):
                return super().__array_wrap__(arr, context)
        m = xp.arange(3.0).view(Old)
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            r = m + 1
        results.append((type(r).__name__, [x.category for x in w]))
    assert results[1] == results[0]


def test_array_wrap_may_return_anything():
    out = []
    for xp in (numpy, numpy_shim):
        class Silly(xp.ndarray):
            def __array_wrap__(self, arr, context=None, return_scalar=False):
                return "I lost your data"
        obj = xp.arange(5).view(Silly)
        out.append(xp.multiply(obj, xp.arange(5)))
    assert out[0] == out[1] == "I lost your data"


def _docs_examples(xp):
    """The examples of NumPy's "Subclassing ndarray" guide; what they print."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        class C(xp.ndarray):
            def __new__(cls, *args, **kwargs):
                print("In __new__ with class %s" % cls.__name__)
                return super().__new__(cls, *args, **kwargs)

            def __init__(self, *args, **kwargs):
                print("In __init__ with class %s" % self.__class__.__name__)

            def __array_finalize__(self, obj):
                print("In array_finalize:")
                print("   self type is %s" % type(self).__name__)
                print("   obj type is %s" % type(obj).__name__)

        c = C((10,))
        c.view(C)
        xp.arange(10).view(C)
        c[:1]

        class RealisticInfoArray(xp.ndarray):
            def __new__(cls, input_array, info=None):
                obj = xp.asarray(input_array).view(cls)
                obj.info = info
                return obj

            def __array_finalize__(self, obj):
                if obj is None:
                    return
                self.info = getattr(obj, "info", None)

        obj = RealisticInfoArray(xp.arange(5), info="information")
        print(type(obj).__name__, obj.info, obj[1:].info, repr(obj[1:]))

        class MySubClass(xp.ndarray):
            def __new__(cls, input_array, info=None):
                obj = xp.asarray(input_array).view(cls)
                obj.info = info
                return obj

            def __array_finalize__(self, obj):
                print("In __array_finalize__:")
                print("   self is %s" % repr(self))
                print("   obj is %s" % repr(obj))
                if obj is None:
                    return
                self.info = getattr(obj, "info", None)

            def __array_wrap__(self, out_arr, context=None, return_scalar=False):
                print("In __array_wrap__:")
                print("   self is %s" % repr(self))
                print("   arr is %s" % repr(out_arr))
                return super().__array_wrap__(out_arr, context, return_scalar)

        obj = MySubClass(xp.arange(5), info="spam")
        ret = xp.add(xp.arange(5) + 1, obj)
        print(repr(ret), ret.info)

        class A(xp.ndarray):
            def __array_ufunc__(self, ufunc, method, *inputs, out=None, **kwargs):
                args, in_no = [], []
                for i, input_ in enumerate(inputs):
                    if isinstance(input_, A):
                        in_no.append(i)
                        args.append(input_.view(xp.ndarray))
                    else:
                        args.append(input_)
                outputs, out_no = out, []
                if outputs:
                    out_args = []
                    for j, output in enumerate(outputs):
                        if isinstance(output, A):
                            out_no.append(j)
                            out_args.append(output.view(xp.ndarray))
                        else:
                            out_args.append(output)
                    kwargs["out"] = tuple(out_args)
                else:
                    outputs = (None,) * ufunc.nout
                info = {}
                if in_no:
                    info["inputs"] = in_no
                if out_no:
                    info["outputs"] = out_no
                results = super().__array_ufunc__(ufunc, method, *args, **kwargs)
                if results is NotImplemented:
                    return NotImplemented
                if ufunc.nout == 1:
                    results = (results,)
                results = tuple((xp.asarray(result).view(A) if output is None else output)
                                for result, output in zip(results, outputs))
                if results and isinstance(results[0], A):
                    results[0].info = info
                return results[0] if len(results) == 1 else results

        a = xp.arange(5.).view(A)
        b = xp.sin(a)
        print(bool(xp.all(xp.sin(xp.arange(5.)) == b)), b.info)
        b = xp.sin(xp.arange(5.), out=(a,))
        print(b is a, a.info)
        a = xp.arange(5.).view(A)
        b = xp.ones(1).view(A)
        c = a + b
        print(c.info, repr(c))
        a += b
        print(a.info)
    return buf.getvalue()


def test_numpy_docs_subclassing_examples():
    assert _docs_examples(numpy_shim) == _docs_examples(numpy)


def test_array_ufunc_all_not_implemented_raises():
    for xp in (numpy, numpy_shim):
        class Refuses(xp.ndarray):
            def __array_ufunc__(self, *args, **kwargs):
                return NotImplemented
        m = xp.arange(3.0).view(Refuses)
        with pytest.raises(TypeError):
            xp.add(m, 1)


def test_base_class_unaffected():
    """A subclass defined elsewhere leaves plain arrays plain."""
    class Sub(numpy_shim.ndarray):
        pass
    a = numpy_shim.arange(4.0)
    for r in (a + a, a[1:], a.copy(), numpy_shim.sin(a), a.reshape(2, 2), a.reshape(2, 2).sum(0)):
        assert type(r) is numpy_shim.ndarray
    assert type(numpy_shim.asanyarray(a)) is numpy_shim.ndarray


@given(a=arrays(ALL_DTYPES, shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)),
       op=st.sampled_from(["add", "getitem", "sum0", "reshape", "astype", "compare", "copy"]))
def test_subclass_ops_over_dtypes(a, op):
    ops = {
        "add": lambda xp, m: m + m,
        "getitem": lambda xp, m: m[0],
        "sum0": lambda xp, m: m.sum(0),
        "reshape": lambda xp, m: m.reshape(-1),
        "astype": lambda xp, m: m.astype(xp.float32),
        "compare": lambda xp, m: m >= m,
        "copy": lambda xp, m: m.copy(),
    }
    got = []
    for xp in (numpy, numpy_shim):
        M = _info_class(xp)
        m = xp.asarray(a).view(M)
        m.info = a.dtype.char
        with numpy.errstate(all="ignore"):
            try:
                r = ops[op](xp, m)
            except Exception as e:
                r = type(e)
        got.append(r)
    e, g = got
    if isinstance(e, type):
        assert g is e
        return
    assert type(g).__name__ == type(e).__name__ and getattr(g, "info", None) == getattr(e, "info", None)
    assert_same(numpy_shim.asarray(g), numpy.asarray(e))


def test_duck_array_wrap_and_priority():
    """Objects with __array__ and __array_wrap__ (not arrays) wrap ufunc results by priority."""
    seen = []
    for xp in (numpy, numpy_shim):
        class A:
            def __array__(self, dtype=None, copy=None):
                return numpy.zeros(1)

            def __array_wrap__(self, arr, context, return_scalar):
                r = type(self)()
                r.arr, r.context = arr, context
                return r

        class B(A):
            __array_priority__ = 20.0

        class C(A):
            __array_priority__ = 40.0

        x, a, b, c = xp.zeros(1), A(), B(), C()
        f = xp.minimum
        kinds = [type(f(*p)).__name__ for p in
                 [(x, x), (x, a), (a, x), (x, b), (b, c), (c, b), (a, b), (b, a)]]
        r = f(a, b)
        seen.append((kinds, r.context[0] is f, len(r.context[1]), r.context[2],
                     numpy.asarray(r.arr).tolist()))
    assert seen[1] == seen[0]


def test_out_operand_wrap_and_context():
    """An out= subclass operand's own __array_wrap__ runs, with the outputs in the context."""
    seen = []
    for xp in (numpy, numpy_shim):
        class Store(xp.ndarray):
            def __array_wrap__(self, obj, context, return_scalar):
                self.got = (len(context[1]), context[2], return_scalar)
                return obj

        a = xp.zeros(()).view(Store)
        xp.add(0, 0, out=a)
        first = a.got
        b = xp.zeros(()).view(Store)
        xp.add(b, 0)
        seen.append((first, b.got))
    assert seen[1] == seen[0]


def test_array_ufunc_none_refuses():
    for xp in (numpy, numpy_shim):
        class OptOut:
            __array_ufunc__ = None
        with pytest.raises(TypeError, match="operand 'OptOut' does not support ufuncs"):
            xp.add(xp.arange(2.0), OptOut())


@pytest.mark.parametrize("op", ["view", "view_int", "view_type", "asanyarray", "copy_subok"])
def test_negative_stride_views_stay_plain(op):
    """Reversed views (the shim's FlipView) are plain arrays to view/asanyarray/copy."""
    ops = {
        "view": lambda xp, a: a.view(),
        "view_int": lambda xp, a: a.view(xp.int64),
        "view_type": lambda xp, a: a.view(type=xp.ndarray),
        "asanyarray": lambda xp, a: xp.asanyarray(a),
        "copy_subok": lambda xp, a: xp.copy(a, subok=True),
    }
    check(lambda xp: ops[op](xp, xp.arange(6.0)[::-1]))


class PickledNumpy(numpy.ndarray):
    def __array_finalize__(self, obj):
        self.info = getattr(obj, "info", None)


class PickledShim(numpy_shim.ndarray):
    def __array_finalize__(self, obj):
        self.info = getattr(obj, "info", None)


def test_pickle_keeps_the_class():
    import pickle
    seen = []
    for xp, M in ((numpy, PickledNumpy), (numpy_shim, PickledShim)):
        m = xp.arange(4.0).reshape(2, 2).view(M)
        m.info = "lost"  # NumPy pickles the data and the class, not the instance dict
        r = pickle.loads(pickle.dumps(m))
        seen.append((type(r) is M, getattr(r, "info", "unset"), numpy.asarray(r).tolist()))
    assert seen[1] == seen[0]


class _N(numpy.ndarray):
    pass


class _M(numpy_shim.ndarray):
    pass


# calls whose result type NumPy decides by the input's subclass (or a scalar)
_KEEPING = {
    "reductions": lambda xp, m: (xp.sum(m), xp.sum(m, axis=0), xp.max(m, 0), xp.amax(m),
                                 xp.mean(m), xp.argmax(m), xp.cumsum(m), xp.std(m)),
    "ufunc methods": lambda xp, m: (xp.add.reduce(m), xp.add.reduce(m, axis=0),
                                    xp.add.accumulate(m), xp.multiply.outer(m[0], m[1]),
                                    xp.add.reduceat(m[0], [0, 2]),
                                    xp.add.reduce(m, axis=0, keepdims=True)),
    "nan and stats": lambda xp, m: tuple(
        f(m, **k) for k in ({}, {"axis": 0})
        for f in (xp.nansum, xp.nanmean, xp.nanmax, xp.nanargmax, xp.nanstd, xp.nanmedian,
                  xp.median, xp.average, lambda a, **kw: xp.quantile(a, 0.5, **kw), xp.nancumsum,
                  xp.nanvar)),
}


@pytest.mark.parametrize("name", sorted(_KEEPING))
def test_functions_keep_the_subclass_as_numpy(name):
    def kinds(xp, cls):
        m = xp.arange(6.0).reshape(2, 3).view(cls)
        return [type(r).__name__ for r in _KEEPING[name](xp, m)]
    assert kinds(numpy_shim, _M) == ["_M" if k == "_N" else k for k in kinds(numpy, _N)]


def test_a_subclass_method_of_its_own_answers_the_function():
    class Own(numpy_shim.ndarray):
        def sum(self, *args, **kwargs):
            return "own"
    assert numpy_shim.sum(numpy_shim.ones(3).view(Own)) == "own"


@pytest.mark.parametrize("priority", [None, "runtime error"])
def test_bad_priority_operand_gives_numpys_elementwise_result(priority):
    class BadPriority:
        @property
        def __array_priority__(self):
            if priority == "runtime error":
                raise RuntimeError("priority")
            return priority

        def __radd__(self, other):
            return "result"

    class Low(numpy_shim.ndarray):
        __array_priority__ = -1000

    res = numpy_shim.arange(3).view(Low) + BadPriority()
    assert res.shape == (3,) and res[0] == "result"


def test_insert_delete_keep_the_subclass_and_copy_keeps_masks():
    class S(numpy_shim.ndarray):
        pass
    a = numpy_shim.arange(10).view(S)
    for r in (numpy_shim.insert(a, 0, [0]), numpy_shim.insert(a, [], []), numpy_shim.delete(a, 1),
              numpy_shim.insert(numpy_shim.asarray(1).view(S), 0, [0])):
        assert type(r) is S
    mx = numpy.ma.ones(5)
    assert numpy.ma.isMaskedArray(numpy_shim.copy(mx, subok=True))
    assert not numpy.ma.isMaskedArray(numpy_shim.copy(mx))
