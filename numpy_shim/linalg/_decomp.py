"""Decompositions: eig, eigvals, eigh, eigvalsh, svd, svdvals, qr."""
import warnings

import torch

from .._convert import cast
from .._ndarray import _wrap
from ._common import (EigResult, EighResult, LinAlgError, QRResult, SVDResult, assert_finite,
                      assert_stacked_2d, assert_stacked_square, common_type, complex_of,
                      readable, real_of, tensor, with_fallback)


def _lapack(fn, message, *args, **kwargs):
    """Call a torch.linalg routine; its convergence failures are NumPy's LinAlgError."""
    try:
        return fn(*args, **kwargs)
    except RuntimeError as e:
        if "converge" in str(e) or "non-finite" in str(e) or "ill-conditioned" in str(e):
            raise LinAlgError(message) from None
        raise


def _real_if_all_real(w, *rest):
    """NumPy returns real eigenvalues for real input when every imaginary part is 0.

    That is a dtype chosen from the values, so it is decided only where values can be
    read (eager CPU, grad); under vmap/compile the result stays complex.
    """
    r = readable(w)
    if r is not None and not bool((r.imag != 0).any()):
        return (w.real,) + tuple(x.real for x in rest), True
    return (w,) + rest, False


@with_fallback("eigvals")
def eigvals(a):
    a = tensor(a)
    assert_stacked_square(a)
    assert_finite(a)
    t, rt = common_type(a)
    w = _lapack(torch.linalg.eigvals, "Eigenvalues did not converge", cast(a, t))
    if not t.is_complex:
        (w,), real = _real_if_all_real(w)
        rt = rt if real else complex_of(rt)
    return _wrap(w.to(rt))


@with_fallback("eig")
def eig(a):
    a = tensor(a)
    assert_stacked_square(a)
    assert_finite(a)
    t, rt = common_type(a)
    w, v = _lapack(torch.linalg.eig, "Eigenvalues did not converge", cast(a, t))
    if not t.is_complex:
        (w, v), real = _real_if_all_real(w, v)
        rt = rt if real else complex_of(rt)
    return EigResult(_wrap(w.to(rt)), _wrap(v.to(rt)))


def _uplo(UPLO):
    UPLO = UPLO.upper()
    if UPLO not in ("L", "U"):
        raise ValueError("UPLO argument must be 'L' or 'U'")
    return UPLO


@with_fallback("eigvalsh")
def eigvalsh(a, UPLO="L"):
    UPLO = _uplo(UPLO)
    a = tensor(a)
    assert_stacked_square(a)
    t, rt = common_type(a)
    w = _lapack(torch.linalg.eigvalsh, "Eigenvalues did not converge", cast(a, t), UPLO=UPLO)
    return _wrap(w.to(real_of(rt)))


@with_fallback("eigh")
def eigh(a, UPLO="L"):
    UPLO = _uplo(UPLO)
    a = tensor(a)
    assert_stacked_square(a)
    t, rt = common_type(a)
    w, v = _lapack(torch.linalg.eigh, "Eigenvalues did not converge", cast(a, t), UPLO=UPLO)
    return EighResult(_wrap(w.to(real_of(rt))), _wrap(v.to(rt)))


def _svd_tensors(a, full_matrices, compute_uv, hermitian):
    """(u, s, vh) or s as tensors of NumPy's result dtypes."""
    if hermitian:
        assert_stacked_square(a)
        t, rt = common_type(a)
        if not compute_uv:
            s = _lapack(torch.linalg.eigvalsh, "Eigenvalues did not converge", cast(a, t)).abs()
            # NumPy sorts ascending and reverses (not a descending stable sort)
            return torch.sort(s, stable=True).values.flip(-1).to(real_of(rt))
        s, u = _lapack(torch.linalg.eigh, "Eigenvalues did not converge", cast(a, t))
        sgn = torch.copysign(torch.ones_like(s), s)
        s = s.abs()
        idx = torch.argsort(s, dim=-1, stable=True).flip(-1)
        sgn = torch.gather(sgn, -1, idx)
        s = torch.gather(s, -1, idx)
        u = torch.gather(u, -1, idx.unsqueeze(-2).expand(u.shape))
        vh = (u * sgn.unsqueeze(-2).to(u.dtype)).transpose(-1, -2).conj().resolve_conj()
        return u.to(rt), s.to(real_of(rt)), vh.to(rt)
    assert_stacked_2d(a)
    t, rt = common_type(a)
    if not compute_uv:
        s = _lapack(torch.linalg.svdvals, "SVD did not converge", cast(a, t))
        return s.to(real_of(rt))
    u, s, vh = _lapack(torch.linalg.svd, "SVD did not converge", cast(a, t),
                       full_matrices=bool(full_matrices))
    return u.to(rt), s.to(real_of(rt)), vh.to(rt)


@with_fallback("svd")
def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    """Singular value decomposition: SVDResult(U, S, Vh), or S alone."""
    r = _svd_tensors(tensor(a), full_matrices, compute_uv, hermitian)
    if not compute_uv:
        return _wrap(r)
    return SVDResult(*(_wrap(x) for x in r))


@with_fallback("svdvals")
def svdvals(x, /):
    return svd(x, compute_uv=False)


@with_fallback("qr")
def qr(a, mode="reduced"):
    """QR decomposition; modes 'reduced', 'complete', 'r', 'raw' as NumPy's."""
    if mode not in ("reduced", "complete", "r", "raw"):
        if mode in ("f", "full"):
            warnings.warn("The 'full' option is deprecated in favor of 'reduced'.\n"
                          "For backward compatibility let mode default.",
                          DeprecationWarning, stacklevel=2)
            mode = "reduced"
        elif mode in ("e", "economic"):
            warnings.warn("The 'economic' option is deprecated.", DeprecationWarning, stacklevel=2)
            mode = "economic"
        else:
            raise ValueError(f"Unrecognized mode '{mode}'")
    a = tensor(a)
    assert_stacked_2d(a)
    t, rt = common_type(a)
    at = cast(a, t)
    if mode in ("raw", "economic"):
        h, tau = torch.geqrf(at)
        if mode == "economic":
            return _wrap(h.to(rt))
        # NumPy hands back LAPACK's Fortran-order matrix, i.e. the transpose
        return _wrap(h.transpose(-1, -2).to(rt).contiguous()), _wrap(tau.to(rt))
    if mode == "r":
        return _wrap(torch.linalg.qr(at, mode="r")[1].to(rt))
    q, r = torch.linalg.qr(at, mode=mode)
    return QRResult(_wrap(q.to(rt)), _wrap(r.to(rt)))
