"""Products and the Array API helpers of numpy.linalg: matmul, vecdot, tensordot, outer,
cross, multi_dot, diagonal, trace, matrix_transpose.

Products go through the shim's matmul/multiply ufuncs, so NEP 50 promotion and the
emulated unsigned types behave as in the rest of the shim.
"""
import operator

import torch

from .._axes import normalize_axis
from .._ndarray import ndarray, _view, _wrap
from .._ufunc_table import matmul as _matmul, multiply as _multiply, subtract as _subtract
from .._ufunc_table import vecdot as _vecdot
from ._common import assert_2d, out, tensor, with_fallback


def _arr(x):
    return x if isinstance(x, ndarray) else _wrap(tensor(x))


@with_fallback("matmul")
def matmul(x1, x2, /):
    return _matmul(x1, x2)


@with_fallback("vecdot")
def vecdot(x1, x2, /, *, axis=-1):
    """Vector dot product over ``axis`` (the first argument conjugated)."""
    a, b = tensor(x1), tensor(x2)
    if a.dim() == 0 or b.dim() == 0:
        raise ValueError("vecdot: Input operand %d does not have enough dimensions (has 0, gufunc "
                         "core with signature (n),(n)->() requires 1)" % (0 if a.dim() == 0 else 1))
    a = torch.movedim(a, normalize_axis(axis, a.dim()), -1)
    b = torch.movedim(b, normalize_axis(axis, b.dim()), -1)
    return _vecdot(_wrap(a), _wrap(b))


def _tensordot_axes(axes, na, nb):
    try:
        iter(axes)
    except TypeError:
        n = operator.index(axes)
        return list(range(-n, 0)), list(range(0, n))
    axes_a, axes_b = axes
    axes_a = [axes_a] if isinstance(axes_a, int) else list(axes_a)
    axes_b = [axes_b] if isinstance(axes_b, int) else list(axes_b)
    return axes_a, axes_b


@with_fallback("tensordot")
def tensordot(x1, x2, /, *, axes=2):
    """Sum over the given axes of x1 and x2 (NumPy's reshape-and-matmul)."""
    a, b = tensor(x1), tensor(x2)
    axes_a, axes_b = _tensordot_axes(axes, a.dim(), b.dim())
    if len(axes_a) != len(axes_b):
        raise ValueError("shape-mismatch for sum")
    axes_a = [normalize_axis(i, a.dim()) if a.dim() else i for i in axes_a]
    axes_b = [normalize_axis(i, b.dim()) if b.dim() else i for i in axes_b]
    for i, j in zip(axes_a, axes_b):
        if a.shape[i] != b.shape[j]:
            raise ValueError("shape-mismatch for sum")
    free_a = [i for i in range(a.dim()) if i not in axes_a]
    free_b = [i for i in range(b.dim()) if i not in axes_b]
    k = 1
    for i in axes_a:
        k *= a.shape[i]
    at = a.permute(*free_a, *axes_a).reshape(-1, k)
    bt = b.permute(*axes_b, *free_b).reshape(k, -1)
    res = _arr(_matmul(_wrap(at), _wrap(bt)))
    shape = [a.shape[i] for i in free_a] + [b.shape[i] for i in free_b]
    return _wrap(res._t.reshape(shape))


@with_fallback("outer")
def outer(x1, x2, /):
    a, b = tensor(x1), tensor(x2)
    if a.dim() != 1 or b.dim() != 1:
        raise ValueError("Input arrays must be one-dimensional, but they are "
                         f"x1.ndim={a.dim()} and x2.ndim={b.dim()}.")
    return _multiply(_wrap(a.unsqueeze(-1)), _wrap(b))


