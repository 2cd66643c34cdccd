"""ndarray subclasses: NumPy's ``__array_finalize__`` / ``__array_wrap__`` protocol.

``class M(numpy_shim.ndarray)`` works as a NumPy subclass does: views of an M are
M (``_ndarray._view`` keeps the type and calls ``__array_finalize__`` with the
parent), ``a.view(M)`` casts, ufuncs wrap their results with the ``__array_wrap__``
of the input with the highest ``__array_priority__``, and methods (copy, astype,
reductions, fancy indexing, ...) return M. Other objects with ``__array_wrap__`` /
``__array_ufunc__`` take part in ufunc calls as in NumPy. Plain arrays pay next to
nothing: the ufunc/operator fast paths never come here, the ufunc's general path asks
``involved`` (one dict lookup per operand type), and the method wrappers live on the
subclass itself, put there when it is created (``ndarray.__init_subclass__``).
"""
import functools
import warnings

import numpy as np
import torch

from ._ndarray import ndarray, _new

# The ufunc hook tests SEEN before anything else. Objects with __array_wrap__ or
# __array_ufunc__ take part without any subclass defined, so it is always on; it stays
# a switch to turn the protocol off in one place.
SEEN = True

_SCALAR_PRIORITY = -1000000.0  # NumPy's NPY_SCALAR_PRIORITY


def is_sub(x):
    """True for an instance of a user's ndarray subclass (not the shim's own FlipView)."""
    return not getattr(type(x), "_plain_view", True)


def finalize(new, obj):
    """Call ``type(new).__array_finalize__(new, obj)`` as NumPy does for a new subclass array."""
    fin = getattr(type(new), "__array_finalize__", None)
    if fin is None or fin is _base_finalize:
        return
    fin(new, obj)


def cast(arr, cls, obj):
    """``arr``'s memory as a ``cls`` instance (a view), finalized with ``obj`` (NumPy's
    PyArray_NewFromDescrAndBase(cls, ..., base=arr, obj=obj)). A real NumPy result (object
    or string data, computed by NumPy) is returned as it is: it cannot be a shim subclass."""
    if not isinstance(arr, ndarray):
        return arr
    base = getattr(arr, "_base", None)
    a = _retyped(arr, cls, arr if base is None else base)
    if cls is not ndarray:
        finalize(a, obj)
    return a


def _retyped(arr, cls, base):
    """A ``cls`` instance over ``arr``'s tensor, viewing ``base`` (None: owning), flags kept."""
    a = _new(cls)
    a._t = arr._t
    if base is not None:
        a._base = base
    flags = getattr(arr, "_flags", None)
    if flags:
        a._flags = dict(flags)
    return a


def new_from(cls, arr):
    """A fresh ``cls`` array owning ``arr``'s tensor, finalized with None (``ndarray.__new__``)."""
    if cls is ndarray or type(arr) is not ndarray:
        return arr
    a = _retyped(arr, cls, getattr(arr, "_base", None))
    finalize(a, None)
    return a


def base_view(x):
    """A plain ndarray over subclass array ``x``'s memory (its own type otherwise)."""
    return cast(x, ndarray, None) if is_sub(x) else x


def like_result(res, proto, subok):
    """A ``*_like`` result: of ``proto``'s subclass when ``subok`` (NumPy's default)."""
    if subok and type(res) is ndarray and is_sub(proto):
        return cast(res, type(proto), proto)
    return res


# -- __array_wrap__ ---------------------------------------------------------

def array_wrap(self, array, context=None, return_scalar=False, /):
    """``ndarray.__array_wrap__``: ``array`` as ``type(self)`` (a scalar for 0-d when
    ``return_scalar`` and ``self`` is a base-class array)."""
    if not isinstance(array, ndarray):
        from ._convert import asarray
        array = asarray(array)  # a real NumPy result coming back to the shim
    if not is_sub(self):
        if return_scalar and isinstance(array, ndarray) and array.ndim == 0:
            return array.__array__()[()]
        return array
    if type(array) is not type(self):
        return cast(array, type(self), self)
    return array


