"""Every ufunc, one row each: name, torch op, and what is special about it."""

import torch

from ._ufunc import ufunc
from . import _ufunc_kernels as K

_F = ("invalid",)
_FD = ("invalid", "divide")
_FO = ("invalid", "over")
_FDO = ("invalid", "divide")  # divide where the base is 0, else overflow (see _fpe._DIVISOR)

# fpe: the floating-point errors checked after the call (see _fpe.py). Rows without one get
# ("invalid", "over") below unless listed in _NO_FPE.
UFUNCS = [
    # arithmetic
    ufunc("add", torch.add, complex_fn=K.complex_add, reduce=torch.sum, accumulate=torch.cumsum),
    ufunc("subtract", torch.sub, complex_fn=K.complex_sub),
    ufunc("multiply", torch.mul, reduce=torch.prod, accumulate=torch.cumprod),
    ufunc("divide", torch.true_divide, fpe=_FD),
    ufunc("floor_divide", K.floor_divide, int_fn=K.int_floor_divide, emulate=K.u64_floor_divide, fpe=_FD),
    ufunc("remainder", K.remainder, int_fn=K.int_remainder, emulate=K.u64_remainder, fpe=_F),
    ufunc("fmod", torch.fmod, int_fn=K.int_fmod, emulate=K.u64_fmod, fpe=_F),
    ufunc("divmod", K.divmod_, nout=2, int_fn=K.int_divmod, emulate=K.u64_divmod, fpe=_FD),
    ufunc("power", K.power, scalars=True, emulate=K.u64_power, complex_fn=K.complex_power, fpe=_FDO),
    ufunc("float_power", torch.pow, complex_fn=K.complex_power, fpe=_FDO),
    ufunc("negative", torch.neg, nin=1, complex_fn=K.complex_neg),
    ufunc("positive", torch.positive, nin=1),
    ufunc("absolute", K.absolute, nin=1, emulate=K.u64_identity),
    ufunc("fabs", torch.abs, nin=1),
    ufunc("sign", K.sign, nin=1, emulate=K.u64_sign),
    ufunc("conjugate", torch.conj_physical, nin=1),
    ufunc("reciprocal", torch.reciprocal, nin=1, int_fn=K.int_reciprocal, emulate=K.u64_reciprocal, fpe=("divide",)),
    ufunc("square", torch.square, nin=1),
    ufunc("sqrt", torch.sqrt, nin=1, fpe=_F),
    ufunc("cbrt", K.cbrt, nin=1),
    ufunc("exp", torch.exp, nin=1, fpe=("over",)),
    ufunc("exp2", torch.exp2, nin=1, fpe=("over",)),
    ufunc("expm1", torch.expm1, nin=1, fpe=("over",)),
    ufunc("log", torch.log, nin=1, fpe=_FD),
    ufunc("log2", torch.log2, nin=1, fpe=_FD),
    ufunc("log10", torch.log10, nin=1, fpe=_FD),
    ufunc("log1p", torch.log1p, nin=1, complex_fn=K.complex_log1p, fpe=_FD),
    ufunc("logaddexp", K.logaddexp, scalars=False),
    ufunc("logaddexp2", K.logaddexp2, scalars=False),
    # trigonometric and hyperbolic
    ufunc("sin", torch.sin, nin=1),
    ufunc("cos", torch.cos, nin=1),
    ufunc("tan", torch.tan, nin=1),
    ufunc("arcsin", torch.asin, nin=1, fpe=_F),
    ufunc("arccos", torch.acos, nin=1, fpe=_F),
    ufunc("arctan", torch.atan, nin=1),
    ufunc("arctan2", torch.atan2, scalars=False),
    ufunc("hypot", torch.hypot, scalars=False),
    ufunc("sinh", torch.sinh, nin=1),
    ufunc("cosh", torch.cosh, nin=1),
    ufunc("tanh", torch.tanh, nin=1),
    ufunc("arcsinh", torch.asinh, nin=1),
    ufunc("arccosh", torch.acosh, nin=1, fpe=_F),
    ufunc("arctanh", torch.atanh, nin=1, fpe=_FD),
    ufunc("deg2rad", torch.deg2rad, nin=1),
    ufunc("rad2deg", torch.rad2deg, nin=1),
    ufunc("radians", torch.deg2rad, nin=1),
    ufunc("degrees", torch.rad2deg, nin=1),
    # rounding and floating-point parts
    ufunc("rint", torch.round, nin=1, int_fn=K.int_identity, complex_fn=K.complex_rint),
    ufunc("floor", torch.floor, nin=1, int_fn=K.int_identity),
    ufunc("ceil", torch.ceil, nin=1, int_fn=K.int_identity),
    ufunc("trunc", torch.trunc, nin=1, int_fn=K.int_identity),
    ufunc("copysign", torch.copysign, scalars=False),
    ufunc("nextafter", torch.nextafter, scalars=False),
    ufunc("spacing", K.spacing, nin=1),
    ufunc("ldexp", K.ldexp, scalars=False),
    ufunc("frexp", K.frexp, nin=1, nout=2),
    ufunc("modf", K.modf, nin=1, nout=2),
    ufunc("heaviside", K.heaviside, scalars=False),
    # comparison
    ufunc("greater", torch.gt, emulate=K.u64_compare(torch.gt), complex_fn=K.complex_compare("greater")),
    ufunc("greater_equal", torch.ge, emulate=K.u64_compare(torch.ge), complex_fn=K.complex_compare("greater_equal")),
    ufunc("less", torch.lt, emulate=K.u64_compare(torch.lt), complex_fn=K.complex_compare("less")),
    ufunc("less_equal", torch.le, emulate=K.u64_compare(torch.le), complex_fn=K.complex_compare("less_equal")),
    ufunc("equal", torch.eq),
    ufunc("not_equal", torch.ne),
    ufunc("maximum", torch.maximum, scalars=False, reduce=K.amax, emulate=K.u64_extreme(torch.maximum),
          complex_fn=K.complex_maximum),
    ufunc("minimum", torch.minimum, scalars=False, reduce=K.amin, emulate=K.u64_extreme(torch.minimum),
          complex_fn=K.complex_minimum),
    ufunc("fmax", torch.fmax, scalars=False, emulate=K.u64_extreme(torch.maximum), complex_fn=K.complex_fmax),
    ufunc("fmin", torch.fmin, scalars=False, emulate=K.u64_extreme(torch.minimum), complex_fn=K.complex_fmin),
    # logical and bitwise
    ufunc("logical_and", torch.logical_and, reduce=K.all_),
    ufunc("logical_or", torch.logical_or, reduce=K.any_),
    ufunc("logical_xor", torch.logical_xor),
    ufunc("logical_not", torch.logical_not, nin=1),
    ufunc("bitwise_and", torch.bitwise_and),
    ufunc("bitwise_or", torch.bitwise_or),
    ufunc("bitwise_xor", torch.bitwise_xor),
    ufunc("invert", torch.bitwise_not, nin=1),
    ufunc("left_shift", K.left_shift, emulate=K.left_shift),
    ufunc("right_shift", K.right_shift, emulate=K.u64_right_shift),
    ufunc("bitwise_count", K.bitwise_count, nin=1, emulate=K.u64_bitwise_count),
    ufunc("gcd", K.gcd, scalars=False, emulate=K.u64_gcd),
    ufunc("lcm", K.lcm, scalars=False, emulate=K.u64_lcm),
    # classification
    ufunc("isfinite", torch.isfinite, nin=1),
    ufunc("isinf", torch.isinf, nin=1),
    ufunc("isnan", torch.isnan, nin=1),
    ufunc("signbit", torch.signbit, nin=1),
    ufunc("matmul", K.matmul, scalars=False),
    ufunc("vecdot", K.vecdot, scalars=False),
    ufunc("matvec", K.matvec, scalars=False),
    ufunc("vecmat", K.vecmat, scalars=False),
]

