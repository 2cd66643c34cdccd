"""Rows of differentiable NumPy functions for the transform tests (grow by adding a Row).

Each function is written against real NumPy (``np`` here is ``numpy``): the tests
transform it (its ``np`` is redirected to numpy_shim) and check the results against
finite differences and loops computed by real NumPy.

Row(name, fn, shapes, lo, hi, signed): ``shapes`` is a list of argument-shape
tuples to try; inputs are uniform in [lo, hi], with random signs when ``signed``.
"""
from dataclasses import dataclass, field

import numpy as np

UNARY_SHAPES = [((),), ((3,),), ((2, 3),)]
VEC_SHAPES = [((3,),), ((2, 3),)]
BINARY_SHAPES = [((), ()), ((3,), (3,)), ((2, 3), (3,))]


@dataclass
class Row:
    name: str
    fn: object
    shapes: list = field(default_factory=lambda: UNARY_SHAPES)
    lo: float = -2.0
    hi: float = 2.0
    signed: bool = False

    def inputs(self, shapes, seed=0):
        rng = np.random.default_rng(seed)
        out = []
        for s in shapes:
            x = rng.uniform(self.lo, self.hi, size=s)
            if self.signed:
                x = x * rng.choice([-1.0, 1.0], size=s)
            out.append(np.asarray(x, dtype=np.float64))
        return out

    def __repr__(self):
        return self.name


def _mat(x):
    return x.reshape(2, -1) if x.ndim == 1 and x.size % 2 == 0 else np.atleast_2d(x)


