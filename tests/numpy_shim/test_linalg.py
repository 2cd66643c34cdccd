"""numpy_shim.linalg against numpy.linalg: values, dtypes, errors, stacked and empty shapes."""
import math

import numpy
import pytest
import torch
from hypothesis import given, strategies as st

import numpy_shim
from tests.differential import ALL_DTYPES, assert_same, check

# float16 is in the list on purpose: NumPy refuses it with a TypeError, so must we.
TOL = dict(rtol=1e-4, atol=1e-5)


def _tol(a):
    """float16: one unit in the last place. NumPy rounds a float16 sum along a strided axis to
    float16 at every step; torch accumulates in float32 and rounds once."""
    return dict(rtol=2e-3, atol=1e-3) if a.dtype == numpy.float16 else TOL


@st.composite
def matrices(draw, square=True, dtypes=ALL_DTYPES, min_n=0, max_n=4, batch=True, sym=False,
             dominant=True):
    """(dtype, NumPy array of shape (*batch, m, n)): well conditioned unless told otherwise."""
    dt = draw(st.sampled_from(dtypes))
    nb = draw(st.integers(0, 2)) if batch else 0
    bshape = tuple(draw(st.integers(0 if nb else 1, 3)) for _ in range(nb))
    m = draw(st.integers(min_n, max_n))
    n = m if square else draw(st.integers(min_n, max_n))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = numpy.random.default_rng(seed)
    a = rng.uniform(-5, 5, bshape + (m, n))
    if dt.kind == "c":
        a = a + 1j * rng.uniform(-5, 5, bshape + (m, n))
    if sym:
        a = a + numpy.conj(numpy.swapaxes(a, -1, -2))
    if dominant and square:
        a = a + 40 * numpy.eye(m)
    if dt.kind == "b":
        a = numpy.eye(m, n, dtype=bool) | (a.real > 2)
    elif dt.kind in "iu":
        a = numpy.abs(numpy.round(a.real)) if dt.kind == "u" else numpy.round(a.real)
    return a.astype(dt)


@given(matrices())
def test_inv_det_slogdet(a):
    check(lambda xp: xp.linalg.inv(xp.asarray(a)), **TOL)
    check(lambda xp: xp.linalg.det(xp.asarray(a)), rtol=1e-4)
    check(lambda xp: tuple(xp.linalg.slogdet(xp.asarray(a))), **TOL)


@given(matrices(), st.booleans())
def test_solve(a, vector_b):
    rng = numpy.random.default_rng(0)
    n = a.shape[-1]
    b = rng.uniform(-3, 3, (n,) if vector_b else a.shape[:-1] + (2,)).astype(a.dtype) \
        if a.dtype.kind != "b" else numpy.ones((n,) if vector_b else a.shape[:-1] + (2,), bool)
    check(lambda xp: xp.linalg.solve(xp.asarray(a), xp.asarray(b)), **TOL)


def test_solve_stacked_b_as_matrices():
    # NumPy 2: b is a vector only when 1-D; (k, m) with a (k, m, m) is a stack of... matrices
    a = numpy.eye(3) * 2 + numpy.arange(9).reshape(3, 3) * 0.1
    check(lambda xp: xp.linalg.solve(xp.asarray(numpy.stack([a, a])), xp.asarray(numpy.ones((3, 3)))), **TOL)
    check(lambda xp: xp.linalg.solve(xp.asarray(numpy.stack([a, a])), xp.asarray(numpy.ones((2, 3)))))


@pytest.mark.parametrize("fn", ["inv", "det", "slogdet", "cholesky", "eig", "eigvals", "eigh",
                                "eigvalsh"])
@pytest.mark.parametrize("shape", [(3,), (2, 3), (4, 2, 3), ()])
def test_not_square_is_linalgerror(fn, shape):
    e = check(lambda xp: getattr(xp.linalg, fn)(xp.ones(shape)))
    assert isinstance(e, numpy.linalg.LinAlgError)


def test_singular():
    z = numpy.array([[1.0, 2.0], [2.0, 4.0]])
    for fn in (lambda xp: xp.linalg.inv(xp.asarray(z)),
               lambda xp: xp.linalg.solve(xp.asarray(z), xp.ones(2)),
               lambda xp: xp.linalg.inv(xp.asarray(numpy.stack([numpy.eye(2), z])))):
        e = check(fn)
        assert isinstance(e, numpy.linalg.LinAlgError) and str(e) == "Singular matrix"
    check(lambda xp: xp.linalg.det(xp.asarray(z)))
    check(lambda xp: tuple(xp.linalg.slogdet(xp.asarray(z))))
    assert numpy_shim.linalg.LinAlgError is numpy.linalg.LinAlgError


