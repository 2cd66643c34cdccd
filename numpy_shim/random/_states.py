"""RandomState and Generator: NumPy's own generators behind a shim-array interface.

In eager CPU code every method is NumPy's (bit-exact streams, NumPy's dtypes and
scalar results) with array arguments and results converted. Where the torch engine
applies (see _engine.py) the methods listed in ``_TORCH`` draw with torch instead;
the others raise FallbackError there, naming the method.
"""
import warnings

import numpy as np
import torch

from .._errors import FallbackError, ShimError
from .._ndarray import ndarray
from . import _torchdraws as T
from ._engine import TorchStreams, call_numpy, default_device, has_traced, torch_engine


class RandomnessError(ShimError, RuntimeError):
    """A random draw inside ``vmap(..., randomness="error")``."""


def _device(args, kwargs):
    for a in (*args, *kwargs.values()):
        if isinstance(a, ndarray):
            return a._t.device
        if isinstance(a, torch.Tensor):
            return a.device
    return default_device()


def _method(name, impl):
    """A method that is NumPy's in eager code and ``impl`` under the torch engine."""
    def method(self, *args, **kwargs):
        if torch_engine() or has_traced(args) or has_traced(tuple(kwargs.values())):
            if impl is None:
                raise FallbackError(
                    f"numpy_shim.random: {type(self).__name__}.{name} has no torch implementation, "
                    "so it cannot run under vmap/grad/compile or on a device. Draw the numbers "
                    "outside the transformed function and pass them in.")
            dev = _device(args, kwargs)
            try:
                return impl(self._streams.get(dev), dev, *args, **kwargs)
            except RuntimeError as e:
                if "randomness error mode" in str(e):
                    raise RandomnessError(
                        f"numpy_shim.random.{name} was called inside vmap(..., randomness='error'). "
                        "Pass randomness='different' (a draw per batch element) or 'same' (one "
                        "draw shared by the batch) to vmap, or draw outside it.") from None
                raise
        return call_numpy(getattr(self._np, name), args, kwargs)
    method.__name__ = name
    method.__qualname__ = name
    method.__doc__ = getattr(getattr(np.random.Generator, name, None) or
                             getattr(np.random.RandomState, name, None), "__doc__", None)
    return method


def _shuffle_numpy(self, x, *args, **kwargs):
    """In-place shuffle of a shim array with NumPy's own permutation of it."""
    if not isinstance(x, ndarray):
        # NumPy's warnings (e.g. shuffling an untyped sequence) name the caller's line
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self._np.shuffle(x, *args, **kwargs)
        for w in caught:
            warnings.warn(w.message, w.category, stacklevel=3)
        return None
    from .._write import check_writeable, write
    check_writeable(x)
    a = np.array(x.__array__(), copy=True)
    self._np.shuffle(a, *args, **kwargs)
    write(x, torch.from_numpy(a))


def _shuffle_method(self, x, *args, **kwargs):
    if torch_engine() or has_traced((x,)):
        return _method("shuffle", T.shuffle)(self, x, *args, **kwargs)
    return _shuffle_numpy(self, x, *args, **kwargs)


class _Wrapped:
    """Methods not defined on the class come from the NumPy object, numpy engine only."""

    def __getattr__(self, name):
        if name.startswith("__") or name in ("_np", "_streams"):
            raise AttributeError(name)
        attr = getattr(self._np, name)
        if not callable(attr) or name.startswith("_"):
            return attr
        m = _method(name, None).__get__(self)
        # cached, so that ``rng.geometric is rng.geometric`` and membership tests hold
        self.__dict__[name] = m
        return m

    def __dir__(self):
        return sorted(set(dir(type(self))) | {n for n in dir(self._np) if not n.startswith("_")})


def _legacy_dims(impl):
    def f(g, dev, *dims):
        return impl(g, dev, size=dims if dims else None)
    return f


def _legacy_randint(g, dev, low, high=None, size=None, dtype=int):
    return T.integers(g, dev, low, high, size, dtype=np.dtype(dtype) if dtype is not int else np.int64)


def _legacy_random_integers(g, dev, low, high=None, size=None):
    if high is None:
        low, high = 1, low
    return T.integers(g, dev, low, high, size, np.int64, endpoint=True)


def _std_exp(g, dev, size=None, *args, **kwargs):
    return T.exponential(g, dev, 1.0, size)


_COMMON = {
    "uniform": T.uniform, "normal": T.normal, "standard_normal": T.standard_normal,
    "exponential": T.exponential, "standard_exponential": _std_exp, "gamma": T.gamma,
    "standard_gamma": T.standard_gamma, "beta": T.beta, "chisquare": T.chisquare,
    "poisson": T.poisson, "binomial": T.binomial, "multivariate_normal": T.multivariate_normal,
    "choice": T.choice, "permutation": T.permutation,
}


class RandomState(_Wrapped):
    """numpy.random.RandomState (Mersenne Twister, the legacy API) giving shim arrays."""

    def __init__(self, seed=None):
        self._np = seed if isinstance(seed, np.random.RandomState) else np.random.RandomState(seed)
        self._streams = TorchStreams(lambda: self._np.randint(0, 2**62, dtype=np.int64))

    def seed(self, seed=None):
        self._np.seed(seed)
        self._streams.reset()

    def get_state(self, legacy=True):
        return self._np.get_state(legacy=legacy)

    def set_state(self, state):
        self._np.set_state(state)
        self._streams.reset()

    def __getstate__(self):
        return self.get_state(legacy=False)

    def __setstate__(self, state):
        self.__init__()
        self.set_state(state)

    def __repr__(self):
        return repr(self._np).replace("RandomState(", "RandomState(", 1)

    shuffle = _shuffle_method


for _name, _impl in {**_COMMON, "rand": _legacy_dims(T.random), "randn": _legacy_dims(T.standard_normal),
                     "random_sample": T.random, "random": T.random, "randint": _legacy_randint,
                     "random_integers": _legacy_random_integers}.items():
    setattr(RandomState, _name, _method(_name, _impl))


class Generator(_Wrapped):
    """numpy.random.Generator (default: PCG64) giving shim arrays."""

    def __init__(self, bit_generator):
        self._np = bit_generator if isinstance(bit_generator, np.random.Generator) \
            else np.random.Generator(bit_generator)
        self._streams = TorchStreams(lambda: self._np.integers(0, 2**62))

    @property
    def bit_generator(self):
        return self._np.bit_generator

    def spawn(self, n_children):
        return [Generator(g) for g in self._np.spawn(n_children)]

    def __repr__(self):
        return repr(self._np)

    def __getstate__(self):
        return {"np": self._np}

    def __setstate__(self, state):
        self.__init__(state["np"])

    shuffle = _shuffle_method


def _gen_random(g, dev, size=None, dtype=np.float64, out=None):
    return T.random(g, dev, size, dtype)


def _gen_normal_std(g, dev, size=None, dtype=np.float64, out=None):
    return T.standard_normal(g, dev, size, dtype)


for _name, _impl in {**_COMMON, "random": _gen_random, "standard_normal": _gen_normal_std,
                     "integers": T.integers}.items():
    setattr(Generator, _name, _method(_name, _impl))


def default_rng(seed=None):
    """A Generator seeded as numpy.random.default_rng(seed) would be."""
    if isinstance(seed, Generator):
        return seed
    return Generator(np.random.default_rng(seed))
