"""Products of the main namespace: dot, vdot, inner, outer, tensordot, einsum, kron.

Python scalars here are strong (NumPy converts them with ``asarray`` first), so the
result dtype is ``result_type`` of the operands' dtypes. Contractions run as torch
matmul/einsum, which are differentiable.
"""
import operator

import numpy as np
import torch

from . import _fpe, _scalars
from ._ufunc_table import matmul  # its floating-point check serves dot
from ._axes import normalize_axis
from ._convert import to_tensor, cast
from ._dtypes import TORCH_TO_NP, NP_TO_TORCH, EMULATED
from ._ndarray import ndarray, _wrap

__all__ = ["dot", "vdot", "inner", "outer", "tensordot", "einsum", "einsum_path", "kron"]


def _common(*ts):
    """Tensors cast to their common NumPy dtype; returns (tensors, numpy dtype)."""
    dt = np.result_type(*[TORCH_TO_NP[t.dtype] for t in ts])
    tdt = NP_TO_TORCH[dt]
    return [cast(t, tdt) for t in ts], dt


def _work(t, dt):
    """A tensor torch can contract: bool and emulated unsigned go through int64."""
    if dt.kind == "b" or t.dtype in EMULATED or (dt.kind in "iu" and t.device.type != "cpu"):
        return t.view(torch.int64) if t.dtype is torch.uint64 else t.to(torch.int64)
    return t


def _back(r, dt):
    if dt.kind == "b":
        return r != 0
    tdt = NP_TO_TORCH[dt]
    if tdt is torch.uint64:
        return r.view(torch.uint64)
    return r.to(tdt)


def _finish(r, out, scalar_ok=True):
    if out is not None:
        # a NumPy ndarray out arrives through NumPy's __array_function__ dispatch
        if not isinstance(out, (ndarray, np.ndarray)):
            raise TypeError("'out' must be an array")
        if (len(out.shape) != r.dim() or out.dtype != TORCH_TO_NP[r.dtype]
                or not out.flags.c_contiguous or not out.flags.writeable):
            raise ValueError("output array is not acceptable (must have the right datatype, number "
                             "of dimensions, and be a C-Array)")
        if tuple(out.shape) != tuple(r.shape):
            raise ValueError("output array has wrong dimensions")
        from ._write import write
        write(out, r)
        return out
    if r.dim() == 0 and scalar_ok:
        return _scalars.result(r)
    return _wrap(r)


def _not_aligned(a, b, da, db):
    return ValueError(f"shapes {tuple(a.shape)} and {tuple(b.shape)} not aligned: "
                      f"{a.shape[da]} (dim {da}) != {b.shape[db]} (dim {db})")


def _prod(sizes):
    n = 1
    for s in sizes:
        n *= s
    return n


def _contract(a, b, da, db):
    """tensordot of a and b over single axes da, db (tensors of one dtype)."""
    fa = [i for i in range(a.dim()) if i != da]
    fb = [i for i in range(b.dim()) if i != db]
    k = a.shape[da]
    at = a.permute(*fa, da).reshape(_prod(a.shape[i] for i in fa), k)
    bt = b.permute(db, *fb).reshape(k, _prod(b.shape[i] for i in fb))
    r = at @ bt
    return r.reshape([a.shape[i] for i in fa] + [b.shape[i] for i in fb])


_FAST = (torch.float64, torch.float32, torch.complex128, torch.complex64)


def dot(a, b, out=None):
    """Dot product: sum over the last axis of ``a`` and the second-to-last of ``b``."""
    if type(a) is ndarray and type(b) is ndarray and out is None:
        ta, tb = a._t, b._t
        if ta.dtype is tb.dtype and ta.dtype in _FAST and 1 <= ta.dim() <= 2 and 1 <= tb.dim() <= 2 \
                and ta.shape[-1] == tb.shape[0]:
            r = ta @ tb  # the common case, straight to torch
            if r.dim() == 0:
                return _fpe.checked_scalar(matmul, (ta, tb), r, "dot")
            _check_fpe(r, ta, tb, "dot")
            return _wrap(r)
    (ta, tb), dt = _common(to_tensor(a), to_tensor(b))
    wa, wb = _work(ta, dt), _work(tb, dt)
    if ta.dim() == 0 or tb.dim() == 0:
        r = wa * wb
    else:
        db = 0 if tb.dim() == 1 else tb.dim() - 2
        if ta.shape[-1] != tb.shape[db]:
            raise _not_aligned(ta, tb, ta.dim() - 1, db)
        if ta.dim() <= 2 and tb.dim() <= 2:
            r = wa @ wb
        else:
            r = _contract(wa, wb, ta.dim() - 1, db)
    r = _back(r, dt)
    _check_fpe(r, ta, tb, "dot")
    return _subtype(_finish(r, out), a, b, out)


def _subtype(res, a, b, out):
    """NumPy's dot/inner result type: the operand subclass of higher __array_priority__
    (the first on a tie), finalized with that operand; 0-d results stay scalars."""
    if out is not None or not isinstance(res, ndarray):
        return res
    from ._subclass import is_sub, cast as sub_cast, _priority
    if not (is_sub(a) or is_sub(b)):
        return res
    pa = _priority(a) if isinstance(a, ndarray) else 0.0
    pb = _priority(b) if isinstance(b, ndarray) else 0.0
    proto = b if pb > pa else a
    return sub_cast(res, type(proto), proto) if is_sub(proto) else res


