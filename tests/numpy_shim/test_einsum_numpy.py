"""einsum against real NumPy: random subscripts over every dtype (wrap-around for small
ints), 0-d and empty operands, broadcasting, views, out=, casting, order, errors, and
the out= of dot given a NumPy array."""
import numpy
import pytest
from hypothesis import assume, given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import numpy_shim
from tests.differential import ALL_DTYPES, assert_same, check

DTYPES = ALL_DTYPES  # ? b h i l B H I L e f d F D


def _elements(dt):
    if dt.kind == "f":
        return hnp.from_dtype(dt, min_value=-50, max_value=50, allow_nan=False, allow_infinity=False)
    if dt.kind == "c":
        return hnp.from_dtype(dt, max_magnitude=50, allow_nan=False, allow_infinity=False)
    return hnp.from_dtype(dt)  # full integer range: sums must wrap as NumPy's do


def _rtol(dts):
    kinds = {numpy.dtype(d) for d in dts}
    if numpy.dtype("e") in kinds:
        return 2e-2
    if kinds & {numpy.dtype("f"), numpy.dtype("F")}:
        return 2e-4
    return 1e-9


@st.composite
def einsum_cases(draw):
    """(subscripts, operands): 1-3 operands over labels a-d, repeats, '...', explicit or implicit out."""
    sizes = {c: draw(st.integers(0, 3)) for c in "abcd"}
    nop = draw(st.integers(1, 3))
    use_ell = draw(st.booleans())
    bshape = draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3)) if use_ell else ()
    terms, arrays, seen = [], [], []
    for _ in range(nop):
        labels = draw(st.lists(st.sampled_from("abcd"), min_size=0, max_size=3))
        ell = use_ell and draw(st.booleans())
        shape = [sizes[c] if draw(st.integers(0, 4)) else (1 if sizes[c] else 0) for c in labels]
        # a repeated label takes one size (NumPy's diagonal), size-1 broadcasting elsewhere
        for i, c in enumerate(labels):
            if labels.index(c) != i:
                shape[i] = shape[labels.index(c)]
        nb = draw(st.integers(0, len(bshape))) if ell else 0
        bpart = list(bshape[len(bshape) - nb:]) if nb else []
        dt = draw(st.sampled_from(DTYPES))
        terms.append(("..." if ell else "") + "".join(labels))
        arrays.append(draw(hnp.arrays(dt, tuple(bpart + shape), elements=_elements(dt))))
        seen += labels
    subs = ",".join(terms)
    if draw(st.booleans()):
        out = draw(st.permutations(sorted(set(seen))))
        out = out[:draw(st.integers(0, len(out)))]
        ell_out = "..." if any("..." in t for t in terms) else ""
        subs += "->" + ell_out + "".join(out)
    return subs, arrays


@settings(max_examples=300, deadline=None)
@given(einsum_cases())
def test_einsum_matches_numpy(case):
    subs, arrays = case
    check(lambda xp: xp.einsum(subs, *[xp.asarray(a) for a in arrays]), rtol=_rtol(a.dtype for a in arrays),
          exc_match=True)


@settings(max_examples=100, deadline=None)
@given(einsum_cases(), st.sampled_from([True, "greedy", "optimal"]))
def test_einsum_optimize_matches_numpy(case, optimize):
    subs, arrays = case
    check(lambda xp: xp.einsum(subs, *[xp.asarray(a) for a in arrays], optimize=optimize),
          rtol=_rtol(a.dtype for a in arrays), exc_match=True)


@settings(max_examples=100, deadline=None)
@given(einsum_cases(), st.sampled_from(DTYPES), st.sampled_from(["safe", "same_kind", "unsafe"]))
def test_einsum_dtype_casting_matches_numpy(case, dtype, casting):
    subs, arrays = case
    check(lambda xp: xp.einsum(subs, *[xp.asarray(a) for a in arrays], dtype=dtype, casting=casting),
          rtol=_rtol([dtype, *(a.dtype for a in arrays)]), exc_match=True)


