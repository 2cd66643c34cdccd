"""numpy.ma arrays handed to numpy_shim functions: NumPy's own functions run (counted), so the
mask and NumPy's masked results survive, as `python -m numpy_shim` scripts that use numpy.ma need."""
import numpy
import pytest

import numpy_shim

MA = numpy.ma.array(numpy.arange(12.0).reshape(3, 4), mask=numpy.arange(12).reshape(3, 4) % 5 == 0)

CALLS = {
    "sum": lambda xp: xp.sum(MA), "mean": lambda xp: xp.mean(MA, axis=0), "max": lambda xp: xp.max(MA),
    "std": lambda xp: xp.std(MA), "sqrt": lambda xp: xp.sqrt(MA), "add": lambda xp: xp.add(MA, 1),
    "maximum": lambda xp: xp.maximum(MA, 5), "where": lambda xp: xp.where(MA > 3, MA, 0),
    "tile": lambda xp: xp.tile(MA, 2), "repeat": lambda xp: xp.repeat(MA, 2),
    "roll": lambda xp: xp.roll(MA, 1), "flip": lambda xp: xp.flip(MA), "sort": lambda xp: xp.sort(MA),
    "cumsum": lambda xp: xp.cumsum(MA), "diff": lambda xp: xp.diff(MA),
    "clip": lambda xp: xp.clip(MA, 2, 8), "median": lambda xp: xp.median(MA),
    "take": lambda xp: xp.take(MA, [0, 2]), "asanyarray": lambda xp: xp.asanyarray(MA),
    "ravel": lambda xp: xp.ravel(MA), "expand_dims": lambda xp: xp.expand_dims(MA, 1),
    "reshape": lambda xp: xp.reshape(MA, (4, 3)), "transpose": lambda xp: xp.transpose(MA),
    "swapaxes": lambda xp: xp.swapaxes(MA, 0, 1), "zeros_like": lambda xp: xp.zeros_like(MA),
    "full_like": lambda xp: xp.full_like(MA, 7.0), "insert": lambda xp: xp.insert(MA, 1, 0),
}


def _seen(r):
    mask = numpy.ma.getmask(r)
    return (type(r), None if mask is numpy.ma.nomask else numpy.asarray(mask).tolist(),
            numpy.asarray(numpy.ma.filled(r, -1) if isinstance(r, numpy.ma.MaskedArray) else r).tolist())


@pytest.mark.parametrize("name", sorted(CALLS))
def test_masked_arrays_keep_numpys_masked_semantics(name):
    expected, got = _seen(CALLS[name](numpy)), _seen(CALLS[name](numpy_shim))
    if expected[0] is numpy.ndarray:
        assert got[0] in (numpy.ndarray, numpy_shim.ndarray)
    else:
        assert got[0] is expected[0]
    assert got[1:] == expected[1:]


def test_asarray_of_a_masked_array_is_its_data():
    assert type(numpy_shim.asarray(MA)) is numpy_shim.ndarray
    numpy.testing.assert_array_equal(numpy.asarray(numpy_shim.asarray(MA)), numpy.asarray(MA))
