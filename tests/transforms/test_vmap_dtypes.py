"""vmap over every supported dtype: the batched result equals stacking real NumPy's results
(values and dtypes, NEP 50 weak scalars included), on hypothesis-generated arrays."""
import os
import sys

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

from numpy_shim import transforms as T
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from differential import ALL_DTYPES, shapes



@st.composite
def finite_arrays(draw):
    """Arrays of every dtype with finite values (non-finite complex arithmetic is the
    ufuncs' own topic, tested in tests/numpy_shim)."""
    dt = draw(st.sampled_from(ALL_DTYPES))
    kw = {"allow_nan": False, "allow_infinity": False} if dt.kind in "fc" else {}
    return draw(hnp.arrays(dt, draw(shapes(min_dims=2, max_dims=3, min_side=1, max_side=3)),
                           elements=hnp.from_dtype(dt, **kw)))


FUNCS = {
    "add_self": lambda x: x + x,
    "times_weak_int": lambda x: x * 2,
    "compare": lambda x: x > x[..., :1],
    "sum_last": lambda x: np.sum(x, axis=-1),
    "max_all": lambda x: np.max(x) if x.size else x,
    "where": lambda x: np.where(x == x[..., :1], x, x[..., :1]),
    "reverse_concat": lambda x: np.concatenate([x[..., ::-1], x], axis=-1),
    "astype_f64": lambda x: x.astype(np.float64) / 3,
    "square": lambda x: np.square(x),
}


@pytest.mark.parametrize("name", list(FUNCS))
@settings(max_examples=20)
@given(a=finite_arrays())
def test_vmap_matches_numpy_loop(name, a):
    f = FUNCS[name]
    with np.errstate(all="ignore"):
        expected = np.stack([np.asarray(f(r)) for r in a])
        got = T.vmap(f)(a)
    assert type(got) is np.ndarray
    assert got.dtype == expected.dtype, (got.dtype, expected.dtype)
    assert got.shape == expected.shape
    if expected.dtype.kind in "fc":
        tol = 1e-2 if expected.dtype in (np.float16,) else 1e-6
        np.testing.assert_allclose(got, expected, rtol=tol, atol=tol, equal_nan=True)
    else:
        np.testing.assert_array_equal(got, expected)