@pytest.mark.parametrize("dt", ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8"])
def test_small_int_sums_wrap_and_keep_the_dtype(dt):
    info = numpy.iinfo(dt)
    a = numpy.array([info.max, info.max, info.max - 1, 3], dtype=dt)
    m = numpy.array([[info.max, 2], [info.min, info.max]], dtype=dt)
    for subs, ops in [("i,i", (a, a)), ("i->", (a,)), ("ij,jk->ik", (m, m)), ("ii", (m,)),
                      ("i,j->ij", (a, a)), ("ij,j", (m, a[:2]))]:
        check(lambda xp: xp.einsum(subs, *[xp.asarray(o) for o in ops]))


def test_bool_sums_are_logical():
    a = numpy.array([[True, False], [False, False]])
    for subs in ["ij,jk", "ij->", "ii", "ij,ij->i"]:
        check(lambda xp: xp.einsum(subs, *[xp.asarray(a)] * (subs.split("->")[0].count(",") + 1)))


@pytest.mark.parametrize("shape_a,shape_b,subs", [
    ((), (), ","), ((), (3,), ",i->i"), ((0,), (0,), "i,i"), ((2, 0), (0, 3), "ij,jk"),
    ((0, 3), (3,), "ij,j->i"), ((2, 1), (2, 3), "ij,ij->j"), ((1,), (3,), "i,i"),
    ((2, 3, 4), (4,), "...i,i"), ((3, 4), (2, 1, 4), "...i,...i->..."),
])
def test_zero_d_empty_and_broadcast_operands(shape_a, shape_b, subs):
    a = numpy.arange(numpy.prod(shape_a, dtype=int), dtype="f8").reshape(shape_a) + 1
    b = numpy.arange(numpy.prod(shape_b, dtype=int), dtype="i4").reshape(shape_b) - 2
    check(lambda xp: xp.einsum(subs, xp.asarray(a), xp.asarray(b)))
    check(lambda xp: xp.einsum(subs, xp.asarray(a), xp.asarray(b), optimize=True))


# -- views -------------------------------------------------------------------------

@pytest.mark.parametrize("subs,shape", [
    ("...", (2, 3)), ("ij", (2, 3)), ("ji", (2, 3)), ("ii->i", (3, 3)), ("iii->i", (3, 3, 3)),
    ("...ii->...i", (2, 3, 3)), ("ii...->i...", (3, 3, 2)), ("i...i->...i", (3, 2, 3)),
    ("jii->ij", (2, 3, 3)), ("ijk->jik", (2, 3, 4)), ("", ()),
])
def test_pure_relabelings_return_views_like_numpy(subs, shape):
    a_np = numpy.arange(numpy.prod(shape, dtype=int)).reshape(shape)
    a = numpy_shim.asarray(a_np.copy())
    got, expected = numpy_shim.einsum(subs, a), numpy.einsum(subs, a_np)
    assert_same(got, expected)
    if numpy.ndim(expected) == 0:
        return  # NumPy returns a scalar, as the shim does
    assert got.base is a.base if a.base is not None else got.base is a
    # writes through the result reach the operand, as in NumPy
    got[...] = -1
    expected[...] = -1
    numpy.testing.assert_array_equal(numpy.asarray(a), a_np)


def test_view_keeps_read_only_and_sublist_form():
    a = numpy_shim.arange(9).reshape(3, 3)
    d = numpy_shim.einsum(a, [0, 0], [0])
    assert d.base is a.base and d.flags.writeable
    a.flags.writeable = False
    assert not numpy_shim.einsum("ii->i", a).flags.writeable
    n = numpy.arange(9).reshape(3, 3)
    n.flags.writeable = False
    assert not numpy.einsum("ii->i", n).flags.writeable


def test_single_operand_view_ignores_dtype_as_numpy_does():
    a = numpy.ones((2, 3), "i1")
    check(lambda xp: xp.einsum("ij->ji", xp.asarray(a), dtype="f8", casting="no"))
    check(lambda xp: xp.einsum("ij->i", xp.asarray(a), dtype="f8", casting="no"))


# -- out= ------------------------------------------------------------------------------

def _with_out(xp, subs, ops, out, **kw):
    o = xp.asarray(out.copy())
    r = xp.einsum(subs, *[xp.asarray(x) for x in ops], out=o, **kw)
    assert r is o
    return o


@pytest.mark.parametrize("subs,ops,out,kw", [
    ("ij,jk->ik", [numpy.ones((2, 3)), numpy.ones((3, 4))], numpy.zeros((2, 4)), {}),
    ("i,i->", [numpy.arange(3.), numpy.arange(3.)], numpy.zeros(()), {}),
    ("i,i->i", [numpy.ones(1), numpy.ones(1)], numpy.zeros(3), {}),  # out widens the broadcast
    ("i,i->i", [numpy.ones(3), numpy.ones(3)], numpy.zeros(3, "f4"), {}),  # f8 -> f4 not safe
    ("i,i->i", [numpy.ones(3), numpy.ones(3)], numpy.zeros(3, "f4"), {"casting": "same_kind"}),
    ("i,i->i", [numpy.ones(3, "i1"), numpy.ones(3, "i1")], numpy.zeros(3, "f8"), {}),
    ("i,i->i", [numpy.ones(3), numpy.ones(3)], numpy.zeros(4), {}),
    ("i,i->i", [numpy.ones(3), numpy.ones(3)], numpy.zeros((1, 3)), {}),
    ("i->i", [numpy.ones((2, 2))], numpy.zeros((2, 2)), {}),
    # out takes part in NumPy's common dtype: the sum runs in int16 and does not wrap
    ("c->", [numpy.array([1, 127], "i1")], numpy.zeros((), "i2"), {}),
    ("", [numpy.array(0, "i1")], numpy.zeros((), "u1"), {}),  # int16 -> uint8 is not safe
    ("ij->ji", [numpy.arange(6.).reshape(2, 3)], numpy.zeros((3, 2)), {}),
    ("ijk,jil->kl", [numpy.arange(60).reshape(3, 4, 5), numpy.arange(24).reshape(4, 3, 2)],
     numpy.zeros((5, 2), "i2"), {"dtype": "f8", "casting": "unsafe"}),
])
def test_out_matches_numpy(subs, ops, out, kw):
    check(lambda xp: _with_out(xp, subs, ops, out, **kw), exc_match=True)


def test_numpy_out_through_dispatch_is_written():
    a, b = numpy_shim.ones((2, 3)), numpy_shim.arange(12.).reshape(3, 4)
    o = numpy.zeros((2, 4))
    r = numpy.einsum("ij,jk->ik", a, b, out=o)  # NumPy hands the call (and its out) to the shim
    assert r is o
    numpy.testing.assert_array_equal(o, numpy.ones((2, 3)) @ numpy.arange(12.).reshape(3, 4))
    o32 = numpy.zeros((2, 4), "f4")
    with pytest.raises(TypeError, match="according to the rule 'safe'"):
        numpy.einsum("ij,jk->ik", a, b, out=o32)
    numpy.einsum("ij,jk->ik", a, b, out=o32, casting="same_kind")
    numpy.testing.assert_array_equal(o32, o.astype("f4"))


def test_dot_out_accepts_numpy_arrays_with_numpys_rules():
    a, b = numpy.arange(6.).reshape(2, 3), numpy.arange(12.).reshape(3, 4)
    for out in [numpy.zeros((2, 4)), numpy.zeros((2, 4), "f4"), numpy.zeros((2, 5)),
                numpy.zeros((4, 2)).T, numpy.zeros(8)]:
        try:
            numpy.dot(a, b, out=out.copy())
        except ValueError as e:
            with pytest.raises(ValueError, match=str(e).replace("(", r"\(").replace(")", r"\)")):
                numpy.dot(numpy_shim.asarray(a), numpy_shim.asarray(b), out=out.copy())
            continue
        o = out.copy()
        assert numpy.dot(numpy_shim.asarray(a), numpy_shim.asarray(b), out=o) is o
        numpy.testing.assert_array_equal(o, a @ b)
    with pytest.raises(TypeError):
        numpy_shim.dot(numpy_shim.asarray(a), numpy_shim.asarray(b), out="x")


# -- order -------------------------------------------------------------------------

@pytest.mark.parametrize("order", ["K", "C", "F", "A", "k", "a"])
@pytest.mark.parametrize("subs,shapes,fortran", [
    ("...ft,mf->...mt", [(2, 3, 5), (4, 3)], [True, True]),
    ("...ft,mf->...mt", [(2, 3, 5), (4, 3)], [True, False]),
    ("ij,j->ji", [(2, 3), (3,)], [False, False]),
    ("ij,jk->ki", [(2, 3), (3, 4)], [False, False]),
    ("ij,jk->ik", [(2, 3), (3, 4)], [True, True]),
])
@pytest.mark.parametrize("optimize", [False, True])
def test_result_layout_follows_order(order, subs, shapes, fortran, optimize):
    if optimize and order in "Kk" and not subs.startswith("..."):
        pytest.skip("with optimize, NumPy's 'K' layout is whatever its matmul steps leave")
    def run(xp):
        ops = [xp.ones(s, order="F" if f else "C") for s, f in zip(shapes, fortran)]
        r = xp.einsum(subs, *ops, order=order, optimize=optimize)
        return r.flags.c_contiguous, r.flags.f_contiguous
    assert run(numpy_shim) == run(numpy)


# -- errors --------------------------------------------------------------------------

_ERRORS = [
    ((), {}), (("",), {}), ((0, 0), {}), ((None,) * 63, {}), (("", 0, 0), {}),
    ((",", 0, [0], [0]), {}), ((",", [0]), {}), (("i", 0), {}), (("ij", [0, 0]), {}),
    (("...i", 0), {}), (("i...j", [0, 0]), {}), (("i..", [0, 0]), {}), ((".i...", [0, 0]), {}),
    (("j->..j", [0, 0]), {}), (("j->.j...", [0, 0]), {}), (("i%...", [0, 0]), {}),
    (("...j$", [0, 0]), {}), (("i->&", [0, 0]), {}), (("i->ij", [0, 0]), {}),
    (("ij->jij", [[0, 0], [0, 0]]), {}), (("ii", numpy.arange(6).reshape(2, 3)), {}),
    (("ii->i", numpy.arange(6).reshape(2, 3)), {}),
    (("aabcb,abc", numpy.ones((3, 3, 4, 5, 6)), numpy.ones((3, 4, 5))), {}),
    (("i,i", numpy.arange(3), numpy.arange(4)), {}), (("ij,j", numpy.ones((2, 3)), numpy.ones(4)), {}),
    (("...,...", numpy.ones((2, 3)), numpy.ones((4, 3))), {}), (("...i->i", numpy.ones((2, 3))), {}),
    (("i-j", numpy.ones(3)), {}), (("i", numpy.arange(6).reshape(2, 3)), {}),
    ((numpy.ones(3), [60]), {}), ((numpy.ones(3), [-1]), {}), ((numpy.ones(3), "a"), {}),
    ((numpy.ones(3), [0.5]), {}), ((numpy.ones(3), [0], [0, 1]), {}),
    ((numpy.ones(3), [Ellipsis, Ellipsis]), {}),
    (("", 0), {"out": "test"}), (("", 0), {"order": "W"}), (("", 0), {"casting": "blah"}),
    (("", 0), {"dtype": "bad_data_type"}), (("", 0), {"bad_arg": 0}),
    (("ij->j", [numpy.arange(3)] * 2), {"casting": "same_value"}),
    (("i,i", numpy.ones(3), numpy.ones(3)), {"dtype": "i8"}),
    (("i,i->", numpy.ones(3, "i1"), numpy.ones(3, "i2")), {"casting": "no"}),
]


@pytest.mark.parametrize("optimize", [False, True])
@pytest.mark.parametrize("args,kwargs", _ERRORS)
def test_errors_match_numpy(args, kwargs, optimize):
    def run(xp):
        conv = [xp.asarray(a) if isinstance(a, numpy.ndarray) else a for a in args]
        return xp.einsum(*conv, optimize=optimize, **kwargs)
    # NumPy's C parser (optimize=False) and its Python one (optimize=True) word errors differently
    check(run, exc_match=True)


def test_invalid_explicit_path_is_numpys_runtime_error():
    a = [numpy.ones((2, 2))] * 4
    path = ["einsum_path", (2, 3), (0, 1)]
    for fn in (lambda xp: xp.einsum("ab,bc,cd,de->ae", *map(xp.asarray, a), optimize=path),
               lambda xp: xp.einsum_path("ab,bc,cd,de->ae", *map(xp.asarray, a), optimize=path)):
        check(fn, exc_match=True)


# -- einsum_path -----------------------------------------------------------------------

@pytest.mark.parametrize("subs,shapes", [
    ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 5)]), ("ea,fb,abcd,gc,hd->efgh", [(5, 3)] * 2 + [(3, 3, 3, 3)] + [(5, 3)] * 2),
    ("...a,...a->...", [(2, 3), (4, 2, 3)]),
])
@pytest.mark.parametrize("optimize", ["greedy", "optimal", True])
def test_einsum_path_matches_numpy(subs, shapes, optimize):
    def run(xp):
        ops = [xp.ones(s) for s in shapes]
        path, text = xp.einsum_path(subs, *ops, optimize=optimize)
        return path, text
    got, expected = run(numpy_shim), run(numpy)
    assert got == expected


