"""``ndarray.flat``: a 1-D iterator over an array in C order, indexable and assignable."""
import math
import operator
import warnings

import numpy as np
import torch

from . import _scalars
from ._ndarray import ndarray, _wrap

_BAD = ("only integers, slices (`:`), ellipsis (`...`) and integer or boolean arrays are valid "
        "indices")


def _positions(ix, n, device, assign=False):
    """A flat index as ("int", i) or ("arr", int64 tensor of positions)."""
    if isinstance(ix, tuple):
        if len(ix) == 0:
            if assign:
                raise IndexError("Assigning to a flat iterator with a 0-D index is not supported")
            return "arr", torch.arange(n, device=device)
        if len(ix) > 1:
            raise IndexError(f"too many indices for flat iterator: flat iterator is 1-dimensional, "
                             f"but {len(ix)} were indexed")
        ix = ix[0]
    if ix is Ellipsis:
        return "arr", torch.arange(n, device=device)
    if isinstance(ix, slice):
        start, stop, step = ix.indices(n)
        return "arr", start + step * torch.arange(len(range(start, stop, step)), device=device)
    if isinstance(ix, flatiter):
        ix = ix.copy()
    elif type(ix).__name__ == "flatiter" and hasattr(ix, "base"):  # NumPy's own flatiter
        ix = np.asarray(ix)
        if ix.size == 0:
            ix = np.zeros(0, np.intp)
    if isinstance(ix, (bool, np.bool_)):
        warnings.warn("0-dimensional boolean index is deprecated for flat iterators",
                      DeprecationWarning, stacklevel=3)
        return "arr", torch.zeros(int(bool(ix)), dtype=torch.int64, device=device)
    if ix is None:
        raise IndexError(_BAD)
    if isinstance(ix, (int, np.integer)):
        i = int(ix)
        if not -n <= i < n:
            raise IndexError(f"index {i} is out of bounds for size {n}")
        return "int", i + n if i < 0 else i
    if isinstance(ix, ndarray):
        t = ix._t
    elif isinstance(ix, torch.Tensor):
        t = ix
    elif isinstance(ix, (list, np.ndarray)):
        arr = np.asarray(ix) if len(ix) else np.zeros(0, np.intp)
        if isinstance(ix, list) and arr.dtype == bool:
            raise IndexError("boolean indices for iterators are not supported")
        if arr.dtype.kind == "f" and isinstance(ix, list):
            warnings.warn("Invalid non-array indices for iterator objects are deprecated and will be "
                          "removed in a future version.", DeprecationWarning, stacklevel=3)
            arr = arr.astype(np.intp)
        if arr.dtype.kind not in "biu":
            raise IndexError(_BAD)
        t = torch.from_numpy(arr.astype(bool if arr.dtype == bool else np.int64)).to(device)
    else:
        try:
            return _positions(operator.index(ix), n, device, assign)
        except TypeError:
            raise IndexError(_BAD) from None
    if t.dtype is torch.bool:
        if t.numel() != n:
            raise IndexError(f"boolean index did not match indexed flat iterator of size {n}; "
                             f"size of boolean index is {t.numel()}")
        from ._index import _nonzero_cols
        return "arr", _nonzero_cols(t.reshape(-1), "Boolean-mask indexing of .flat")[0]
    if t.is_floating_point() or t.is_complex():
        raise IndexError(_BAD)
    t = t.to(torch.int64)
    if t.numel() and _scalars.is_plain(t):
        bad = (t >= n) | (t < -n)
        if bad.any():
            raise IndexError(f"index {int(t[bad][0])} is out of bounds for size {n}")
    return "arr", torch.where(t < 0, t + n, t)


class flatiter:
    """Flat iterator over an ndarray (``a.flat``)."""

    __slots__ = ("_a", "_i")

    def __init__(self, a):
        self._a = a
        self._i = 0

    @property
    def base(self):
        return self._a

    @property
    def index(self):
        return self._i

    @property
    def coords(self):
        return tuple(int(c) for c in np.unravel_index(self._i, self._a.shape)) if self._a.ndim else ()

    def __len__(self):
        return self._a.size

    def __iter__(self):
        return self

    def __next__(self):
        a = self._a
        if self._i >= a.size:
            raise StopIteration
        r = _scalars.result(a._t.reshape(-1)[self._i])
        self._i += 1
        return r

    def _flat(self):
        return self._a._t.reshape(-1)

    def __getitem__(self, ix):
        a = self._a
        kind, p = _positions(ix, a.size, a._t.device)
        flat = self._flat()
        if kind == "int":
            return _scalars.result(flat[p])
        return _wrap(flat[p])

    def __setitem__(self, ix, value):
        from ._index import value_tensor
        from ._write import write
        a = self._a
        t = a._t
        kind, p = _positions(ix, a.size, t.device, assign=True)
        v = value_tensor(value, t).reshape(-1)
        if kind == "int":
            p = torch.tensor([p], device=t.device)
        else:
            p = p.reshape(-1)
        k = p.numel()
        if k == 0 or v.numel() == 0:
            return
        # NumPy repeats the values cyclically to fill the selection
        if v.numel() < k:
            v = v.repeat(math.ceil(k / v.numel()))
        v = v[:k]
        if t.dim() == 0:
            write(a, v[-1].reshape(()))
            return
        from ._index import indexed_write
        indexed_write(a, v, torch.unravel_index(p, t.shape))

    def copy(self):
        return _wrap(self._flat().clone())

    def __array__(self, dtype=None, copy=None):
        return self.copy().__array__(dtype)

    def _cmp(op):
        def f(self, other):
            return op(self.copy(), other)
        return f

    __eq__ = _cmp(operator.eq)
    __ne__ = _cmp(operator.ne)
    __lt__ = _cmp(operator.lt)
    __le__ = _cmp(operator.le)
    __gt__ = _cmp(operator.gt)
    __ge__ = _cmp(operator.ge)
    __hash__ = None
    del _cmp
