"""compile and explain: NumPy programs through torch's compiler backends.

Design (see docs/architecture.md, "compile"): ``compile(f)`` traces ``f`` with
``make_fx`` on fake tensors into an FX graph of aten ops, hands that graph to a
torch.compile backend (inductor, aot_eager, eager or a callable), and caches the
compiled callable per input signature (tree structure, shapes, dtypes, strides,
devices, requires_grad, static Python values). Dynamo is not used to trace
numpy_shim's Python code: it graph-breaks on NumPy dtype objects and ufunc
resolution caches, which the fake-tensor trace simply runs.

Code that cannot be traced (a traced value read on the host: ``if x.sum() > 0``,
``print(x)``, a fallback to real NumPy, value-dependent output shapes) runs eagerly
for that signature, with the reason and the user's line recorded for ``explain``;
``fullgraph=True`` raises ``GraphBreakError`` instead.
"""
import functools
import os
import time
import traceback

import numpy
import torch
from torch.utils import _pytree as pytree

import numpy_shim
from numpy_shim._ndarray import ndarray, _wrap
from numpy_shim._errors import ShimError, DataDependentError, FallbackError
from numpy_shim import _scalars

__all__ = ["compile", "jit", "explain", "GraphBreakError", "ExplainReport"]

_Tensor = torch.Tensor
_is_wrapped = torch._C._functorch.is_functorch_wrapped_tensor
_SIMPLE = (ndarray, _Tensor, numpy.ndarray, bool, int, float, complex, str, type(None))


class GraphBreakError(ShimError, RuntimeError):
    """``compile(f, fullgraph=True)``: part of ``f`` cannot be captured in one graph."""


# -- where an error happened in the user's code -------------------------------------
def _lib_dirs():
    dirs = [os.path.dirname(numpy_shim.__file__), os.path.dirname(__file__),
            os.path.dirname(torch.__file__), os.path.dirname(numpy.__file__),
            os.path.dirname(os.__file__)]
    try:
        import numpy_shim.interop as interop
        dirs.append(os.path.dirname(interop.__file__))
    except ImportError:  # pragma: no cover
        pass
    return tuple(os.path.realpath(d) + os.sep for d in dirs)


_LIB_DIRS = None


def _user_line(tb):
    """'file:line: source' of the innermost traceback frame outside the libraries."""
    global _LIB_DIRS
    if _LIB_DIRS is None:
        _LIB_DIRS = _lib_dirs()
    found = None
    for fs in traceback.extract_tb(tb):
        fn = os.path.realpath(fs.filename)
        if fn.startswith(_LIB_DIRS) or fs.filename.startswith("<"):
            continue
        found = fs
    if found is None:
        return "<unknown>"
    return f"{found.filename}:{found.lineno}: {(found.line or '').strip()}"


def _trace_only(exc):
    """True for errors that mean 'not traceable', not 'wrong program'."""
    if isinstance(exc, (DataDependentError, FallbackError)):
        return True
    from torch._subclasses import fake_tensor
    kinds = (fake_tensor.DataDependentOutputException, fake_tensor.DynamicOutputShapeException,
             fake_tensor.UnsupportedOperatorException)
    try:
        from torch.fx.experimental.symbolic_shapes import GuardOnDataDependentSymNode
        kinds += (GuardOnDataDependentSymNode,)
    except ImportError:  # pragma: no cover
        pass
    return isinstance(exc, kinds)


def _reason(exc):
    first = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {first[0] if first else ''}"


# -- inputs ---------------------------------------------------------------------------
_NP_IN, _SHIM_IN, _TORCH_IN = 0, 1, 2


def _as_tensor(leaf):
    """(tensor, kind) for an array leaf, or (None, None) for a static value."""
    if isinstance(leaf, ndarray):
        return leaf._t, _SHIM_IN
    if isinstance(leaf, _Tensor):
        return leaf, _TORCH_IN
    if isinstance(leaf, (numpy.ndarray, numpy.generic)) and leaf.dtype.kind in "biufc":
        from numpy_shim._convert import to_tensor
        return to_tensor(leaf), _NP_IN
    return None, None


