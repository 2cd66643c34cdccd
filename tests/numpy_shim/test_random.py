"""numpy_shim.random: NumPy's exact streams in eager code, torch draws under transforms."""
import numpy
import pytest
import torch
from hypothesis import given, strategies as st

import numpy_shim
from tests.differential import assert_same

SEEDS = st.integers(0, 2**32 - 1)

# (name, args, kwargs) of legacy functions; each must give NumPy's numbers for a seed
LEGACY = [
    ("rand", (3, 2), {}), ("rand", (), {}), ("randn", (4,), {}), ("randn", (), {}),
    ("randint", (5,), {}), ("randint", (2, 9), {"size": (2, 3)}),
    ("randint", (0, 200), {"size": 4, "dtype": numpy.uint8}),
    ("random", (), {}), ("random", ((2, 2),), {}), ("random_sample", (3,), {}),
    ("uniform", (-1, 2, 5), {}), ("normal", (1.0, 2.0, (2, 2)), {}), ("normal", (), {}),
    ("standard_normal", (3,), {}), ("binomial", (10, 0.3, 6), {}), ("poisson", (3.0, 4), {}),
    ("exponential", (2.0, 3), {}), ("beta", (2.0, 3.0, 3), {}), ("gamma", (2.0, 1.5, 3), {}),
    ("choice", (5, 3), {}), ("choice", (5, 3), {"replace": False}),
    ("choice", (4, 6), {"p": [0.1, 0.2, 0.3, 0.4]}), ("permutation", (6,), {}),
    ("multivariate_normal", ([0.0, 1.0], [[2.0, 0.5], [0.5, 1.0]], 3), {}),
    ("standard_gamma", (2.0, 3), {}), ("chisquare", (3, 2), {}), ("geometric", (0.3, 4), {}),
    ("laplace", (0, 1, 3), {}), ("random_integers", (1, 6, 4), {}), ("ranf", (2,), {}),
    ("sample", (2,), {}), ("bytes", (5,), {}), ("dirichlet", ([1.0, 2.0], 2), {}),
]


@pytest.mark.parametrize("name,args,kwargs", LEGACY)
@given(seed=SEEDS)
def test_legacy_stream_is_numpys(name, args, kwargs, seed):
    numpy.random.seed(seed)
    expected = getattr(numpy.random, name)(*args, **kwargs)
    numpy_shim.random.seed(seed)
    got = getattr(numpy_shim.random, name)(*args, **kwargs)
    assert_same(got, expected, rtol=0)
    # the state advanced identically: the next draw agrees too
    assert_same(numpy_shim.random.rand(2), numpy.random.rand(2), rtol=0)


GEN = [
    ("random", (), {}), ("random", (3,), {"dtype": numpy.float32}), ("integers", (10,), {}),
    ("integers", (2, 9), {"size": (2, 3), "dtype": numpy.int16}),
    ("integers", (0, 5), {"size": 4, "endpoint": True}),
    ("normal", (0.0, 2.0, (3,)), {}), ("uniform", (1, 2, 4), {}), ("standard_normal", (5,), {}),
    ("standard_normal", (2,), {"dtype": numpy.float32}), ("exponential", (1.0, 3), {}),
    ("choice", (10, 4), {}), ("choice", (10, 4), {"replace": False}), ("permutation", (7,), {}),
    ("poisson", (4.0, 3), {}), ("binomial", (5, 0.5, 3), {}), ("gamma", (2.0, 1.0, 3), {}),
    ("beta", (1.0, 2.0, 2), {}), ("multivariate_normal", ([0.0, 0.0], numpy.eye(2), 2), {}),
    ("gumbel", (0, 1, 3), {}), ("permuted", (numpy.arange(6).reshape(2, 3),), {"axis": 1}),
]


@pytest.mark.parametrize("name,args,kwargs", GEN)
@given(seed=SEEDS)
def test_generator_stream_is_numpys(name, args, kwargs, seed):
    expected = getattr(numpy.random.default_rng(seed), name)(*args, **kwargs)
    got = getattr(numpy_shim.random.default_rng(seed), name)(*args, **kwargs)
    assert_same(got, expected, rtol=0)


@pytest.mark.parametrize("bitgen", ["PCG64", "MT19937", "Philox", "SFC64"])
def test_generator_over_bit_generators(bitgen):
    e = numpy.random.Generator(getattr(numpy.random, bitgen)(7)).random(4)
    g = numpy_shim.random.Generator(getattr(numpy_shim.random, bitgen)(7)).random(4)
    assert_same(g, e, rtol=0)
    assert numpy_shim.random.SeedSequence is numpy.random.SeedSequence


def test_array_arguments_and_choice_of_array():
    numpy.random.seed(3)
    e = numpy.random.normal(numpy.arange(3.0), 2.0)
    numpy_shim.random.seed(3)
    g = numpy_shim.random.normal(numpy_shim.arange(3.0), 2.0)
    assert_same(g, e, rtol=0)
    rng_e, rng_g = numpy.random.default_rng(1), numpy_shim.random.default_rng(1)
    assert_same(rng_g.choice(numpy_shim.arange(10, 20), 3), rng_e.choice(numpy.arange(10, 20), 3), rtol=0)


