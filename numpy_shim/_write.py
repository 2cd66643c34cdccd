"""Writing values into an existing array (setitem, out=, in-place operators).

Two things make NumPy-style mutation hard under torch.func, and both are handled here
by giving the array (and the array it views) a new tensor, then re-deriving the view
from it with the same strides, so ``v = a[1:]; v += x`` still changes ``a``:

* **Lifting (vmap).** A buffer created inside the function (``a = np.zeros(3)``) is a
  plain tensor while the value written into it is batched; torch refuses the write
  ("inplace arithmetic ... not possible"). The buffer is lifted to the value's level
  by adding a zero that carries the transform, and the write is retried.
* **Copy on write (grad).** The shim computes ``a *= x`` out of place and copies the
  result into ``a``; autograd may have saved ``a``'s old value for the backward pass
  (``multiply`` saves both operands), and an in-place copy would corrupt it ("modified
  by an inplace operation"). So when differentiation is active the buffer is cloned
  before the write: the saved tensor keeps its value, the array moves to the clone.

Views are registered (``register_view``) and moved with their base: every view written
through, and every view created while a transform is active or the data requires grad
(``_ndarray._view``), so reads through a view see later writes.
"""
import weakref

import numpy as _np
import torch

from ._ndarray import ndarray

_F = torch._C._functorch
_is_wrapped = _F.is_functorch_wrapped_tensor
_DIFF_KEYS = None
_VIEWS = {}  # id(base ndarray) -> (weakref to it, {id(view): weakref to view})


def check_writeable(a):
    flags = getattr(a, "_flags", None)
    if flags and not flags.get("writeable", True):
        raise ValueError("assignment destination is read-only")


def out_dtype(dst):
    """The torch dtype a write into ``dst`` stores (None: a dtype only NumPy has, NumPy casts)."""
    if isinstance(dst, ndarray):
        return dst._t.dtype
    from ._dtypes import torch_dtype, UnsupportedDTypeError
    try:
        return torch_dtype(dst.dtype.newbyteorder("="))
    except (UnsupportedDTypeError, TypeError, KeyError):
        return None


def write(dst, value, index=None):
    """``dst[index] = value`` (whole array when index is None); value is a tensor.

    ``dst`` may be a real NumPy array (an ``out=`` handed over by NumPy's dispatch): the
    value is copied into it on the host with NumPy's unsafe cast (callers check casting).
    """
    if type(dst) is not ndarray:
        if isinstance(dst, _np.ndarray):
            return _write_numpy(dst, value, index)
        if hasattr(type(dst), "_write"):
            return dst._write(value, index)  # a FlipView writes through its positive-stride view
    check_writeable(dst)
    t = dst._t
    if value.dtype is not t.dtype:
        from ._convert import cast
        value = cast(value, t.dtype)
    base = getattr(dst, "_base", None)
    if base is not None and isinstance(base, ndarray):
        register_view(base, dst)
    if _differentiating(t, value):
        _rebind(dst, torch.clone)
        t = dst._t
    try:
        _do_write(t, value, index)
        return
    except RuntimeError as e:
        if not _is_lift_error(str(e)):
            raise
    _rebind(dst, _lifter(value))
    _do_write(dst._t, value, index)


def _write_numpy(dst, value, index):
    from ._scalars import host_numpy
    src = host_numpy(value, "Writing into a NumPy array")
    if index is None:
        _np.copyto(dst, src, casting="unsafe")
    else:
        dst[index] = src


def _differentiating(t, value):
    """True when autograd may hold ``t``'s current value for a backward pass."""
    if value.requires_grad or t.requires_grad:
        return True
    if not (_is_wrapped(value) or _is_wrapped(t)):
        return False
    stack = _F.get_interpreter_stack()
    if not stack:
        return False
    keys = _diff_keys()
    return any(i.key() in keys for i in stack)


def _diff_keys():
    global _DIFF_KEYS
    if _DIFF_KEYS is None:
        T = torch._C._functorch.TransformType
        _DIFF_KEYS = (T.Grad, T.Jvp)
    return _DIFF_KEYS


def _do_write(t, value, index):
    if index is None:
        t.copy_(value)
        return
    mask = _single_mask(index, t)
    if mask is not None and value.numel() == 1:
        # a[mask] = scalar as a masked fill: no data-dependent shape, so it also works
        # when the mask is being vmapped (NumPy's result is the same).
        t.masked_fill_(mask, value.reshape(()))
        return
    t[index] = value


def _single_mask(index, t):
    if len(index) != 1:
        return None
    m = index[0]
    if isinstance(m, torch.Tensor) and m.dtype is torch.bool and tuple(m.shape) == tuple(t.shape):
        return m
    return None


def _is_lift_error(msg):
    return ("inplace arithmetic" in msg or "in-place operation" in msg
            or "mutate a captured Tensor" in msg or "vmap" in msg and "in-place" in msg
            or "inplace" in msg and "batched" in msg
            or "is not possible because there exists a Tensor" in msg)


def _lifter(value):
    """A function moving a tensor to ``value``'s transform levels (adds a zero carrying them)."""
    flat = value.reshape(-1)
    zero = torch.zeros_like(flat[:1]).sum()

    def lift(t):
        return t + zero.to(t.dtype)
    return lift


def register_view(base, view):
    """Remember that ndarray ``view`` views ``base``, so moving base's tensor moves it too.

    Every view written through is registered here; view creation may call it as well.
    """
    entry = _VIEWS.get(id(base))
    if entry is None or entry[0]() is not base:
        key = id(base)
        entry = _VIEWS[key] = (weakref.ref(base, lambda _, key=key: _VIEWS.pop(key, None)), {})
    views = entry[1]
    vkey = id(view)
    if vkey not in views or views[vkey]() is not view:
        views[vkey] = weakref.ref(view, lambda _, views=views, vkey=vkey: views.pop(vkey, None))


def _views_of(base):
    entry = _VIEWS.get(id(base))
    if entry is None or entry[0]() is not base:
        return []
    return [v for v in (r() for r in list(entry[1].values())) if v is not None]


def _rebind(dst, fn):
    """Give ``dst``'s base the tensor ``fn(old)``; re-derive dst and the known views from it."""
    base = getattr(dst, "_base", None)
    owner = base if isinstance(base, ndarray) else dst
    old = owner._t
    new = fn(old)
    owner._t = new
    views = _views_of(owner)
    if owner is not dst and not any(v is dst for v in views):
        views.append(dst)
    for v in views:
        v._t = _rederive(v._t, old, new, fn)


def _rederive(view, old, new, fn):
    if new.stride() == old.stride():
        try:
            return new.as_strided(view.shape, view.stride(),
                                  new.storage_offset() + view.storage_offset() - old.storage_offset())
        except RuntimeError:
            pass
    # The view's position in the base is unknown (e.g. the base had no plain strides):
    # the view gets its own moved tensor and stops sharing memory with the base.
    return fn(view)
