"""Discrete Fourier transforms over torch.fft, with NumPy 2's argument rules and dtypes.

Output dtypes are NumPy 2's: complex transforms give ``result_type(a, 1j)`` (float32 ->
complex64, integers -> complex128), inverse real transforms give
``result_type(a.real, 1.0)`` (float16 stays float16; torch has no half FFT on CPU, so
half data is transformed in float32 and cast back, as NumPy's own loops do).
n-dimensional transforms apply the 1-D transform axis by axis, last axis first, as
NumPy does, so repeated axes transform repeatedly.
"""
import operator
import warnings

import numpy as np
import torch

from .._axes import normalize_axis
from .._convert import cast, to_tensor
from .._dtypes import TORCH_TO_NP, torch_dtype
from .._ndarray import ndarray, _wrap

_NORMS = ("backward", "ortho", "forward")
_SWAP = {None: "forward", "backward": "forward", "ortho": "ortho", "forward": "backward"}


def _tensor(a):
    return a._t if isinstance(a, ndarray) else to_tensor(a)


def _swap_direction(norm):
    try:
        return _SWAP[norm]
    except (KeyError, TypeError):
        raise ValueError(f'Invalid norm value {norm}; should be "backward", "ortho" or '
                         '"forward".') from None


def _check_norm(norm):
    if norm is not None and norm not in _NORMS:
        raise ValueError(f'Invalid norm value {norm}; should be "backward","ortho" or "forward".')
    return norm or "backward"


def _compute_input(t, complex_out):
    """``t`` cast to a dtype torch.fft computes in; float16 widens to float32."""
    dt = t.dtype
    if dt.is_complex:
        return t
    if dt is torch.float16:
        return t.to(torch.float32)
    if dt.is_floating_point:
        return t
    return cast(t, torch.float64)


def _table(fn):
    out = {}
    for tdt, nd in TORCH_TO_NP.items():
        try:
            out[tdt] = torch_dtype(fn(nd))
        except TypeError:
            pass
    return out


# Computed once: NumPy's dtype rules are host code that torch.compile cannot trace.
_REAL_OUT = _table(lambda nd: np.result_type(np.dtype(nd.char.lower()) if nd.kind == "c" else nd, 1.0))
_COMPLEX_OUT = _table(lambda nd: np.result_type(nd, 1j))


def _real_dtype(t):
    """NumPy's ``result_type(a.real.dtype, 1.0)`` as a torch dtype."""
    return _REAL_OUT[t.dtype]


def _complex_dtype(t):
    return _COMPLEX_OUT[t.dtype]


def _n_of(n):
    try:
        n = operator.index(n)
    except TypeError:
        raise TypeError(f"'{type(n).__name__}' object cannot be interpreted as an integer") from None
    if n < 1:
        raise ValueError(f"Invalid number of FFT data points ({n}) specified.")
    return n


def _raw_fft(t, n, axis, is_real, is_forward, norm, out):
    """One 1-D transform along ``axis`` of tensor ``t``; returns the result tensor."""
    n = _n_of(n)
    norm = _check_norm(norm)
    axis = normalize_axis(axis, t.dim())
    if t.numel() == 0 and t.shape[axis] != 0:
        # other axes empty: torch's FFT backends refuse the plan, NumPy returns an empty array
        n_out = n // 2 + 1 if is_real and is_forward else n
        if is_real and is_forward and t.is_complex():
            pass  # fall through to the TypeError below
        else:
            odt = _real_dtype(t) if is_real and not is_forward else _complex_dtype(t)
            shape = t.shape[:axis] + (n_out,) + t.shape[axis + 1:]
            return _store(torch.zeros(shape, dtype=odt, device=t.device), out, axis)
    if is_real and is_forward:
        if t.is_complex():
            raise TypeError("ufunc 'rfft_n_even' not supported for the input types, and the "
                            "inputs could not be safely coerced to any supported types according "
                            "to the casting rule ''safe''")
        res = torch.fft.rfft(_compute_input(t, True), n=n, dim=axis, norm=norm)
        odt = _complex_dtype(t)
    elif is_real:
        odt = _real_dtype(t)
        x = _compute_input(t, False)
        if not x.is_complex():
            x = x.to(torch.complex128 if x.dtype is torch.float64 else torch.complex64)
        res = torch.fft.irfft(x, n=n, dim=axis, norm=norm)
    else:
        fn = torch.fft.fft if is_forward else torch.fft.ifft
        x = _compute_input(t, True)
        if not x.is_complex():
            # NumPy runs the complex transform on real input; torch's real-input path fills
            # the mirrored half by conjugation, which gives -0.0 imaginary parts NumPy has not
            x = x.to(torch.complex128 if x.dtype is torch.float64 else torch.complex64)
        res = fn(x, n=n, dim=axis, norm=norm)
        odt = _complex_dtype(t)
    if res.dtype is not odt:
        res = res.to(odt)
    # torch may answer with a lazily conjugated view (ifft of real input); NumPy
    # conversion and in-place writes need the materialized values.
    return _store(res.resolve_conj(), out, axis)


