"""Linear systems, inverses and determinants: solve, inv, det, slogdet, cholesky, lstsq,
pinv, tensorinv, tensorsolve, matrix_power, matrix_rank, cond."""
import operator

import numpy as np
import torch

from .._convert import cast
from .._dtypes import TORCH_TO_NP
from .._ndarray import _wrap
from ._common import (LinAlgError, SlogdetResult, assert_2d, assert_stacked_2d,
                      assert_stacked_square, check_info, common_type, out, readable, real_of, tensor,
                      with_fallback)


@with_fallback("solve")
def solve(a, b):
    """Solve ``a @ x = b``; ``b`` is a vector only when it is 1-D (NumPy 2's rule)."""
    a, b = tensor(a), tensor(b)
    assert_stacked_square(a)
    t, rt = common_type(a, b)
    m = a.shape[-1]
    if b.dim() == 1:
        if b.shape[0] != m:
            raise ValueError(
                "solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
                f"signature (m,m),(m)->(m) (size {b.shape[0]} is different from {m})")
    else:
        if b.shape[-2] != m:
            raise ValueError(
                "solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
                f"signature (m,m),(m,n)->(m,n) (size {b.shape[-2]} is different from {m})")
        batch_of(a.shape[:-2], b.shape[:-2])
        if b.dim() == a.dim() - 1:
            # torch would read this b as a stack of vectors; NumPy reads it as matrices.
            b = b.unsqueeze(0)
    x, info = torch.linalg.solve_ex(cast(a, t), cast(b, t))
    check_info(info, "Singular matrix")
    return out(x.to(rt))


def batch_of(*shapes):
    try:
        return torch.broadcast_shapes(*shapes)
    except RuntimeError:
        raise ValueError("operands could not be broadcast together with remapped shapes "
                         "[original->remapped]: " + " ".join(str(tuple(s)) for s in shapes)) from None


@with_fallback("inv")
def inv(a):
    """The inverse of a (stack of) square matrices; LinAlgError if singular."""
    a = tensor(a)
    assert_stacked_square(a)
    t, rt = common_type(a)
    r, info = torch.linalg.inv_ex(cast(a, t))
    check_info(info, "Singular matrix")
    return _wrap(r.to(rt))


@with_fallback("det")
def det(a):
    a = tensor(a)
    assert_stacked_square(a)
    t, rt = common_type(a)
    return out(torch.linalg.det(cast(a, t)).to(rt))


@with_fallback("slogdet")
def slogdet(a):
    """(sign, log|det|); a singular matrix gives (0, -inf) as in NumPy."""
    a = tensor(a)
    assert_stacked_square(a)
    t, rt = common_type(a)
    sign, logdet = torch.linalg.slogdet(cast(a, t))
    return SlogdetResult(out(sign.to(rt)), out(logdet.to(real_of(rt))))


@with_fallback("cholesky")
def cholesky(a, /, *, upper=False):
    """Cholesky factor (lower by default; ``upper=True`` gives L^H)."""
    a = tensor(a)
    assert_stacked_square(a)
    t, rt = common_type(a)
    r, info = torch.linalg.cholesky_ex(cast(a, t), upper=bool(upper))
    check_info(info, "Matrix is not positive definite")
    return _wrap(r.to(rt))