ROWS = [
    # -- unary ufuncs --
    Row("sin", lambda x: np.sin(x)),
    Row("cos", lambda x: np.cos(x)),
    Row("tan", lambda x: np.tan(x), lo=-1.2, hi=1.2),
    Row("exp", lambda x: np.exp(x)),
    Row("expm1", lambda x: np.expm1(x)),
    Row("exp2", lambda x: np.exp2(x)),
    Row("log", lambda x: np.log(x), lo=0.2, hi=3.0),
    Row("log2", lambda x: np.log2(x), lo=0.2, hi=3.0),
    Row("log10", lambda x: np.log10(x), lo=0.2, hi=3.0),
    Row("log1p", lambda x: np.log1p(x), lo=-0.5, hi=3.0),
    Row("sqrt", lambda x: np.sqrt(x), lo=0.2, hi=3.0),
    Row("cbrt", lambda x: np.cbrt(x), lo=0.2, hi=3.0, signed=True),
    Row("square", lambda x: np.square(x)),
    Row("reciprocal", lambda x: np.reciprocal(x), lo=0.3, hi=2.0, signed=True),
    Row("tanh", lambda x: np.tanh(x)),
    Row("sinh", lambda x: np.sinh(x)),
    Row("cosh", lambda x: np.cosh(x)),
    Row("arcsin", lambda x: np.arcsin(x), lo=-0.9, hi=0.9),
    Row("arccos", lambda x: np.arccos(x), lo=-0.9, hi=0.9),
    Row("arctan", lambda x: np.arctan(x)),
    Row("arcsinh", lambda x: np.arcsinh(x)),
    Row("arctanh", lambda x: np.arctanh(x), lo=-0.9, hi=0.9),
    Row("absolute", lambda x: np.abs(x), lo=0.2, hi=2.0, signed=True),
    Row("negative", lambda x: -x),
    Row("sinc", lambda x: np.sinc(x), lo=0.2, hi=2.0, signed=True),
    Row("deg2rad", lambda x: np.deg2rad(x)),
    Row("pow3", lambda x: x ** 3),
    Row("pow_half", lambda x: x ** 0.5, lo=0.2, hi=3.0),
    Row("rpow", lambda x: 2.0 ** x),
    Row("poly", lambda x: 3 * x ** 2 - 2 * x + 1.5),
    # -- binary ufuncs --
    Row("add", lambda x, y: x + y, BINARY_SHAPES),
    Row("subtract", lambda x, y: np.subtract(x, y), BINARY_SHAPES),
    Row("multiply", lambda x, y: x * y, BINARY_SHAPES),
    Row("divide", lambda x, y: x / y, BINARY_SHAPES, lo=0.3, hi=2.0, signed=True),
    Row("power", lambda x, y: np.power(x, y), BINARY_SHAPES, lo=0.3, hi=2.0),
    Row("maximum", lambda x, y: np.maximum(x, y), BINARY_SHAPES),
    Row("minimum", lambda x, y: np.minimum(x, y), BINARY_SHAPES),
    Row("hypot", lambda x, y: np.hypot(x, y), BINARY_SHAPES, lo=0.3, hi=2.0, signed=True),
    Row("arctan2", lambda x, y: np.arctan2(x, y), BINARY_SHAPES, lo=0.3, hi=2.0, signed=True),
    Row("logaddexp", lambda x, y: np.logaddexp(x, y), BINARY_SHAPES),
    # -- reductions --
    Row("sum", lambda x: np.sum(x)),
    Row("sum_axis0", lambda x: np.sum(x, axis=0), VEC_SHAPES),
    Row("mean", lambda x: np.mean(x)),
    Row("mean_keepdims", lambda x: x.mean(axis=-1, keepdims=True), VEC_SHAPES),
    Row("prod", lambda x: np.prod(x), lo=0.5, hi=1.5, signed=True),
    Row("max", lambda x: np.max(x)),
    Row("min_axis", lambda x: np.min(x, axis=-1), VEC_SHAPES),
    Row("var", lambda x: np.var(x), VEC_SHAPES),
    Row("std", lambda x: x.std(axis=0), [((3, 2),)]),
    Row("cumsum", lambda x: np.cumsum(x), VEC_SHAPES),
    Row("cumprod", lambda x: np.cumprod(x, axis=-1), VEC_SHAPES, lo=0.5, hi=1.5),
    Row("norm", lambda x: np.linalg.norm(x), VEC_SHAPES, lo=0.3, hi=2.0, signed=True),
    # -- linear algebra --
    Row("matmul", lambda a, b: a @ b, [((2, 3), (3,)), ((2, 3), (3, 4)), ((3,), (3,))]),
    Row("dot", lambda a, b: np.dot(a, b), [((3,), (3,)), ((2, 3), (3, 2))]),
    Row("outer", lambda a, b: np.outer(a, b), [((3,), (2,))]),
    Row("einsum", lambda a, b: np.einsum("ij,jk->ik", a, b), [((2, 3), (3, 2))]),
    Row("inv", lambda a: np.linalg.inv(a + 3 * np.eye(3)), [((3, 3),)]),
    Row("det", lambda a: np.linalg.det(a + 3 * np.eye(3)), [((3, 3),)]),
    Row("solve", lambda a, b: np.linalg.solve(a + 3 * np.eye(3), b), [((3, 3), (3,))]),
    # -- shape and index --
    Row("reshape", lambda x: x.reshape(3, 2) * x.reshape(3, 2), [((2, 3),)]),
    Row("transpose", lambda x: np.transpose(x) ** 2, [((2, 3),)]),
    Row("T_matmul", lambda x: x.T @ x, [((2, 3),)]),
    Row("slice", lambda x: x[1:] * x[:-1], VEC_SHAPES),
    Row("int_index", lambda x: x[0] * x[-1], VEC_SHAPES),
    Row("fancy_index", lambda x: x[[0, 2, 2]] ** 2, [((3,),)]),
    Row("reverse", lambda x: x[::-1] * np.arange(3.0), [((3,),)]),
    Row("expand_squeeze", lambda x: np.squeeze(np.expand_dims(x, 0) ** 2, axis=0), VEC_SHAPES),
    Row("moveaxis", lambda x: np.moveaxis(x[..., None] * x[None], 0, -1), [((3,),)]),
    Row("concatenate", lambda x, y: np.concatenate([x, y * 2]) ** 2, [((3,), (2,))]),
    Row("stack", lambda x, y: np.stack([x, x * y], axis=-1), [((3,), (3,))]),
    Row("broadcast_to", lambda x: np.broadcast_to(x, (2, 3)) * np.arange(6.0).reshape(2, 3),
        [((3,),)]),
    Row("clip", lambda x: np.clip(x, -1.0, 1.0)),
    Row("where", lambda x: np.where(x > 0, x ** 2, -x), signed=True, lo=0.2),
    Row("mutation", lambda x: _mutate(x), [((3,),)]),
    # -- more library functions --
    Row("sort", lambda x: np.sort(x) * np.arange(1.0, x.shape[-1] + 1), VEC_SHAPES),
    Row("diff", lambda x: np.diff(x) ** 2, VEC_SHAPES),
    Row("roll", lambda x: np.roll(x, 1, axis=-1) * x, VEC_SHAPES),
    Row("tile", lambda x: np.tile(x, 2) ** 2, VEC_SHAPES),
    Row("repeat", lambda x: np.repeat(x, 2, axis=0) ** 2, VEC_SHAPES),
    Row("pad", lambda x: np.pad(x, 1) ** 2 + np.pad(x, (2, 0), mode="edge"), [((3,),)]),
    Row("kron", lambda a, b: np.kron(a, b), [((2,), (3,))]),
    Row("cross", lambda a, b: np.cross(a, b), [((3,), (3,)), ((2, 3), (3,))]),
    Row("var_ddof", lambda x: np.var(x, axis=-1, ddof=1), VEC_SHAPES),
    Row("norm_axis", lambda x: np.linalg.norm(x, axis=-1), [((2, 3),)], lo=0.3, hi=2.0, signed=True),
    Row("tensordot", lambda a, b: np.tensordot(a, b, axes=1), [((2, 3), (3, 2))]),
    Row("inner", lambda a, b: np.inner(a, b), [((3,), (3,)), ((2, 3), (3,))]),
    Row("split", lambda x: np.split(x, 3)[1] * np.split(x, 3)[2], [((6,),)]),
    Row("hstack", lambda a, b: np.hstack([a, b ** 2]), [((3,), (2,))]),
    Row("atleast_2d", lambda x: np.atleast_2d(x) ** 2, UNARY_SHAPES),
    Row("trace", lambda x: np.trace(x * x), [((3, 3),)]),
    Row("diagonal", lambda x: np.diagonal(x) ** 3, [((3, 3),)]),
    Row("tril", lambda x: np.tril(x) * x, [((3, 3),)]),
    Row("flip", lambda x: np.flip(x) * x, VEC_SHAPES),
    Row("take", lambda x: np.take(x, [2, 0]) ** 2, [((3,),)]),
    Row("average", lambda x, w: np.average(x, weights=w), [((3,), (3,))], lo=0.5, hi=2.0),
    Row("logsumexp_manual", lambda x: np.log(np.sum(np.exp(x - np.max(x)))) + np.max(x), VEC_SHAPES),
    Row("softmax", lambda x: np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True), VEC_SHAPES),
    Row("add.at", lambda x: _at(np.add, x), [((3,),)]),
    Row("multiply.at", lambda x: _at(np.multiply, x), [((3,),)], lo=0.5),
    Row("multiply.reduceat", lambda x: np.multiply.reduceat(x, [0, 2, 1]), [((4,),)], lo=0.5),
    Row("vectorize", lambda x: np.vectorize(lambda v: v * v + np.sin(v))(x), UNARY_SHAPES),
    Row("piecewise", lambda x: np.piecewise(x, [x < 0, x >= 0], [lambda v: v ** 2, lambda v: v ** 3]),
        VEC_SHAPES, lo=0.3, signed=True),
    Row("kaiser", lambda b: np.kaiser(5, b), [((),)], lo=1.0, hi=3.0),
    Row("polyfit", lambda x, y: np.polyfit(x, y, 1), [((5,), (5,))]),
    Row("polyval", lambda c, x: np.polyval(c, x), [((3,), (4,))]),
]


def _at(uf, x):
    """ufunc.at: repeated indices accumulate."""
    a = np.full(4, 1.5)
    uf.at(a, [0, 0, 2], x * x)
    return a


def _mutate(x):
    """NumPy-style writes into a fresh buffer."""
    a = np.zeros(4)
    a[0] = x[0]
    a[1:] += x * 2
    a[::2] *= x[1]
    return a
