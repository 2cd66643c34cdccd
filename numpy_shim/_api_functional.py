"""vectorize and piecewise: Python functions applied over array elements.

``vectorize`` follows numpy.vectorize (otypes, excluded, cache, signature with core
dimensions) but loops with shim operations: broadcast, index each element (or core
sub-array), call, stack. On plain eager arrays the function sees what NumPy hands it
(Python scalars from the elements, the first element as a NumPy scalar when the output
types are inferred) and the results are assembled by NumPy's own casting. On traced
arrays (grad, vmap, compile, other devices) each element is a 0-d shim array and the
results are stacked with torch, so the call is differentiable and vmappable.
"""
import builtins
import collections.abc
import re

import numpy as np
import torch

from . import _scalars
from ._convert import asarray, asanyarray, to_tensor
from ._ndarray import ndarray, _wrap

__all__ = ["vectorize", "piecewise"]

_DIMENSION_NAME = r"\w+"
_CORE_DIMENSION_LIST = f"(?:{_DIMENSION_NAME}(?:,{_DIMENSION_NAME})*)?"
_ARGUMENT = rf"\({_CORE_DIMENSION_LIST}\)"
_ARGUMENT_LIST = f"{_ARGUMENT}(?:,{_ARGUMENT})*"
_SIGNATURE = f"^{_ARGUMENT_LIST}->{_ARGUMENT_LIST}$"


def _parse_gufunc_signature(signature):
    """``"(m,n),(n)->(m)"`` -> ([("m", "n"), ("n",)], [("m",)])."""
    signature = re.sub(r"\s+", "", signature)
    if not re.match(_SIGNATURE, signature):
        raise ValueError(f"not a valid gufunc signature: {signature}")
    return tuple([tuple(re.findall(_DIMENSION_NAME, arg))
                  for arg in re.findall(_ARGUMENT, arg_list)]
                 for arg_list in signature.split("->"))


def _update_dim_sizes(dim_sizes, shape, core_dims):
    if not core_dims:
        return
    n = len(core_dims)
    if len(shape) < n:
        raise ValueError("%d-dimensional argument does not have enough dimensions for all "
                         "core dimensions %r" % (len(shape), core_dims))
    for dim, size in zip(core_dims, shape[len(shape) - n:]):
        if dim in dim_sizes:
            if size != dim_sizes[dim]:
                raise ValueError("inconsistent size for core dimension %r: %r vs %r"
                                 % (dim, size, dim_sizes[dim]))
        else:
            dim_sizes[dim] = size


def _otype(dtype):
    dtype = np.dtype(dtype)
    return dtype.char if dtype.char in "SU" else dtype


def _is_plain(x):
    return not isinstance(x, ndarray) or _scalars.is_plain(x._t)


def _host(x):
    """An argument as NumPy sees it (shim arrays as NumPy arrays, others untouched)."""
    return x.__array__() if isinstance(x, ndarray) else x


def _to_shim(x):
    """A NumPy result back as a shim array when torch can hold it."""
    if isinstance(x, np.ndarray) and x.dtype.kind in "biufc" and x.dtype.byteorder in "=|":
        return asarray(x)
    return x


def _numpy_only(args, otypes):
    """True when an argument or output type is data torch has no dtype for."""
    if otypes is not None and builtins.any(np.dtype(t).kind not in "biufc" for t in otypes):
        return True
    for a in args:
        if isinstance(a, (str, bytes)):
            return True
        if isinstance(a, (np.ndarray, np.generic)) and a.dtype.kind not in "biufc":
            return True
        if isinstance(a, (list, tuple)) and not isinstance(a, ndarray):
            try:
                if np.asarray(a).dtype.kind not in "biufc":
                    return True
            except ValueError:
                return True
    return False


def _user_subclass(t):
    from ._flipview import FlipView
    return issubclass(t, ndarray) and t is not ndarray and t is not FlipView


def _subclass_of(args):
    """The ndarray subclass NumPy's loop would wrap outputs in (highest priority), or None."""
    best = None
    for a in args:
        t = type(a)
        if _user_subclass(t) and (best is None or getattr(t, "__array_priority__", 0.0) >
                                  getattr(best, "__array_priority__", 0.0)):
            best = t
    return best


def _as_type(r, cls):
    if isinstance(r, ndarray) and cls is not None and _user_subclass(cls) and type(r) is not cls:
        return r.view(cls)
    return r


def _dtype_of(x):
    return x.dtype if isinstance(x, ndarray) else np.asarray(x).dtype


