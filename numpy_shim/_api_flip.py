"""flip, fliplr, flipud, rot90: views with reversed axes (see _flipview.py).

NumPy returns negative-stride views; torch has none, so each result is a FlipView
over a positive-stride view of the same memory: writes through it reach the base and
reads see later writes to the base.
"""
import operator


from . import _scalars
from ._axes import normalize_axes, normalize_axis
from ._convert import asarray
from ._flipview import make_view, parts
from ._ndarray import ndarray

__all__ = ["flip", "fliplr", "flipud", "rot90"]


def _arr(x):
    return x if isinstance(x, ndarray) else asarray(x)


def _flipped(a, pos, flips, axes):
    """The view of ``a`` given by positive tensor ``pos`` with dims ``flips`` ^ ``axes`` reversed."""
    new = set(flips) ^ {d for d in axes if pos.shape[d] > 1}
    return make_view(a, pos, tuple(sorted(new)))


def flip(m, axis=None):
    """Reverse the order of elements along the given axes (a view)."""
    m = _arr(m)
    pos, flips = parts(m)
    if pos.dim() == 0:
        return _scalars.result(pos) if axis is None else _flip_0d_error(axis)
    axes = normalize_axes(axis, pos.dim())
    return _flipped(m, pos, flips, axes)


def _flip_0d_error(axis):
    normalize_axis(axis if not isinstance(axis, (tuple, list)) else axis[0], 0)


def fliplr(m):
    """Reverse the order of elements along axis 1 (left/right)."""
    m = _arr(m)
    if m.ndim < 2:
        raise ValueError("Input must be >= 2-d.")
    return flip(m, 1)


def flipud(m):
    """Reverse the order of elements along axis 0 (up/down)."""
    m = _arr(m)
    if m.ndim < 1:
        raise ValueError("Input must be >= 1-d.")
    return flip(m, 0)


def _transposed(a, pos, flips, perm):
    return pos.permute(*perm), tuple(j for j in range(len(perm)) if perm[j] in flips)


def rot90(m, k=1, axes=(0, 1)):
    """Rotate an array by 90 degrees k times in the plane of ``axes`` (a view)."""
    axes = tuple(axes)
    if len(axes) != 2:
        raise ValueError("len(axes) must be 2.")
    m = _arr(m)
    nd = m.ndim
    if axes[0] == axes[1] or abs(axes[0] - axes[1]) == nd:
        raise ValueError("Axes must be different.")
    if axes[0] >= nd or axes[0] < -nd or axes[1] >= nd or axes[1] < -nd:
        raise ValueError(f"Axes={axes} out of range for array of ndim={nd}.")
    k = operator.index(k) % 4
    ax0, ax1 = axes[0] % nd, axes[1] % nd
    pos, flips = parts(m)
    if k == 0:
        return make_view(m, pos, flips)
    if k == 2:
        return _flipped(m, pos, flips, (ax0, ax1))
    perm = list(range(nd))
    perm[ax0], perm[ax1] = perm[ax1], perm[ax0]
    if k == 1:
        # transpose(flip(m, ax1), perm)
        f = set(flips) ^ ({ax1} if pos.shape[ax1] > 1 else set())
        p, f2 = _transposed(m, pos, f, perm)
        return make_view(m, p, f2)
    # k == 3: flip(transpose(m, perm), ax1)
    p, f2 = _transposed(m, pos, flips, perm)
    return _flipped(m, p, f2, (ax1,))


from ._reductions import install_fallbacks  # noqa: E402
install_fallbacks(globals())  # data torch cannot hold (longdouble, str, object): NumPy's own
