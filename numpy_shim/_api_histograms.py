"""Histograms and binning: histogram, histogram_bin_edges, bincount, digitize.

Bin edges from data (``range=None``, string estimators) and the number of bins depend
on values, as in NumPy, so these read values on the host and run eagerly. Counting is
a torch scatter-add, so weighted histograms are differentiable in the weights.
"""
import math
import operator
import warnings

import numpy as np
import torch

from . import _scalars
from ._convert import to_tensor, cast
from ._dtypes import TORCH_TO_NP, NP_TO_TORCH
from ._ndarray import _wrap
from ._api_sorting import sort_key

__all__ = ["histogram", "histogram_bin_edges", "bincount", "digitize"]


def _dt(t):
    return TORCH_TO_NP[t.dtype]


def _host(t, what):
    """A plain tensor's values for a value-dependent decision (eager only)."""
    return _scalars.plain(t.detach() if t.requires_grad else t)


def _outer_edges(t, range_):
    """(first, last) edges as NumPy scalars/Python numbers, NumPy's checks included."""
    if range_ is not None:
        first, last = range_
        if first > last:
            raise ValueError("max must be larger than min in range parameter.")
        if not (np.isfinite(first) and np.isfinite(last)):
            raise ValueError(f"supplied range of [{first}, {last}] is not finite")
    elif t.numel() == 0:
        first, last = 0, 1
    else:
        h = _host(t, "histogram range")
        dt = _dt(t)
        first = dt.type(_kext(h, min))
        last = dt.type(_kext(h, max))
        if not (np.isfinite(first) and np.isfinite(last)):
            raise ValueError(f"autodetected range of [{first}, {last}] is not finite")
    if first == last:
        first = first - 0.5
        last = last + 0.5
    return first, last


def _kext(h, pick):
    """min or max of a plain tensor as a Python number (uint64 through its sign-flipped bits)."""
    if h.dtype is torch.uint64:
        k = h.view(torch.int64) ^ (-(2 ** 63))
        return int(k.min() if pick is min else k.max()) + 2 ** 63
    if h.dtype in (torch.uint16, torch.uint32, torch.bool):
        h = h.to(torch.int64)
    return (h.min() if pick is min else h.max()).item()


def _width(name, x, first, last):
    """Bin width from NumPy's named estimators (x: float64 tensor inside the range)."""
    n = x.numel()
    if n == 0:
        return 0.0
    ptp = float(x.max() - x.min())

    def sturges():
        return ptp / (math.log2(n) + 1.0)

    def fd():
        q75, q25 = torch.quantile(x, torch.tensor([0.75, 0.25], dtype=x.dtype))
        return 2.0 * float(q75 - q25) * n ** (-1.0 / 3.0)

    if name == "sqrt":
        return ptp / math.sqrt(n)
    if name == "sturges":
        return sturges()
    if name == "rice":
        return ptp / (2.0 * n ** (1.0 / 3))
    if name == "scott":
        return (24.0 * math.pi ** 0.5 / n) ** (1.0 / 3.0) * float(x.std(correction=0))
    if name == "fd":
        return fd()
    if name == "auto":
        # NumPy 2.4: FD limited below by half the sqrt width, then the smaller of it and Sturges
        return min(max(fd(), ptp / math.sqrt(n) / 2), sturges())
    if name == "doane":
        if n > 2:
            sg1 = math.sqrt(6.0 * (n - 2) / ((n + 1.0) * (n + 3)))
            sigma = float(x.std(correction=0))
            if sigma > 0.0:
                g1 = float((((x - x.mean()) / sigma) ** 3).mean())
                return ptp / (1.0 + math.log2(n) + math.log2(1.0 + abs(g1) / sg1))
        return 0.0
    raise ValueError(f"{name!r} is not a valid estimator for `bins`")


