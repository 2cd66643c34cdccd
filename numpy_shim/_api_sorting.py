"""Sorting and searching: sort, argsort, lexsort, searchsorted, partition, argpartition.

Order is NumPy's: NaNs sort last, complex numbers sort by real part then imaginary
part. Sorting is always stable (torch's stable sort), which is one of the orders
NumPy's ``kind='quicksort'`` may give and exactly NumPy's ``kind='stable'``.
``sort`` of floats is ``torch.sort``'s values, so it is differentiable.
"""
import operator

import numpy as np
import torch

from . import _scalars
from ._axes import normalize_axis
from ._convert import to_tensor, cast
from ._dtypes import TORCH_TO_NP, NP_TO_TORCH
from ._ndarray import ndarray, _wrap

__all__ = ["sort", "argsort", "lexsort", "searchsorted", "partition", "argpartition",
           "sort_complex", "msort"]

_SIGN64 = -(2 ** 63)


def sort_key(t):
    """A real tensor whose ascending order is NumPy's order of ``t`` (not for complex)."""
    dt = t.dtype
    if dt is torch.bool:
        return t.to(torch.uint8)
    if dt in (torch.uint16, torch.uint32):
        return t.to(torch.int64)
    if dt is torch.uint64:
        # order-preserving map of the uint64 bits onto int64
        return t.view(torch.int64) ^ _SIGN64
    return t


def take_along(t, idx, dim):
    """``torch.take_along_dim`` for every dtype (torch has no gather for uint16/32/64)."""
    if t.dtype in (torch.uint16, torch.uint32):
        return torch.take_along_dim(t.to(torch.int64), idx, dim).to(t.dtype)
    if t.dtype is torch.uint64:
        return torch.take_along_dim(t.view(torch.int64), idx, dim).view(torch.uint64)
    return torch.take_along_dim(t, idx, dim)


def _check_kind(kind):
    # NumPy reads only the first letter (case-insensitive): 'q', 'Merge', 'h', 'stable' ...
    if kind is not None and (not isinstance(kind, str) or kind[:1].lower() not in ("q", "m", "h", "s")):
        raise ValueError(f"sort kind must be one of 'quick', 'heap', or 'stable' (got '{kind}')")


def _axis(t, axis):
    """(tensor, axis) with axis=None meaning the flattened array."""
    if axis is None:
        return t.reshape(-1), 0
    return t, normalize_axis(axis, t.dim())


def argsort_tensor(t, dim, descending=False):
    """Stable argsort of ``t`` along ``dim`` in NumPy's order (complex: real, then imag)."""
    if t.is_complex():
        # least significant key first, each sort stable: secondary, primary, NaN class
        idx = None
        for key in reversed(complex_key(t)):
            k = key if idx is None else torch.take_along_dim(key, idx, dim)
            j = torch.argsort(k, dim=dim, stable=True, descending=descending)
            idx = j if idx is None else torch.take_along_dim(idx, j, dim)
        return idx
    return torch.argsort(sort_key(t), dim=dim, stable=True, descending=descending)


def complex_key(t):
    """(class, primary, secondary) keys giving NumPy's complex order: lexicographic for
    finite parts, then R+nanj (by R), then nan+Rj (by R), then nan+nanj."""
    re, im = t.real, t.imag
    rn, inn = torch.isnan(re), torch.isnan(im)
    cls = torch.where(rn, torch.where(inn, 3, 2), torch.where(inn, 1, 0)).to(torch.int8)
    zero = torch.zeros((), dtype=re.dtype, device=re.device)
    primary = torch.where(rn, torch.where(inn, zero, im), re)
    secondary = torch.where(rn | inn, zero, im)
    return cls, primary, secondary


def _complex_before(a, v, inclusive):
    """a < v (or <=) in NumPy's complex order, broadcasting."""
    (ca, pa, sa), (cv, pv, sv) = complex_key(a), complex_key(v)
    last = (sa <= sv) if inclusive else (sa < sv)
    return (ca < cv) | ((ca == cv) & ((pa < pv) | ((pa == pv) & last)))


def sort_tensor(t, dim):
    if t.is_floating_point():
        return torch.sort(t, dim=dim, stable=True).values
    if t.dim() == 0:
        return t
    return take_along(t, argsort_tensor(t, dim), dim)


def _check_stable(kind, stable):
    if stable is not None and kind is not None:
        raise ValueError("`kind` and keyword parameters can't be provided at the same time. Use only one of them.")


def sort(a, axis=-1, kind=None, order=None, *, stable=None):
    """A sorted copy of an array (NaNs last)."""
    _check_stable(kind, stable)
    _check_kind(kind)
    t = to_tensor(a)
    if order is not None:
        raise ValueError("Cannot specify order when the array has no fields.")
    t, ax = _axis(t, axis)
    return _wrap(sort_tensor(t, ax) if t.numel() else t.clone())