def test_einsum_path_sublist_form_with_array_subscripts():
    a = numpy_shim.ones((2, 3))
    sub = numpy_shim.asarray([0, 1])
    expected = numpy.einsum_path(numpy.ones((2, 3)), [0, 1], numpy.ones((3, 2)), [1, 0])
    assert numpy_shim.einsum_path(a, sub, numpy_shim.ones((3, 2)), [1, 0]) == expected


# -- transforms ------------------------------------------------------------------------

@pytest.mark.parametrize("subs", ["ii->i", "ij->ji", "ii", "ij,jk", "ij->", "ii,i->i", "...i,i"])
def test_vmap_and_grad_match_numpy(subs):
    import numpy_shim.transforms as T
    xs = numpy.arange(18.).reshape(2, 3, 3) - 4

    def call(xp, a):
        if "," in subs:
            return xp.einsum(subs, a, a[0] if subs.startswith("ii,") or subs.startswith("...") else a)
        return xp.einsum(subs, a)
    got = T.vmap(lambda a: call(numpy_shim, a))(numpy_shim.asarray(xs))
    numpy.testing.assert_allclose(numpy.asarray(got), numpy.stack([call(numpy, x) for x in xs]))
    # d/da of sum(einsum(a) * w) against a finite-difference-free NumPy formula: the
    # einsum is linear in each operand, so the gradient of a single-operand call is
    # einsum of the weights back onto a's shape; check the single-operand ones exactly
    if "," not in subs:
        w = numpy.arange(1., 1 + numpy.size(call(numpy, xs[0]))).reshape(numpy.shape(call(numpy, xs[0])))
        ws = numpy_shim.asarray(w)
        g = T.grad(lambda a: numpy_shim.sum(call(numpy_shim, a) * ws))(numpy_shim.asarray(xs[1]))
        expected = numpy.zeros((3, 3))
        # scatter the weights back through NumPy's own view/sum of an index array
        idx = numpy.arange(9).reshape(3, 3)
        lin = numpy.einsum(subs, idx) if subs not in ("ii", "ij->") else None
        if lin is None:
            expected += numpy.eye(3) * w if subs == "ii" else w
        else:
            numpy.add.at(expected.reshape(-1), numpy.asarray(lin).reshape(-1), w.reshape(-1))
        numpy.testing.assert_allclose(numpy.asarray(g), expected)


