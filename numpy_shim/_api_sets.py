"""Set routines: unique (and the Array API unique_*), isin, intersect1d, union1d,
setdiff1d, setxor1d.

Output sizes depend on the values, as in NumPy, so these run eagerly (not under vmap
or compile with dynamic shapes). Everything is sort-based with torch's stable sort,
so ``return_index`` gives first occurrences as NumPy does.
"""
import collections

import numpy as np
import torch

from . import _scalars
from ._axes import normalize_axis
from ._convert import to_tensor, cast
from ._dtypes import TORCH_TO_NP, NP_TO_TORCH
from ._ndarray import _wrap
from ._api_sorting import argsort_tensor, sort_key

__all__ = ["unique", "unique_values", "unique_counts", "unique_inverse", "unique_all", "isin",
           "in1d", "intersect1d", "union1d", "setdiff1d", "setxor1d"]

UniqueAllResult = collections.namedtuple("UniqueAllResult", ["values", "indices", "inverse_indices", "counts"])
UniqueCountsResult = collections.namedtuple("UniqueCountsResult", ["values", "counts"])
UniqueInverseResult = collections.namedtuple("UniqueInverseResult", ["values", "inverse_indices"])


def _isnan(t):
    if t.is_complex():
        return torch.isnan(t.real) | torch.isnan(t.imag)
    if t.is_floating_point():
        return torch.isnan(t)
    return None


def _unique_1d(t, equal_nan):
    """(values, first index, inverse, counts) of the 1-d tensor ``t``, NumPy's order."""
    n = t.shape[0]
    perm = argsort_tensor(t, 0)
    aux = t[perm]
    mask = torch.ones(n, dtype=torch.bool, device=t.device)
    if n > 1:
        key = sort_key(aux) if not aux.is_complex() else aux
        mask[1:] = key[1:] != key[:-1]
        nan = _isnan(aux)
        if nan is not None:
            if equal_nan:
                # NaNs sort last; all of them are one value (the first one is kept)
                mask[1:] &= ~(nan[1:] & nan[:-1])
            else:
                mask[1:] |= nan[1:]
    return aux, perm, mask


def _finish_unique(aux, perm, mask, return_index, return_inverse, return_counts, inv_shape):
    vals = aux[mask]
    ret = [vals]
    if return_index:
        ret.append(perm[mask])
    if return_inverse:
        group = torch.cumsum(mask.to(torch.int64), 0) - 1
        inv = torch.empty_like(group)
        inv[perm] = group
        ret.append(inv.reshape(inv_shape))
    if return_counts:
        starts = torch.nonzero(mask).reshape(-1)
        ends = torch.cat([starts[1:], torch.tensor([mask.shape[0]], device=mask.device)])
        ret.append(ends - starts)
    return ret


def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *,
           equal_nan=True, sorted=True):
    """Sorted unique elements (or sub-arrays along ``axis``), with optional extras."""
    t = to_tensor(ar)
    if axis is None:
        inv_shape = tuple(t.shape)
        flat = t.reshape(-1)
        aux, perm, mask = _unique_1d(flat, equal_nan)
        ret = _finish_unique(aux, perm, mask, return_index, return_inverse, return_counts, inv_shape)
        if flat.is_complex() and equal_nan and len(ret) == 1 and ret[0].numel():
            # NumPy's hash-based path (values only) keeps the first NaN seen in input order
            nan = _isnan(flat)
            if _scalars.is_plain(nan) and bool(nan.any()):
                vals = ret[0].clone()
                vals[-1] = flat[int(torch.argmax(nan.to(torch.uint8)))]
                ret[0] = vals
    else:
        if isinstance(axis, (float, np.floating)):
            raise TypeError("integer argument expected, got float")
        ax = normalize_axis(axis, t.dim())
        moved = t.movedim(ax, 0)
        rest = tuple(moved.shape[1:])
        width = 1
        for d in rest:
            width *= d
        rows = moved.reshape(moved.shape[0], width)
        n, m = rows.shape
        # lexicographic row order: stable sorts from the last column to the first
        perm = torch.arange(n, device=t.device)
        for j in range(m - 1, -1, -1):
            perm = perm[argsort_tensor(rows[perm, j], 0)]
        aux = rows[perm]
        mask = torch.ones(n, dtype=torch.bool, device=t.device)
        if n > 1 and m:
            key = sort_key(aux) if not aux.is_complex() else aux
            diff = key[1:] != key[:-1]
            nan = _isnan(aux)
            if nan is not None and equal_nan:
                diff &= ~(nan[1:] & nan[:-1])
            mask[1:] = diff.any(1)
        elif n > 1:
            mask[1:] = False
        ret = _finish_unique(aux, perm, mask, return_index, return_inverse, return_counts, (-1,))
        ret[0] = ret[0].reshape((ret[0].shape[0],) + rest).movedim(0, ax)
    out = [_wrap(r) for r in ret]
    if return_inverse and t.dim() == 0 and axis is None:
        i = 1 + bool(return_index)
        out[i] = _wrap(ret[i].reshape(()))
    return out[0] if len(out) == 1 else tuple(out)


def unique_values(x):
    """Unique elements (sorted; NumPy 2.4's order is its hash table's)."""
    return unique(x, equal_nan=False)


def unique_counts(x):
    v, c = unique(x, return_counts=True, equal_nan=False)
    return UniqueCountsResult(v, c)


def unique_inverse(x):
    v, i = unique(x, return_inverse=True, equal_nan=False)
    return UniqueInverseResult(v, i)


def unique_all(x):
    v, i, inv, c = unique(x, return_index=True, return_inverse=True, return_counts=True, equal_nan=False)
    return UniqueAllResult(v, i, inv, c)


