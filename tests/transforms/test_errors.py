"""Data-dependent Python code and randomness under the transforms: numpy_shim's errors."""
import re

import numpy as np
import pytest

import numpy_shim
from numpy_shim import transforms as T
from numpy_shim import DataDependentError

XS = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
THIS_FILE = re.escape(__file__)


def branch(x):
    if x.sum() > 0:  # the line the error names
        return x
    return -x


def to_float(x):
    return x * float(x[0])


def to_item(x):
    return x * x.max().item()


def mask_index(x):
    return np.sum(x[x > 0])


def as_index(x):
    return x[int(np.argmax(x))]


@pytest.mark.parametrize("f,what", [(branch, "bool"), (to_float, "float"), (to_item, "item"),
                                    (mask_index, "mask"), (as_index, "int")],
                         ids=["branch", "float", "item", "mask", "index"])
def test_vmap_data_dependent_code_raises_data_dependent_error(f, what):
    with pytest.raises(DataDependentError) as info:
        T.vmap(f)(XS)
    msg = str(info.value)
    assert re.search(THIS_FILE + r":\d+", msg), msg  # names the user's line
    assert what in msg.lower() or "boolean" in msg.lower(), msg
    assert "np.where" in msg or "array itself" in msg or "np.take" in msg, msg


def test_error_names_the_branch_line():
    with pytest.raises(DataDependentError) as info:
        T.vmap(branch)(XS)
    line = branch.__code__.co_firstlineno + 1
    assert f"{__file__}:{line}" in str(info.value)


def test_data_dependent_error_is_a_runtime_error_subclass_of_shim_error():
    with pytest.raises(numpy_shim.ShimError):
        T.vmap(branch)(XS)


@pytest.mark.parametrize("f", [branch, mask_index], ids=["branch", "mask"])
def test_same_code_works_under_grad_alone(f):
    # under grad (no vmap) values exist, as in torch.func
    x = XS[0]
    g = T.grad(lambda x: np.sum(f(x)))(x)
    eps = 1e-6
    fd = np.array([(np.sum(f(x + eps * e)) - np.sum(f(x - eps * e))) / (2 * eps) for e in np.eye(3)])
    np.testing.assert_allclose(g, fd, rtol=1e-6, atol=1e-8)


def test_values_read_under_grad_are_constants():
    # float()/.item() give Python numbers: torch.func (and JAX) do not differentiate them
    x = XS[0]
    np.testing.assert_allclose(T.grad(lambda x: np.sum(to_float(x)))(x), np.full(3, x[0]))
    np.testing.assert_allclose(T.grad(lambda x: np.sum(to_item(x)))(x), np.full(3, x.max()))


def test_where_is_the_alternative():
    got = T.vmap(lambda x: np.where(x.sum() > 0, x, -x))(XS)
    np.testing.assert_allclose(got, np.stack([branch(x) for x in XS]))


def test_masked_assignment_of_scalar_works_under_vmap():
    def f(x):
        y = x.copy()
        y[x < 0] = 0.0
        return y
    np.testing.assert_allclose(T.vmap(f)(XS), np.maximum(XS, 0))


# -- randomness -------------------------------------------------------------------

def noisy(x):
    return x + numpy_shim.random.standard_normal(x.shape)


def test_randomness_error_default():
    with pytest.raises(T.RandomnessError, match="randomness"):
        T.vmap(noisy)(np.zeros((4, 3)))
    import torch
    with pytest.raises(T.RandomnessError, match="randomness"):  # torch's RNG directly
        T.vmap(lambda x: x + numpy_shim.asarray(torch.rand(3, dtype=torch.float64)))(np.zeros((4, 3)))


def test_randomness_same_and_different():
    same = T.vmap(noisy, randomness="same")(np.zeros((4, 3)))
    diff = T.vmap(noisy, randomness="different")(np.zeros((4, 3)))
    assert same.shape == diff.shape == (4, 3)
    assert np.all(same == same[0])
    assert not np.all(diff == diff[0])