@pytest.mark.parametrize("subs", ["ii->i", "ij->ji", "ii", "ii,i->i"])
def test_compile_of_a_view_operand_matches_numpy(subs):
    import numpy_shim.transforms as T
    xs = numpy.arange(18.).reshape(2, 3, 3)

    def f(xp, a):
        return xp.einsum(subs, a, a[0]) if "," in subs else xp.einsum(subs, a)
    got = T.compile(lambda a: f(numpy_shim, a))(numpy_shim.asarray(xs)[1])  # an operand with an offset
    numpy.testing.assert_allclose(numpy.asarray(got), f(numpy, xs[1]))


@settings(max_examples=60, deadline=None)
@given(einsum_cases())
def test_integer_fallback_off_the_cpu_matches_numpy(case):
    # torch has no integer matmul kernels on accelerators; einsum contracts integers
    # there by broadcast products and a sum. Checked here on the CPU against NumPy.
    import torch
    from numpy_shim._api_einsum import _mul_sum_einsum
    subs, arrays = case
    # the helper takes one equation over unique labels, as einsum hands it
    assume("..." not in subs and all(len(set(t)) == len(t) for t in subs.split("->")[0].split(",")))
    ins = subs.split("->")[0].split(",")
    out = subs.split("->")[1] if "->" in subs else "".join(
        sorted(c for c in set("".join(ins)) if "".join(ins).count(c) == 1))
    # one size per label (einsum expands broadcast operands before calling it)
    assume(all(len({a.shape[t.index(c)] for a, t in zip(arrays, ins) if c in t}) == 1
               for c in set("".join(ins))))
    ops = [numpy.asarray(a).astype("i8") for a in arrays]
    got = _mul_sum_einsum(",".join(ins) + "->" + out, [torch.from_numpy(o) for o in ops])
    numpy.testing.assert_array_equal(got.numpy(), numpy.einsum(",".join(ins) + "->" + out, *ops))