def _priority(x):
    """NumPy's priority of an input: 0 for base arrays, the scalar priority for scalars,
    ``__array_priority__`` otherwise (the shim's class value counts as NumPy's 0.0)."""
    p = getattr(x, "__array_priority__", 0.0)
    if isinstance(x, ndarray) and p == ndarray.__array_priority__ and \
            _own_priority(type(x)) is None:
        return 0.0
    return float(p)


def _own_priority(cls):
    for k in cls.__mro__:
        if k is ndarray:
            return None
        if "__array_priority__" in k.__dict__:
            return k.__dict__["__array_priority__"]
    return None


def find_wrap(inputs):
    """The ``__array_wrap__`` NumPy's ufuncs would use for ``inputs`` (None: no wrapping)."""
    wrap, priority = None, None
    for x in inputs:
        t = type(x)
        if t is ndarray or t is np.ndarray or isinstance(x, ndarray) and not is_sub(x):
            if priority is None or priority < 0.0:
                wrap, priority = None, 0.0
        elif isinstance(x, (int, float, complex, bool, np.generic)):
            if priority is None or priority < _SCALAR_PRIORITY:
                wrap, priority = None, _SCALAR_PRIORITY
        else:
            w = getattr(x, "__array_wrap__", None)
            if w is None:
                continue
            p = _priority(x)
            if priority is None or priority < p or (p == 0 and wrap is None):
                wrap, priority = w, p
    return wrap


def apply_wrap(wrap, res, context, return_scalar):
    """Call ``wrap`` on result ``res`` as NumPy does: ``(arr, context, return_scalar)``,
    else the legacy ``(arr, context)`` / ``(arr)`` with NumPy's DeprecationWarning."""
    try:
        return wrap(res, context, return_scalar)
    except TypeError:
        pass
    if context is not None:
        try:
            r = wrap(res, context)
        except TypeError:
            pass
        else:
            _warn_legacy_wrap()
            return r
    r = wrap(res)
    _warn_legacy_wrap()
    return r


def _warn_legacy_wrap():
    warnings.warn("__array_wrap__ must accept context and return_scalar arguments (positionally) "
                  "in the future. (Deprecated NumPy 2.0)", DeprecationWarning, stacklevel=4)


# -- ufuncs -----------------------------------------------------------------

def involved(args, out):
    """True when a ufunc call has an operand that takes part in NumPy's override/wrap
    protocol: a subclass array, or another object with ``__array_ufunc__``/``__array_wrap__``
    (one dict lookup per operand type)."""
    for x in args:
        p = _PARTS.get(type(x))
        if p is None:
            p = _takes_part(x)
        if p:
            return True
    if out is not None and out is not Ellipsis:
        for o in (out if type(out) is tuple else (out,)):
            if _takes_part(o):
                return True
    return False


_PLAIN_TYPES = frozenset((int, float, complex, bool, list, tuple, type(None)))
_PARTS = dict.fromkeys((ndarray, *_PLAIN_TYPES), False)  # type -> takes part (cache)


def _takes_part(x):
    t = type(x)
    p = _PARTS.get(t)
    if p is not None:
        return p
    if isinstance(x, ndarray):
        p = not getattr(t, "_plain_view", True)
    elif isinstance(x, (np.ndarray, np.generic, torch.Tensor)):
        p = False  # NumPy's own arrays (and subclasses), tensors: operands as before
    else:
        p = hasattr(t, "__array_ufunc__") or hasattr(t, "__array_wrap__")
    if len(_PARTS) < 4096:
        _PARTS[t] = p
    return p