def _signature(leaves):
    """(cache key, rank key, tensors, input kinds); rank key forgets sizes and strides."""
    key, rank_key, tensors, kinds = [], [], [], set()
    for leaf in leaves:
        t, kind = _as_tensor(leaf)
        if t is None:
            # Python values are static: they may be axes, shapes or flags.
            try:
                hash(leaf)
            except TypeError:
                raise _Unsupported(leaf) from None  # e.g. a str array: runs eagerly
            k = (type(leaf), leaf)
            key.append(k)
            rank_key.append(k)
            continue
        kinds.add(kind)
        tensors.append(t)
        meta = (t.dtype, t.device, t.requires_grad)
        key.append((t.shape, t.stride(), meta))
        rank_key.append((t.dim(), meta))
    return tuple(key), tuple(rank_key), tensors, kinds


# -- cache entries ----------------------------------------------------------------------
class _Graph:
    """One traced and compiled graph."""

    __slots__ = ("gm", "fn", "out_spec", "out_slots", "n_ops", "trace_s", "compile_s", "guard",
                 "rebuild", "inputs")

    def __call__(self, tensors, transformed):
        if transformed:
            # torch.func's grad/vmap cannot enter compiled code (torch.compile refuses
            # them too); the graph of aten ops runs eagerly under the transform instead.
            return self.gm(*tensors)
        return self.fn(*tensors)


class _Eager:
    """A signature that runs eagerly, and why."""

    __slots__ = ("reason", "line", "verify")

    def __init__(self, reason, line, verify=False):
        self.reason = reason
        self.line = line
        self.verify = verify  # fullgraph: run eagerly first, so NumPy's own errors surface


class _Break:
    __slots__ = ("reason", "line", "signature")

    def __init__(self, reason, line, signature):
        self.reason, self.line, self.signature = reason, line, signature

    def __repr__(self):
        return f"Break(reason={self.reason!r}, line={self.line!r})"


def _redirect(fn):
    try:
        from ._redirect import redirect_numpy
    except ImportError:  # pragma: no cover
        return fn
    return redirect_numpy(fn)


def _backend_callable(backend, mode, options, dynamic):
    if backend == "inductor":
        # What torch.compile itself hands to Dynamo for backend="inductor".
        return torch._TorchCompileInductorWrapper(mode, options, dynamic)
    if callable(backend):
        return backend
    if mode is not None or options:
        raise ValueError("compile: mode= and options= are for backend='inductor'")
    return torch._dynamo.lookup_backend(backend)


def _make_fx(*args, **kwargs):
    from torch.fx.experimental.proxy_tensor import make_fx
    return make_fx(*args, **kwargs)