# -- dot / inner / tensordot / kron ---------------------------------------------------------

@pytest.mark.parametrize("fn", [
    lambda xp, a, b: xp.dot(a, b), lambda xp, a, b: xp.dot(a.reshape(1, 2), b),
    lambda xp, a, b: xp.inner(a, b), lambda xp, a, b: xp.tensordot(a, b, 1),
    lambda xp, a, b: xp.vdot(a, b), lambda xp, a, b: xp.einsum("i,i", a, b),
])
@pytest.mark.parametrize("b", [[-numpy.inf, numpy.inf], [1e308, 1e308], [numpy.nan, 1.0], [1.0, 2.0]])
@pytest.mark.parametrize("dt", ["f2", "f8"])
def test_products_report_floating_point_errors_as_numpy(fn, b, dt):
    def run(xp):
        with xp.errstate(all="raise"):
            return fn(xp, xp.asarray([1.0, 1.0], dtype=dt), xp.asarray(b, dtype=dt))
    check(run, exc_match=True)


@pytest.mark.parametrize("a,b", [(2, 3), ([1, 2], 3), (2.5, [[1, 2]]), ([[1, 2]], [3, 4]),
                                 (numpy.arange(6).reshape(2, 3), numpy.ones((2, 2), "f4")),
                                 (numpy.ones((0, 2)), numpy.ones(3)), ([True, False], [[True]])])
