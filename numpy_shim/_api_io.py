"""File input and output: loadtxt, genfromtxt, fromfile, fromregex, load, save, savez,
savez_compressed, savetxt.

Host I/O: NumPy's own readers and writers do the parsing and formatting (the file formats
are NumPy's), with shim arrays going in as NumPy arrays and numeric results coming back
as shim arrays (on the default device). Structured, string and masked results stay
NumPy's, as other data torch has no dtype for. These are not fallbacks (not counted).
"""
import functools
import inspect

import numpy as np

from ._fallback import _to_numpy, _from_numpy
from ._ndarray import ndarray
from ._protocols import array_function_like, like_call

__all__ = ["loadtxt", "genfromtxt", "fromfile", "fromregex", "load", "save", "savez",
           "savez_compressed", "savetxt"]


_NOT_DISPATCHED = {"loadtxt": ("quotechar",)}  # keywords NumPy's own like= call leaves out


def _reader(fn, full_signature=False):
    """NumPy's reader ``fn`` returning shim arrays, with ``like=`` (NEP 35) dispatch.

    ``full_signature``: NumPy's Python-level readers (loadtxt, genfromtxt) hand the other
    array type every keyword of their signature; its C-level ones only what was written."""
    @functools.wraps(fn)
    def read(*args, **kwargs):
        return _from_numpy(fn(*args, **kwargs))  # genfromtxt(usemask=True) stays numpy.ma
    read.__module__ = __name__
    if not full_signature:
        return array_function_like(read)
    sig = inspect.signature(fn)

    @functools.wraps(fn)
    def public(fname, *args, like=None, **kwargs):
        if like is None or type(like) is ndarray or type(like) is np.ndarray:
            return read(fname, *args, **kwargs)
        bound = sig.bind(fname, *args, **kwargs)
        bound.apply_defaults()
        rest = dict(bound.arguments)
        first = rest.pop(next(iter(sig.parameters)))
        rest.pop("like", None)
        for name in _NOT_DISPATCHED.get(fn.__name__, ()):
            rest.pop(name, None)
        return like_call(public, like, (first,), rest, exact=True)
    public.__module__ = __name__
    public._implementation = read
    return public


def _writer(fn):
    """NumPy's writer ``fn`` taking shim arrays."""
    @functools.wraps(fn)
    def write(*args, **kwargs):
        return fn(*_to_numpy(args), **_to_numpy(kwargs))
    write.__module__ = __name__
    return write


loadtxt = _reader(np.loadtxt, full_signature=True)
genfromtxt = _reader(np.genfromtxt, full_signature=True)
fromfile = _reader(np.fromfile)
fromregex = _reader(np.fromregex)
save = _writer(np.save)
savez = _writer(np.savez)
savez_compressed = _writer(np.savez_compressed)
savetxt = _writer(np.savetxt)


class NpzFile:
    """numpy.lib.npyio.NpzFile whose arrays come out as shim arrays (lazily, per key)."""

    def __init__(self, npz):
        self._npz = npz

    def __getitem__(self, key):
        return _from_numpy(self._npz[key])

    def __getattr__(self, name):  # files, zip, fid, allow_pickle, f, close, ...
        return getattr(self._npz, name)

    def __contains__(self, key):
        return key in self._npz

    def __iter__(self):
        return iter(self._npz)

    def __len__(self):
        return len(self._npz)

    def keys(self):
        return self._npz.keys()

    def values(self):
        return [self[k] for k in self._npz]

    def items(self):
        return [(k, self[k]) for k in self._npz]

    def get(self, key, default=None):
        return self[key] if key in self._npz else default

    def close(self):
        self._npz.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._npz.close()

    def __del__(self):
        pass  # NumPy's object closes itself

    def __repr__(self):
        return repr(self._npz)


@functools.wraps(np.load)
def load(*args, **kwargs):
    res = np.load(*args, **kwargs)
    if isinstance(res, np.lib.npyio.NpzFile):
        return NpzFile(res)
    out = _from_numpy(res)
    if isinstance(res, np.ndarray) and not res.flags.writeable and out is not res:
        out._flags = {"writeable": False}  # mmap_mode="r"; other memory maps are shared
    return out


load.__module__ = __name__
