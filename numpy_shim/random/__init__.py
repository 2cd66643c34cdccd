"""numpy_shim.random: numpy.random with two engines (see docs/random.md).

Eager CPU code draws from real NumPy's generators, so ``seed(0); rand(3)`` gives
NumPy's numbers exactly; under vmap/grad/compile or on a device draws come from
torch's RNG (seeded from the NumPy state), so vmap's ``randomness=`` applies.
Bit generators and SeedSequence are NumPy's own classes.
"""
import numpy.random as _np_random
from numpy.random import (BitGenerator, SeedSequence, MT19937, PCG64, PCG64DXSM,  # noqa: F401
                          Philox, SFC64)

from .._fallback import module_getattr as _module_getattr
from ._states import RandomState, Generator, default_rng, RandomnessError  # noqa: F401

# The legacy module functions are methods of one global RandomState, as in NumPy
# (a state of the shim's own, so NumPy's global stream is left alone).
_rand = RandomState()

_LEGACY = [n for n in _np_random.__all__ if n not in (
    "Generator", "RandomState", "SeedSequence", "MT19937", "Philox", "PCG64", "PCG64DXSM",
    "SFC64", "default_rng", "BitGenerator", "ranf", "sample")]
for _name in _LEGACY:
    globals()[_name] = getattr(_rand, _name)
ranf = sample = random_sample  # noqa: F821  (NumPy's aliases)

__all__ = list(_np_random.__all__)


def get_bit_generator():
    return _rand._np._bit_generator


def set_bit_generator(bitgen):
    _rand._np = _np_random.RandomState(bitgen)
    _rand._streams.reset()


__getattr__ = _module_getattr(_np_random, "random", globals())
