"""The legacy polynomial helpers: polyval, polyder, polyint, polyadd, polysub, polymul, roots.

Coefficients run from the highest power down, as in NumPy. Evaluation is Horner's rule with
the shim's operators (NumPy's dtypes, differentiable); ``roots`` is the eigenvalues of the
companion matrix; ``polyfit`` solves the scaled least-squares problem with ``linalg.lstsq``.
"""
import operator

import numpy as np
import torch

from ._convert import to_tensor, cast, asarray
from ._dtypes import TORCH_TO_NP, NP_TO_TORCH
from ._ndarray import ndarray, _wrap

__all__ = ["polyval", "polyder", "polyint", "polyadd", "polysub", "polymul", "roots", "polyfit"]


def _arr(x):
    return x if isinstance(x, ndarray) else asarray(x)


def _1d(x):
    a = _arr(x)
    return a if a.ndim >= 1 else _wrap(a._t.reshape(1))


def polyval(p, x):
    """Evaluate the polynomial ``p`` at ``x`` (Horner's rule, NumPy's dtype rules)."""
    p = _arr(p)
    x = _arr(x)
    y = _wrap(torch.zeros_like(x._t))
    for i in range(p.shape[0]):
        y = y * x + p[i]
    return y


def polyder(p, m=1):
    """The m-th derivative of the polynomial ``p``."""
    m = int(m)
    if m < 0:
        raise ValueError("Order of derivative must be positive (see polyint)")
    p = _arr(p)
    if m == 0:
        return p
    n = p.shape[0] - 1
    y = p[:-1] * _wrap(_down(n))
    return polyder(y, m - 1)


def polyint(p, m=1, k=None):
    """The m-th antiderivative of ``p`` with integration constants ``k``."""
    m = int(m)
    if m < 0:
        raise ValueError("Order of integral must be positive (see polyder)")
    kt = torch.zeros(m, dtype=torch.float64) if k is None else to_tensor(k).reshape(-1)
    if kt.shape[0] == 1 and m > 1:
        kt = kt[0] * torch.ones(m, dtype=torch.float64)
    if kt.shape[0] < m:
        raise ValueError("k must be a scalar or a rank-1 array of length 1 or >m.")
    p = _arr(p)
    if m == 0:
        return p
    q = to_tensor(p / _wrap(_down(p.shape[0])))
    dt = np.result_type(TORCH_TO_NP[q.dtype], TORCH_TO_NP[kt.dtype])
    y = torch.cat([cast(q, NP_TO_TORCH[dt]), cast(kt[:1], NP_TO_TORCH[dt])])
    return polyint(_wrap(y), m - 1, k=_wrap(kt[1:]))


def _down(n):
    """n, n-1, ..., 1 (empty for n <= 0; torch.arange refuses that range)."""
    return torch.arange(n, 0, -1, dtype=torch.int64) if n > 0 else torch.zeros(0, dtype=torch.int64)


def _trim(a):
    """Leading zero coefficients dropped, keeping one (what poly1d does; reads values)."""
    t = a._t
    nz = torch.nonzero(t != 0).reshape(-1)
    first = int(nz[0]) if nz.numel() else t.shape[0] - 1
    return _wrap(t[max(first, 0):]) if first > 0 else a


def _pad_front(t, n):
    return torch.cat([torch.zeros(n, dtype=t.dtype, device=t.device), t]) if n > 0 else t


def _aligned(a1, a2):
    """Two coefficient arrays, the shorter padded at the front to the longer's length."""
    a1, a2 = _1d(a1), _1d(a2)
    diff = a2.shape[0] - a1.shape[0]
    if diff > 0:
        a1 = _wrap(_pad_front(a1._t, diff))
    elif diff < 0:
        a2 = _wrap(_pad_front(a2._t, -diff))
    return a1, a2


def polyadd(a1, a2):
    """Sum of two polynomials (the shorter one padded at the front)."""
    a1, a2 = _aligned(a1, a2)
    return a1 + a2


def polysub(a1, a2):
    """Difference of two polynomials."""
    a1, a2 = _aligned(a1, a2)
    return a1 - a2


def polymul(a1, a2):
    """Product of two polynomials (their convolution)."""
    from ._api_differences import convolve
    return convolve(_trim(_1d(a1)), _trim(_1d(a2)))