def _override(x):
    """The ``__array_ufunc__`` that takes over a call with operand ``x`` (None: none)."""
    t = type(x)
    if isinstance(x, ndarray):
        m = getattr(t, "__array_ufunc__", None)
        return None if m is _base_ufunc else m
    if isinstance(x, (np.ndarray, np.generic, torch.Tensor)) or t in _PLAIN_TYPES:
        return None
    if not hasattr(t, "__array_ufunc__"):
        return None
    return getattr(t, "__array_ufunc__")


def _not_implemented(uf, args, kw):
    parts = [repr(uf), "'__call__'", *(repr(a) for a in args)]
    parts += [f"{k}={v!r}" for k, v in kw.items()]
    ops = list(args) + list(kw.get("out", ()) or ())
    return TypeError("operand type(s) all returned NotImplemented from __array_ufunc__("
                     + ", ".join(parts) + "): "
                     + ", ".join(repr(type(x).__name__) for x in ops))


def _overrides(uf, args, outs, out, kwargs):
    """NumPy's override step: each overriding type's ``__array_ufunc__``, subclasses
    before their parents; ``_NONE`` when no operand overrides."""
    found = []
    for x in (*args, *outs):
        t = type(x)
        if x is None or any(t is type(f) for f in found):
            continue
        m = _override(x)
        if m is None and hasattr(t, "__array_ufunc__") and not isinstance(x, ndarray) \
                and not isinstance(x, (np.ndarray, np.generic, torch.Tensor)) \
                and t not in _PLAIN_TYPES:
            raise TypeError(f"operand '{t.__name__}' does not support ufuncs "
                            "(__array_ufunc__=None)")
        if m is None:
            continue
        # a subclass goes before its parent class
        pos = len(found)
        for k, f in enumerate(found):
            if issubclass(t, type(f)):
                pos = k
                break
        found.insert(pos, x)
    if not found:
        return _NONE
    kw = {k: v for k, v in kwargs.items() if not _default_kw(k, v)}
    if outs:
        kw["out"] = tuple(outs)
    elif out is Ellipsis:
        kw["out"] = out
    for x in found:
        res = type(x).__array_ufunc__(x, uf, "__call__", *args, **kw)
        if res is not NotImplemented:
            return res
    raise _not_implemented(uf, args, kw)


_NONE = object()
_KW_DEFAULTS = {"where": True, "casting": "same_kind", "order": "K", "dtype": None,
                "subok": True, "signature": None}


def _default_kw(k, v):
    d = _KW_DEFAULTS.get(k, _NONE)
    return d is not _NONE and (v is d or type(v) is type(d) and v == d)


def _plain(x):
    """An operand without protocol methods: subclass arrays as plain views, other
    objects that take part through ``__array__``."""
    if isinstance(x, ndarray):
        return base_view(x)
    if _takes_part(x):
        from ._convert import asarray
        return asarray(x)
    return x


def keeps_subclass(fn, scalars=False):
    """``fn(a, ...)`` whose array results are of ``a``'s subclass, as NumPy's Python-level
    functions give (they work on ``asanyarray(a)``): computed on a plain view, each array
    result (also inside a tuple) cast to the subclass and finalized with ``a``. ``scalars``:
    a scalar result too becomes a 0-d subclass array (NumPy reaches it through the
    subclass's own reducing method)."""
    @functools.wraps(fn)
    def wrapper(a, *args, **kwargs):
        if not is_sub(a) or kwargs.get("out") is not None:
            return fn(a, *args, **kwargs)
        res = fn(base_view(a), *args, **kwargs)
        if type(res) is tuple:
            return tuple(cast(r, type(a), a) if type(r) is ndarray else r for r in res)
        if scalars and isinstance(res, np.generic):
            from ._convert import asarray
            res = asarray(res)
        return cast(res, type(a), a) if type(res) is ndarray else res
    return wrapper