def test_cholesky_not_positive_definite():
    e = check(lambda xp: xp.linalg.cholesky(xp.asarray([[1.0, 2.0], [2.0, 1.0]])))
    assert str(e) == "Matrix is not positive definite"


def test_float16_is_refused():
    e = check(lambda xp: xp.linalg.inv(xp.eye(2, dtype=xp.float16)))
    assert isinstance(e, TypeError)


@given(matrices(sym=True), st.sampled_from(["L", "U"]), st.booleans())
def test_cholesky_eigh(a, uplo, upper):
    if a.dtype.kind in "biu":
        a = (a.astype(float) + a.shape[-1] * 10 * numpy.eye(a.shape[-1])).astype(a.dtype) \
            if a.dtype.kind != "b" else a
    check(lambda xp: xp.linalg.cholesky(xp.asarray(a), upper=upper), **TOL)
    check(lambda xp: xp.linalg.eigvalsh(xp.asarray(a), UPLO=uplo), **TOL)
    w, v = numpy.linalg.eigh(a) if a.dtype != numpy.float16 else (None, None)
    if w is None:
        check(lambda xp: xp.linalg.eigh(xp.asarray(a)))
        return
    res = numpy_shim.linalg.eigh(numpy_shim.asarray(a), UPLO=uplo)
    assert type(res).__name__ == "EighResult"
    assert_same(res.eigenvalues, w, **TOL)
    gv = numpy.asarray(res.eigenvectors)
    assert gv.dtype == v.dtype and gv.shape == v.shape
    # eigenvectors are unique up to phase: compare the reconstruction instead
    recon = gv @ (numpy.asarray(res.eigenvalues)[..., None] * numpy.conj(numpy.swapaxes(gv, -1, -2)))
    numpy.testing.assert_allclose(recon, a.astype(recon.dtype), rtol=1e-4, atol=1e-3)


def _sorted(w):
    return numpy.sort_complex(numpy.asarray(w).astype(complex)) if w.size else numpy.asarray(w)


@given(matrices(dominant=False, dtypes=[numpy.dtype(c) for c in "ldfFD"]), st.booleans())
def test_eig_eigvals(a, symmetric):
    if symmetric:
        a = a + numpy.swapaxes(a, -1, -2)
    w_np = numpy.linalg.eigvals(a)
    w = numpy_shim.linalg.eigvals(numpy_shim.asarray(a))
    assert numpy.asarray(w).dtype == w_np.dtype  # real when every eigenvalue is real
    n = a.shape[-1]
    for wg, we in zip(numpy.asarray(w).reshape(-1, n) if n else [], w_np.reshape(-1, n) if n else []):
        numpy.testing.assert_allclose(_sorted(wg), _sorted(we), rtol=1e-4, atol=1e-4)
    res = numpy_shim.linalg.eig(numpy_shim.asarray(a))
    w2, v2 = numpy.asarray(res.eigenvalues), numpy.asarray(res.eigenvectors)
    assert w2.dtype == w_np.dtype and v2.dtype == numpy.linalg.eig(a).eigenvectors.dtype
    numpy.testing.assert_allclose(a @ v2, v2 * w2[..., None, :], rtol=1e-4, atol=1e-3)


def test_eig_rotation_is_complex_and_nan_is_error():
    r = numpy.array([[0.0, -1.0], [1.0, 0.0]])
    check(lambda xp: xp.linalg.eigvals(xp.asarray(r)))
    e = check(lambda xp: xp.linalg.eigvals(xp.asarray([[numpy.nan, 0], [0, 1.0]])))
    assert str(e) == "Array must not contain infs or NaNs"


@given(matrices(square=False, dominant=False, dtypes=[numpy.dtype(c) for c in "?ilfdFDe"]),
       st.booleans(), st.booleans())
