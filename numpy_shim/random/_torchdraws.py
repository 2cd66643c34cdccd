"""Distributions drawn with torch's RNG: the engine used under transforms, compile and
on devices. Same distributions and dtypes as NumPy's, not the same numbers.

Every draw is a torch random factory (rand, randn, randint, _standard_gamma, poisson,
binomial, multinomial) so that vmap's ``randomness="different"`` gives each batch
element its own draw and ``"same"`` shares one. Location/scale parameters enter as
``loc + scale * z``, so gradients flow to them (the reparameterization trick).
"""
import math
import operator

import numpy as np
import torch

from .._convert import cast, to_tensor
from .._dtypes import default_float, torch_dtype
from .._ndarray import ndarray, _wrap


def size_of(size):
    """NumPy's ``size`` argument as a tuple, or None."""
    if size is None:
        return None
    if isinstance(size, (tuple, list)):
        return tuple(operator.index(s) for s in size)
    return (operator.index(size),)


def _float_t():
    return torch_dtype(default_float())


def param(x, dev, dtype=None):
    """A distribution parameter as a floating tensor on ``dev`` (traced values kept)."""
    t = x._t if isinstance(x, ndarray) else (x if isinstance(x, torch.Tensor) else to_tensor(x))
    tdt = dtype or (t.dtype if t.dtype.is_floating_point and t.dtype is not torch.float16 else _float_t())
    t = cast(t, tdt) if t.dtype is not tdt else t
    return t.to(dev) if t.device != dev else t


def shape_of(size, *params):
    s = size_of(size)
    if s is not None:
        return s
    return tuple(torch.broadcast_shapes(*(p.shape for p in params))) if params else ()


def out(t):
    return _wrap(t)


# -- uniform family ----------------------------------------------------------
def random(g, dev, size=None, dtype=None):
    tdt = torch_dtype(np.dtype(dtype)) if dtype is not None else _float_t()
    return out(torch.rand(shape_of(size), generator=g, dtype=tdt, device=dev))


def uniform(g, dev, low=0.0, high=1.0, size=None):
    lo, hi = param(low, dev), param(high, dev)
    shape = shape_of(size, lo, hi)
    u = torch.rand(shape, generator=g, dtype=lo.dtype, device=dev)
    return out(lo + (hi - lo) * u)


def standard_normal(g, dev, size=None, dtype=None):
    tdt = torch_dtype(np.dtype(dtype)) if dtype is not None else _float_t()
    return out(torch.randn(shape_of(size), generator=g, dtype=tdt, device=dev))


def normal(g, dev, loc=0.0, scale=1.0, size=None):
    mu, sd = param(loc, dev), param(scale, dev)
    shape = shape_of(size, mu, sd)
    return out(mu + sd * torch.randn(shape, generator=g, dtype=mu.dtype, device=dev))


def integers(g, dev, low, high=None, size=None, dtype=np.int64, endpoint=False):
    if high is None:
        low, high = 0, low
    tdt = torch_dtype(np.dtype(dtype))
    shape = size_of(size) or ()
    if isinstance(low, int) and isinstance(high, int):
        hi = high + 1 if endpoint else high
        if hi <= low:
            raise ValueError("high <= low" if not endpoint else "low > high")
        r = torch.randint(low, hi, shape, generator=g, dtype=torch.int64, device=dev)
        return out(cast(r, tdt))
    lo, hi = param(low, dev, torch.float64), param(high, dev, torch.float64)
    if endpoint:
        hi = hi + 1
    shape = shape_of(size, lo, hi)
    u = torch.rand(shape, generator=g, dtype=torch.float64, device=dev)
    return out(cast(torch.floor(lo + (hi - lo) * u).to(torch.int64), tdt))


# -- other continuous ----------------------------------------------------------
def exponential(g, dev, scale=1.0, size=None):
    sc = param(scale, dev)
    shape = shape_of(size, sc)
    u = torch.rand(shape, generator=g, dtype=sc.dtype, device=dev)
    return out(-torch.log1p(-u) * sc)


def standard_gamma(g, dev, shape, size=None):
    k = param(shape, dev)
    s = shape_of(size, k)
    return out(torch._standard_gamma(k.expand(s).contiguous(), generator=g))


def gamma(g, dev, shape, scale=1.0, size=None):
    k, sc = param(shape, dev), param(scale, dev)
    s = shape_of(size, k, sc)
    return out(torch._standard_gamma(k.expand(s).contiguous(), generator=g) * sc)


