"""Writing values into an existing array (setitem, out=, in-place operators).

Under torch.func a buffer created inside the function (``a = np.zeros(3)``) is a
plain tensor while the value written into it is a transformed one; torch refuses
that write. The array is then lifted to the value's level (``a + 0*value``-style,
with a zero that carries the transform) and the write is retried, so NumPy-style
mutation works under grad and vmap.
"""
import torch

from ._ndarray import ndarray

_is_wrapped = torch._C._functorch.is_functorch_wrapped_tensor


def check_writeable(a):
    flags = getattr(a, "_flags", None)
    if flags and not flags.get("writeable", True):
        raise ValueError("assignment destination is read-only")


def write(dst, value, index=None):
    """``dst[index] = value`` (whole array when index is None); value is a tensor."""
    check_writeable(dst)
    t = dst._t
    if value.dtype is not t.dtype:
        from ._convert import cast
        value = cast(value, t.dtype)
    try:
        _do_write(t, value, index)
        return
    except RuntimeError as e:
        msg = str(e)
        if not _is_lift_error(msg):
            raise
    _lift(dst, value)
    _do_write(dst._t, value, index)


def _do_write(t, value, index):
    if index is None:
        t.copy_(value)
    else:
        t[index] = value


def _is_lift_error(msg):
    return ("inplace arithmetic" in msg or "in-place operation" in msg
            or "mutate a captured Tensor" in msg or "vmap" in msg and "in-place" in msg
            or "inplace" in msg and "batched" in msg)


def _carrier(value):
    """A 0-d zero tensor living at ``value``'s transform levels."""
    flat = value.reshape(-1)
    return torch.zeros_like(flat[:1]).sum()


def _lift(dst, value):
    """Re-home ``dst`` (and the array it views) at ``value``'s transform level."""
    zero = _carrier(value)
    base = getattr(dst, "_base", None)
    if base is None:
        dst._t = dst._t + zero.to(dst._t.dtype)
        return
    # Lift the base and re-derive this view from it, so the view relation survives.
    old = base._t
    new = old + zero.to(old.dtype)
    base._t = new
    if new.stride() == old.stride():
        try:
            dst._t = new.as_strided(dst._t.shape, dst._t.stride(),
                                    new.storage_offset() + dst._t.storage_offset() - old.storage_offset())
            return
        except RuntimeError:
            pass
    dst._t = dst._t + zero.to(dst._t.dtype)