def method_call(uf, inputs, out, compute):
    """A ufunc method (reduce, accumulate, reduceat, outer) with subclass operands: computed
    on plain views (an out= operand written through), then wrapped by the highest-priority
    input's ``__array_wrap__`` as NumPy's methods do (a 0-d result asks for a scalar)."""
    outs = out if type(out) is tuple else (out,)
    if not any(is_sub(x) for x in inputs) and not any(is_sub(o) for o in outs):
        return compute(inputs, out)
    plain = [_plain(x) for x in inputs]
    plain_out = None if out is None else tuple(None if o is None else base_view(o) for o in outs)
    res = compute(plain, plain_out if type(out) is tuple else (plain_out[0] if plain_out else None))
    if out is not None:
        return out
    wrap = find_wrap(inputs)
    if wrap is None:
        return res
    scalar = getattr(res, "ndim", 0) == 0
    if not isinstance(res, ndarray):
        from ._convert import asarray
        res = asarray(res)
    return apply_wrap(wrap, res, (uf, tuple(inputs), 0), scalar)


def ufunc_call(uf, args, out, kwargs):
    """``uf(*args, out=out, **kwargs)`` with operands that take part in NumPy's protocol:
    their ``__array_ufunc__`` overrides first, then the call on plain arrays, and NumPy's
    ``__array_wrap__`` of the highest-priority input (an ``out=`` operand's own wrap)."""
    nin, nout = uf.nin, uf.nout
    if not nin <= len(args) <= nin + nout:
        raise TypeError(f"{uf.__name__}() takes from {nin} to {nin + nout} positional arguments "
                        f"but {len(args)} were given")
    if len(args) > nin:
        if out is not None:
            raise TypeError("cannot specify 'out' as both a positional and keyword argument")
        out = args[nin:] + (None,) * (nin + nout - len(args))  # missing outputs: allocated
        args = args[:nin]
    elif type(out) is tuple and len(out) != nout:
        raise ValueError("The 'out' tuple must have exactly one entry per ufunc output")
    outs = () if out is None or out is Ellipsis else (out if type(out) is tuple else (out,))
    if outs and all(o is None for o in outs):
        outs, out = (), None
    res = _overrides(uf, args, outs, out, kwargs)
    if res is not _NONE:
        return res
    plain = [_plain(x) for x in args]
    subok = kwargs.get("subok", True)
    if outs:
        plain_out = tuple(base_view(o) for o in outs)  # written through: same memory
        plain_out = plain_out if type(out) is tuple else plain_out[0]
    else:
        plain_out = out
    res = uf(*plain, out=Ellipsis if out is None else plain_out, **kwargs)
    results = res if type(res) is tuple else (res,)
    wrap = find_wrap(args) if subok else None
    context_args = tuple(args) + tuple(outs)
    final = []
    for i, r in enumerate(results):
        o = outs[i] if i < len(outs) else None
        w = wrap
        scalar = out is not Ellipsis and getattr(r, "ndim", 0) == 0
        if o is not None:
            r, scalar = o, False  # the out= operand is the result; its own wrap applies
            t = type(o)
            w = None if t is ndarray or t is np.ndarray or not _takes_part(o) else \
                getattr(o, "__array_wrap__", None) or wrap
        if w is None:
            if scalar and isinstance(r, ndarray):
                r = r.__array__()[()]
            final.append(r)
        else:
            final.append(apply_wrap(w, r, (uf, context_args, i), scalar))
    return final[0] if len(final) == 1 else tuple(final)


# -- methods of a subclass --------------------------------------------------

# methods that reduce: a scalar result becomes a 0-d subclass array (NumPy wraps it)
_REDUCING = frozenset(("sum", "prod", "max", "min", "mean", "std", "var", "any", "all", "ptp",
                       "nansum", "nanmean"))