class vectorize:
    """numpy.vectorize over shim arrays; also works under numpy_shim.transforms."""

    def __init__(self, pyfunc=np._NoValue, otypes=None, doc=None, excluded=None, cache=False,
                 signature=None):
        if pyfunc is not np._NoValue and not callable(pyfunc):
            raise TypeError("When used as a decorator, only accepts keyword arguments.")
        self.pyfunc = pyfunc
        self.cache = cache
        self.signature = signature
        if pyfunc is not np._NoValue and hasattr(pyfunc, "__name__"):
            self.__name__ = pyfunc.__name__
        self._doc = None
        self.__doc__ = doc
        if doc is None and hasattr(pyfunc, "__doc__"):
            self.__doc__ = pyfunc.__doc__
        else:
            self._doc = doc
        if isinstance(otypes, str):
            for char in otypes:
                if char not in np.typecodes["All"]:
                    raise ValueError(f"Invalid otype specified: {char}")
        elif np.iterable(otypes):
            otypes = [_otype(x) for x in otypes]
        elif otypes is not None:
            raise ValueError("Invalid otype specification")
        self.otypes = otypes
        self.excluded = set() if excluded is None else set(excluded)
        self._in_and_out_core_dims = (None if signature is None
                                      else _parse_gufunc_signature(signature))

    def _init_stage_2(self, pyfunc, *args, **kwargs):
        self.__name__ = pyfunc.__name__
        self.pyfunc = pyfunc
        self.__doc__ = pyfunc.__doc__ if self._doc is None else self._doc

    def __call__(self, *args, **kwargs):
        if self.pyfunc is np._NoValue:  # used as @vectorize(otypes=...)
            self._init_stage_2(*args, **kwargs)
            return self
        excluded = self.excluded
        if not kwargs and not excluded:
            func = self.pyfunc
            vargs = args
        else:
            # the element-wise call takes positional arguments only; excluded ones and
            # keywords are put back in place around it (NumPy's scheme)
            names = [n for n in kwargs if n not in excluded]
            inds = [i for i in range(len(args)) if i not in excluded]
            the_args = list(args)

            def func(*vargs):
                for n, i in enumerate(inds):
                    the_args[i] = vargs[n]
                kwargs.update(zip(names, vargs[len(inds):]))
                return self.pyfunc(*the_args, **kwargs)

            vargs = [args[i] for i in inds]
            vargs.extend([kwargs[n] for n in names])
        plain = builtins.all(_is_plain(a) for a in vargs)
        if plain and _numpy_only(vargs, self.otypes):
            # str/object/datetime data: torch cannot hold it, NumPy's own loop runs it
            res = np.vectorize(func, otypes=self.otypes, cache=self.cache,
                               signature=self.signature)(*vargs)
            return tuple(_to_shim(r) for r in res) if isinstance(res, tuple) else _to_shim(res)
        if self.signature is not None:
            return self._call_with_signature(func, vargs)
        if not vargs:
            return func()
        res = (self._call_host if plain else self._call_traced)(func, vargs)
        cls = _subclass_of(vargs)
        if cls is None:
            return res
        # NumPy's loop wraps its outputs in the inputs' subclass (__array_wrap__)
        return tuple(_as_type(r, cls) for r in res) if isinstance(res, tuple) else _as_type(res, cls)

    # -- element-wise, eager: NumPy's element types and casting ------------------
    def _first_call(self, func, firsts):
        outputs = func(*firsts)
        if self.cache:
            cache = [outputs]

            def call(*v):
                return cache.pop() if cache else func(*v)
        else:
            call = func
        if not isinstance(outputs, tuple):
            outputs = (outputs,)
        return call, [_dtype_of(o).char for o in outputs]

    def _call_host(self, func, args):
        arrays = [np.asarray(_host(a)) for a in args]
        if self.otypes is not None:
            otypes = list(self.otypes)
            call = func
        else:
            if builtins.any(a.size == 0 for a in arrays):
                raise ValueError("cannot call `vectorize` on size 0 inputs unless `otypes` is set")
            call, otypes = self._first_call(func, [a.flat[0] for a in arrays])
        nout = len(otypes)
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
        # NumPy's loop runs over object arrays: the function sees Python scalars
        columns = [np.broadcast_to(a.astype(object), shape).ravel() for a in arrays]
        results = [np.empty(len(columns[0]) if columns else 1, dtype=object) for _ in range(nout)]
        n = int(np.prod(shape, dtype=np.int64))
        for i in range(n):
            out = call(*(c[i] for c in columns))
            if nout == 1:
                results[0][i] = out
            else:
                if not isinstance(out, tuple) or len(out) != nout:
                    raise ValueError(f"function returned {type(out).__name__}, "
                                     f"expected a tuple of {nout} outputs")
                for r, v in zip(results, out):
                    r[i] = v
        res = tuple(_to_shim(np.asanyarray(r.reshape(shape), dtype=t))
                    for r, t in zip(results, otypes))
        return res[0] if nout == 1 else res

    # -- element-wise, traced: 0-d shim arrays, results stacked -------------------
    def _call_traced(self, func, args):
        from ._shape import broadcast_arrays
        arrays = broadcast_arrays(*(asanyarray(a) for a in args))
        shape = arrays[0].shape
        flat = [a.reshape(-1) for a in arrays]
        n = flat[0].shape[0]
        if self.otypes is not None:
            otypes = list(self.otypes)
            call = func
        else:
            if n == 0:
                raise ValueError("cannot call `vectorize` on size 0 inputs unless `otypes` is set")
            call, otypes = self._first_call(func, [f[0] for f in flat])
        nout = len(otypes)
        columns = [[] for _ in range(nout)]
        for i in range(n):
            out = call(*(f[i] for f in flat))
            out = (out,) if nout == 1 else out
            for col, v, t in zip(columns, out, otypes):
                col.append(to_tensor(asarray(v).astype(t)))
        dev = arrays[0]._t.device
        res = tuple(_wrap(torch.stack(c).reshape(shape) if c else
                          torch.empty(shape, dtype=to_tensor(np.empty(0, t)).dtype, device=dev))
                    for c, t in zip(columns, otypes))
        return res[0] if nout == 1 else res

    # -- with a signature: core sub-arrays -----------------------------------------
    def _call_with_signature(self, func, args):
        from ._shape import broadcast_to
        input_core_dims, output_core_dims = self._in_and_out_core_dims
        if len(args) != len(input_core_dims):
            raise TypeError("wrong number of positional arguments: expected %r, got %r"
                            % (len(input_core_dims), len(args)))
        args = tuple(asanyarray(a) for a in args)
        dim_sizes = {}
        loop_shapes = []
        for a, core in zip(args, input_core_dims):
            _update_dim_sizes(dim_sizes, a.shape, core)
            loop_shapes.append(a.shape[:a.ndim - len(core)])
        broadcast_shape = np.broadcast_shapes(*loop_shapes)
        args = [broadcast_to(a, broadcast_shape + tuple(dim_sizes[d] for d in core))
                for a, core in zip(args, input_core_dims)]
        otypes = self.otypes
        nout = len(output_core_dims)
        columns = None
        out_dtypes = None
        for index in np.ndindex(*broadcast_shape):
            results = func(*(a[index] for a in args))
            n_results = len(results) if isinstance(results, tuple) else 1
            if nout != n_results:
                raise ValueError("wrong number of outputs from pyfunc: expected %r, got %r"
                                 % (nout, n_results))
            if nout == 1:
                results = (results,)
            results = [asanyarray(r) for r in results]
            if columns is None:
                for r, core in zip(results, output_core_dims):
                    _update_dim_sizes(dim_sizes, r.shape, core)
                out_dtypes = ([r.dtype for r in results] if otypes is None
                              else [np.dtype(t) for t in otypes])
                out_types = [type(r) for r in results]  # NumPy: empty_like(first result)
                columns = [[] for _ in range(nout)]
            for col, r, core, dt in zip(columns, results, output_core_dims, out_dtypes):
                core_shape = tuple(dim_sizes[d] for d in core)
                if r.shape != core_shape:
                    try:
                        r = broadcast_to(r, core_shape)
                    except ValueError:
                        raise ValueError(f"could not broadcast input array from shape "
                                         f"{r.shape} into shape {core_shape}") from None
                col.append(to_tensor(r.astype(dt)))
        if columns is None:  # the function was never called
            if otypes is None:
                raise ValueError("cannot call `vectorize` on size 0 inputs unless `otypes` is set")
            if builtins.any(d not in dim_sizes for dims in output_core_dims for d in dims):
                raise ValueError("cannot call `vectorize` with a signature including new output "
                                 "dimensions on size 0 inputs")
            from ._creation import empty
            outs = tuple(empty(broadcast_shape + tuple(dim_sizes[d] for d in core), dtype=t)
                         for core, t in zip(output_core_dims, otypes))
        else:
            outs = tuple(_as_type(_wrap(torch.stack(col).reshape(
                broadcast_shape + tuple(dim_sizes[d] for d in core))), cls)
                for col, core, cls in zip(columns, output_core_dims, out_types))
        return outs[0] if nout == 1 else outs