class Compiled:
    """``compile(f)``: call it like ``f``. ``cache_info()`` counts hits and compiles."""

    def __init__(self, fn, *, fullgraph=False, dynamic=None, backend="inductor", mode=None,
                 options=None, cache_size_limit=8):
        self._orig = fn
        self._fn = _redirect(fn)
        self.fullgraph = fullgraph
        self.dynamic = dynamic
        self.backend = backend
        self.mode = mode
        self.options = options
        self.cache_size_limit = cache_size_limit
        self._cache = {}        # exact signature -> _Graph | _Eager
        self._dynamic = {}      # rank signature -> [_Graph traced with symbolic shapes]
        self._seen_ranks = {}   # rank signature -> number of exact signatures seen
        self.breaks = []
        self.stats = {"hits": 0, "misses": 0, "compiles": 0, "eager_calls": 0,
                      "graph_calls_under_transform": 0}
        self.notes = []         # why some calls did not run compiled code (besides breaks)
        functools.update_wrapper(self, fn)

    def cache_info(self):
        return dict(self.stats, entries=len(self._cache) + sum(map(len, self._dynamic.values())))

    def graphs(self):
        return [e for e in self._cache.values() if isinstance(e, _Graph)] + \
            [g for gs in self._dynamic.values() for g in gs]

    # -- call ---------------------------------------------------------------------------
    # Inside an outer torch.compile, Dynamo graph-breaks around the call (disable) and the
    # cached compiled code runs as it is; Dynamo cannot follow numpy_shim's Python code.
    @torch.compiler.disable
    def __call__(self, *args, **kwargs):
        if not kwargs and all(isinstance(a, _SIMPLE) for a in args):
            leaves, treedef = args, len(args)  # the common case, without pytree's cost
        else:
            leaves, treedef = pytree.tree_flatten((args, kwargs))
        try:
            key, rank_key, tensors, kinds = _signature(leaves)
        except _Unsupported:
            return self._run_eager(args, kwargs, None)
        key = (treedef, torch.is_grad_enabled(), key)
        entry = self._cache.get(key)
        if entry is None:
            entry = self._find_dynamic(rank_key, treedef, tensors)
            if entry is not None:
                self._cache[key] = entry  # this exact signature is a plain hit from now on
        if entry is None:
            self.stats["misses"] += 1
            entry = self._build(key, rank_key, leaves, treedef, tensors)
        else:
            self.stats["hits"] += 1
        if isinstance(entry, _Eager):
            if not self.fullgraph:
                return self._run_eager(args, kwargs, kinds)
            if entry.verify:
                self._run_eager(args, kwargs, kinds)  # raises NumPy's error if the program is wrong
            raise _graph_break(self._orig, entry)
        transformed = any(_is_wrapped(t) for t in tensors) or torch.compiler.is_compiling()
        if transformed:
            self._note_transformed()
        if transformed:
            try:
                outs = entry(tensors, transformed)
            except RuntimeError as exc:
                # The graph replays the function's in-place writes on buffers the transform
                # did not batch (torch.func refuses those); the eager shim lifts such buffers.
                self._note_eager_under_transform(exc)
                return self._run_eager(args, kwargs, kinds)
        else:
            outs = entry(tensors, transformed)
        return _outputs(entry, outs, kinds)

    def _note_eager_under_transform(self, exc):
        note = ("under grad/vmap the traced graph could not replay an in-place write "
                f"({str(exc).splitlines()[0][:120]}); the function ran eagerly instead")
        if note not in self.notes:
            self.notes.append(note)

    def _note_transformed(self):
        self.stats["graph_calls_under_transform"] += 1
        if not self.notes:
            self.notes.append(
                "called under grad/vmap (or inside torch.compile): the traced graph of aten ops "
                "ran eagerly under the transform, since compiled code cannot run under torch.func")

    def _find_dynamic(self, rank_key, treedef, tensors):
        graphs = self._dynamic.get((treedef, torch.is_grad_enabled(), rank_key))
        if graphs:
            for g in graphs:
                if g.guard(tensors):
                    return g
        return None

    def _run_eager(self, args, kwargs, kinds):
        self.stats["eager_calls"] += 1
        kind = _caller_kind(kinds or set())
        if kind != _SHIM_IN:
            args, kwargs = pytree.tree_map(_to_shim, (args, kwargs))
            return pytree.tree_map(_shim_to_np if kind == _NP_IN else _shim_to_torch,
                                   self._fn(*args, **kwargs))
        return self._fn(*args, **kwargs)

    # -- tracing and compiling ---------------------------------------------------------
    def _build(self, key, rank_key, leaves, treedef, tensors):
        dyn_key = (key[0], key[1], rank_key)
        seen = self._seen_ranks.get(dyn_key, 0)
        self._seen_ranks[dyn_key] = seen + 1
        symbolic = self.dynamic is True or (self.dynamic is None and seen >= 1)
        if self.stats["compiles"] >= self.cache_size_limit:
            # Bounded like torch.compile's cache_size_limit: further signatures run eagerly.
            entry = _Eager(f"cache_size_limit ({self.cache_size_limit}) reached", "<none>")
            self.breaks.append(_Break(entry.reason, entry.line, key))
            self._cache[key] = entry
            return entry
        entry = self._trace(leaves, treedef, tensors, symbolic, key)
        if isinstance(entry, _Graph):
            if symbolic:
                self._dynamic.setdefault(dyn_key, []).append(entry)
            else:
                self._cache[key] = entry
        return entry

    def _trace(self, leaves, treedef, tensors, symbolic, key):
        fn = self._fn
        slots = [i for i, leaf in enumerate(leaves) if _as_tensor(leaf)[0] is not None]
        spec = {}

        def flat_fn(*ts):
            filled = list(leaves)
            for i, t in zip(slots, ts):
                filled[i] = _wrap(t)
            if type(treedef) is int:
                args, kwargs = filled, {}
            else:
                args, kwargs = pytree.tree_unflatten(filled, treedef)
            out_leaves, out_spec = pytree.tree_flatten(fn(*args, **kwargs))
            outs, kinds = [], []
            for leaf in out_leaves:
                if isinstance(leaf, ndarray):
                    outs.append(leaf._t)
                    kinds.append(None)
                elif isinstance(leaf, _Tensor):
                    outs.append(leaf)
                    kinds.append("tensor")
                else:
                    kinds.append(("const", leaf))
            spec["out"] = (out_spec, kinds)
            return tuple(outs)

        # Trace on detached stand-ins of the logical shape: inputs may be wrapped by
        # grad/vmap or require grad; the backend sees the real ones below.
        shapes = [_meta_of(t) for t in tensors]
        t0 = time.perf_counter()
        from torch._functorch.pyfunctorch import temporarily_clear_interpreter_stack
        try:
            # Trace outside any enclosing grad/vmap: their interpreters would otherwise
            # see the fake inputs and make_fx would record them as constants.
            with temporarily_clear_interpreter_stack(), _printing_breaks():
                stand_ins = [torch.empty_strided(m[0], m[1], dtype=m[2], device=m[3]) for m in shapes]
                gm = _make_fx(flat_fn, tracing_mode="symbolic" if symbolic else "fake",
                              _allow_non_fake_inputs=True)(*stand_ins)
        except Exception as exc:  # noqa: BLE001 - classified below
            return self._trace_failed(exc, key)
        trace_s = time.perf_counter() - t0
        g = _Graph()
        g.gm = gm
        g.out_spec = spec["out"][0]
        g.out_slots = spec["out"][1]
        g.rebuild = _rebuilder(g.out_spec)
        g.n_ops = sum(1 for n in gm.graph.nodes if n.op == "call_function")
        g.trace_s = trace_s
        g.inputs = ", ".join(f"{str(m[2]).replace('torch.', '')}[{','.join(map(str, m[0]))}]"
                             for m in shapes) + (" (symbolic shapes)" if symbolic else "")
        placeholders = [n.meta.get("val") for n in gm.graph.nodes if n.op == "placeholder"]
        g.guard = _guard(placeholders) if symbolic else None
        t0 = time.perf_counter()
        if any(_is_wrapped(t) for t in tensors):
            g.fn = gm  # compiled lazily on the first untransformed call
        else:
            examples = placeholders if symbolic else [t.detach().requires_grad_(t.requires_grad)
                                                      for t in tensors]
            g.fn = _backend_callable(self.backend, self.mode, self.options, self.dynamic)(gm, examples)
        g.compile_s = time.perf_counter() - t0
        self.stats["compiles"] += 1
        return g

    def _trace_failed(self, exc, key):
        reason, line = _reason(exc), _user_line(exc.__traceback__)
        entry = _Eager(reason, line, verify=True)
        if self.fullgraph:
            if _trace_only(exc):
                raise _graph_break(self._orig, entry) from exc
            # Perhaps a genuine error of the program: the eager run in __call__ raises
            # NumPy's exception, or GraphBreakError if it succeeds.
            return entry
        self.breaks.append(_Break(reason, line, key))
        self._cache[key] = entry
        return entry