def _bin_edges(t, bins, range_, weights):
    """(edges tensor, uniform (first, last, n) or None)."""
    if isinstance(bins, str):
        if weights is not None:
            raise TypeError("Automated estimation of the number of bins is not supported for "
                            "weighted data")
        first, last = _outer_edges(t, range_)
        x = _host(t, "histogram bins").to(torch.float64).reshape(-1)
        if range_ is not None:
            x = x[(x >= float(first)) & (x <= float(last))]
        if bins == "stone":
            # stone's estimator minimises a cross-validation score; NumPy computes it
            n = len(np.histogram_bin_edges(x.numpy(), "stone", (float(first), float(last)))) - 1
        else:
            w = _width(bins, x, first, last)
            if w and _dt(t).kind in "iu" and w < 1:
                w = 1  # integer data: bins at least one unit wide, as NumPy
            n = max(1, int(math.ceil((float(last) - float(first)) / w))) if w and x.numel() else 1
        bins = n
    if np.ndim(bins) == 0:
        try:
            n = operator.index(bins)
        except TypeError:
            raise TypeError("`bins` must be an integer, a string, or an array") from None
        if n < 1:
            raise ValueError("`bins` must be positive, when an integer")
        first, last = _outer_edges(t, range_)
        bt = np.result_type(first, last, _dt(t))
        if bt.kind in "biu":
            bt = np.result_type(bt, float)
        # linspace computes in result_type(start, stop, float): float32 edges stay float32
        wdt = np.result_type(first, last)
        work = NP_TO_TORCH[wdt if wdt.kind == "f" else np.dtype(np.float64)]
        edges = cast(_linspace(first, last, n + 1, work), NP_TO_TORCH[bt])
        if bool((edges[:-1] >= edges[1:]).any()):
            raise ValueError(f"Too many bins for data range. Cannot create {n} finite-sized bins.")
        return edges, (first, last, n)
    edges = to_tensor(bins)
    if edges.dim() != 1:
        raise ValueError("`bins` must be 1d, when an array")
    k = sort_key(edges)
    if _scalars.is_plain(k) and k.numel() > 1 and bool((k[:-1] > k[1:]).any()):
        raise ValueError("`bins` must increase monotonically, when an array")
    return edges, None


def _ravel_checked(a):
    t = to_tensor(a).reshape(-1)
    if t.dtype is torch.bool:
        warnings.warn("Converting input from bool to <class 'numpy.uint8'> for compatibility.",
                      RuntimeWarning, stacklevel=4)
        t = t.to(torch.uint8)
    return t


def _linspace(start, stop, num, dtype):
    """NumPy's linspace arithmetic (arange * step + start, exact end) in ``dtype``."""
    start_t = torch.tensor(float(start), dtype=dtype)
    stop_t = torch.tensor(float(stop), dtype=dtype)
    delta = stop_t - start_t
    div = num - 1
    step = delta / div
    y = torch.arange(num, dtype=dtype)
    y = y / div * delta if bool(step == 0) else y * step
    y = y + start_t
    y[-1] = stop_t
    return y


def histogram_bin_edges(a, bins=10, range=None, weights=None):
    """The bin edges ``histogram`` would use."""
    t = _ravel_checked(a)
    return _wrap(_bin_edges(t, bins, range, weights)[0])


def histogram(a, bins=10, range=None, density=None, weights=None):
    """Counts (or weighted sums) of values in bins; the last bin includes its right edge."""
    t = _ravel_checked(a)
    w = None
    if weights is not None:
        w = to_tensor(weights)
        if tuple(w.shape) != tuple(to_tensor(a).shape):
            raise ValueError("weights should have the same shape as a.")
        w = w.reshape(-1)
    edges, uniform = _bin_edges(t, bins, range, weights)
    nb = edges.shape[0] - 1
    dt = np.result_type(_dt(t), _dt(edges))
    x = cast(t, NP_TO_TORCH[dt]) if dt.kind in "fc" or _dt(t) != dt else t
    e = cast(edges, x.dtype)
    if x.is_complex():
        raise TypeError("histogram of complex values is not supported by numpy_shim")
    kx, ke = sort_key(x), sort_key(e)
    if kx.dtype is not ke.dtype:
        kx, ke = kx.to(torch.float64), ke.to(torch.float64)
    idx = torch.searchsorted(ke.contiguous(), kx.contiguous(), right=True) - 1
    # the last bin is closed: values equal to the last edge belong to it
    idx = torch.where(kx == ke[-1], torch.full_like(idx, nb - 1), idx)
    keep = (idx >= 0) & (idx < nb)
    if kx.is_floating_point():
        keep &= ~torch.isnan(kx)
    idx = torch.where(keep, idx, torch.zeros_like(idx))
    if w is None:
        vals = keep.to(torch.int64)
    else:
        vals = torch.where(keep, w, torch.zeros((), dtype=w.dtype))
    hist = torch.zeros(nb, dtype=vals.dtype, device=vals.device).scatter_add(0, idx, vals)
    if density:
        db = (edges[1:] - edges[:-1]).to(torch.float64)
        hist = hist / db / hist.sum()
    return _wrap(hist), _wrap(edges)


