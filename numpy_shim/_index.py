"""__getitem__ / __setitem__: NumPy index expressions on torch tensors.

An index is parsed once into a list of items (int, slice, None, int tensor, bool
tensor) with Ellipsis expanded. Basic indices (ints, slices, None) go straight to
torch and give views; negative-step slices give a flipped view (_flipview.py).

Advanced indices differ from torch's in two ways, so they are done in two steps:
NumPy treats plain integers as advanced indices once any array index is present
(``a[0, :, [1, 2]]`` has shape (2, 3), torch gives (3, 2)), and a 0-d bool is an
advanced index of length 1 or 0 on a new axis. Step 1 applies the basic part with
each advanced position kept whole; step 2 indexes that view with the advanced
indices broadcast to one shape, which torch places exactly as NumPy does.
"""
import operator

import numpy as np
import torch

from . import _scalars
from ._ndarray import ndarray, _wrap, _view
from ._convert import to_tensor, cast
from ._dtypes import TORCH_TO_NP

_Tensor = torch.Tensor
_BAD_INDEX = ("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer "
              "or boolean arrays are valid indices")
_I64 = 2 ** 63
_MAXDIMS = 64  # NumPy's NPY_MAXDIMS: the most index arrays / dimensions it accepts


class _Parsed:
    """An index expression, normalized against an array's shape."""

    __slots__ = ("items", "basic", "has_ellipsis", "has_none", "n_int", "flips")

    def __init__(self):
        self.items = []          # one entry per index item, Ellipsis expanded to slices
        self.basic = True        # no array or bool index
        self.has_ellipsis = False
        self.has_none = False
        self.n_int = 0
        self.flips = False       # some slice has a negative step


def _slice_part(x):
    if x is None:
        return None
    try:
        return operator.index(x)
    except TypeError:
        raise TypeError("slice indices must be integers or None or have an __index__ method") from None


def _as_index_tensor(t, device):
    if t.dtype is torch.bool:
        return t.to(device) if t.device != device else t
    if t.is_floating_point() or t.is_complex():
        raise IndexError("arrays used as indices must be of integer (or boolean) type")
    if t.dtype is not torch.int64:
        # torch reads uint8 tensors as masks and has no uint64 indexing
        t = t.view(torch.int64) if t.dtype is torch.uint64 else t.to(torch.int64)
    return t.to(device) if t.device != device else t


def _convert_one(ix, device):
    """One index item as int, slice, None, Ellipsis or tensor; NumPy's errors otherwise."""
    tp = type(ix)
    if tp is int or tp is slice or ix is None or ix is Ellipsis:
        if tp is slice and not (type(ix.start) in (int, type(None)) and type(ix.stop) in (int, type(None))
                                and type(ix.step) in (int, type(None))):
            ix = slice(_slice_part(ix.start), _slice_part(ix.stop), _slice_part(ix.step))
        if tp is slice and ix.step == 0:
            raise ValueError("slice step cannot be zero")
        return ix
    if tp is bool or isinstance(ix, np.bool_):
        return torch.tensor(bool(ix), device=device)
    if isinstance(ix, np.integer):
        return int(ix)
    if isinstance(ix, ndarray):
        return _as_index_tensor(ix._t, device)
    if isinstance(ix, _Tensor):
        return _as_index_tensor(ix, device)
    if isinstance(ix, (list, tuple, np.ndarray)):
        if isinstance(ix, (list, tuple)) and len(ix) == 0:
            return torch.zeros(0, dtype=torch.int64, device=device)  # NumPy: [] is an int index
        try:
            t = to_tensor(ix)
        except Exception:
            raise IndexError(_BAD_INDEX) from None
        if not isinstance(ix, np.ndarray) and (t.is_floating_point() or t.is_complex()):
            raise IndexError(_BAD_INDEX)  # NumPy's message for a list of non-integers
        return _as_index_tensor(t, device)
    if isinstance(ix, (float, complex, np.inexact, str, bytes)):
        raise IndexError(_BAD_INDEX)
    try:
        return operator.index(ix)
    except TypeError:
        pass
    if hasattr(ix, "__array__"):
        r = ix.__array__()
        return _convert_one(r if isinstance(r, (ndarray, np.ndarray)) else np.asarray(r), device)
    if hasattr(ix, "__array_interface__"):
        return _convert_one(np.asarray(ix), device)
    raise IndexError(_BAD_INDEX)