def _common(*ts):
    dt = np.result_type(*[TORCH_TO_NP[t.dtype] for t in ts])
    return [cast(t, NP_TO_TORCH[dt]) for t in ts]


def _isin_flat(e, test):
    """Membership of each element of 1-d ``e`` in 1-d ``test`` (NaN is never found)."""
    e, test = _common(e, test)
    if test.shape[0] == 0 or e.shape[0] == 0:
        return torch.zeros(e.shape, dtype=torch.bool, device=e.device)
    if e.is_complex() or e.shape[0] * test.shape[0] <= 4096:
        return (e[:, None] == test[None, :]).any(1)
    ke, kt = sort_key(e), sort_key(test)
    if ke.dtype is not kt.dtype:
        ke, kt = ke.to(torch.int64), kt.to(torch.int64)
    st = torch.sort(kt).values
    idx = torch.searchsorted(st, ke.contiguous()).clamp(max=st.shape[0] - 1)
    return st[idx] == ke


def isin(element, test_elements, assume_unique=False, invert=False, *, kind=None):
    """Elementwise membership of ``element`` in ``test_elements`` (shape of ``element``)."""
    if kind not in (None, "sort", "table"):
        raise ValueError(f"Invalid kind: '{kind}'. Please use None, 'sort' or 'table'.")
    e = to_tensor(element)
    test = to_tensor(test_elements).reshape(-1)
    if kind == "table" and (e.is_floating_point() or e.is_complex() or test.is_floating_point()):
        raise ValueError("The 'table' method is only supported for boolean or integer arrays. "
                         "Please select 'sort' or None for kind.")
    if kind == "table" and test.numel() and not (test.is_floating_point() or test.is_complex()):
        # NumPy's table method refuses ranges that overflow test_elements' dtype (reads values)
        from ._api_sorting import sort_key
        k = sort_key(test)
        if _scalars.is_plain(k):
            lo, hi = int(k.min()), int(k.max())
            if test.dtype is torch.uint64:
                lo, hi = lo + 2**63, hi + 2**63
            info = np.iinfo(TORCH_TO_NP[test.dtype]) if test.dtype is not torch.bool else np.iinfo(np.uint8)
            if hi - lo > info.max:
                raise RuntimeError("You have specified kind='table', but the range of values in "
                                   "`ar2` or `ar1` exceed the maximum integer of the datatype. "
                                   "Please set `kind` to None or 'sort'.")
    r = _isin_flat(e.reshape(-1), test).reshape(e.shape)
    if invert:
        r = ~r
    return _wrap(r)


def in1d(ar1, ar2, assume_unique=False, invert=False, *, kind=None):
    """Flattened membership test (removed from NumPy 2.4's namespace; kept for old code)."""
    return isin(to_tensor(ar1).reshape(-1), ar2, assume_unique, invert, kind=kind)


def _flat_unique(a, assume_unique):
    t = to_tensor(a).reshape(-1)
    if assume_unique:
        return t
    aux, perm, mask = _unique_1d(t, True)
    return aux[mask]


def intersect1d(ar1, ar2, assume_unique=False, return_indices=False):
    """Sorted unique values found in both arrays (optionally their first indices)."""
    a, b = to_tensor(ar1).reshape(-1), to_tensor(ar2).reshape(-1)
    a, b = _common(a, b)
    if return_indices:
        if assume_unique:
            ia, ib = torch.arange(a.shape[0]), torch.arange(b.shape[0])
        else:
            aux, perm, mask = _unique_1d(a, True)
            a, ia = aux[mask], perm[mask]
            aux, perm, mask = _unique_1d(b, True)
            b, ib = aux[mask], perm[mask]
    elif not assume_unique:
        a, b = _flat_unique(a, False), _flat_unique(b, False)
    aux = torch.cat([a, b])
    order = argsort_tensor(aux, 0)
    aux = aux[order]
    key = sort_key(aux) if not aux.is_complex() else aux
    same = key[1:] == key[:-1]
    vals = aux[:-1][same]
    if not return_indices:
        return _wrap(vals)
    na = a.shape[0]
    i1 = order[:-1][same]
    i2 = order[1:][same] - na
    return _wrap(vals), _wrap(ia[i1]), _wrap(ib[i2])


def union1d(ar1, ar2):
    """Sorted unique values in either array."""
    a, b = _common(to_tensor(ar1).reshape(-1), to_tensor(ar2).reshape(-1))
    return _wrap(_flat_unique(torch.cat([a, b]), False))


def setdiff1d(ar1, ar2, assume_unique=False):
    """Unique values of ``ar1`` that are not in ``ar2``."""
    a = _flat_unique(ar1, assume_unique)
    b = to_tensor(ar2).reshape(-1)
    keep = ~_isin_flat(a, b)
    return _wrap(a[keep])


def setxor1d(ar1, ar2, assume_unique=False):
    """Sorted unique values in exactly one of the arrays."""
    a, b = _flat_unique(ar1, assume_unique), _flat_unique(ar2, assume_unique)
    a, b = _common(a, b)
    aux = torch.cat([a, b])
    if aux.shape[0] == 0:
        return _wrap(aux)
    aux = aux[argsort_tensor(aux, 0)]
    key = sort_key(aux) if not aux.is_complex() else aux
    t = torch.ones(1, dtype=torch.bool, device=aux.device)
    flag = torch.cat([t, key[1:] != key[:-1], t])
    return _wrap(aux[flag[1:] & flag[:-1]])


from ._reductions import install_fallbacks  # noqa: E402
install_fallbacks(globals())