@with_fallback("lstsq")
def lstsq(a, b, rcond=None):
    """Least squares: (x, residuals, rank, singular values), NumPy's 4-tuple.

    residuals is empty unless the system is overdetermined and of full rank. Under
    vmap/compile the rank cannot be read, so residuals are returned whenever m > n.
    """
    a, b = tensor(a), tensor(b)
    is_1d = b.dim() == 1
    if is_1d:
        b = b.unsqueeze(-1)
    assert_2d(a, b)
    m, n = a.shape
    m2, n_rhs = b.shape
    if m != m2:
        raise LinAlgError("Incompatible dimensions")
    t, rt = common_type(a, b)
    rrt = real_of(rt)
    if rcond is None:
        rcond = float(np.finfo(TORCH_TO_NP[t]).eps) * max(n, m)
    at, bt = cast(a, t), cast(b, t)
    if n_rhs == 0:
        # LAPACK cannot take zero right-hand sides (NumPy pads the same way)
        bt = torch.zeros((m, 1), dtype=t, device=bt.device)
    if m == 0 or n == 0:
        x = torch.zeros((n, bt.shape[1]), dtype=t, device=bt.device)
        s = torch.zeros((0,), dtype=real_of(t), device=bt.device)
        rank = torch.zeros((), dtype=torch.int64)
    else:
        x, _, rank, s = torch.linalg.lstsq(at, bt, rcond=float(rcond), driver="gelsd")
    if n_rhs == 0:
        x = x[:, :0]
        bt = bt[:, :0]
    resid_wanted = m > n
    r = readable(rank)
    if r is not None:
        resid_wanted = resid_wanted and int(r) == n
    if resid_wanted:
        d = torch.matmul(at, x) - bt
        resids = (d.real ** 2 + d.imag ** 2 if d.is_complex() else d ** 2).sum(0)
        resids = resids.to(rrt)
    else:
        resids = torch.zeros((0,), dtype=rrt, device=x.device)
    if is_1d:
        x = x.squeeze(-1)
    rank_out = np.int32(int(r)) if r is not None else _wrap(rank.to(torch.int32))
    return _wrap(x.to(rt)), _wrap(resids), rank_out, _wrap(s.to(rrt))


@with_fallback("pinv")
def pinv(a, rcond=None, hermitian=False, *, rtol=np._NoValue):
    """Moore-Penrose pseudo-inverse through the SVD, cutting at ``rcond * max(s)``."""
    a = tensor(a)
    if rcond is None:
        if rtol is np._NoValue:
            rcond = 1e-15
        elif rtol is None:
            rcond = max(a.shape[-2:]) * float(np.finfo(TORCH_TO_NP[a.dtype]).eps) \
                if a.dim() >= 2 else 1e-15
        else:
            rcond = rtol
    elif rtol is not np._NoValue:
        raise ValueError("`rtol` and `rcond` can't be both set.")
    assert_stacked_2d(a)
    # a Python number stays off NumPy (host conversion that torch.compile cannot trace)
    rc = torch.tensor(float(rcond), dtype=torch.float64) if isinstance(rcond, (int, float)) \
        else tensor(rcond)
    if a.shape[-1] * a.shape[-2] == 0:
        m, n = a.shape[-2:]
        return _wrap(torch.empty(a.shape[:-2] + (n, m), dtype=a.dtype, device=a.device))
    from ._decomp import _svd_tensors
    u, s, vh = _svd_tensors(a.conj(), False, True, hermitian)
    rc = rc.to(device=s.device, dtype=s.dtype) if not rc.is_complex() else rc.real.to(s.dtype)
    cutoff = rc.unsqueeze(-1) * s.amax(-1, keepdim=True) if s.shape[-1] else rc.unsqueeze(-1)
    large = s > cutoff
    sinv = torch.where(large, 1 / torch.where(large, s, torch.ones_like(s)), torch.zeros_like(s))
    res = torch.matmul(vh.transpose(-1, -2), sinv.unsqueeze(-1).to(u.dtype) * u.transpose(-1, -2))
    return _wrap(res)


@with_fallback("tensorinv")
def tensorinv(a, ind=2):
    a = tensor(a)
    oldshape = tuple(a.shape)
    if ind <= 0:
        raise ValueError("Invalid ind argument.")
    invshape = oldshape[ind:] + oldshape[:ind]
    prod = 1
    for k in oldshape[ind:]:
        prod *= k
    if prod == 0:
        if a.numel():
            raise ValueError(f"cannot reshape array of size {a.numel()} into shape (0,newaxis)")
        a2 = a.reshape(0, 0)
    else:
        if a.numel() % prod:
            raise ValueError(f"cannot reshape array of size {a.numel()} into shape ({prod},newaxis)")
        a2 = a.reshape(prod, -1)
    return _wrap(inv(_wrap(a2))._t.reshape(invshape))