def _store(res, out, axis=None):
    if out is None:
        return res
    if not isinstance(out, ndarray):
        raise TypeError("return arrays must be of ArrayType")
    if tuple(out.shape) != tuple(res.shape):
        raise ValueError("output array has wrong shape.")
    rdt = TORCH_TO_NP[res.dtype]
    if rdt != out.dtype and not np.can_cast(rdt, out.dtype, casting="same_kind"):
        raise TypeError(f"Cannot cast ufunc output from {rdt!r} to {out.dtype!r} with casting "
                        "rule 'same_kind'")
    from .._write import write
    write(out, res)
    return out._t


def _result(r, out):
    return out if out is not None else _wrap(r)


def fft(a, n=None, axis=-1, norm=None, out=None):
    """1-D discrete Fourier transform."""
    t = _tensor(a)
    n = _length(t, n, axis)
    return _result(_raw_fft(t, n, axis, False, True, norm, out), out)


def ifft(a, n=None, axis=-1, norm=None, out=None):
    t = _tensor(a)
    n = _length(t, n, axis)
    return _result(_raw_fft(t, n, axis, False, False, norm, out), out)


def rfft(a, n=None, axis=-1, norm=None, out=None):
    """1-D transform of real input: the n//2+1 non-negative frequency terms."""
    t = _tensor(a)
    n = _length(t, n, axis)
    return _result(_raw_fft(t, n, axis, True, True, norm, out), out)


def irfft(a, n=None, axis=-1, norm=None, out=None):
    t = _tensor(a)
    n = _length(t, n, axis, half=True)
    return _result(_raw_fft(t, n, axis, True, False, norm, out), out)


def hfft(a, n=None, axis=-1, norm=None, out=None):
    """Transform of a Hermitian-symmetric signal (irfft of its conjugate)."""
    t = _tensor(a)
    n = _length(t, n, axis, half=True)
    new_norm = _swap_direction(norm)
    return _result(_raw_fft(t.conj() if t.is_complex() else t, n, axis, True, False, new_norm, out), out)


def ihfft(a, n=None, axis=-1, norm=None, out=None):
    t = _tensor(a)
    n = _length(t, n, axis)
    new_norm = _swap_direction(norm)
    r = _raw_fft(t, n, axis, True, True, new_norm, None).conj().resolve_conj()
    return _result(_store(r, out), out)


def _length(t, n, axis, half=False):
    """``n``, or the transform length NumPy defaults to along ``axis`` (2(m-1) for a half spectrum)."""
    if n is not None:
        return n
    if not t.dim():
        _axis_error(axis, 0)
    m = t.shape[axis]
    return (m - 1) * 2 if half else m


def _axis_error(axis, ndim):
    from numpy.exceptions import AxisError
    raise AxisError(axis, ndim)