def _graph_break(fn, entry):
    return GraphBreakError(
        f"compile(fullgraph=True): {getattr(fn, '__qualname__', fn)} cannot be captured in one "
        f"graph at {entry.line}\n  reason: {entry.reason}\n  Remove the host read (np.where "
        "instead of a branch, static sizes, no printing) or compile without fullgraph=True "
        "to run it eagerly.")


class _Unsupported(Exception):
    pass


class _printing_breaks:
    """While tracing, printing an array is a host read: the signature then runs eagerly,
    so the print happens on every call with real values (not once, at trace time)."""

    def __enter__(self):
        self.saved = ndarray.__repr__, ndarray.__str__
        ndarray.__repr__ = ndarray.__str__ = _print_traced

    def __exit__(self, *exc):
        ndarray.__repr__, ndarray.__str__ = self.saved


def _print_traced(self):
    from numpy_shim._errors import data_dependent
    raise data_dependent("printing an array", "printing outside the compiled function")


def _meta_of(t):
    """(size, stride, dtype, device) of ``t``, or of its logical view under grad/vmap."""
    stride = t.stride() if not _is_wrapped(t) else torch.empty(t.shape, device="meta").stride()
    return tuple(t.shape), stride, t.dtype, t.device


def _guard(placeholders):
    """A check that a symbolic graph's shape assumptions (e.g. sizes >= 2) hold for inputs."""
    env = next((p.fake_mode.shape_env for p in placeholders if hasattr(p, "fake_mode")), None)
    if env is None:
        return lambda tensors: True

    def guard(tensors):
        try:
            return env.evaluate_guards_for_args(placeholders, list(tensors))
        except Exception:  # noqa: BLE001 - an input the guards cannot read: no match, retrace
            return False
    return guard