@with_fallback("tensorsolve")
def tensorsolve(a, b, axes=None):
    a, b = tensor(a), tensor(b)
    an = a.dim()
    if axes is not None:
        allaxes = list(range(an))
        for k in axes:
            allaxes.remove(k)
            allaxes.insert(an, k)
        a = a.permute(allaxes)
    oldshape = tuple(a.shape[-(an - b.dim()):]) if an != b.dim() else tuple(a.shape)
    prod = 1
    for k in oldshape:
        prod *= k
    if a.numel() != prod ** 2:
        raise LinAlgError("Input arrays must satisfy the requirement "
                          "prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])")
    res = solve(_wrap(a.reshape(prod, prod)), _wrap(b.reshape(-1)))
    return _wrap(res._t.reshape(oldshape))


@with_fallback("matrix_power")
def matrix_power(a, n):
    """``a`` to the integer power ``n`` by repeated squaring (inverse for n < 0)."""
    from .._ufunc_table import matmul
    a = tensor(a)
    assert_stacked_square(a)
    try:
        n = operator.index(n)
    except TypeError as e:
        raise TypeError("exponent must be an integer") from e
    if n == 0:
        eye = torch.eye(a.shape[-1], dtype=torch.float64, device=a.device)
        return _wrap(cast(eye, a.dtype).expand(a.shape).clone())
    x = _wrap(a)
    if n < 0:
        x = inv(x)
        n = -n
    if n == 1:
        return x if x._t is not a else _wrap(a.clone())
    z = result = None
    while n > 0:
        z = x if z is None else matmul(z, z)
        n, bit = divmod(n, 2)
        if bit:
            result = z if result is None else matmul(result, z)
    return result


@with_fallback("matrix_rank")
def matrix_rank(A, tol=None, hermitian=False, *, rtol=None):
    """Number of singular values above ``tol`` (default ``max(M, N) * eps * max(s)``)."""
    if rtol is not None and tol is not None:
        raise ValueError("`tol` and `rtol` can't be both set.")
    A = tensor(A)
    if A.dim() < 2:
        nz = (A != 0).any()
        r = readable(nz)  # NumPy returns a Python int here
        return int(r) if r is not None else _wrap(nz.to(torch.int64))
    from ._decomp import _svd_tensors
    S = _svd_tensors(A, False, False, hermitian)
    if tol is None:
        if rtol is None:
            rtol = max(A.shape[-2:]) * float(np.finfo(TORCH_TO_NP[S.dtype]).eps)
            rtol = torch.tensor(rtol, dtype=S.dtype, device=S.device)
        else:
            rtol = tensor(rtol).to(device=S.device).unsqueeze(-1)
        smax = S.amax(-1, keepdim=True).clamp_min(0) if S.shape[-1] else torch.zeros(
            S.shape[:-1] + (1,), dtype=S.dtype, device=S.device)
        tol = smax * rtol
    else:
        tol = tensor(tol).to(device=S.device).unsqueeze(-1)
    return out((S > tol).sum(-1))


@with_fallback("cond")
def cond(x, p=None):
    """Condition number; inf where the matrix is singular (unless x holds NaN)."""
    from ._norms import _norm_t
    x = tensor(x)
    if x.dim() >= 2 and x.numel() == 0 and x.shape[-1] * x.shape[-2] == 0:
        raise LinAlgError("cond is not defined on empty arrays")
    if p is None or p in (2, -2):
        from ._decomp import _svd_tensors
        assert_stacked_2d(x)
        common_type(x)
        s = _svd_tensors(x, False, False, False)
        r = s[..., -1] / s[..., 0] if p == -2 else s[..., 0] / s[..., -1]
    else:
        assert_stacked_square(x)
        t, rt = common_type(x)
        invx, _ = torch.linalg.inv_ex(cast(x, t))
        r = (_norm_t(cast(x, t), p, (-2, -1), False) * _norm_t(invx, p, (-2, -1), False)).to(real_of(rt))
    # NaN from a failed inversion means singular: report inf, as NumPy does
    nan_in_x = torch.isnan(x).flatten(-2).any(-1) if x.is_floating_point() or x.is_complex() \
        else torch.zeros(x.shape[:-2], dtype=torch.bool, device=x.device)
    r = torch.where(torch.isnan(r) & ~nan_in_x, torch.tensor(float("inf"), dtype=r.dtype, device=r.device), r)
    return out(r)