def _cook_nd_args(t, s=None, axes=None, invreal=False):
    """NumPy's ``_cook_nd_args``: the (sizes, axes) an n-D transform runs over."""
    shape = tuple(t.shape)
    if s is None:
        shapeless = True
        if axes is None:
            s = list(shape)
        else:
            s = [shape[_index_axis(ax, len(shape))] for ax in axes]
    else:
        shapeless = False
    s = list(s)
    if axes is None:
        if not shapeless:
            warnings.warn(
                "`axes` should not be `None` if `s` is not `None` (Deprecated in NumPy 2.0). In a "
                "future version of NumPy, this will raise an error and `s[i]` will correspond to "
                "the size along the transformed axis specified by `axes[i]`. To retain current "
                "behaviour, pass a sequence [0, ..., k-1] to `axes` for an array of dimension k.",
                DeprecationWarning, stacklevel=4)
        axes = list(range(-len(s), 0))
    axes = list(axes)
    if len(s) != len(axes):
        raise ValueError("Shape and axes have different lengths.")
    if invreal and shapeless:
        s[-1] = (shape[_index_axis(axes[-1], len(shape))] - 1) * 2
    if None in s:
        warnings.warn(
            "Passing an array containing `None` values to `s` is deprecated in NumPy 2.0 and will "
            "raise an error in a future version of NumPy. To use the default behaviour of the "
            "corresponding 1-D transform, pass the value matching the default for its `n` "
            "parameter. To use the default behaviour for every axis, the `s` argument can be "
            "omitted.", DeprecationWarning, stacklevel=4)
    s = [shape[_index_axis(ax, len(shape))] if sz == -1 else sz for sz, ax in zip(s, axes)]
    return s, axes


def _index_axis(ax, ndim):
    """Axis lookup as NumPy's ``take(a.shape, axes)`` / ``a.shape[ax]`` does it."""
    ax = operator.index(ax)
    if not -ndim <= ax < ndim:
        raise IndexError(f"index {ax} is out of bounds for axis 0 with size {ndim}")
    return ax


def _default_n(t, ax, invreal):
    ax = normalize_axis(ax, t.dim())
    return (t.shape[ax] - 1) * 2 if invreal else t.shape[ax]


def _raw_fftnd(a, s, axes, is_forward, norm, out):
    t = _tensor(a)
    s, axes = _cook_nd_args(t, s, axes)
    for ii in reversed(range(len(axes))):
        n = s[ii] if s[ii] is not None else _default_n(t, axes[ii], False)
        t = _raw_fft(t, n, axes[ii], False, is_forward, norm, None)
    return _result(_store(t, out), out) if out is not None else _wrap(t)


def fftn(a, s=None, axes=None, norm=None, out=None):
    """N-D discrete Fourier transform."""
    return _raw_fftnd(a, s, axes, True, norm, out)


def ifftn(a, s=None, axes=None, norm=None, out=None):
    return _raw_fftnd(a, s, axes, False, norm, out)


def fft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    return _raw_fftnd(a, s, axes, True, norm, out)


def ifft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    return _raw_fftnd(a, s, axes, False, norm, out)


def rfftn(a, s=None, axes=None, norm=None, out=None):
    """N-D transform of real input (rfft on the last axis, fft on the others)."""
    t = _tensor(a)
    s, axes = _cook_nd_args(t, s, axes)
    n = s[-1] if s[-1] is not None else _default_n(t, axes[-1], False)
    t = _raw_fft(t, n, axes[-1], True, True, norm, None)
    for ii in range(len(axes) - 2, -1, -1):
        n = s[ii] if s[ii] is not None else _default_n(t, axes[ii], False)
        t = _raw_fft(t, n, axes[ii], False, True, norm, None)
    return _result(_store(t, out), out) if out is not None else _wrap(t)


def irfftn(a, s=None, axes=None, norm=None, out=None):
    t = _tensor(a)
    s, axes = _cook_nd_args(t, s, axes, invreal=True)
    for ii in range(len(axes) - 1):
        n = s[ii] if s[ii] is not None else _default_n(t, axes[ii], False)
        t = _raw_fft(t, n, axes[ii], False, False, norm, None)
    n = s[-1] if s[-1] is not None else _default_n(t, axes[-1], True)
    t = _raw_fft(t, n, axes[-1], True, False, norm, None)
    return _result(_store(t, out), out) if out is not None else _wrap(t)


def rfft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    return rfftn(a, s, axes, norm, out=out)


def irfft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    return irfftn(a, s, axes, norm, out=out)