def parse(index, shape, device):
    """``index`` as a _Parsed against ``shape`` (bounds of integers checked)."""
    if type(index) is not tuple:
        index = tuple(index) if isinstance(index, tuple) else (index,)
    p = _Parsed()
    conv = [ix if type(ix) is slice else _convert_one(ix, device) for ix in index]
    conv = [_convert_one(ix, device) if type(ix) is slice else ix for ix in conv]
    n_dims = 0
    n_ell = 0
    for c in conv:
        if c is None:
            continue
        if c is Ellipsis:
            n_ell += 1
        elif isinstance(c, _Tensor):
            n_dims += c.dim() if c.dtype is torch.bool else 1
        else:
            n_dims += 1
    if n_ell > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    ndim = len(shape)
    if n_dims > ndim:
        raise IndexError(f"too many indices for array: array is {ndim}-dimensional, "
                         f"but {n_dims} were indexed")
    dim = 0
    items = p.items
    for c in conv:
        if c is Ellipsis:
            p.has_ellipsis = True
            items.extend([slice(None)] * (ndim - n_dims))
            dim += ndim - n_dims
            continue
        if c is None:
            p.has_none = True
        elif type(c) is int:
            n = shape[dim]
            if not -n <= c < n:
                raise IndexError(f"index {c} is out of bounds for axis {dim} with size {n}")
            p.n_int += 1
            dim += 1
        elif type(c) is slice:
            if c.step is not None and c.step < 0:
                p.flips = True
            dim += 1
        else:
            p.basic = False
            if c.dtype is torch.bool:
                for k in range(c.dim()):
                    if c.shape[k] != shape[dim + k]:
                        raise IndexError(
                            f"boolean index did not match indexed array along axis {dim + k}; size of "
                            f"axis is {shape[dim + k]} but size of corresponding boolean axis is {c.shape[k]}")
                dim += c.dim()
            else:
                dim += 1
        items.append(c)
    # unindexed trailing axes are whole slices
    items.extend([slice(None)] * (ndim - dim))
    if p.has_none and p.basic:
        res = sum(1 for c in items if c is None or type(c) is slice)
        if res > 64:  # NumPy's NPY_MAXDIMS
            raise IndexError(f"number of dimensions must be within [0, 64], indexing result would "
                             f"have {res}")
    return p


# -- advanced indexing ----------------------------------------------------------

def _plan(t, items):
    """(view of the basic part, advanced index tuple for it, broadcast shape, positions)."""
    step1 = []          # basic part: advanced positions kept whole
    adv = []            # (position in step-1 result, index)
    pos = 0
    for c in items:
        if c is None:
            step1.append(None)
            pos += 1
        elif type(c) is slice:
            step1.append(c)
            pos += 1
        elif type(c) is int:
            adv.append((pos, c))
            step1.append(slice(None))
            pos += 1
        elif c.dtype is torch.bool:
            if c.dim() == 0:
                # a 0-d bool is an index of length 1 (True) or 0 (False) on a new axis
                step1.append(None)
                adv.append((pos, torch.zeros(int(_host_bool(c)), dtype=torch.int64, device=t.device)))
                pos += 1
            else:
                nz = _nonzero_cols(c, "Boolean-mask indexing")
                for k in range(c.dim()):
                    step1.append(slice(None))
                    adv.append((pos, nz[k]))
                    pos += 1
        else:
            step1.append(slice(None))
            adv.append((pos, c))
            pos += 1
    if any(type(s) is slice and s.step is not None and s.step < 0 for s in step1):
        v, rflips = _basic(t, step1, ())
        v = _flip_tensor(v, rflips)  # a copy: advanced results are copies anyway (setitem avoids this path)
    elif any(s is None or s != slice(None) for s in step1):
        v = t[tuple(step1)]
    else:
        v = t
    if len(adv) >= _MAXDIMS:  # NumPy's iterator takes at most 64 operands, the array included
        raise IndexError(f"too many indices for array: cannot have more than {_MAXDIMS} index arrays")
    shapes = [() if type(i) is int else tuple(i.shape) for _, i in adv]
    try:
        bshape = tuple(torch.broadcast_shapes(*shapes))
    except RuntimeError:
        raise IndexError("shape mismatch: indexing arrays could not be broadcast together with shapes "
                         + " ".join(_fmt_shape(s) for s in shapes)) from None
    if len(bshape) + v.dim() - len(adv) > _MAXDIMS:
        raise IndexError(f"number of dimensions must be within [0, {_MAXDIMS}]")
    full = [slice(None)] * v.dim()
    for p, i in adv:
        n = v.shape[p]
        if type(i) is int:
            if not -n <= i < n:
                raise IndexError(f"index {i} is out of bounds for axis {p} with size {n}")
            i = torch.tensor(i, device=t.device)
        else:
            _check_int_bounds(i, n, p)
        # 0-d broadcast shape: torch reads 0-d tensors as plain ints, the same result
        full[p] = i.expand(bshape) if bshape else i
    return v, tuple(full), bshape, [p for p, _ in adv]