def argsort(a, axis=-1, kind=None, order=None, *, stable=None):
    """Indices that sort an array (stable)."""
    _check_stable(kind, stable)
    _check_kind(kind)
    t = to_tensor(a)
    if order is not None:
        raise ValueError("Cannot specify order when the array has no fields.")
    if t.dim() == 0:
        # NumPy gives a 1-d result for 0-d input
        if axis is not None:
            normalize_axis(axis, 1)
        return _wrap(torch.zeros(1, dtype=torch.int64, device=t.device))
    t, ax = _axis(t, axis)
    return _wrap(argsort_tensor(t, ax))


def msort(a):
    """Sort along the first axis (removed from NumPy 2; kept for old code)."""
    return sort(a, axis=0)


def sort_complex(a):
    """Sort by real part, then imaginary part; result is complex."""
    t = to_tensor(a)
    dt = TORCH_TO_NP[t.dtype]
    if dt.kind != "c":
        dt = np.dtype(np.complex64 if dt.char in "bhBH" else np.complex128)
    t = sort_tensor(t, t.dim() - 1) if t.dim() else t
    return _wrap(cast(t, NP_TO_TORCH[dt]))


def lexsort(keys, axis=-1):
    """Indirect stable sort on several keys; the last key is the primary one."""
    if isinstance(keys, ndarray) or isinstance(keys, (torch.Tensor, np.ndarray)):
        kt = to_tensor(keys)
        if kt.dim() == 0:
            raise TypeError("need sequence of keys with len > 0 in lexsort")
        ks = list(kt.unbind(0))
    else:
        if isinstance(keys, (list, tuple)) and len(keys) == 0:
            raise TypeError("need sequence of keys with len > 0 in lexsort")
        ks = [to_tensor(k) for k in keys]
    shape = ks[0].shape
    if any(tuple(k.shape) != tuple(shape) for k in ks):
        raise ValueError("all keys need to be the same shape")
    if len(shape) == 0:
        if operator.index(axis) not in (0, -1):  # NumPy: a 0-d key takes axis 0 or -1 only
            raise np.exceptions.AxisError(axis, 0)
        return _scalars.result(torch.zeros((), dtype=torch.int64, device=ks[0].device))
    ax = normalize_axis(axis, len(shape))
    idx = argsort_tensor(ks[0], ax)
    for k in ks[1:]:
        kk = take_along(k, idx, ax)
        idx = torch.take_along_dim(idx, argsort_tensor(kk, ax), ax)
    return _wrap(idx)


def _search_key(t):
    if t.is_complex():
        raise TypeError("searchsorted of complex arrays is not supported by numpy_shim (torch lacks it)")
    return sort_key(t)


def _search(a, v, right):
    if _scalars.is_plain(v) and _scalars.is_plain(a):
        return torch.searchsorted(a.contiguous(), v.contiguous(), right=right)
    # vmap's batching rule for searchsorted copies its operands and warns about it
    import warnings
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="torch.searchsorted", category=UserWarning)
        return torch.searchsorted(a.contiguous(), v.contiguous(), right=right)


def searchsorted(a, v, side="left", sorter=None):
    """Indices where ``v`` would be inserted into the sorted 1-d ``a`` (NaNs sort last)."""
    if side not in ("left", "right"):
        s = side.lower() if isinstance(side, str) else ""
        if s[:1] in ("l", "r") and s in ("left", "right"):
            side = s
        else:
            raise ValueError(f"side must be 'left' or 'right' (got {side!r})")
    at = to_tensor(a)
    if at.dim() != 1:
        raise ValueError("object too deep for desired array" if at.dim() > 1
                         else "object of too small depth for desired array")
    from ._promotion import result_type
    vt = to_tensor(v)
    # NumPy compares in the common dtype with v taken as a strong (array) value
    dt = result_type(TORCH_TO_NP[at.dtype], TORCH_TO_NP[vt.dtype])
    tdt = NP_TO_TORCH[dt]
    at = cast(at, tdt)
    vt = cast(vt, tdt)
    if sorter is not None:
        st = to_tensor(sorter)
        if tuple(st.shape) != tuple(at.shape):
            raise ValueError("sorter.size must equal a.size")
        if st.dtype.is_floating_point or st.dtype.is_complex:
            raise TypeError("Cannot cast array data from dtype('float64') to dtype('int64') according "
                            "to the rule 'safe'")
        if _scalars.is_plain(st) and st.numel() and bool(((st < 0) | (st >= at.shape[0])).any()):
            raise ValueError("Sorter index out of range.")
        at = at[st.to(torch.int64)]
    right = side == "right"
    if at.is_complex():
        # lexicographic (real, imag) count of smaller elements: a is sorted, so the count is
        # the insertion point (O(len(a) * len(v)); torch has no complex searchsorted)
        before = _complex_before(at, vt.unsqueeze(-1), right)
        r = before.sum(-1).to(torch.int64)
        return _scalars.result(r) if r.dim() == 0 else _wrap(r)
    ak, vk = _search_key(at), _search_key(vt)
    if ak.is_floating_point():
        # torch compares with <, which NaN breaks: NaN is the largest value, as in NumPy
        n_ok = (~torch.isnan(ak)).sum()
        inf = torch.tensor(float("inf"), dtype=ak.dtype, device=ak.device)
        ak2 = torch.where(torch.isnan(ak), inf, ak)
        vnan = torch.isnan(vk)
        r = _search(ak2, torch.where(vnan, inf, vk), right)
        r = torch.minimum(r, n_ok) if right else r
        r = torch.where(vnan, torch.full_like(r, at.shape[0]) if right else n_ok.expand_as(r), r)
    else:
        if ak.dtype is not vk.dtype:
            ak, vk = ak.to(torch.int64), vk.to(torch.int64)
        r = _search(ak, vk, right)
    r = r.to(torch.int64)
    if r.dim() == 0:
        return _scalars.result(r)
    return _wrap(r)


