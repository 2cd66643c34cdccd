"""Python operators on ndarray, generated from one table of (dunder, ufunc).

Each binary operator has a fast path: both operands ndarrays of one dtype that
the torch op handles exactly as NumPy (or an ndarray and a Python float/int of a
kind that cannot change the dtype). Everything else goes through the ufunc.
"""
import numpy as np
import torch

from ._ndarray import ndarray, _wrap
from ._ufunc_table import BY_NAME as U
from . import _scalars, _fpe

_F = {torch.float16, torch.float32, torch.float64, torch.complex64, torch.complex128}
_I = {torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8}
_FI = _F | _I
_ALL = _FI | {torch.bool}
_C = {torch.complex64, torch.complex128}
_result = _scalars.result
_Tensor = torch.Tensor

# dunder, ufunc, torch fast op, dtypes the fast op is exact for, Python scalar fast path
BINARY = [
    # complex add/sub go through the ufunc: torch computes a + 1*b, losing -0.0 and inf+0j
    ("add", "add", torch.add, _FI - _C, True),
    ("sub", "subtract", torch.sub, _FI - _C, True),
    ("mul", "multiply", torch.mul, _FI, True),
    ("truediv", "divide", torch.true_divide, _F, True),
    ("floordiv", "floor_divide", None, (), False),
    ("mod", "remainder", None, (), False),
    ("pow", "power", torch.pow, {torch.float16, torch.float32, torch.float64}, True),
    ("matmul", "matmul", None, (), False),
    ("and", "bitwise_and", torch.bitwise_and, _I | {torch.bool}, False),
    ("or", "bitwise_or", torch.bitwise_or, _I | {torch.bool}, False),
    ("xor", "bitwise_xor", torch.bitwise_xor, _I | {torch.bool}, False),
    ("lshift", "left_shift", None, (), False),
    ("rshift", "right_shift", None, (), False),
    ("divmod", "divmod", None, (), False),
]
COMPARE = [
    ("lt", "less", torch.lt), ("le", "less_equal", torch.le), ("gt", "greater", torch.gt),
    ("ge", "greater_equal", torch.ge), ("eq", "equal", torch.eq), ("ne", "not_equal", torch.ne),
]
UNARY = [("neg", "negative"), ("pos", "positive"), ("abs", "absolute"), ("invert", "invert")]

# Python scalars go straight to torch (a weak "wrapped number") only where that is exact:
# not float16 (torch computes it in float32 with the scalar unrounded, NumPy rounds the
# scalar to float16 first), not complex add/sub (torch's a + alpha*b turns inf+0j into
# inf+nanj). Huge ints make torch raise OverflowError and go through the ufunc.
_REAL = {torch.float32, torch.float64}
_SCALAR_OK = {float: _REAL | {torch.complex64, torch.complex128}, int: {torch.int64} | _REAL}
_I64 = 2 ** 63  # torch wraps ints beyond int64 silently; NumPy raises OverflowError
_F32 = 3.4028234663852886e38  # beyond it NumPy warns "overflow encountered in cast": ufunc path
_SCALAR_OK_ADD = {float: _REAL, int: {torch.int64} | _REAL}


_MISSING = object()
_PLAIN = (int, float, complex, bool, list, tuple)


def _foreign(other, self=None):
    """True when ``other`` should get a chance to handle the operator itself (NumPy's
    binop deferral): its ``__array_ufunc__`` is None, or it has none and a higher
    ``__array_priority__`` than ``self`` (an ndarray counts 0.0)."""
    au = getattr(type(other), "__array_ufunc__", _MISSING)
    if au is not _MISSING:
        return au is None
    if type(other) in _PLAIN:
        return False
    try:
        prio = getattr(other, "__array_priority__", None)
    except Exception:  # NumPy reads a failing priority as the lowest
        return False
    if prio is None:
        return False
    from ._subclass import _priority
    try:
        return float(prio) > (_priority(self) if isinstance(self, ndarray) else 0.0)
    except (TypeError, ValueError):
        return False


def _make_binary(uf, fast, fast_dtypes, scalar_fast):
    scalar_ok = _SCALAR_OK_ADD if uf.__name__ in ("add", "subtract") else _SCALAR_OK
    fpe = uf._fpe is not None  # /, ** report divide/overflow/invalid as the ufunc does

    def forward(self, other):
        x = self._t
        if fast is not None and x.dtype in fast_dtypes:
            to = type(other)
            if to is ndarray:
                y = other._t
                if y.dtype is x.dtype:
                    try:
                        r = fast(x, y)
                    except RuntimeError:
                        pass
                    else:
                        if fpe:
                            _fpe.check(uf, (x, y), r)
                        return _result(r) if r.dim() == 0 else _wrap(r)
            elif scalar_fast and to in scalar_ok and x.dtype in scalar_ok[to] and x.dim() and \
                    (-_I64 <= other < _I64 if to is int else True) and \
                    (x.dtype is not torch.float32 or -_F32 <= other <= _F32):
                try:
                    r = fast(x, other)
                except (RuntimeError, OverflowError):
                    pass
                else:
                    if fpe:
                        _fpe.check(uf, (x, other), r)
                    return _wrap(r)
        if _foreign(other, self):
            return NotImplemented
        return uf(self, other)

    def reflected(self, other):
        if _foreign(other, self):
            return NotImplemented
        return uf(other, self)

    def inplace(self, other):
        if _foreign(other, self):
            return NotImplemented
        uf(self, other, out=self)
        return self

    return forward, reflected, inplace


def _make_compare(uf, fast):
    def compare(self, other):
        x = self._t
        if type(other) is ndarray and other._t.dtype is x.dtype and x.dtype in _ALL:
            try:
                r = fast(x, other._t)
            except RuntimeError:
                pass
            else:
                return _result(r) if r.dim() == 0 else _wrap(r)
        if _foreign(other, self):
            return NotImplemented
        try:
            return uf(self, other)
        except TypeError:
            if uf.__name__ in ("equal", "not_equal"):
                # NumPy: == between an array and something with no common dtype is elementwise
                # False (broadcast over both shapes; a scalar for 0-d)
                from ._creation import full
                shape = np.broadcast_shapes(self.shape, np.shape(other))
                value = uf.__name__ == "not_equal"
                return full(shape, value, dtype=bool) if shape else np.bool_(value)
            raise
    return compare


def _make_unary(uf):
    def unary(self):
        return uf(self)
    return unary


def install():
    for dunder, name, fast, dtypes, scalar_fast in BINARY:
        fwd, ref, inp = _make_binary(U[name], fast, dtypes, scalar_fast)
        setattr(ndarray, f"__{dunder}__", fwd)
        setattr(ndarray, f"__r{dunder}__", ref)
        if dunder != "divmod":
            setattr(ndarray, f"__i{dunder}__", inp)
    for dunder, name, fast in COMPARE:
        setattr(ndarray, f"__{dunder}__", _make_compare(U[name], fast))
    for dunder, name in UNARY:
        setattr(ndarray, f"__{dunder}__", _make_unary(U[name]))

    pow_fwd = ndarray.__pow__

    def __pow__(self, other, mod=None):
        if mod is not None:
            return NotImplemented
        if type(other) is int and other == 2 and self._t.dtype is torch.bool:
            return U["square"](self)  # NumPy's scalar-power fast path: bool ** 2 is square (int8)
        return pow_fwd(self, other)
    ndarray.__pow__ = __pow__


install()