def _target_shape(vshape, positions, bshape):
    """NumPy's result shape: broadcast dims in place if the advanced indices are adjacent, else first."""
    rest = [s for k, s in enumerate(vshape) if k not in positions]
    first = positions[0]
    if positions == list(range(first, first + len(positions))):
        return tuple(rest[:first]) + bshape + tuple(rest[first:])
    return bshape + tuple(rest)


def _advanced(t, items):
    """``t[items]`` with NumPy's advanced-indexing rules (a copy)."""
    v, full, bshape, _ = _plan(t, items)
    try:
        r = v[full]
    except IndexError as e:
        raise IndexError(str(e).replace("dimension", "axis")) from None
    return r.clone() if not bshape and r._base is not None else r


def _flip_tensor(t, dims):
    from ._flipview import flip_tensor
    return flip_tensor(t, dims)


def _fmt_shape(s):
    return "(" + ",".join(str(x) for x in s) + ("," if len(s) == 1 else "") + ")"


def _host_bool(t):
    if not _scalars.is_plain(t):
        from ._errors import data_dependent
        raise data_dependent("Indexing with a 0-d boolean array", "a Python bool or np.where")
    return bool(t)


def _nonzero_cols(mask, what):
    if not _scalars.is_plain(mask) and (
            torch._C._functorch.is_batchedtensor(mask) or torch.compiler.is_compiling()):
        from ._errors import data_dependent
        raise data_dependent(what, "np.where(mask, x, y), or nonzero(..., size=n)")
    return mask.nonzero().unbind(1) if mask.dim() > 1 else (mask.nonzero().reshape(-1),)


def _check_int_bounds(i, n, axis):
    # a host check, eager only: under a transform torch's own bounds check applies
    if i.numel() and _scalars.is_plain(i):
        bad = (i >= n) | (i < -n)
        if bad.any():
            raise IndexError(f"index {int(i[bad][0])} is out of bounds for axis {axis} with size {n}")


# -- basic indexing -------------------------------------------------------------

def _basic(t, items, flips):
    """Basic index on a positive-stride tensor ``t`` whose dims in ``flips`` are reversed.

    Returns (tensor, result dims to reverse). Each slice becomes (start, step, count) in
    ``t``'s coordinates; a negative step is taken as the positive slice over the same
    elements plus a reversal of that result dimension.
    """
    out = []
    rflips = []
    d = 0
    rd = 0
    for c in items:
        if c is None:
            out.append(None)
            rd += 1
            continue
        n = t.shape[d]
        rev = d in flips
        if type(c) is int:
            i = c + n if c < 0 else c
            out.append(n - 1 - i if rev else i)
        else:
            start, stop, step = c.indices(n)
            count = len(range(start, stop, step))
            if rev:
                start, step = n - 1 - start, -step
            if count == 0:
                out.append(slice(0, 0))
            elif step > 0:
                out.append(slice(start, start + (count - 1) * step + 1, step))
            else:
                lo = start + (count - 1) * step
                out.append(slice(lo, start + 1, -step))
                if count > 1:
                    rflips.append(rd)
            rd += 1
        d += 1
    return t[tuple(out)], tuple(rflips)


_INT_OR_NONE = (int, type(None))
_F32_MAX, _INF = 3.4028234663852886e38, float("inf")  # beyond: NumPy's "overflow in cast"
_FAST_FILL = {torch.float64: (float, int), torch.float32: (float,), torch.int64: (int,),
              torch.bool: (bool,)}


def getitem(a, index):
    if type(a) is not ndarray:
        from ._flipview import FlipView
        if type(a) is FlipView:
            return a._getitem(index)
    t = a._t
    # fast path: a single in-range int or a positive-step slice on a plain array
    tp = type(index)
    if tp is int and t.dim():
        n = t.shape[0]
        if -n <= index < n:
            r = t[index]
            return _scalars.result(r) if r.dim() == 0 else _view(a, r)
    elif tp is slice and t.dim() and (index.step is None or type(index.step) is int and index.step > 0) \
            and type(index.start) in _INT_OR_NONE and type(index.stop) in _INT_OR_NONE:
        return _view(a, t[index])  # torch clamps positive-step slices exactly as Python does
    elif tp is tuple and len(index) == t.dim() and all(type(i) is int for i in index):
        if all(-n <= i < n for i, n in zip(index, t.shape)):
            return _scalars.result(t[index])
    elif tp is ndarray and t.dim():
        r = _array_index_fast(t, index._t)
        if r is not None:
            return _wrap(r)
    p = parse(index, t.shape, t.device)
    return _getitem_parsed(a, t, p, ())


