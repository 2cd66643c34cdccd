"""NumPy's dispatch protocols: real numpy functions called on shim arrays run the shim's.

``numpy.sin(a)``, ``numpy.add.reduce(a)``, ``numpy.concatenate([a, b])``,
``numpy.mean(a)`` with a numpy_shim array among the arguments reach
``__array_ufunc__`` / ``__array_function__`` here and run numpy_shim's function
(torch ops, so they work under transforms too), returning numpy_shim arrays.
What the shim lacks runs in real NumPy through the counted fallback.
"""
import functools
import inspect

import numpy as np

from ._ndarray import ndarray
from . import _fallback

_METHODS = ("__call__", "reduce", "accumulate", "outer", "at", "reduceat")


def _shim_module():
    import numpy_shim
    return numpy_shim


def _lookup(func):
    """The shim function standing for numpy function ``func``, or None."""
    mod = _shim_module()
    name = func.__name__
    modname = getattr(func, "__module__", "numpy") or "numpy"
    for part in modname.split(".")[1:]:
        if part.startswith("_"):
            continue
        mod = getattr(mod, part, None)
        if mod is None:
            return None
    target = getattr(mod, name, None)
    if target is None or target is func or getattr(target, "__numpy_shim_fallback__", False):
        return None
    return target


def _foreign(types):
    """True when another array type that overrides NumPy takes part: it goes first."""
    for t in types:
        if issubclass(t, (ndarray, np.ndarray)):
            continue
        if getattr(t, "__array_function__", None) is not None or \
                getattr(t, "__array_ufunc__", None) is not None:
            return True
    return False


def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
    from ._ufunc_table import BY_NAME
    np_method = getattr(ufunc, method)  # NumPy's TypeError/AttributeError for a bad call
    if method not in _METHODS:
        return NotImplemented
    if _foreign(type(x) for x in inputs):
        return NotImplemented
    if _subclass.SEEN and _overridden(inputs, kwargs.get("out")):
        return NotImplemented  # NumPy: another override (a subclass's) is left to answer
    shim = BY_NAME.get(ufunc.__name__)
    if shim is not None and shim is ufunc:
        pass  # super().__array_ufunc__ from a subclass, called with the shim's own ufunc
    elif shim is None or shim._np is not ufunc:
        return _fallback.wrap_numpy_function(f"{ufunc.__name__}.{method}", np_method)(*inputs, **kwargs)
    fn = shim if method == "__call__" else getattr(shim, method)
    out = kwargs.get("out")
    if out is None:
        return fn(*inputs, **kwargs)
    outs = out if isinstance(out, tuple) else (out,)
    if any(o is not None and not isinstance(o, (ndarray, np.ndarray)) for o in outs):
        return NotImplemented
    if all(o is None or isinstance(o, ndarray) for o in outs):
        return fn(*inputs, **kwargs)
    # out= names real NumPy arrays: compute on the shim, then copy into them with the
    # casting rule NumPy's ufunc would have applied.
    kwargs = dict(kwargs)
    del kwargs["out"]
    casting = kwargs.get("casting", "same_kind")
    res = fn(*inputs, **kwargs)
    results = res if isinstance(res, tuple) else (res,)
    final = []
    for r, o in zip(results, outs):
        if o is None or isinstance(o, ndarray):
            if isinstance(o, ndarray):
                o[...] = r
                r = o
            final.append(r)
            continue
        host = r.__array__() if isinstance(r, ndarray) else np.asarray(r)
        if not np.can_cast(host.dtype, o.dtype, casting=casting):
            from numpy._core._exceptions import _UFuncOutputCastingError
            raise _UFuncOutputCastingError(ufunc, casting, host.dtype, o.dtype, len(final))
        np.copyto(o, host, casting="unsafe")
        final.append(o)
    return final[0] if len(final) == 1 else tuple(final)


def _overridden(inputs, out):
    outs = out if isinstance(out, tuple) else (out,)
    for x in (*inputs, *outs):
        if isinstance(x, ndarray) and type(x).__array_ufunc__ is not __array_ufunc__:
            return True
    return False


def __array_function__(self, func, types, args, kwargs):
    if not isinstance(args, tuple):
        raise TypeError("args must be a tuple.")
    if not isinstance(kwargs, dict):
        raise TypeError("kwargs must be a dict.")
    if _foreign(types):
        return NotImplemented
    impl = getattr(func, "_implementation", None)
    if impl is not None and getattr(func, "__module__", "").startswith("numpy_shim"):
        return impl(*args, **kwargs)  # a numpy_shim function dispatched here (like=, NEP 35)
    target = _lookup(func)
    if target is None:
        return _fallback.wrap_numpy_function(func.__name__, func)(*args, **kwargs)
    return target(*args, **kwargs)


def array_function_like(fn):
    """Give creation function ``fn`` NumPy's ``like=`` dispatch (NEP 35).

    ``f(..., like=ref)`` with ``ref`` of another array type calls that type's
    ``__array_function__`` with the public function, as NumPy does; a numpy_shim or
    NumPy array as ``ref`` changes nothing. ``fn`` itself must not need ``like``.
    """
    @functools.wraps(fn)
    def public(*args, like=None, **kwargs):
        if like is None or type(like) is ndarray or type(like) is np.ndarray:
            return fn(*args, **kwargs)
        return _dispatch_like(public, like, args, kwargs)
    public._implementation = fn
    return public


def like_call(public, like, args, kwargs, exact=False):
    """``public(*args, **kwargs, like=like)`` for a ``like`` of another array type: its
    ``__array_function__`` answers (NEP 35). Keywords left at their defaults are not
    passed on (NumPy's C functions pass what the caller wrote); ``exact``: all of
    ``kwargs`` are (NumPy's Python functions pass their whole signature)."""
    defaults = {} if exact else _DEFAULTS.get(public)
    if defaults is None:
        defaults = _DEFAULTS[public] = {
            k: p.default for k, p in inspect.signature(public).parameters.items()
            if p.default is not inspect.Parameter.empty}
    kwargs = {k: v for k, v in kwargs.items()
              if k not in defaults or not (v is defaults[k] or type(v) is type(defaults[k])
                                           and type(v) in (str, int, bool) and v == defaults[k])}
    # the namespace's object (numpy_shim.asarray is a partial of the function)
    pub = getattr(_shim_module(), public.__name__, None)
    if pub is not None and getattr(pub, "func", pub) is public:
        public = pub
    return _dispatch_like(public, like, args, kwargs)


_DEFAULTS = {}


def _dispatch_like(public, like, args, kwargs):
    impl = getattr(public, "_implementation", public)
    try:
        inspect.signature(impl).bind(*args, **kwargs)
    except TypeError as e:
        raise TypeError(f"{public.__name__}() {e}") from None  # NumPy checks arguments first
    method = getattr(type(like), "__array_function__", None)
    if method is None:
        raise TypeError("The `like` argument must be an array-like that implements the "
                        "`__array_function__` protocol.")
    res = method(like, public, (type(like),), args, kwargs)
    if res is NotImplemented:
        raise TypeError(f"no implementation found for 'numpy.{public.__name__}' on types that "
                        f"implement __array_function__: [{type(like)}]")
    return res


ndarray.__array_ufunc__ = __array_ufunc__
ndarray.__array_function__ = __array_function__

from . import _subclass  # noqa: E402  (view, __array_wrap__ for subclasses)
_subclass.install()