@with_fallback("cross")
def cross(x1, x2, /, *, axis=-1):
    """Cross product of 3-vectors along ``axis``, broadcasting the rest."""
    a, b = tensor(x1), tensor(x2)
    for t in (a, b):
        normalize_axis(axis, t.dim()) if t.dim() else None
    try:
        na, nb = a.shape[axis], b.shape[axis]
    except IndexError:
        raise IndexError("tuple index out of range") from None
    if na != 3 or nb != 3:
        raise ValueError("Both input arrays must be (arrays of) 3-dimensional vectors, but they "
                         f"are {na} and {nb} dimensional instead.")
    a = torch.movedim(a, axis, -1)
    b = torch.movedim(b, axis, -1)
    c = [_arr(_subtract(_multiply(_wrap(a[..., i]), _wrap(b[..., j])),
                        _multiply(_wrap(a[..., j]), _wrap(b[..., i]))))._t
         for i, j in ((1, 2), (2, 0), (0, 1))]
    return _wrap(torch.movedim(torch.stack(c, -1), -1, axis))


@with_fallback("diagonal")
def diagonal(x, /, *, offset=0):
    """The diagonals of the last two axes, as a read-only view (as NumPy)."""
    a = _arr(x)
    if a.ndim < 2:
        raise ValueError("diag requires an array of at least two dimensions")
    v = _view(a, torch.diagonal(a._t, operator.index(offset), -2, -1))
    v._flags = {"writeable": False}
    return v


@with_fallback("trace")
def trace(x, /, *, offset=0, dtype=None):
    from .._reductions import sum as _sum
    d = diagonal(x, offset=offset)
    return _sum(d, axis=-1, dtype=dtype)


@with_fallback("matrix_transpose")
def matrix_transpose(x, /):
    a = _arr(x)
    if a.ndim < 2:
        raise ValueError(f"Input array must be at least 2-dimensional, but it is {a.ndim}")
    return _view(a, a._t.transpose(-1, -2))


def _dot2(a, b):
    return _arr(_matmul(a, b))


def _chain_order(arrays):
    """NumPy's dynamic-programming matrix chain order (the split index table)."""
    n = len(arrays)
    p = [a.shape[0] for a in arrays] + [arrays[-1].shape[1]]
    m = [[0.0] * n for _ in range(n)]
    s = [[0] * n for _ in range(n)]
    for ln in range(1, n):
        for i in range(n - ln):
            j = i + ln
            m[i][j] = float("inf")
            for k in range(i, j):
                q = m[i][k] + m[k + 1][j] + p[i] * p[k + 1] * p[j + 1]
                if q < m[i][j]:
                    m[i][j] = q
                    s[i][j] = k
    return s


def _chain(arrays, order, i, j):
    if i == j:
        return arrays[i]
    return _dot2(_chain(arrays, order, i, order[i][j]), _chain(arrays, order, order[i][j] + 1, j))


@with_fallback("multi_dot")
def multi_dot(arrays, *, out=None):
    """Dot product of a chain of arrays in the cheapest multiplication order."""
    n = len(arrays)
    if n < 2:
        raise ValueError("Expecting at least two arrays.")
    arrs = [_arr(a) for a in arrays]
    if n == 2:
        res = _dot2(arrs[0], arrs[1])
        return _store(res, out)
    nd_first, nd_last = arrs[0].ndim, arrs[-1].ndim
    if nd_first == 1:
        arrs[0] = _wrap(arrs[0]._t.unsqueeze(0))
    if nd_last == 1:
        arrs[-1] = _wrap(arrs[-1]._t.unsqueeze(-1))
    assert_2d(*(a._t for a in arrs))
    if n == 3:
        A, B, C = arrs
        a0, a1b0 = A.shape
        b1c0, c1 = C.shape
        cost1 = a0 * b1c0 * (a1b0 + c1)
        cost2 = a1b0 * c1 * (a0 + b1c0)
        res = _dot2(_dot2(A, B), C) if cost1 < cost2 else _dot2(A, _dot2(B, C))
    else:
        res = _chain(arrs, _chain_order(arrs), 0, n - 1)
    t = res._t
    if nd_first == 1 and nd_last == 1:
        t = t[0, 0]
    elif nd_first == 1 or nd_last == 1:
        t = t.reshape(-1)
    return _store(_wrap(t), out)


def _store(res, dst):
    if dst is None:
        return out(res._t) if res._t.dim() == 0 else res
    from .._write import write
    if tuple(dst.shape) != tuple(res.shape):
        raise ValueError("output array has wrong shape")
    write(dst, res._t)
    return dst