def _to_shim(x):
    if isinstance(x, numpy.ndarray) and x.dtype.kind in "biufc" or isinstance(x, _Tensor):
        return numpy_shim.asarray(x)
    return x


def _shim_to_torch(x):
    if isinstance(x, ndarray):
        return x._t
    if isinstance(x, numpy.generic) and x.dtype.kind in "biufc":
        return torch.as_tensor(numpy.asarray(x))
    return x


def _shim_to_np(x):
    if isinstance(x, ndarray):
        return numpy.asarray(x)
    return x


def _caller_kind(kinds):
    """Shim arrays in -> shim out; else tensors -> tensors; else NumPy -> NumPy."""
    if _SHIM_IN in kinds or not kinds:
        return _SHIM_IN
    return _TORCH_IN if _TORCH_IN in kinds else _NP_IN


def _outputs(entry, outs, kinds):
    """Compiled tensors back into the function's output structure, in the caller's kind."""
    kind = _caller_kind(kinds)
    it = iter(outs)
    leaves = []
    for slot in entry.out_slots:
        if slot is None:
            t = next(it)
            if kind == _TORCH_IN:
                leaves.append(t)
            elif kind == _NP_IN and _scalars.is_plain(t):
                a = t.numpy()
                leaves.append(a[()] if a.ndim == 0 else a)
            elif t.dim() == 0:
                leaves.append(_scalars.result(t))  # a NumPy scalar when plain, as NumPy's reductions
            else:
                leaves.append(_wrap(t))
        elif slot == "tensor":
            leaves.append(next(it))
        else:
            leaves.append(slot[1])
    return entry.rebuild(leaves)


def _rebuilder(spec):
    """leaves -> the function's output structure; plain cases skip pytree's cost."""
    if spec.is_leaf():
        return lambda leaves: leaves[0]
    if spec.type is tuple and all(c.is_leaf() for c in spec.children()):
        return tuple
    return lambda leaves: pytree.tree_unflatten(leaves, spec)


