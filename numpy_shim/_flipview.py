"""Views with negative strides (``a[::-1]``, flip, rot90): torch has none.

A FlipView holds ``_pos``, a positive-stride torch view of the base's memory, and
``_flips``, the dims to read reversed. ``_t`` (a slot every other module reads) is
shadowed by a property that returns ``_pos.flip(_flips)``: a fresh copy on each read,
so reads always see the base's current values. Writes go the other way: setitem maps
the index into ``_pos``'s coordinates, and every other write (``out=``, in-place
operators) goes through ``_write.write``, which hands a FlipView destination to its
``_write`` method, so it is written through ``_pos``. Plain arrays never see any of this: their
``_t`` is the slot, and the only cost on their path is one ``type(dst) is`` test.
See docs/architecture.md, "Negative strides".
"""
import functools

import numpy as np
import torch

from ._ndarray import ndarray, _view

_new = object.__new__
# torch.flip has no kernels for these: flip the same bits as signed
_SIGNED = {torch.uint16: torch.int16, torch.uint32: torch.int32, torch.uint64: torch.int64}


def flip_tensor(t, dims):
    """``t.flip(dims)`` for every dtype the shim stores."""
    sdt = _SIGNED.get(t.dtype)
    if sdt is None:
        return t.flip(dims)
    return t.view(sdt).flip(dims).view(t.dtype)


class FlipView(ndarray):
    """An ndarray view whose data is ``_pos`` read reversed along ``_flips``."""

    __slots__ = ("_pos", "_flips", "_host")

    @property
    def __array_interface__(self):
        # the interface points into a host copy, which must outlive this call
        self._host = self.__array__()
        return self._host.__array_interface__

    @property
    def _t(self):
        return flip_tensor(self._pos, self._flips)

    @_t.setter
    def _t(self, value):
        # used when a write lifts the array to a transform level: keep the layout
        self._pos = flip_tensor(value, self._flips)

    @property
    def tensor(self):
        """A copy (torch has no negative strides; writes to it do not reach the array)."""
        return self._t

    @property
    def shape(self):
        return tuple(self._pos.shape)

    @shape.setter
    def shape(self, value):
        raise AttributeError("Incompatible shape for in-place modification. Use `.reshape()` to make "
                             "a copy with the desired shape.")

    @property
    def ndim(self):
        return self._pos.dim()

    @property
    def size(self):
        return self._pos.numel()

    def __len__(self):
        if self._pos.dim() == 0:
            raise TypeError("len() of unsized object")
        return self._pos.shape[0]

    @property
    def dtype(self):
        from ._dtypes import TORCH_TO_NP
        return TORCH_TO_NP[self._pos.dtype]

    @property
    def itemsize(self):
        return self._pos.element_size()

    @property
    def nbytes(self):
        return self._pos.numel() * self._pos.element_size()

    @property
    def strides(self):
        es = self._pos.element_size()
        return tuple(-s * es if d in self._flips else s * es for d, s in enumerate(self._pos.stride()))

    @property
    def device(self):
        return self._pos.device

    # -- indexing -------------------------------------------------------------
    def _getitem(self, index):
        from ._index import parse, _getitem_parsed
        pos = self._pos
        return _getitem_parsed(self, pos, parse(index, pos.shape, pos.device), self._flips)

    def _setitem(self, index, value):
        from ._index import parse, _basic, _fit, value_tensor, setitem
        from ._write import check_writeable
        from ._ndarray import _wrap
        check_writeable(self)
        pos = self._pos
        p = parse(index, pos.shape, pos.device)
        if p.basic:
            target, rflips = _basic(pos, p.items, self._flips)
            v = _fit(value_tensor(value, pos), target.shape, basic=True)
            if rflips:
                v = flip_tensor(torch.broadcast_to(v, target.shape), rflips)
            self._write_pos(_view(self, target), v)
            return
        # advanced: apply to a copy with NumPy's rules, then write the whole view back
        cur = _wrap(self._t)
        setitem(cur, index, value)
        self._write_pos(_view(self, pos), flip_tensor(cur._t, self._flips))

    def _write(self, value, index=None):
        """``_write.write`` for a FlipView destination."""
        from ._write import check_writeable
        check_writeable(self)
        if index is None:
            v = flip_tensor(torch.broadcast_to(value, self._pos.shape), self._flips)
        else:
            cur = self._t
            cur[index] = value
            v = flip_tensor(cur, self._flips)
        self._write_pos(_view(self, self._pos), v)

    def _write_pos(self, pv, v):
        whole = pv._t is self._pos
        from ._write import write
        write(pv, v)
        if whole:
            self._pos = pv._t  # the write may have lifted it to a transform level


def make_view(src, t, flips):
    """A view of ``src``'s memory: ``t`` read reversed along ``flips`` (a plain view if none)."""
    if not flips:
        return _view(src, t)
    a = _new(FlipView)
    a._pos = t
    a._flips = tuple(sorted(flips))
    base = getattr(src, "_base", None)
    a._base = src if base is None else base
    flags = getattr(src, "_flags", None)
    if flags and not flags.get("writeable", True):
        a._flags = {"writeable": False}
    return a


def parts(a):
    """(positive tensor, flipped dims) of any ndarray."""
    if type(a) is FlipView:
        return a._pos, a._flips
    return a._t, ()



def flip_aware(np_fn):
    """Make a view-producing shape function keep FlipViews as views where NumPy's result is one.

    NumPy itself decides: ``np_fn`` runs on a stand-in array with the FlipView's logical
    (signed) strides over a one-byte buffer that is never read; where its result shares
    that buffer, the shim's result is the FlipView with the same strides, else a copy.
    """
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(a, *args, **kwargs):
            if type(a) is FlipView:
                return _flipped_shape_op(a, fn, np_fn, args, kwargs)
            if isinstance(a, np.ma.MaskedArray):  # NumPy's masked array: its own function
                from ._fallback import wrap_numpy_function
                return wrap_numpy_function(np_fn.__name__, np_fn)(a, *args, **kwargs)
            return fn(a, *args, **kwargs)
        return wrapper
    return deco


def _flipped_shape_op(a, fn, np_fn, args, kwargs):
    from ._ndarray import _wrap
    res = fn(_wrap(a._t), *args, **kwargs)  # values and NumPy's argument errors
    if not isinstance(res, ndarray):
        return res
    pos, flips = a._pos, a._flips
    first = pos.storage_offset() + sum((pos.shape[d] - 1) * pos.stride(d) for d in flips)
    logical = tuple(-s if d in flips else s for d, s in enumerate(pos.stride()))
    buf = np.empty(1, np.int8)
    stand_in = np.lib.stride_tricks.as_strided(buf, tuple(pos.shape), logical)
    r = np_fn(stand_in, *args, **kwargs)
    if not isinstance(r, np.ndarray) or r.size == 0 or not np.may_share_memory(r, stand_in):
        return _wrap(res._t)  # NumPy copies here too
    delta = r.__array_interface__["data"][0] - stand_in.__array_interface__["data"][0]
    new_flips = [d for d, s in enumerate(r.strides) if s < 0 and r.shape[d] > 1]
    offset = first + delta + sum((r.shape[d] - 1) * r.strides[d] for d in new_flips)
    new_pos = pos.as_strided(r.shape, tuple(abs(s) for s in r.strides), offset)
    return make_view(a, new_pos, new_flips)
