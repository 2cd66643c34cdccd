"""Multidimensional histograms: histogramdd and histogram2d.

NumPy's algorithm in shim operations: edges per dimension (``linspace`` over the range,
or the given edges), the bin of each sample by ``searchsorted`` (right side; a sample on
the last edge goes into the last bin), one flat index per sample by
``ravel_multi_index`` over the bins plus two outlier bins per dimension, counts by
``bincount`` (a torch scatter-add, so weighted histograms are differentiable in the
weights), outliers cut off. Edges from data (``range=None``) read values on the host.
"""
import contextlib
import functools
import operator

import numpy as np
import torch

from ._ndarray import ndarray, _wrap

__all__ = ["histogramdd", "histogram2d"]

_range = range


def _dispatch(np_func, relevant):
    """NumPy's ``__array_function__`` protocol for foreign array types among the arguments
    that ``relevant`` names (shim and NumPy arrays run here)."""
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            foreign = [o for o in relevant(*args, **kwargs)
                       if not isinstance(o, (ndarray, np.ndarray))
                       and hasattr(type(o), "__array_function__")]
            if not foreign:
                return fn(*args, **kwargs)
            types = tuple(dict.fromkeys(type(o) for o in foreign))
            for o in foreign:
                res = type(o).__array_function__(o, np_func, types, args, kwargs)
                if res is not NotImplemented:
                    return res
            raise TypeError(f"no implementation found for 'numpy.{np_func.__name__}' on types "
                            f"that implement __array_function__: {list(types)}")
        return wrapper
    return deco


def _histogramdd_args(sample, bins=None, range=None, density=None, weights=None):
    if hasattr(sample, "shape"):
        yield sample
    else:
        yield from sample
    with contextlib.suppress(TypeError):
        yield from bins
    yield weights


def _histogram2d_args(x, y, bins=None, range=None, density=None, weights=None):
    yield x
    yield y
    try:
        N = len(bins)
    except TypeError:
        N = 1
    if N == 2:
        yield from bins
    else:
        yield bins
    yield weights


def _outer_edges(a, range_):
    """(first, last) edges of one dimension, with NumPy's checks (histogram's own rule)."""
    from ._api_histograms import _outer_edges as edges
    return edges(a._t, range_)


@_dispatch(np.histogramdd, _histogramdd_args)
def _counts(Ncount, nbin, weights):
    """NumPy's ``bincount(ravel_multi_index(Ncount, nbin), weights, minlength=prod(nbin))``.

    Every bin number is in range by construction, so the flat index is plain arithmetic and
    the counts one out-of-place scatter-add of known size: no host read, so it runs under
    vmap and compile. Weights of the wrong length take the shim's bincount (NumPy's error).
    """
    import numpy_shim as snp
    size = int(np.prod(nbin))
    if weights is not None and not np.can_cast(weights.dtype, np.float64, "safe"):
        raise TypeError(f"Cannot cast array data from {weights.dtype!r} to "
                        f"dtype('float64') according to the rule 'safe'")
    flat = None
    for k, n in zip(Ncount, nbin):
        flat = k._t if flat is None else flat * n + k._t
    if flat is None or weights is not None and (
            weights.dtype.kind not in "biuf" or tuple(weights.shape) != tuple(flat.shape)):
        xy = snp.ravel_multi_index(tuple(Ncount), tuple(nbin))
        return snp.bincount(xy, weights, minlength=size)
    if weights is None:
        src = torch.ones_like(flat, dtype=torch.int64)
    else:
        src = weights.astype(np.float64)._t
    return _wrap(torch.zeros(size, dtype=src.dtype, device=src.device).scatter_add(0, flat, src))


def histogramdd(sample, bins=10, range=None, density=None, weights=None):
    """The multidimensional histogram of ``sample`` (N points in D dimensions)."""
    import numpy_shim as snp
    try:
        N, D = sample.shape
    except (AttributeError, ValueError):
        # a sequence of 1-d arrays, one per dimension
        sample = snp.atleast_2d(sample).T
        N, D = sample.shape
    if not isinstance(sample, ndarray):
        sample = snp.asarray(sample)
    nbin = [0] * D
    edges = D * [None]
    dedges = D * [None]
    if weights is not None:
        weights = snp.asarray(weights)
    try:
        M = len(bins)
        if M != D:
            raise ValueError("The dimension of bins must be equal to the dimension of the sample x.")
    except TypeError:
        bins = D * [bins]  # one number of bins for every dimension
    if range is None:
        range = (None,) * D
    elif len(range) != D:
        raise ValueError("range argument must have one entry per dimension")

    for i in _range(D):
        if np.ndim(bins[i]) == 0:
            if bins[i] < 1:
                raise ValueError(f"`bins[{i}]` must be positive, when an integer")
            smin, smax = _outer_edges(sample[:, i], range[i])
            try:
                n = operator.index(bins[i])
            except TypeError as e:
                raise TypeError(f"`bins[{i}]` must be an integer, when a scalar") from e
            edges[i] = snp.linspace(smin, smax, n + 1)
        elif np.ndim(bins[i]) == 1:
            edges[i] = snp.asarray(bins[i])
            if snp.any(edges[i][:-1] > edges[i][1:]):
                raise ValueError(f"`bins[{i}]` must be monotonically increasing, when an array")
        else:
            raise ValueError(f"`bins[{i}]` must be a scalar or 1d array")
        nbin[i] = len(edges[i]) + 1  # an outlier bin at each end
        dedges[i] = snp.diff(edges[i])

    # the bin of each sample; one on the rightmost edge goes into the last bin, not out
    Ncount = []
    for i in _range(D):
        col = sample[:, i]
        k = snp.searchsorted(edges[i], col, side="right")
        if len(edges[i]):
            k = snp.where(col == edges[i][-1], k - 1, k)
        Ncount.append(k)
    hist = _counts(Ncount, nbin, weights)
    hist = hist.reshape(tuple(nbin))
    hist = hist.astype(float, casting="safe")  # counts are float64, as NumPy (gh-7845)
    hist = hist[D * (slice(1, -1),)]
    if density:
        s = hist.sum()
        for i in _range(D):
            shape = [1] * D
            shape[i] = nbin[i] - 2
            hist = hist / dedges[i].reshape(tuple(shape))
        hist = hist / s
    return hist, edges


@_dispatch(np.histogram2d, _histogram2d_args)
def histogram2d(x, y, bins=10, range=None, density=None, weights=None):
    """The 2-d histogram of the points (x, y): (hist, xedges, yedges)."""
    import numpy_shim as snp
    if len(x) != len(y):
        raise ValueError("x and y must have the same length.")
    try:
        N = len(bins)
    except TypeError:
        N = 1
    if N not in {1, 2}:
        xedges = yedges = snp.asarray(bins)
        bins = [xedges, yedges]
    hist, edges = histogramdd([x, y], bins, range, density, weights)
    return hist, edges[0], edges[1]