def _array_index_fast(t, i):
    """``t[i]`` for one int array (ndim >= 1) or leading-dims mask, or None for the general path."""
    dt = i.dtype
    if dt is torch.int64 and i.dim() and i.device == t.device:
        try:
            return t[i]
        except IndexError as e:
            # torch's bounds message, with NumPy's word for a dimension
            raise IndexError(str(e).replace("dimension", "axis")) from None
    if dt is torch.bool and i.dim() and tuple(i.shape) == tuple(t.shape[:i.dim()]) \
            and i.device == t.device and _scalars.is_plain(i):
        return t[i]
    return None


def _getitem_parsed(a, t, p, flips):
    if p.basic:
        if not p.flips and not flips:
            r = t[tuple(p.items)]
        else:
            r, rflips = _basic(t, p.items, flips)
            if rflips:
                from ._flipview import make_view
                return make_view(a, r, rflips)
        if r.dim() == 0 and not p.has_ellipsis and not p.has_none:
            return _scalars.result(r)
        return _view(a, r)
    if flips:
        t = _flip_tensor(t, flips)
    r = _advanced(t, p.items)
    if r.dim() == 0 and not p.has_ellipsis and not p.has_none and _all_int_like(p.items):
        return _scalars.result(r)
    return _wrap(r)


def _all_int_like(items):
    return all(type(c) is int or type(c) is slice or c is None
               or (isinstance(c, _Tensor) and c.dim() == 0 and c.dtype is not torch.bool) for c in items)


# -- assignment -------------------------------------------------------------------

def value_tensor(value, t):
    """The value of an assignment into ``t`` as a tensor of ``t``'s dtype, NumPy's casting."""
    tdt = t.dtype
    tv = type(value)
    if tv is float and (tdt is torch.float64 or tdt is torch.float32 and not _F32_MAX < abs(value) < _INF) \
            or tv is int and (tdt is torch.int64 or tdt is torch.float64) and -_I64 <= value < _I64 \
            or tv is bool and tdt is torch.bool:
        # common scalars whose conversion torch does exactly as NumPy
        return torch.tensor(value, dtype=tdt, device=t.device)
    if isinstance(value, ndarray):
        v = value._t
    elif isinstance(value, _Tensor):
        v = value
    else:
        dt = TORCH_TO_NP[tdt]
        if isinstance(value, (list, tuple)):
            from ._convert import _contains_traced
            if _contains_traced(value):
                v = to_tensor(value)
            else:
                v = to_tensor(np.asarray(value, dtype=dt))  # NumPy's own conversion errors
        elif isinstance(value, (int, float, complex, bool, np.generic)):
            tmp = np.empty((), dt)
            tmp[()] = value  # NumPy's scalar setitem: OverflowError, NaN -> int ValueError, ...
            v = to_tensor(tmp)
        else:
            v = to_tensor(value)
    if v.device != t.device:
        v = v.to(t.device)
    if v.dtype is not tdt:
        v = cast(v, tdt)  # NumPy's ComplexWarning and cast reports
    return v