def _check_select(kind):
    if not isinstance(kind, str):
        raise TypeError(f"select kind must be str, not {type(kind).__name__}")
    if kind != "introselect":
        raise ValueError(f"select kind must be 'introselect' (got {kind!r})")


def _kth(kth, n):
    kt = kth._t if isinstance(kth, ndarray) else kth
    if isinstance(kt, torch.Tensor):
        if kt.dtype.is_floating_point or kt.dtype is torch.bool:
            raise TypeError("Partition index must be integer")
        ks = [int(x) for x in _scalars.plain(kt).reshape(-1).tolist()]
    else:
        if isinstance(kth, (bool, np.bool_)):
            raise TypeError("Partition index must be integer")
        try:
            ks = [operator.index(kth)]
        except TypeError:
            ks = [operator.index(k) for k in kth]  # any iterable of ints (range, list, ...)
    for k in ks:
        if n and not -n <= k < n:
            raise ValueError(f"kth(={k}) out of bounds ({n})")
    return ks


def partition(a, kth, axis=-1, kind="introselect", order=None):
    """A partitioned copy: element ``kth`` is in its sorted place, smaller ones before it.

    The whole axis is sorted, which is one valid partition (NumPy's order within the
    two sides is unspecified); it keeps the result differentiable.
    """
    _check_select(kind)
    t, ax = _axis(to_tensor(a), axis)
    _kth(kth, t.shape[ax])
    return _wrap(sort_tensor(t, ax) if t.numel() else t.clone())


def argpartition(a, kth, axis=-1, kind="introselect", order=None):
    """Indices that partition an array (a full stable argsort, see partition)."""
    _check_select(kind)
    t, ax = _axis(to_tensor(a), axis)
    _kth(kth, t.shape[ax])
    return _wrap(argsort_tensor(t, ax) if t.numel() else torch.zeros(t.shape, dtype=torch.int64))


# -- ndarray methods ---------------------------------------------------------
def _m_sort(self, /, axis=-1, kind=None, order=None, *, stable=None):
    """Sort in place."""
    _check_stable(kind, stable)
    _check_kind(kind)
    if order is not None:
        raise ValueError("Cannot specify order when the array has no fields.")
    t = self._t
    ax = normalize_axis(axis, t.dim())
    if t.numel():
        from ._write import write
        write(self, sort_tensor(t, ax))


def _m_argsort(self, /, axis=-1, kind=None, order=None, *, stable=None):
    return argsort(self, axis, kind, order, stable=stable)


def _m_partition(self, /, kth, axis=-1, kind="introselect", order=None):
    """Partition in place."""
    _check_select(kind)
    t = self._t
    if t.dim() == 0:
        raise ValueError("Cannot partition a 0-d array")
    ax = normalize_axis(axis, t.dim())
    _kth(kth, t.shape[ax])
    if t.numel():
        from ._write import write
        write(self, sort_tensor(t, ax))


def _m_argpartition(self, /, kth, axis=-1, kind="introselect", order=None):
    return argpartition(self, kth, axis, kind, order)


def _m_searchsorted(self, /, v, side="left", sorter=None):
    return searchsorted(self, v, side, sorter)


NDARRAY_METHODS = {"sort": _m_sort, "argsort": _m_argsort, "partition": _m_partition,
                   "argpartition": _m_argpartition, "searchsorted": _m_searchsorted}


from ._reductions import install_fallbacks  # noqa: E402
install_fallbacks(globals())