def piecewise(x, condlist, funclist, *args, **kw):
    """Evaluate a piecewise-defined function (NumPy's rules, shim arrays throughout).

    Each function is called on ``x[cond]`` as in NumPy when values can be read; under
    vmap/compile (a mask cannot select a data-dependent number of elements) each callable
    is applied to the whole of ``x`` and selected with ``where``, which gives the same
    values for element-wise functions.
    """
    import numpy_shim as snp
    x = asanyarray(x)
    n2 = len(funclist)
    if np.isscalar(condlist) or (
            not isinstance(condlist[0], (list, ndarray, np.ndarray)) and x.ndim != 0):
        condlist = [condlist]
    condlist = snp.asarray(condlist, dtype=bool)
    n = len(condlist)
    if n == n2 - 1:  # the "otherwise" condition
        condelse = ~snp.any(condlist, axis=0, keepdims=True)
        condlist = snp.concatenate([condlist, condelse], axis=0)
        n += 1
    elif n != n2:
        raise ValueError(f"with {n} condition(s), either {n} or {n + 1} functions are expected")
    y = snp.zeros_like(x)
    traced = not (_scalars.is_plain(x._t) and _scalars.is_plain(condlist._t))
    for cond, func in zip(condlist, funclist):
        if not isinstance(func, collections.abc.Callable):
            if traced:
                y = snp.where(cond, snp.asarray(func).astype(y.dtype), y)
            else:
                y[cond] = func
        elif traced:
            y = snp.where(cond, snp.asarray(func(x, *args, **kw)).astype(y.dtype), y)
        else:
            vals = x[cond]
            if vals.size > 0:
                y[cond] = func(vals, *args, **kw)
    return y