def setitem(a, index, value):
    from ._write import write, check_writeable
    if type(a) is not ndarray:
        from ._flipview import FlipView
        if type(a) is FlipView:
            return a._setitem(index, value)
    check_writeable(a)
    t = a._t
    tp = type(index)
    if (tp is int or tp is slice and (index.step is None or type(index.step) is int and index.step > 0)
            and type(index.start) in _INT_OR_NONE and type(index.stop) in _INT_OR_NONE) \
            and type(value) in _FAST_FILL.get(t.dtype, ()) and t.dim() and _scalars.is_plain(t) \
            and (type(value) is not int or -_I64 <= value < _I64) \
            and (t.dtype is not torch.float32 or not _F32_MAX < abs(value) < _INF) \
            and (tp is not int or -t.shape[0] <= index < t.shape[0]):
        # a plain array, one int or slice, a Python scalar torch converts as NumPy does
        t[index] = value
        return
    if tp is ndarray and t.dim() and _setitem_fast(a, t, index._t, value):
        return
    p = parse(index, t.shape, t.device)
    v = _unalias(value_tensor(value, t), t)
    if p.basic and isinstance(value, (list, tuple)) and v.dim() > _basic_ndim(t, p.items):
        # NumPy converts a sequence for a basic-index target with at most the target's ndim
        raise ValueError("setting an array element with a sequence. The requested array would "
                         f"exceed the maximum number of dimension of {_basic_ndim(t, p.items)}.")
    if p.basic and not p.flips:
        idx = tuple(p.items)
        target = t[idx]
        v = _fit(v, target.shape, basic=True)
        write(a, v, idx)
        return
    if p.basic:
        target, rflips = _basic(t, p.items, ())
        # write into the positive-step view the value reversed along the flipped dims
        v = _fit(v, target.shape, basic=True)
        if rflips:
            v = _flip_tensor(torch.broadcast_to(v, target.shape), rflips)
        write(_view(a, target), v)
        return
    if p.flips:
        # advanced index with a negative-step slice (rare): select flat positions with the
        # getitem rules, then write element by element
        sel = _advanced(torch.arange(t.numel(), device=t.device).reshape(t.shape), p.items)
        indexed_write(a, _fit(v, sel.shape, basic=False), torch.unravel_index(sel, t.shape))
        return
    mask = _whole_mask(p.items, t)
    if mask is not None and v.numel() == 1 and not _scalars.is_plain(t):
        # a[mask] = scalar under a transform: torch.where keeps the shape static
        m = mask.reshape(mask.shape + (1,) * (t.dim() - mask.dim()))
        write(a, torch.where(m, v.reshape(()), t))
        return
    v_t, full, bshape, positions = _plan(t, p.items)
    v = _fit(v, _target_shape(v_t.shape, positions, bshape), basic=False)
    full = tuple(_unalias(i, t) if isinstance(i, _Tensor) else i for i in full)
    # write through a temporary view of the basic part, so the write reaches ``a``
    indexed_write(a if v_t is t else _view(a, v_t), v, full)


_SIGNED = {torch.uint16: torch.int16, torch.uint32: torch.int32, torch.uint64: torch.int64}


def indexed_write(a, v, index):
    """``a[index] = v`` for a torch advanced index (index_put has no uint16/32/64 kernels)."""
    from ._write import write
    sdt = _SIGNED.get(a._t.dtype)
    if sdt is not None:
        # same bits through a signed view of the same memory
        a, v = _view(a, a._t.view(sdt)), v.view(sdt)
    try:
        write(a, v, index)
    except IndexError as e:
        raise IndexError(str(e).replace("dimension", "axis")) from None


def _unalias(x, t):
    """``x``, cloned if it reads memory that the write into ``t`` changes (NumPy copies too)."""
    if type(x) is _Tensor and x.numel() and type(t) is _Tensor:
        try:
            if x.untyped_storage().data_ptr() == t.untyped_storage().data_ptr():
                return x.clone()
        except (RuntimeError, NotImplementedError):
            pass
    return x


def _basic_ndim(t, items):
    return sum(1 for c in items if type(c) is not int)


def _setitem_fast(a, t, i, value):
    """``a[i] = value`` for one int64 array or a leading-dims mask with a one-element value."""
    if i.device != t.device or not i.dim():
        return False
    if i.dtype is torch.int64:
        v = _unalias(value_tensor(value, t), t)
        v = _fit(v, tuple(i.shape) + tuple(t.shape[1:]), basic=False)
        indexed_write(a, v, (_unalias(i, t),))
        return True
    if i.dtype is torch.bool and tuple(i.shape) == tuple(t.shape[:i.dim()]) and _scalars.is_plain(i):
        v = value_tensor(value, t)
        if v.numel() != 1 or v.dim() > t.dim() - i.dim() + 1:
            return False
        indexed_write(a, v.reshape(()), (_unalias(i, t),))
        return True
    return False


def _whole_mask(items, t):
    """The bool mask when the index is one mask over the leading dims (rest whole)."""
    c = items[0] if items else None
    if isinstance(c, _Tensor) and c.dtype is torch.bool and c.dim() > 0 and all(
            type(x) is slice and x == slice(None) for x in items[1:]):
        return c
    return None


def _fit(v, shape, basic):
    """``v`` broadcast to ``shape`` with NumPy's rule and message (leading 1s dropped)."""
    vs = tuple(v.shape)
    if vs == tuple(shape):
        return v
    w = v
    while w.dim() > len(shape) and w.shape[0] == 1:
        w = w[0]
    try:
        return torch.broadcast_to(w, shape)
    except RuntimeError:
        if basic:
            raise ValueError(f"could not broadcast input array from shape {_fmt_shape(vs)} "
                             f"into shape {_fmt_shape(tuple(shape))}") from None
        raise ValueError(f"shape mismatch: value array of shape {_fmt_shape(vs)} could not be "
                         f"broadcast to indexing result of shape {_fmt_shape(tuple(shape))}") from None