# left as they are: conversions, in-place methods, and what NumPy returns plain
_KEEP = frozenset((
    "__array__", "__array_wrap__", "__array_finalize__", "__array_ufunc__", "__array_function__",
    "__array_namespace__", "__array_interface__", "__new__", "__init__", "__init_subclass__",
    "__repr__", "__str__", "__format__", "__len__", "__iter__", "__bool__", "__int__", "__float__",
    "__complex__", "__index__", "__hash__", "__sizeof__", "__reduce__", "__reduce_ex__",
    "__setstate__", "__setitem__", "__delitem__", "__contains__", "__dlpack__",
    "__dlpack_device__", "__getattribute__", "__getattr__", "__setattr__", "__delattr__",
    "__class_getitem__", "__subclasshook__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__",
    "__ge__", "view", "tolist", "item", "item_for", "fill", "tobytes", "tofile", "dump", "dumps",
    "nonzero", "setflags", "sort", "partition", "resize", "put", "itemset", "setfield", "to_device",
    "_scalar_convert", "__copy__", "__deepcopy__", "__dir__",
))


def _method(name, fn):
    reducing = name in _REDUCING

    def method(self, /, *args, **kwargs):
        r = fn(self, *args, **kwargs)
        if type(r) is ndarray:
            return cast(r, type(self), self)
        if reducing and isinstance(r, np.generic) and kwargs.get("out") is None:
            from ._convert import asarray
            return cast(asarray(r), type(self), self)
        return r
    method.__name__ = method.__qualname__ = name
    method.__doc__ = fn.__doc__
    method.__numpy_shim_subclass__ = True
    return method


def _astype(fn):
    def astype(self, /, dtype, order="K", casting="unsafe", subok=True, copy=True):
        r = fn(self, dtype, order=order, casting=casting, subok=subok, copy=copy)
        if subok and type(r) is ndarray:
            return cast(r, type(self), self)
        if not subok and is_sub(r):
            return base_view(r)
        return r
    astype.__numpy_shim_subclass__ = True
    return astype


def _compare(name):
    from . import _operators
    ufname = {d: n for d, n, _ in _operators.COMPARE}[name[2:-2]]
    uf = _operators.U[ufname]
    base = getattr(ndarray, name)

    def compare(self, other):
        if _operators._foreign(other):
            return NotImplemented
        try:
            return uf(self, other)
        except TypeError:
            return base(self, other)  # NumPy's elementwise False for == without a common dtype
    compare.__name__ = name
    compare.__numpy_shim_subclass__ = True
    return compare


def _binary(name):
    """A binary operator that runs the ufunc (no plain-array fast path: it wraps results)."""
    from . import _operators
    dunder = name[2:-2]
    reflected = dunder.startswith("r") and dunder[1:] in _BINARY_NAMES
    ufname = _BINARY_NAMES[dunder[1:] if reflected else dunder]
    uf = _operators.U[ufname]

    if reflected:
        def op(self, other):
            if _operators._foreign(other):
                return NotImplemented
            return uf(other, self)
    else:
        def op(self, other):
            if _operators._foreign(other):
                return NotImplemented
            return uf(self, other)
    op.__name__ = name
    op.__numpy_shim_subclass__ = True
    return op


def _binary_names():
    from . import _operators
    return {entry[0]: entry[1] for entry in _operators.BINARY}


_BINARY_NAMES = None