@given(seed=SEEDS, shape=st.sampled_from([(5,), (4, 3), (3, 2, 2), (0,), (1,)]))
def test_shuffle_in_place(seed, shape):
    e = numpy.arange(numpy.prod(shape)).reshape(shape)
    g = numpy_shim.arange(numpy.prod(shape)).reshape(shape)
    view = g[...]
    numpy.random.seed(seed)
    numpy.random.shuffle(e)
    numpy_shim.random.seed(seed)
    assert numpy_shim.random.shuffle(g) is None
    assert_same(g, e)
    assert_same(view, e)  # in place: views see it
    rng_e, rng_g = numpy.random.default_rng(seed), numpy_shim.random.default_rng(seed)
    rng_e.shuffle(e)
    rng_g.shuffle(g)
    assert_same(g, e)


def test_state_roundtrip():
    rs = numpy_shim.random.RandomState(5)
    st_ = rs.get_state()
    a = rs.rand(3)
    rs.set_state(st_)
    assert_same(rs.rand(3), numpy.asarray(a), rtol=0)
    numpy_shim.random.seed(9)
    s = numpy_shim.random.get_state()
    x = numpy_shim.random.randn(2)
    numpy_shim.random.set_state(s)
    assert_same(numpy_shim.random.randn(2), numpy.asarray(x), rtol=0)
    assert_same(numpy_shim.random.RandomState(5).rand(3), numpy.random.RandomState(5).rand(3), rtol=0)


def test_errors_are_numpys():
    for fn in (lambda r: r.choice(3, 5, replace=False), lambda r: r.randint(5, 2),
               lambda r: r.uniform(size=-1), lambda r: r.normal(0, -1.0)):
        with pytest.raises(ValueError):
            fn(numpy.random.RandomState(0))
        with pytest.raises(ValueError):
            fn(numpy_shim.random.RandomState(0))


# -- the torch engine ------------------------------------------------------------
def _draws(fn):
    return torch.func.vmap(lambda x: x + fn().tensor, randomness="different")(
        torch.zeros(4, 3, dtype=torch.float64))


@pytest.mark.parametrize("fn", [
    lambda: numpy_shim.random.rand(3),
    lambda: numpy_shim.random.randn(3),
    lambda: numpy_shim.random.uniform(0, 1, 3),
    lambda: numpy_shim.random.normal(0, 1, 3),
    lambda: numpy_shim.random.randint(0, 1000, 3),
    lambda: numpy_shim.random.exponential(1.0, 3),
    lambda: numpy_shim.random.gamma(2.0, 1.0, 3),
    lambda: numpy_shim.random.beta(2.0, 2.0, 3),
    lambda: numpy_shim.random.poisson(50.0, 3),
    lambda: numpy_shim.random.binomial(1000, 0.5, 3),
    lambda: numpy_shim.random.choice(1000, 3),
    lambda: numpy_shim.random.permutation(3),
    lambda: numpy_shim.random.default_rng(0).random(3),
    lambda: numpy_shim.random.default_rng(0).integers(0, 1000, 3),
    lambda: numpy_shim.random.default_rng(0).standard_normal(3),
])
def test_vmap_different_draws_differ_per_element(fn):
    r = _draws(fn)
    assert r.shape == (4, 3)
    assert len({tuple(row.tolist()) for row in r}) > 1


def test_vmap_same_and_error():
    r = torch.func.vmap(lambda x: x + numpy_shim.random.rand(3).tensor, randomness="same")(
        torch.zeros(4, 3, dtype=torch.float64))
    assert all(torch.equal(r[0], row) for row in r)
    with pytest.raises(RuntimeError, match="randomness"):
        torch.func.vmap(lambda x: x + numpy_shim.random.rand(3).tensor)(torch.zeros(4, 3))
    with pytest.raises(numpy_shim.FallbackError):
        torch.func.vmap(lambda x: x + numpy_shim.random.vonmises(0, 1, 3).tensor,
                        randomness="different")(torch.zeros(4, 3))


def test_torch_engine_dtypes_shapes_and_seeding():
    def draw(_):
        return (numpy_shim.random.rand(2, 3), numpy_shim.random.randint(0, 5, size=(2,)),
                numpy_shim.random.normal(size=()), numpy_shim.random.poisson(2.0, 4),
                numpy_shim.random.default_rng(1).random(2, dtype=numpy.float32))

    out = {}

    def f(x):
        out["r"] = draw(None)
        return x

    for seed in (0, 0):
        numpy_shim.random.seed(seed)
        torch.func.grad(lambda x: (f(x) * x).sum())(torch.ones(2))
        r = out["r"]
        assert [a.shape for a in r] == [(2, 3), (2,), (), (4,), (2,)]
        assert [a.dtype for a in r] == [numpy.float64, numpy.int64, numpy.float64, numpy.int64,
                                        numpy.float32]
        out.setdefault("first", [numpy.asarray(a).copy() for a in r])
    # the same seed gives the same torch-engine draws
    for a, b in zip(out["first"], out["r"]):
        numpy.testing.assert_array_equal(numpy.asarray(b), a)


def test_grad_flows_through_loc_and_scale():
    def f(mu):
        x = numpy_shim.random.normal(numpy_shim.asarray(mu), 2.0, size=(5,))
        return x.sum().tensor

    numpy_shim.random.seed(0)
    g = torch.func.grad(f)(torch.tensor(1.0, dtype=torch.float64))
    assert float(g) == 5.0


def test_shuffle_under_vmap_permutes_each_row():
    def f(x):
        a = numpy_shim.asarray(x)
        numpy_shim.random.shuffle(a)
        return a.tensor

    x = torch.arange(6.0).expand(5, 6).clone()
    r = torch.func.vmap(f, randomness="different")(x)
    assert all(sorted(row.tolist()) == list(range(6)) for row in r)
    assert len({tuple(row.tolist()) for row in r}) > 1