def test_svd(a, full, compute_uv):
    check(lambda xp: xp.linalg.svd(xp.asarray(a), compute_uv=False), **TOL)
    check(lambda xp: xp.linalg.svdvals(xp.asarray(a)), **TOL)
    if a.dtype == numpy.float16:
        return
    u, s, vh = numpy.linalg.svd(a, full_matrices=full)
    res = numpy_shim.linalg.svd(numpy_shim.asarray(a), full_matrices=full)
    assert type(res).__name__ == "SVDResult"
    gu, gs, gvh = (numpy.asarray(x) for x in res)
    for g, e in ((gu, u), (gs, s), (gvh, vh)):
        assert g.dtype == e.dtype and g.shape == e.shape
    k = min(a.shape[-2:])
    recon = (gu[..., :, :k] * gs[..., None, :]) @ gvh[..., :k, :]
    numpy.testing.assert_allclose(recon, a.astype(recon.dtype), rtol=1e-4, atol=1e-3)


@given(matrices(sym=True, dominant=False, dtypes=[numpy.dtype(c) for c in "dfD"]))
def test_svd_hermitian(a):
    check(lambda xp: xp.linalg.svd(xp.asarray(a), hermitian=True, compute_uv=False), **TOL)
    u, s, vh = numpy_shim.linalg.svd(numpy_shim.asarray(a), hermitian=True)
    recon = (numpy.asarray(u) * numpy.asarray(s)[..., None, :]) @ numpy.asarray(vh)
    numpy.testing.assert_allclose(recon, a, rtol=1e-4, atol=1e-3)


@given(matrices(square=False, dominant=False, dtypes=[numpy.dtype(c) for c in "ilfdFD"]),
       st.sampled_from(["reduced", "complete", "r", "raw"]))
def test_qr(a, mode):
    expected = numpy.linalg.qr(a, mode=mode)
    got = numpy_shim.linalg.qr(numpy_shim.asarray(a), mode=mode)
    if mode == "r":
        assert_same(numpy.abs(numpy.asarray(got)), numpy.abs(expected), check_kind=False, **TOL)
        assert isinstance(got, numpy_shim.ndarray) and numpy.asarray(got).dtype == expected.dtype
        return
    if mode == "raw":
        for g, e in zip(got, expected):
            g = numpy.asarray(g)
            assert g.dtype == e.dtype and g.shape == e.shape
        return
    q, r = (numpy.asarray(x) for x in got)
    assert type(got).__name__ == "QRResult"
    assert q.dtype == expected.Q.dtype and q.shape == expected.Q.shape
    assert r.shape == expected.R.shape
    numpy.testing.assert_allclose(q @ r, a.astype(q.dtype), rtol=1e-4, atol=1e-3)


def test_qr_bad_mode():
    check(lambda xp: xp.linalg.qr(xp.eye(2), mode="bogus"))


_VORDS = [None, 0, 1, 2, 3, -1, -2, 0.5, math.inf, -math.inf, "fro", "nuc"]
_MORDS = [None, 1, -1, 2, -2, math.inf, -math.inf, "fro", "nuc", 3]


@given(matrices(square=False, dominant=False, min_n=1), st.sampled_from(_VORDS), st.booleans(),
       st.sampled_from([None, 0, -1, 1, 3, (0,), (-2, -1), (0, 1), (1, 0), (0, 0), [0]]))
def test_norm(a, ord, keepdims, axis):
    check(lambda xp: xp.linalg.norm(xp.asarray(a), ord=ord, axis=axis, keepdims=keepdims), **_tol(a))


@given(matrices(square=False, dominant=False), st.sampled_from(_MORDS), st.booleans())
def test_matrix_norm(a, ord, keepdims):
    check(lambda xp: xp.linalg.matrix_norm(xp.asarray(a), ord=ord, keepdims=keepdims), **_tol(a))


@given(matrices(square=False, dominant=False), st.sampled_from(_VORDS[:-2]), st.booleans(),
       st.sampled_from([None, 0, -1, (0, 1), (-1, 0), (0, 0)]))
def test_vector_norm(a, ord, keepdims, axis):
    check(lambda xp: xp.linalg.vector_norm(xp.asarray(a), ord=ord, keepdims=keepdims, axis=axis), **_tol(a))


def test_norm_scalar_and_empty():
    check(lambda xp: xp.linalg.norm(xp.asarray([3.0, 4.0])))
    check(lambda xp: xp.linalg.norm(xp.zeros((0, 3)), ord=xp.inf, axis=0))
    check(lambda xp: xp.linalg.norm(xp.zeros((0, 3)), ord=-xp.inf, axis=0))
    check(lambda xp: xp.linalg.norm(xp.ones((2, 2, 2)), ord=2))


@given(matrices(square=False, dominant=False, batch=False, min_n=1,
                dtypes=[numpy.dtype(c) for c in "ilfdFD"]), st.booleans())