def prepare(cls):
    """Give subclass ``cls`` NumPy's subclass behaviour (called by ``ndarray.__init_subclass__``)."""
    global _BINARY_NAMES
    cls._plain_view = False
    _PARTS.pop(cls, None)
    if _BINARY_NAMES is None:
        _BINARY_NAMES = _binary_names()
    for name, value in list(vars(ndarray).items()):
        if name in _KEEP or not callable(value) or isinstance(value, (type, staticmethod,
                                                                       classmethod)):
            continue
        if getattr(cls, name) is not value:
            continue  # the subclass (or a parent subclass) defines its own
        d = name[2:-2] if name.startswith("__") else None
        if d in _BINARY_NAMES or (d and d.startswith("r") and d[1:] in _BINARY_NAMES):
            setattr(cls, name, _binary(name))
        elif d and d.startswith("i") and d[1:] in _BINARY_NAMES:
            continue  # in-place: out=self, returned as it is
        elif name == "astype":
            setattr(cls, name, _astype(value))
        else:
            setattr(cls, name, _method(name, value))
    for name in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"):
        if getattr(cls, name) is getattr(ndarray, name):
            setattr(cls, name, _compare(name))
    if getattr(cls, "__repr__") is ndarray.__repr__:
        cls.__repr__ = _repr
    if getattr(cls, "__reduce_ex__") is ndarray.__reduce_ex__ and \
            getattr(cls, "__reduce__") is ndarray.__reduce__:
        cls.__reduce_ex__ = _reduce_ex
    if cls.__dict__.get("imag") is None and getattr(cls, "imag") is ndarray.__dict__["imag"]:
        cls.imag = _imag


def _imag_get(self):
    r = ndarray.imag.__get__(self)
    return cast(r, type(self), self) if type(r) is ndarray else r


_imag = property(_imag_get, ndarray.imag.__set__)


def _reduce_ex(self, protocol, /):
    """Pickle as NumPy pickles a subclass: the data and the class (rebuilt through
    ``ndarray.__new__``, so ``__array_finalize__`` sees None; the instance dict is not kept)."""
    _, args = ndarray.__reduce_ex__(self, protocol)
    return _rebuild, (type(self), *args)


def _rebuild(cls, data, device):
    from ._ndarray import _rebuild as rebuild_plain
    return new_from(cls, rebuild_plain(data, device))


_FAKE = {}


def _repr(self):
    """NumPy's repr of a subclass: the class name in place of ``array``."""
    from ._printing import array_repr
    from ._errors import DataDependentError
    name = type(self).__name__
    fake = _FAKE.get(name)
    if fake is None:
        fake = _FAKE[name] = type(name, (np.ndarray,), {})
    try:
        host = self.__array__()
    except DataDependentError:
        return array_repr(self)
    text = np.array_repr(host.view(fake))
    dev = self._t.device
    if dev.type != "cpu":
        text = text[:-1] + f", device='{dev}')"
    return text


# -- view -------------------------------------------------------------------

def view(self, /, dtype=None, type=None):
    """``a.view(dtype)``, ``a.view(M)``, ``a.view(dtype=..., type=M)``: the same memory,
    as another dtype and/or ndarray subclass (``M.__array_finalize__`` gets ``a``)."""
    cls_given = None
    if type is not None:
        if not (isinstance(type, _type) and issubclass(type, ndarray)):
            raise ValueError("Cannot specify output type as non-subtype of ndarray")
        cls_given = type
    if isinstance(dtype, _type) and issubclass(dtype, (ndarray, np.ndarray)):
        if cls_given is not None:
            raise ValueError("Cannot specify output type twice.")
        if not issubclass(dtype, ndarray):
            from ._fallback import fallback_array
            return fallback_array(self.__array__().view(dtype), "view")
        cls_given, dtype = dtype, None
    r = _base_view_method(base_view(self), dtype)
    if not isinstance(r, ndarray):
        return r
    cls = cls_given if cls_given is not None else _type(self) if is_sub(self) else None
    if cls is None or _type(r) is cls:
        return r  # a plain array (or the shim's own FlipView) viewed as itself
    return cast(r, cls, self)


_type = type


def install():
    """Put view and __array_wrap__ on ndarray (after _methods and _protocols, whose
    view/__array_ufunc__ this module builds on)."""
    global _base_finalize, _base_ufunc, _base_view_method
    _base_view_method = ndarray.view
    _base_finalize = ndarray.__array_finalize__
    _base_ufunc = ndarray.__array_ufunc__
    ndarray.view = view
    ndarray.__array_wrap__ = array_wrap


_base_finalize = None
_base_ufunc = None
_base_view_method = None
