"""ndarray: a NumPy array whose data is one torch.Tensor.

Operators and most methods are attached by _operators.py and _methods.py, from
tables, so this file holds only what is about the array itself.
"""
import operator

import numpy as np
import torch

from ._dtypes import TORCH_TO_NP
from . import _scalars

_new = object.__new__


class ndarray:
    """N-dimensional array over a torch.Tensor (``.tensor``, no copy)."""

    # _t: the tensor; _base: the array whose memory this views (unset = owns it);
    # _flags: None or a dict of non-default flags (unset = defaults).
    __slots__ = ("_t", "_base", "_flags", "__weakref__")
    __array_priority__ = 100.0
    # False on user subclasses (class M(ndarray)): views/results of M are M. The shim's own
    # subclasses (FlipView) stay True: they are plain arrays to everything else.
    _plain_view = True

    def __new__(cls, shape, dtype=float, buffer=None, offset=0, strides=None, order=None):
        from ._creation import _ndarray_new
        res = _ndarray_new(cls, shape, dtype, buffer, offset, strides, order)
        if cls is ndarray:
            return res
        from ._subclass import new_from
        return new_from(cls, res)  # M(...) is an M, finalized with None as in NumPy

    def __init_subclass__(cls, /, **kwargs):
        # class M(ndarray): views, ufunc results and methods of M are M (see _subclass.py)
        super().__init_subclass__(**kwargs)
        if cls.__module__.partition(".")[0] != "numpy_shim":
            from ._subclass import prepare
            prepare(cls)

    # -- the tensor -------------------------------------------------------
    @property
    def tensor(self):
        """The underlying torch.Tensor (shared, not copied)."""
        return self._t

    # -- attributes -------------------------------------------------------
    @property
    def shape(self):
        return tuple(self._t.shape)

    @shape.setter
    def shape(self, value):
        from ._shape import _reshape_view_inplace
        _reshape_view_inplace(self, value)

    @property
    def ndim(self):
        return self._t.dim()

    @property
    def size(self):
        return self._t.numel()

    def __len__(self):
        if self._t.dim() == 0:
            raise TypeError("len() of unsized object")
        return self._t.shape[0]

    @property
    def dtype(self):
        return TORCH_TO_NP[self._t.dtype]

    @property
    def itemsize(self):
        return self._t.element_size()

    @property
    def nbytes(self):
        return self._t.numel() * self._t.element_size()

    @property
    def strides(self):
        t = self._t
        if t.numel() == 0 and getattr(self, "_base", None) is None:
            return (0,) * t.dim()  # NumPy allocates empty arrays with zero strides
        es = t.element_size()
        return tuple(s * es for s in t.stride())

    @property
    def device(self):
        return self._t.device

    @property
    def base(self):
        return getattr(self, "_base", None)

    @property
    def flags(self):
        return _Flags(self)

    @property
    def T(self):
        return self.transpose()

    @property
    def mT(self):
        if self.ndim < 2:
            raise ValueError("matrix transpose with ndim < 2 is undefined")
        return _view(self, self._t.transpose(-1, -2))

    @property
    def real(self):
        t = self._t
        if t.is_complex():
            return _view(self, torch.view_as_real(t)[..., 0])
        return self

    @real.setter
    def real(self, value):
        self.real[...] = value

    @property
    def imag(self):
        t = self._t
        if t.is_complex():
            return _view(self, torch.view_as_real(t)[..., 1])
        res = _wrap(torch.zeros_like(t))
        res._flags = {"writeable": False}
        return res

    @imag.setter
    def imag(self, value):
        if not self._t.is_complex():
            raise TypeError("array does not have imaginary part to set")
        self.imag[...] = value

    @property
    def flat(self):
        from ._flatiter import flatiter
        return flatiter(self)

    @flat.setter
    def flat(self, value):
        from ._flatiter import flatiter
        flatiter(self)[...] = value

    @property
    def data(self):
        return memoryview(self.__array__())

    @property
    def __array_interface__(self):
        # the host memory as NumPy describes it (CPU arrays share it, no copy)
        return self.__array__().__array_interface__

    def setflags(self, /, write=None, align=None, uic=None):
        """Set the WRITEABLE flag (``align`` is ignored: torch memory is always aligned)."""
        if uic:
            raise ValueError("cannot set WRITEBACKIFCOPY flag to True")
        if write is not None:
            self.flags.writeable = write

    # -- conversions ------------------------------------------------------
    def __array__(self, /, dtype=None, copy=None):
        t = self._t
        if t.device.type != "cpu" and copy is False:
            raise ValueError(f"cannot view a {t.device} array as numpy without a copy")
        a = _scalars.host_numpy(t)
        if dtype is not None and np.dtype(dtype) != a.dtype:
            if copy is False:
                raise ValueError("Unable to avoid copy while creating an array as requested.")
            return a.astype(dtype)
        flags = getattr(self, "_flags", None)
        if flags and not flags.get("writeable", True) and not copy:
            a = a.view()
            a.flags.writeable = False  # a read-only shim array gives a read-only view
        if copy:
            return a.copy()
        return a

    def __bool__(self, /):
        if self._t.numel() != 1:
            raise ValueError(
                "The truth value of an array with more than one element is ambiguous. "
                "Use a.any() or a.all()"
                if self._t.numel() > 1
                else "The truth value of an empty array is ambiguous. Use `array.size > 0` "
                "to check that an array is not empty."
            )
        return bool(_scalars.item(self._t, "bool()"))

    def _scalar_convert(self, kind, name):
        if self._t.dim() > 0:
            raise TypeError("only 0-dimensional arrays can be converted to Python scalars")
        # through the Python value, so float(complex array) raises TypeError as in NumPy
        return kind(self.item_for(name).item())

    def item_for(self, name):
        return _scalars.to_numpy_scalar(self._t, self.dtype, name)

    def __int__(self, /):
        return self._scalar_convert(int, "int()")

    def __float__(self, /):
        return self._scalar_convert(float, "float()")

    def __complex__(self, /):
        return self._scalar_convert(complex, "complex()")

    def __index__(self, /):
        if self._t.dim() == 0 and not self._t.is_floating_point() and not self._t.is_complex() \
                and self._t.dtype is not torch.bool:
            return int(self.item_for("operator.index()"))
        raise TypeError("only integer scalar arrays can be converted to a scalar index")

    def __iter__(self):
        if self._t.dim() == 0:
            raise TypeError("iteration over a 0-d array")
        for i in range(self._t.shape[0]):
            yield self[i]

    def __format__(self, /, spec):
        if self._t.dim() == 0:
            return format(self.item_for("format()"), spec)
        if spec:
            raise TypeError("unsupported format string passed to numpy.ndarray.__format__")
        return str(self)

    def __repr__(self):
        from ._printing import array_repr
        return array_repr(self)

    def __str__(self):
        from ._printing import array_str
        return array_str(self)

    __hash__ = None

    def __copy__(self, /):
        return self.copy(order="K")  # NumPy's __copy__ keeps the layout

    def __deepcopy__(self, /, memo):
        return self.copy(order="K")

    def __reduce_ex__(self, /, protocol):
        # NumPy pickles the data: in-band, or out-of-band (protocol 5 buffer_callback)
        # sharing this array's memory, exactly as it would for its own array.
        return (_rebuild, (self.__array__(), str(self._t.device)))

    def __sizeof__(self):
        return object.__sizeof__(self) + self.nbytes

    def tolist(self, /):
        return self.__array__().tolist() if self._t.dim() else self.item()

    def item(self, *args):
        """The element as a Python scalar (flat index, or one index per axis)."""
        t = self._t
        if len(args) == 1 and isinstance(args[0], tuple):
            args = args[0]
        if not args:
            if t.numel() != 1:
                raise ValueError("can only convert an array of size 1 to a Python scalar")
            t = t.reshape(())
        elif len(args) == 1:
            i, n = operator.index(args[0]), t.numel()
            if not -n <= i < n:
                raise IndexError(f"index {i} is out of bounds for size {n}")
            t = t.reshape(-1)[i]
        elif len(args) != t.dim():
            raise ValueError("incorrect number of indices for array")
        else:
            idx = tuple(operator.index(i) for i in args)
            for ax, (i, n) in enumerate(zip(idx, t.shape)):
                if not -n <= i < n:
                    raise IndexError(f"index {i} is out of bounds for axis {ax} with size {n}")
            t = t[idx]
        return _scalars.to_numpy_scalar(t, self.dtype, "item()").item()

    def to_device(self, device, /, *, stream=None):
        return _wrap(self._t.to(device))

    def __dlpack__(self, /, *, stream=None, max_version=None, dl_device=None, copy=None):
        t = _scalars.plain(self._t.detach())
        if max_version is None or max_version < (1, 0):
            return t.__dlpack__(stream=stream) if stream is not None else t.__dlpack__()
        return t.__dlpack__(stream=stream, max_version=max_version, dl_device=dl_device, copy=copy)

    def __dlpack_device__(self, /):
        return self._t.__dlpack_device__()