def compile(f=None, *, fullgraph=False, dynamic=None, backend="inductor", mode=None, options=None,
            cache_size_limit=8):
    """Compile a NumPy function (numpy_shim or real numpy) with a torch.compile backend.

    Usable as ``@compile`` and ``@compile(...)``. Arrays in, arrays of the same kind out
    (NumPy in, NumPy out). See docs/compile.md.
    """
    if f is None:
        return functools.partial(compile, fullgraph=fullgraph, dynamic=dynamic, backend=backend,
                                 mode=mode, options=options, cache_size_limit=cache_size_limit)
    if not callable(f):
        raise TypeError(f"compile: expected a function, got {type(f).__name__}")
    return Compiled(f, fullgraph=fullgraph, dynamic=dynamic, backend=backend, mode=mode,
                    options=options, cache_size_limit=cache_size_limit)


jit = compile


class ExplainReport:
    """What ``compile`` did with one call: graphs, eager fallbacks and why, ops, times."""

    def __init__(self, name, backend, graphs, breaks, result, notes=()):
        self.name = name
        self.notes = list(notes)
        self.backend = backend
        self.graphs = [g.gm for g in graphs]
        self.graph_count = len(graphs)
        self.ops_per_graph = [g.n_ops for g in graphs]
        self.op_counts = [_op_counts(g.gm) for g in graphs]
        self.inputs = [g.inputs for g in graphs]
        self.breaks = [(b.reason, b.line) for b in breaks]
        self.break_count = len(breaks)
        self.trace_time_s = sum(g.trace_s for g in graphs)
        self.compile_time_s = self.trace_time_s + sum(g.compile_s for g in graphs)
        self.result = result

    @property
    def fully_compiled(self):
        return self.graph_count > 0 and not self.breaks

    def __repr__(self):
        lines = [f"explain({self.name}) with backend={self.backend!r}:",
                 f"  graphs: {self.graph_count}, eager fallbacks: {self.break_count}, "
                 f"compile time: {self.compile_time_s:.3f} s (trace {self.trace_time_s:.3f} s)"]
        for i, (n, counts) in enumerate(zip(self.ops_per_graph, self.op_counts)):
            top = ", ".join(f"{k} x{v}" if v > 1 else k for k, v in counts[:8])
            lines.append(f"  graph {i}: {n} ops ({top}{', ...' if len(counts) > 8 else ''})"
                         f"\n    inputs: {self.inputs[i]}")
        for reason, line in self.breaks:
            lines.append(f"  eager fallback at {line}\n    reason: {reason}")
        for note in self.notes:
            lines.append(f"  note: {note}")
        return "\n".join(lines)

    __str__ = __repr__


def _op_counts(gm):
    counts = {}
    for n in gm.graph.nodes:
        if n.op == "call_function":
            name = getattr(n.target, "__name__", str(n.target)).split(".")[0]
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda kv: -kv[1])


def explain(f, *, backend=None, **compile_kwargs):
    """``explain(f)(*args)``: run ``f`` as ``compile`` would and report what happened.

    ``f`` may be a plain or a compiled function; ``backend`` defaults to the compiled
    function's, or "eager" (tracing only, nothing slow).
    """
    if isinstance(f, Compiled):
        opts = dict(dynamic=f.dynamic, backend=f.backend, mode=f.mode, options=f.options,
                    cache_size_limit=f.cache_size_limit)
        fn = f._orig
    else:
        opts = dict(backend="eager")
        fn = f
    opts.update(compile_kwargs)
    if backend is not None:
        opts["backend"] = backend
    opts["fullgraph"] = False

    @functools.wraps(fn)
    def run(*args, **kwargs):
        c = Compiled(fn, **opts)
        res = c(*args, **kwargs)
        return ExplainReport(getattr(fn, "__qualname__", repr(fn)), opts["backend"], c.graphs(),
                             c.breaks, res, c.notes)
    return run