def bincount(x, weights=None, minlength=0):
    """Number of occurrences of each non-negative integer (or the sum of their weights)."""
    t = to_tensor(x)
    if t.dim() != 1:
        if t.dim() == 0:
            raise ValueError("object of too small depth for desired array")
        raise ValueError("setting an array element with a sequence. The requested array would "
                         "exceed the maximum number of dimension of 1.")
    if t.is_floating_point() or t.is_complex():
        if t.numel() and t.is_floating_point():
            warnings.warn("Non-integer input passed to bincount. In a future version of NumPy, "
                          "this will be an error. (Deprecated NumPy 2.1)", DeprecationWarning,
                          stacklevel=3)
        if t.is_complex():
            raise TypeError("Cannot cast array data from dtype('complex128') to dtype('int64') "
                            "according to the rule 'safe'")
    if t.dtype is torch.uint64:
        t = t.view(torch.int64)
    t = t.to(torch.int64)
    minlength = operator.index(minlength) if minlength is not None else 0
    if minlength < 0:
        raise ValueError("'minlength' must not be negative")
    if _scalars.is_plain(t) and t.numel() and bool((t < 0).any()):
        raise ValueError("'list' argument must have no negative elements")
    n = int(t.max()) + 1 if t.numel() else 0
    n = max(n, minlength)
    if weights is None or t.numel() == 0:
        # NumPy ignores the weights (and their dtype) for an empty input
        return _wrap(torch.zeros(n, dtype=torch.int64).scatter_add(0, t, torch.ones_like(t)))
    w = to_tensor(weights)
    if tuple(w.shape) != tuple(t.shape):
        raise ValueError("The weights and list don't have the same length.")
    w = cast(w, torch.float64) if not w.is_complex() else w.real.to(torch.float64)
    return _wrap(torch.zeros(n, dtype=torch.float64).scatter_add(0, t, w))


def digitize(x, bins, right=False):
    """Indices of the bins to which each value belongs."""
    xt = to_tensor(x)
    bt = to_tensor(bins)
    if xt.is_complex() or bt.is_complex():
        raise TypeError("x may not be complex")
    if bt.dim() != 1:
        raise ValueError("object too deep for desired array" if bt.dim() > 1 else
                         "object of too small depth for desired array")
    dt = np.result_type(_dt(xt), _dt(bt))
    xt, bt = cast(xt, NP_TO_TORCH[dt]), cast(bt, NP_TO_TORCH[dt])
    from ._api_sorting import searchsorted
    kb = sort_key(bt)
    inc = dec = True
    if kb.numel() > 1 and _scalars.is_plain(kb):
        d = kb[1:] >= kb[:-1]
        nan = torch.isnan(bt) if bt.is_floating_point() else None
        inc = bool(d.all()) if nan is None else bool((d | nan[1:]).all())
        dec = bool((kb[1:] <= kb[:-1]).all())
        if not inc and not dec:
            raise ValueError("bins must be monotonically increasing or decreasing")
    side = "left" if right else "right"
    if inc:
        r = searchsorted(_wrap(bt), _wrap(xt), side=side)
    else:
        r = searchsorted(_wrap(bt[torch.arange(bt.shape[0] - 1, -1, -1)]), _wrap(xt), side=side)
        r = _wrap(bt.shape[0] - to_tensor(r))
    rt = to_tensor(r)
    return _scalars.result(rt) if rt.dim() == 0 else _wrap(rt)


from ._reductions import install_fallbacks  # noqa: E402
install_fallbacks(globals())