def _check_fpe(r, ta, tb, name):
    """NumPy's errstate reports for a product, as its dot loops give them ("overflow" /
    "invalid value encountered in dot"): the ufuncs' check, inputs taken as a whole."""
    _fpe.check(matmul, (ta, tb), r, name=name)


def vdot(a, b, /):
    """Dot product of the flattened arrays, the first conjugated."""
    (ta, tb), dt = _common(to_tensor(a), to_tensor(b))
    ta, tb = ta.reshape(-1), tb.reshape(-1)
    if ta.shape[0] != tb.shape[0]:
        # NumPy 2.4's own wording for this case
        raise ValueError(f"cannot reshape array of size {tb.shape[0]} into shape ({ta.shape[0]},)")
    wa, wb = _work(ta, dt), _work(tb, dt)
    if wa.is_complex():
        wa = wa.conj()
    return _finish(_back((wa * wb).sum(), dt), None)


def inner(a, b, /):
    """Inner product over the last axes."""
    (ta, tb), dt = _common(to_tensor(a), to_tensor(b))
    wa, wb = _work(ta, dt), _work(tb, dt)
    if ta.dim() == 0 or tb.dim() == 0:
        r = wa * wb
    else:
        if ta.shape[-1] != tb.shape[-1]:
            raise _not_aligned(ta, tb, ta.dim() - 1, tb.dim() - 1)
        r = _contract(wa, wb, ta.dim() - 1, tb.dim() - 1)
    r = _back(r, dt)
    _check_fpe(r, ta, tb, "dot")  # NumPy's inner runs its dot loops
    return _subtype(_finish(r, None), a, b, None)


def outer(a, b, out=None):
    """Outer product of the flattened inputs."""
    from ._ufunc_table import multiply
    ta, tb = to_tensor(a).reshape(-1), to_tensor(b).reshape(-1)
    return multiply(_wrap(ta[:, None]), _wrap(tb[None, :]), **({"out": out} if out is not None else {}))


def _td_axes(axes):
    try:
        iter(axes)
    except TypeError:
        n = operator.index(axes)
        return list(range(-n, 0)) if n else [], list(range(0, n))
    axes_a, axes_b = axes
    try:
        axes_a = list(axes_a)
    except TypeError:
        axes_a = [axes_a]
    try:
        axes_b = list(axes_b)
    except TypeError:
        axes_b = [axes_b]
    return axes_a, axes_b


def tensordot(a, b, axes=2):
    """Sum of products over the given axes (a 0-d array for a full contraction)."""
    (ta, tb), dt = _common(to_tensor(a), to_tensor(b))
    axes_a, axes_b = _td_axes(axes)
    if len(axes_a) != len(axes_b):
        raise ValueError("shape-mismatch for sum")
    axes_a = [normalize_axis(i, ta.dim()) for i in axes_a]
    axes_b = [normalize_axis(i, tb.dim()) for i in axes_b]
    if len(set(axes_a)) != len(axes_a) or len(set(axes_b)) != len(axes_b):
        raise ValueError("duplicate value in 'axis'")
    for i, j in zip(axes_a, axes_b):
        if ta.shape[i] != tb.shape[j]:
            raise ValueError("shape-mismatch for sum")
    wa, wb = _work(ta, dt), _work(tb, dt)
    free_a = [i for i in range(ta.dim()) if i not in axes_a]
    free_b = [i for i in range(tb.dim()) if i not in axes_b]
    k = 1
    for i in axes_a:
        k *= ta.shape[i]
    ma, nb = _prod(ta.shape[i] for i in free_a), _prod(tb.shape[i] for i in free_b)
    at = (wa.permute(*free_a, *axes_a) if wa.dim() else wa).reshape(ma, k)
    bt = (wb.permute(*axes_b, *free_b) if wb.dim() else wb).reshape(k, nb)
    r = (at @ bt).reshape([ta.shape[i] for i in free_a] + [tb.shape[i] for i in free_b])
    r = _back(r, dt)
    _check_fpe(r, ta, tb, "dot")  # NumPy's tensordot is a dot of the reshaped operands
    return _wrap(r)


def kron(a, b):
    """Kronecker product: blocks of ``b`` scaled by the elements of ``a``.

    As NumPy builds it: one broadcast ``multiply`` of interleaved axes and a reshape, so
    subclasses come through (``__array_priority__``) and two 0-d operands give a scalar.
    """
    from ._convert import array, asanyarray
    from ._ufunc_table import multiply
    b = asanyarray(b)
    a = array(a, copy=None, subok=True, ndmin=b.ndim)
    ndb, nda = b.ndim, a.ndim
    if nda == 0 or ndb == 0:
        return multiply(a, b)
    as_ = (1,) * max(0, ndb - nda) + tuple(a.shape)
    bs = (1,) * max(0, nda - ndb) + tuple(b.shape)
    # a[i0, 1, i1, 1, ...] * b[1, j0, 1, j1, ...]
    sa, sb = [], []
    for da, db in zip(as_, bs):
        sa += [da, 1]
        sb += [1, db]
    r = multiply(a.reshape(sa), b.reshape(sb))
    return r.reshape([da * db for da, db in zip(as_, bs)])


from ._api_einsum import einsum, einsum_path  # noqa: E402 (re-exported; einsum has its own module)
