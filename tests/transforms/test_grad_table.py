"""Every row of grad_table: gradient vs central finite differences (real NumPy, float64),
vmap vs a loop of real NumPy, jacfwd vs jacrev."""
import os
import sys

import numpy as np
import pytest

from numpy_shim import transforms as T
from numpy_shim import FallbackError

sys.path.insert(0, os.path.dirname(__file__))
from grad_table import ROWS  # noqa: E402

CASES = [pytest.param(row, shapes, id=f"{row.name}-{'x'.join(str(s) for s in shapes)}")
         for row in ROWS for shapes in row.shapes]


def _skip_missing(e):
    pytest.skip(f"numpy_shim has no transformable implementation yet: {e}")


def _fd_grad(loss, args, i, eps=1e-6):
    """Central differences of scalar ``loss`` w.r.t. ``args[i]``, in real NumPy."""
    x = args[i]
    g = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[k] += eps
        xm[k] -= eps
        ap, am = list(args), list(args)
        ap[i], am[i] = xp, xm
        g[k] = (loss(*ap) - loss(*am)) / (2 * eps)
    return g


@pytest.mark.parametrize("row,shapes", CASES)
def test_grad_matches_finite_differences(row, shapes):
    args = row.inputs(shapes)
    out = np.asarray(row.fn(*args))
    w = np.random.default_rng(1).uniform(0.5, 1.5, size=out.shape)

    fn = row.fn  # a closure variable: the transform redirects its NumPy calls

    def loss(*a):
        return np.sum(fn(*a) * w)

    try:
        grads = T.grad(loss, argnums=tuple(range(len(args))))(*args)
    except FallbackError as e:
        _skip_missing(e)
    assert isinstance(grads, tuple) and len(grads) == len(args)
    for i, g in enumerate(grads):
        expected = _fd_grad(loss, args, i)
        assert np.shape(g) == expected.shape
        assert np.asarray(g).dtype == np.float64
        np.testing.assert_allclose(np.asarray(g), expected, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("row,shapes", CASES)
def test_vmap_matches_loop(row, shapes):
    batch = [row.inputs(shapes, seed=s) for s in range(3)]
    stacked = [np.stack([b[i] for b in batch]) for i in range(len(shapes))]
    expected = np.stack([np.asarray(row.fn(*b)) for b in batch])
    try:
        got = T.vmap(row.fn)(*stacked)
    except FallbackError as e:
        _skip_missing(e)
    assert isinstance(got, np.ndarray)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("row,shapes", CASES)
def test_jacfwd_equals_jacrev(row, shapes):
    args = row.inputs(shapes, seed=2)
    nums = tuple(range(len(args)))
    try:
        jr = T.jacrev(row.fn, argnums=nums)(*args)
        jf = T.jacfwd(row.fn, argnums=nums)(*args)
    except FallbackError as e:
        _skip_missing(e)
    out_shape = np.shape(row.fn(*args))
    for a, r, f in zip(args, jr, jf):
        assert np.shape(r) == out_shape + a.shape
        np.testing.assert_allclose(np.asarray(f), np.asarray(r), rtol=1e-10, atol=1e-12)