def test_lstsq(a, vector_b):
    m = a.shape[0]
    b = numpy.arange(m, dtype=float) if vector_b else numpy.arange(2 * m, dtype=float).reshape(m, 2)
    x, res, rank, s = numpy.linalg.lstsq(a, b)
    gx, gres, grank, gs = numpy_shim.linalg.lstsq(numpy_shim.asarray(a), numpy_shim.asarray(b))
    assert type(grank) is type(rank) and grank == rank
    assert_same(gs, s, **TOL)
    assert_same(gres, res, rtol=1e-3, atol=1e-3)
    if rank == min(a.shape):
        assert_same(gx, x, rtol=1e-3, atol=1e-3)


def test_lstsq_errors_and_empty():
    check(lambda xp: xp.linalg.lstsq(xp.ones((3, 2)), xp.ones(2)))
    check(lambda xp: xp.linalg.lstsq(xp.ones((3, 2)), xp.ones((3, 0)))[0])
    check(lambda xp: xp.linalg.lstsq(xp.ones((0, 2)), xp.ones((0, 3)))[0])


@given(matrices(square=False, dominant=False, dtypes=[numpy.dtype(c) for c in "ilfdFD"]))
def test_pinv_rank_cond(a):
    check(lambda xp: xp.linalg.pinv(xp.asarray(a)), rtol=1e-3, atol=1e-4)
    check(lambda xp: xp.linalg.pinv(xp.asarray(a), rtol=None), rtol=1e-3, atol=1e-4)
    check(lambda xp: xp.linalg.matrix_rank(xp.asarray(a)))


@given(matrices(dtypes=[numpy.dtype(c) for c in "ldfFD"], min_n=1),
       st.sampled_from([None, 1, -1, 2, -2, math.inf, -math.inf, "fro", "nuc"]))
def test_cond(a, p):
    check(lambda xp: xp.linalg.cond(xp.asarray(a), p), rtol=1e-3)


def test_cond_singular_is_inf():
    check(lambda xp: xp.linalg.cond(xp.asarray([[1.0, 2.0], [2.0, 4.0]]), 1))
    check(lambda xp: xp.linalg.cond(xp.zeros((0, 0))))


@given(matrices(dtypes=[numpy.dtype(c) for c in "?bilBfdFD"], max_n=3),
       st.integers(-3, 6))
def test_matrix_power(a, n):
    if a.dtype.kind in "iu":
        a = (a % 3).astype(a.dtype)
    check(lambda xp: xp.linalg.matrix_power(xp.asarray(a), n), **TOL)


def test_matrix_power_errors():
    check(lambda xp: xp.linalg.matrix_power(xp.eye(2), 1.5))
    check(lambda xp: xp.linalg.matrix_power(xp.ones((2, 3)), 2))


def test_multi_dot():
    rng = numpy.random.default_rng(1)
    shapes = [(3,), (3, 4), (4, 5), (5, 2), (2,)]
    arrs = [rng.uniform(size=s) for s in shapes]
    for lo, hi in [(0, 5), (1, 5), (0, 4), (1, 4), (1, 3), (0, 2)]:
        check(lambda xp: xp.linalg.multi_dot([xp.asarray(x) for x in arrs[lo:hi]]), rtol=1e-10)
    check(lambda xp: xp.linalg.multi_dot([xp.ones(3)]))


@given(st.sampled_from(ALL_DTYPES), st.sampled_from(ALL_DTYPES))
def test_products_dtypes(d1, d2):
    a = (numpy.arange(24).reshape(2, 4, 3) % 5).astype(d1)
    b = (numpy.arange(12).reshape(4, 3) % 3).astype(d2)
    check(lambda xp: xp.linalg.cross(xp.asarray(a), xp.asarray(b)))
    check(lambda xp: xp.linalg.vecdot(xp.asarray(a), xp.asarray(b)), rtol=1e-3)
    check(lambda xp: xp.linalg.outer(xp.asarray(a[0, 0]), xp.asarray(b[0])))
    check(lambda xp: xp.linalg.tensordot(xp.asarray(a), xp.asarray(b), axes=2), rtol=1e-3)
    check(lambda xp: xp.linalg.matmul(xp.asarray(a), xp.asarray(b.T)), rtol=1e-3)