def _rebuild(a, device):
    from ._convert import asarray
    res = asarray(a)
    return res if device == "cpu" else res.to_device(device)


def _wrap(t):
    """A new ndarray owning tensor ``t``."""
    a = _new(ndarray)
    a._t = t
    return a


def _view(src, t):
    """A new array of ``src``'s type that views its memory through tensor ``t``."""
    cls = type(src)
    if cls is not ndarray and getattr(cls, "_plain_view", True):
        cls = ndarray
    a = _new(cls)
    a._t = t
    base = getattr(src, "_base", None)
    a._base = src if base is None else base
    flags = getattr(src, "_flags", None)
    if flags and not flags.get("writeable", True):
        a._flags = {"writeable": False}
    if (t.requires_grad or _peek_transform() is not None) and not _is_compiling():
        # writes under transforms may move the base to a new tensor (see _write.py);
        # registered views move with it, so reads through them see later writes
        from ._write import register_view
        register_view(a._base, a)
    if cls is not ndarray:
        from ._subclass import finalize
        finalize(a, src)  # NumPy: a view of a subclass array is of its type, finalized with it
    return a


_peek_transform = torch._C._functorch.peek_interpreter_stack
_is_compiling = torch.compiler.is_compiling


class _Flags:
    """The commonly read fields of ndarray.flags."""

    __slots__ = ("_a",)

    def __init__(self, a):
        self._a = a

    def _state(self):
        return (self.c_contiguous, self.f_contiguous, self.owndata, self.writeable, self.aligned,
                self.writebackifcopy)

    def __eq__(self, other):
        if not isinstance(other, _Flags):
            return NotImplemented
        return self._state() == other._state()

    __hash__ = None

    @property
    def c_contiguous(self):
        return self._a._t.is_contiguous()

    @property
    def f_contiguous(self):
        t = self._a._t
        return t.dim() <= 1 and t.is_contiguous() or t.permute(*range(t.dim() - 1, -1, -1)).is_contiguous()

    @property
    def contiguous(self):
        return self.c_contiguous

    @property
    def owndata(self):
        flags = getattr(self._a, "_flags", None)
        return getattr(self._a, "_base", None) is None and not (flags and flags.get("borrowed"))

    @property
    def writeable(self):
        flags = getattr(self._a, "_flags", None)
        return True if not flags else flags.get("writeable", True)

    @writeable.setter
    def writeable(self, value):
        flags = getattr(self._a, "_flags", None) or {}
        base = getattr(self._a, "_base", None)
        if value and (flags.get("locked") or (getattr(base, "_flags", None) or {}).get("locked")):
            raise ValueError("cannot set WRITEABLE flag to True of this array")
        flags = dict(getattr(self._a, "_flags", None) or {})
        flags["writeable"] = bool(value)
        self._a._flags = flags

    @property
    def aligned(self):
        return True

    @property
    def writebackifcopy(self):
        return False

    @property
    def fnc(self):
        return self.f_contiguous and not self.c_contiguous

    @property
    def forc(self):
        return self.f_contiguous or self.c_contiguous

    @property
    def behaved(self):
        return self.aligned and self.writeable

    @property
    def carray(self):
        return self.behaved and self.c_contiguous

    @property
    def farray(self):
        return self.behaved and self.fnc

    fortran = f_contiguous

    _KEYS = {"C_CONTIGUOUS": "c_contiguous", "C": "c_contiguous", "CONTIGUOUS": "c_contiguous",
             "F_CONTIGUOUS": "f_contiguous", "F": "f_contiguous", "FORTRAN": "f_contiguous",
             "OWNDATA": "owndata", "O": "owndata", "WRITEABLE": "writeable", "W": "writeable",
             "ALIGNED": "aligned", "A": "aligned", "WRITEBACKIFCOPY": "writebackifcopy",
             "X": "writebackifcopy", "FNC": "fnc", "FORC": "forc", "BEHAVED": "behaved",
             "B": "behaved", "CARRAY": "carray", "CA": "carray", "FARRAY": "farray", "FA": "farray"}

    def __getitem__(self, key):
        return getattr(self, self._KEYS[key.upper()])

    def __setitem__(self, key, value):
        setattr(self, self._KEYS[key.upper()], value)

    def __repr__(self):
        return "\n".join(
            f"  {k} : {getattr(self, v)}"
            for k, v in [("C_CONTIGUOUS", "c_contiguous"), ("F_CONTIGUOUS", "f_contiguous"),
                         ("OWNDATA", "owndata"), ("WRITEABLE", "writeable"),
                         ("ALIGNED", "aligned"), ("WRITEBACKIFCOPY", "writebackifcopy")]
        )