def roots(p):
    """Roots of the polynomial ``p``: eigenvalues of its companion matrix.

    Like NumPy, the result is real when every root's imaginary part is exactly 0, which
    reads values on the host (eager only).
    """
    t = to_tensor(p)
    if t.dim() == 0:
        t = t.reshape(1)
    if t.dim() != 1:
        raise ValueError("Input must be a rank-1 array.")
    from . import _scalars
    nz = torch.nonzero(t != 0).reshape(-1)
    if nz.numel() == 0:
        return _wrap(torch.zeros(0, dtype=torch.float64))
    first, last = int(nz[0]), int(nz[-1])
    trailing = t.shape[0] - last - 1
    t = t[first:last + 1]
    if not (t.is_floating_point() or t.is_complex()):
        t = t.to(torch.float64)
    n = t.shape[0]
    if n > 1:
        A = torch.diag(torch.ones(n - 2, dtype=t.dtype), -1)
        A = torch.cat([(-t[1:] / t[0]).reshape(1, -1), A[1:]], dim=0)
        r = torch.linalg.eigvals(A)
        if not t.is_complex() and _scalars.is_plain(r) and bool((r.imag == 0).all()):
            r = r.real
    else:
        r = torch.zeros(0, dtype=t.dtype)
    return _wrap(torch.cat([r, torch.zeros(trailing, dtype=r.dtype)]))


def polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False):
    """Least-squares polynomial fit, coefficients from the highest power down.

    The columns of the Vandermonde matrix are scaled to unit length before the solve (as
    NumPy does, so that results and rank decisions agree), then the scale is undone.
    """
    import warnings
    from . import linalg
    from ._api_creation import vander
    from ._reductions import sum as _sum
    x = _arr(x) + 0.0
    y = _arr(y) + 0.0
    deg = operator.index(deg)
    if deg < 0:
        raise ValueError("expected deg >= 0")
    if x.ndim != 1:
        raise TypeError("expected 1D vector for x")
    if x.size == 0:
        raise TypeError("expected non-empty vector for x")
    if not 1 <= y.ndim <= 2:
        raise TypeError("expected 1D or 2D array for y")
    if x.shape[0] != y.shape[0]:
        raise TypeError("expected x and y to have same length")
    n_coef = deg + 1
    if rcond is None:
        rcond = x.shape[0] * np.finfo(x.dtype).eps
    a = vander(x, n_coef)
    b = y
    if w is not None:
        w = _arr(w) + 0.0
        if w.ndim != 1:
            raise TypeError("expected a 1-d array for weights")
        if w.shape[0] != y.shape[0]:
            raise TypeError("expected w and y to have the same length")
        a = a * w[:, None]
        b = b * (w[:, None] if b.ndim == 2 else w)
    col = _sum(a * a, axis=0) ** 0.5
    a = a / col
    coef, resid, rank, sv = linalg.lstsq(a, b, rcond)
    coef = (coef.T / col).T
    if not full and isinstance(rank, (int, np.integer)) and rank != n_coef:
        from ._fpe import _user_stacklevel
        warnings.warn("Polyfit may be poorly conditioned", np.exceptions.RankWarning,
                      stacklevel=_user_stacklevel())
    if full:
        return coef, resid, rank, sv, rcond
    if not cov:
        return coef
    base = linalg.inv(a.T @ a) / (col[:, None] * col[None, :])
    if cov == "unscaled":
        factor = 1
    else:
        if x.shape[0] <= n_coef:
            raise ValueError("the number of data points must exceed order to scale the "
                             "covariance matrix")
        factor = resid / (x.shape[0] - n_coef)
    return coef, (base * factor if y.ndim == 1 else base[:, :, None] * factor)


def _poly1d_to_numpy(fn, name):
    """NumPy's own function for ``poly1d`` arguments (the shim has no poly1d class)."""
    import functools
    real = getattr(np, name)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if any(isinstance(a, np.poly1d) for a in args):
            from ._fallback import wrap_numpy_function
            return wrap_numpy_function(name, real)(*args, **kwargs)
        return fn(*args, **kwargs)
    return wrapper


for _n in __all__:
    globals()[_n] = _poly1d_to_numpy(globals()[_n], _n)

from ._reductions import install_fallbacks  # noqa: E402
install_fallbacks(globals())