# Ufuncs that cannot make inf from finite inputs nor nan from non-nan ones, or whose
# results are never floating: nothing to check.
_NO_FPE = {
    "negative", "positive", "fabs", "sign", "conjugate", "floor", "ceil", "trunc", "rint",
    "copysign", "maximum", "minimum", "fmax", "fmin", "tanh", "arctan", "arctan2", "arcsinh",
    "cbrt", "frexp", "modf", "heaviside", "deg2rad", "radians", "signbit", "isfinite",
    "isinf", "isnan", "greater", "greater_equal", "less", "less_equal", "equal", "not_equal",
    "logical_and", "logical_or", "logical_xor", "logical_not", "bitwise_and", "bitwise_or",
    "bitwise_xor", "invert", "left_shift", "right_shift", "bitwise_count", "gcd", "lcm",
}
_FPE_DEFAULT = {"absolute": ("over",)}  # |complex| overflows
for _u in UFUNCS:
    if _u._fpe is None and _u.__name__ not in _NO_FPE:
        _u._fpe = _FPE_DEFAULT.get(_u.__name__, _FO)

ALIASES = {
    "abs": "absolute", "conj": "conjugate", "mod": "remainder", "true_divide": "divide",
    "pow": "power", "bitwise_not": "invert", "bitwise_invert": "invert",
    "bitwise_left_shift": "left_shift", "bitwise_right_shift": "right_shift",
    "asin": "arcsin", "acos": "arccos", "atan": "arctan", "atan2": "arctan2",
    "asinh": "arcsinh", "acosh": "arccosh", "atanh": "arctanh",
}

BY_NAME = {u.__name__: u for u in UFUNCS}
for _alias, _name in ALIASES.items():
    BY_NAME[_alias] = BY_NAME[_name]

__all__ = list(BY_NAME)
globals().update(BY_NAME)
