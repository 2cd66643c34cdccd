"""NumPy's floating-point error reporting (errstate/seterr) for ufuncs that flag it.

NumPy learns of divide-by-zero, overflow and invalid results from the FPU; torch does
not report them, so ufuncs whose row names ``fpe`` kinds are checked after the fact,
only in eager plain-tensor code (a check reads values, which transforms forbid). The
error state is NumPy's own (``numpy.errstate``/``numpy.seterr`` are shared).
"""
import warnings

import numpy as np
import torch

from . import _scalars


def report(kind, name):
    """Act on one floating-point error as NumPy's errstate says."""
    mode = np.geterr()[kind]
    if mode == "ignore":
        return
    word = {"divide": "divide by zero", "over": "overflow", "under": "underflow", "invalid": "invalid value"}[kind]
    msg = f"{word} encountered in {name}"
    if mode == "warn":
        warnings.warn(msg, RuntimeWarning, stacklevel=4)
    elif mode == "raise":
        raise FloatingPointError(msg)
    elif mode == "print":
        print(f"Warning: {msg}")
    elif mode == "call":
        np.geterrcall()(word, {"divide": 1, "over": 2, "under": 4, "invalid": 8}[kind])
    elif mode == "log":
        np.geterrcall().write(f"Warning: {msg}\n")


def check(uf, inputs, result):
    """Report the floating-point errors ``uf.fpe`` names that this call produced."""
    if not _scalars.is_plain(result) or result.numel() == 0:
        return
    tensors = [x for x in inputs if isinstance(x, torch.Tensor)]
    if any(not _scalars.is_plain(x) for x in tensors):
        return
    finite_in = None
    for x in tensors:
        if x.dtype.is_floating_point or x.dtype.is_complex:
            f = torch.isfinite(x)
            finite_in = f if finite_in is None else finite_in & f
    if finite_in is None:
        finite_in = torch.ones((), dtype=torch.bool)
    kinds = uf._fpe
    if "invalid" in kinds and bool((torch.isnan(result) & ~_any_nan(tensors)).any()):
        report("invalid", uf.__name__)
    inf_kind = "divide" if "divide" in kinds else ("over" if "over" in kinds else None)
    if inf_kind and bool((torch.isinf(result) & finite_in).any()):
        report(inf_kind, uf.__name__)


def _any_nan(tensors):
    out = torch.zeros((), dtype=torch.bool)
    for x in tensors:
        if x.dtype.is_floating_point or x.dtype.is_complex:
            out = out | torch.isnan(x)
    return out
