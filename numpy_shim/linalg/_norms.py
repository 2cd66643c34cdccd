"""Vector and matrix norms: norm, vector_norm, matrix_norm (NumPy's ord/axis rules)."""
import math
import operator

import torch

from .._axes import normalize_axis
from .._dtypes import default_float, torch_dtype
from ._common import out, tensor, with_fallback

_inf = math.inf


def _abs2(x):
    return x.real ** 2 + x.imag ** 2 if x.is_complex() else x * x


def _amax0(x, dim, keepdim=False):
    """max with NumPy's ``initial=0``: an empty reduction gives 0."""
    if x.shape[dim] == 0:
        shape = list(x.shape)
        if keepdim:
            shape[dim] = 1
        else:
            del shape[dim]
        return torch.zeros(shape, dtype=x.dtype, device=x.device)
    return x.amax(dim, keepdim=keepdim)


def _amin(x, dim, keepdim=False):
    if x.shape[dim] == 0:
        raise ValueError("zero-size array to reduction operation minimum which has no identity")
    return x.amin(dim, keepdim=keepdim)


def _float(x):
    if not (x.is_floating_point() or x.is_complex()):
        from .._convert import cast
        x = cast(x, torch_dtype(default_float()))
    return x


def _vector(x, ord, ax, keepdims):
    if ord == _inf:
        return _amax0(x.abs(), ax, keepdims)
    if ord == -_inf:
        return _amin(x.abs(), ax, keepdims)
    if ord == 0:
        return (x != 0).to(x.real.dtype if x.is_complex() else x.dtype).sum(ax, keepdim=keepdims)
    if ord == 1:
        return x.abs().sum(ax, keepdim=keepdims)
    if ord is None or ord == 2:
        return _abs2(x).sum(ax, keepdim=keepdims).sqrt()
    if isinstance(ord, str):
        raise ValueError(f"Invalid norm order '{ord}' for vectors")
    p = float(ord)
    s = x.abs().pow(p).sum(ax, keepdim=keepdims)
    return s.pow(torch.tensor(1.0, dtype=s.dtype) / p)


def _svd_norm(x, row, col, which):
    from ._decomp import _svd_tensors
    y = torch.movedim(x, (row, col), (-2, -1))
    s = _svd_tensors(y, False, False, False)
    if which == "max":
        return _amax0(s, -1)
    if which == "min":
        return _amin(s, -1)
    return s.sum(-1)


def _norm_t(x, ord, axis, keepdims):
    """The norm of tensor ``x`` as a tensor (already of a floating dtype)."""
    x = _float(x)
    nd = x.dim()
    if axis is None:
        if ord is None or (ord in ("f", "fro") and nd == 2) or (ord == 2 and nd == 1):
            r = _abs2(x).sum().sqrt()
            return r.reshape((1,) * nd) if keepdims else r
        axis = tuple(range(nd))
    elif not isinstance(axis, tuple):
        try:
            axis = (operator.index(axis) if not isinstance(axis, float) else int(axis),)
        except TypeError as e:
            raise TypeError("'axis' must be None, an integer or a tuple of integers") from e
    if len(axis) == 1:
        return _vector(x, ord, normalize_axis(axis[0], nd), keepdims)
    if len(axis) != 2:
        raise ValueError("Improper number of dimensions to norm.")
    row, col = (normalize_axis(a, nd) for a in axis)
    if row == col:
        raise ValueError("Duplicate axes given.")
    if ord == 2:
        r = _svd_norm(x, row, col, "max")
    elif ord == -2:
        r = _svd_norm(x, row, col, "min")
    elif ord in (1, -1, _inf, -_inf):
        ext = _amax0 if ord > 0 else _amin
        if ord in (1, -1):
            # column sums, then the extreme over columns
            r = ext(x.abs().sum(row), col - 1 if col > row else col)
        else:
            r = ext(x.abs().sum(col), row - 1 if row > col else row)
    elif ord is None or ord in ("fro", "f"):
        r = _abs2(x).sum((row, col)).sqrt()
    elif ord == "nuc":
        r = _svd_norm(x, row, col, "sum")
    else:
        raise ValueError("Invalid norm order for matrices.")
    if keepdims:
        shape = list(x.shape)
        shape[row] = 1
        shape[col] = 1
        r = r.reshape(shape)
    return r


@with_fallback("norm")
def norm(x, ord=None, axis=None, keepdims=False):
    """Matrix or vector norm, as numpy.linalg.norm."""
    return out(_norm_t(tensor(x), ord, axis, keepdims))


@with_fallback("vector_norm")
def vector_norm(x, /, *, axis=None, keepdims=False, ord=2):
    """The Array API vector norm: ``axis`` may be a tuple, flattened into one."""
    x = _float(tensor(x))
    shape = list(x.shape)
    nd = x.dim()
    if axis is None:
        y, ax = x.reshape(-1), 0
    elif isinstance(axis, tuple):
        axes = tuple(normalize_axis(a, nd) for a in axis)
        if len(set(axes)) != len(axes):
            raise ValueError("repeated axis")
        rest = [i for i in range(nd) if i not in axes]
        y = x.permute(*axes, *rest)
        n = 1
        for i in axes:
            n *= shape[i]
        y = y.reshape((n, *[shape[i] for i in rest]))
        ax = 0
    else:
        y, ax = x, normalize_axis(axis, nd)
    r = _vector(y, ord, ax, False)
    if keepdims:
        axes = range(nd) if axis is None else (axis if isinstance(axis, tuple) else (axis,))
        for i in axes:
            shape[normalize_axis(i, nd)] = 1
        r = r.reshape(shape)
    return out(r)


@with_fallback("matrix_norm")
def matrix_norm(x, /, *, keepdims=False, ord="fro"):
    return out(_norm_t(tensor(x), ord, (-2, -1), keepdims))