def beta(g, dev, a, b, size=None):
    pa, pb = param(a, dev), param(b, dev)
    s = shape_of(size, pa, pb)
    x = torch._standard_gamma(pa.expand(s).contiguous(), generator=g)
    y = torch._standard_gamma(pb.expand(s).contiguous(), generator=g)
    return out(x / (x + y))


def chisquare(g, dev, df, size=None):
    k = param(df, dev)
    s = shape_of(size, k)
    return out(2.0 * torch._standard_gamma((k / 2).expand(s).contiguous(), generator=g))


def multivariate_normal(g, dev, mean, cov, size=None, check_valid="warn", tol=1e-8, method="svd"):
    mu, c = param(mean, dev), param(cov, dev)
    n = mu.shape[-1]
    shape = (size_of(size) or ()) + (n,)
    # NumPy's construction: x = z @ (sqrt(s)[:, None] * vh) + mean, with (u, s, vh) = svd(cov)
    _, s, vh = torch.linalg.svd(c)
    z = torch.randn(shape, generator=g, dtype=mu.dtype, device=dev)
    return out(z @ (s.sqrt().unsqueeze(-1) * vh) + mu)


# -- discrete --------------------------------------------------------------------
def poisson(g, dev, lam=1.0, size=None):
    lt = param(lam, dev, torch.float64)
    s = shape_of(size, lt)
    return out(torch.poisson(lt.expand(s).contiguous(), generator=g).to(torch.int64))


def binomial(g, dev, n, p, size=None):
    nt, pt = param(n, dev, torch.float64), param(p, dev, torch.float64)
    s = shape_of(size, nt, pt)
    r = torch.binomial(nt.expand(s).contiguous(), pt.expand(s).contiguous(), generator=g)
    return out(r.to(torch.int64))


def _perm(g, dev, n):
    # argsort of uniforms rather than randperm: randperm takes no batched input, while
    # rand under vmap(randomness="different") gives every batch element its own order
    return torch.argsort(torch.rand((n,), generator=g, dtype=torch.float64, device=dev))


def choice(g, dev, a, size=None, replace=True, p=None, axis=0, shuffle=True):
    if isinstance(a, (int, np.integer)):
        pop, n = None, int(a)
    else:
        pop = a._t if isinstance(a, ndarray) else to_tensor(a)
        pop = pop.to(dev)
        n = pop.shape[axis] if pop.dim() else 0
        if pop.dim() == 0:
            raise ValueError("a must be 1-dimensional or an integer")
    shape = size_of(size)
    k = math.prod(shape) if shape is not None else 1
    if n == 0 and k:
        raise ValueError("a cannot be empty unless no samples are taken")
    if p is not None:
        pt = param(p, dev, torch.float64)
        idx = torch.multinomial(pt, k, replacement=bool(replace), generator=g)
    elif replace:
        idx = torch.randint(0, n, (k,), generator=g, device=dev)
    else:
        if k > n:
            raise ValueError("Cannot take a larger sample than population when replace is False")
        idx = _perm(g, dev, n)[:k]
    idx = idx.reshape(shape if shape is not None else ())
    if pop is None:
        return out(idx)
    picked = pop.index_select(axis, idx.reshape(-1))
    return out(picked.reshape(pop.shape[:axis] + idx.shape + pop.shape[axis + 1:]))


def permutation(g, dev, x, axis=0):
    if isinstance(x, (int, np.integer)):
        return out(_perm(g, dev, int(x)))
    t = x._t if isinstance(x, ndarray) else to_tensor(x)
    if t.dim() == 0:
        raise IndexError("x must be an integer or at least 1-dimensional")
    from .._axes import normalize_axis
    axis = normalize_axis(axis, t.dim())
    return out(t.index_select(axis, _perm(g, t.device, t.shape[axis])))


def shuffle(g, dev, x, axis=0):
    """In place along ``axis`` (through _write, so buffers are lifted under transforms)."""
    from .._axes import normalize_axis
    from .._write import write
    if not isinstance(x, ndarray):
        raise TypeError("shuffle under a transform needs a numpy_shim array")
    t = x._t
    if t.dim() == 0:
        raise TypeError("object of type 'numpy.ndarray' has no len()")
    axis = normalize_axis(axis, t.dim())
    write(x, t.index_select(axis, _perm(g, t.device, t.shape[axis])))