def test_array_api_helpers():
    a = numpy.arange(24).reshape(2, 3, 4)
    for off in (-2, 0, 1, 5):
        check(lambda xp: xp.linalg.diagonal(xp.asarray(a), offset=off))
        check(lambda xp: xp.linalg.trace(xp.asarray(a), offset=off))
    check(lambda xp: xp.linalg.trace(xp.asarray(a.astype(numpy.int8)), dtype=xp.float32))
    check(lambda xp: xp.linalg.matrix_transpose(xp.asarray(a)))
    check(lambda xp: xp.linalg.matrix_transpose(xp.ones(3)))
    check(lambda xp: xp.linalg.diagonal(xp.ones(3)))
    check(lambda xp: xp.linalg.cross(xp.ones(2), xp.ones(3)))
    check(lambda xp: xp.linalg.cross(xp.ones((3, 2)), xp.ones((3, 2)), axis=0))
    check(lambda xp: xp.linalg.outer(xp.ones((2, 2)), xp.ones(2)))
    check(lambda xp: xp.linalg.vecdot(xp.ones((2, 3)), xp.ones((3, 2)), axis=0))
    check(lambda xp: xp.linalg.vecdot(xp.ones((2, 3)), xp.ones((3, 2))))
    check(lambda xp: xp.linalg.tensordot(xp.ones((2, 3)), xp.ones((3, 2)), axes=([1], [0])))


def test_tensorinv_tensorsolve():
    rng = numpy.random.default_rng(2)
    a = numpy.eye(24).reshape(4, 6, 8, 3) + rng.uniform(size=(4, 6, 8, 3)) * 0.1
    check(lambda xp: xp.linalg.tensorinv(xp.asarray(a), ind=2), **TOL)
    b = rng.uniform(size=(4, 6))
    check(lambda xp: xp.linalg.tensorsolve(xp.asarray(a), xp.asarray(b)), **TOL)
    check(lambda xp: xp.linalg.tensorinv(xp.asarray(a), ind=0))
    a2 = numpy.eye(6).reshape(2, 3, 6) + 0.1
    check(lambda xp: xp.linalg.tensorsolve(xp.asarray(a2), xp.ones((2, 3)), axes=(0,)), **TOL)


def test_grad_through_det_and_inv():
    # d det(A) / dA = det(A) * inv(A).T ; d sum(inv(A)) / dA checked by finite differences
    a = torch.tensor([[2.0, 1.0], [0.5, 3.0]], dtype=torch.float64)

    def det(t):
        return numpy_shim.linalg.det(numpy_shim.asarray(t)).tensor

    g = torch.func.grad(det)(a)
    expected = numpy.linalg.det(a.numpy()) * numpy.linalg.inv(a.numpy()).T
    numpy.testing.assert_allclose(g.numpy(), expected, rtol=1e-10)

    def f(t):
        return numpy_shim.linalg.inv(numpy_shim.asarray(t)).tensor.sum()

    assert torch.autograd.gradcheck(f, (a.clone().requires_grad_(),))


def test_vmap_matches_stacking():
    rng = numpy.random.default_rng(3)
    x = torch.tensor(rng.uniform(size=(4, 3, 3)) + 3 * numpy.eye(3))

    def f(t):
        return numpy_shim.linalg.solve(numpy_shim.asarray(t), numpy_shim.ones(3)).tensor

    got = torch.func.vmap(f)(x)
    expected = numpy.stack([numpy.linalg.solve(m, numpy.ones(3)) for m in x.numpy()])
    numpy.testing.assert_allclose(got.numpy(), expected, rtol=1e-10)


@pytest.mark.parametrize("fn", [
    lambda t: numpy_shim.linalg.det(numpy_shim.asarray(t)[None]).tensor,
    lambda t: numpy_shim.linalg.solve(numpy_shim.asarray(t), numpy_shim.ones(3)).tensor,
    lambda t: numpy_shim.linalg.svd(numpy_shim.asarray(t)).S.tensor,
    lambda t: numpy_shim.linalg.eigh(numpy_shim.asarray(t)).eigenvalues.tensor,
    lambda t: numpy_shim.linalg.pinv(numpy_shim.asarray(t)).tensor,
    lambda t: numpy_shim.linalg.qr(numpy_shim.asarray(t)).R.tensor,
    lambda t: numpy_shim.linalg.norm(numpy_shim.asarray(t), 2, axis=(0, 1), keepdims=True).tensor,
])
def test_compile_matches_eager(fn):
    # backend="eager": dynamo's graph capture without inductor's C++ build (seconds, not minutes)
    x = torch.eye(3, dtype=torch.float64) * 2 + 0.1
    got = torch.compile(fn, backend="eager", fullgraph=True)(x)
    torch.testing.assert_close(got, fn(x))