def test_kron_matches_numpy(a, b):
    check(lambda xp: xp.kron(xp.asarray(a), xp.asarray(b)))
    check(lambda xp: xp.kron(a, b))


def test_kron_keeps_the_subclass():
    class Mine(numpy_shim.ndarray):
        __array_priority__ = 1.0
    a = numpy_shim.ones((2, 2))
    m = a.view(Mine)
    assert type(numpy_shim.kron(a, a)) is numpy_shim.ndarray
    assert type(numpy_shim.kron(m, m)) is Mine
    assert type(numpy_shim.kron(a, m)) is Mine and type(numpy_shim.kron(m, a)) is Mine


@pytest.mark.parametrize("call", [
    lambda xp, o: xp.einsum("i->i", xp.ones(3), out=o),
    lambda xp, o: xp.einsum("i,i->i", xp.ones(3), xp.ones(3), out=o, optimize=True),
    lambda xp, o: xp.dot(xp.ones((3, 3)), xp.ones(3), out=o),
])
def test_read_only_out_is_numpys_error(call):
    def run(xp):
        o = xp.zeros(3)
        o.flags.writeable = False
        return call(xp, o)
    check(run, exc_match=True)


@settings(max_examples=100, deadline=None)
@given(einsum_cases(), st.sampled_from(DTYPES), st.sampled_from(["safe", "same_kind", "unsafe"]),
       st.booleans())
def test_out_of_any_dtype_matches_numpy(case, out_dtype, casting, numpy_out):
    subs, arrays = case
    try:
        shape = numpy.einsum(subs, *arrays).shape
    except ValueError:
        shape = (2,)  # the call is an error: NumPy's own error must come back

    def run(xp):
        ops = [xp.asarray(a) for a in arrays]
        if numpy_out and xp is numpy_shim:
            # a NumPy out: NumPy's dispatch hands the call over to the shim
            out = numpy.zeros(shape, out_dtype)
            assert numpy.einsum(subs, *ops, out=out, casting=casting) is out
            return numpy_shim.asarray(out)
        out = xp.zeros(shape, out_dtype)
        assert xp.einsum(subs, *ops, out=out, casting=casting) is out
        return out
    check(run, rtol=_rtol([out_dtype, *(a.dtype for a in arrays)]), exc_match=True)


def test_subclass_results_follow_numpy():
    def types(xp):
        class A(xp.ndarray):
            pass

        class B(xp.ndarray):
            __array_priority__ = 5.0
        a = xp.arange(6.).reshape(2, 3).view(A)
        b = xp.arange(6.).reshape(2, 3).view(B)
        p = xp.arange(6.).reshape(2, 3)
        res = [xp.einsum("ij->ji", a), xp.einsum("ij,kj", a, a), xp.dot(a, a.T), xp.dot(p, b.T),
               xp.dot(a, b.T), xp.dot(b, a.T), xp.dot(a[0], a[0]), xp.inner(a, a), xp.inner(p, a),
               xp.inner(a, p), xp.tensordot(a, a.T, 1), xp.outer(a, a)]
        return [type(r).__name__ for r in res]
    assert types(numpy_shim) == types(numpy)
