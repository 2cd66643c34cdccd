"""einsum and einsum_path, with NumPy's parsing, errors, dtypes, views and out=.

The subscripts are parsed as NumPy's C ``einsum`` parses them (``_einsum_parse.py``).
What a call does is worked out once per (subscripts, operand shapes/strides/dtypes,
options) on meta tensors (``_plan``, cached) and run as ``torch.einsum`` over unique
labels (differentiable; diagonals and permutes, no as_strided). As NumPy does:

* one operand, no summed label and no ``out``: the result is a VIEW of the operand
  (``"ii->i"``, ``"ij->ji"``, ``"..."``); writes through it change the input;
* the loop dtype is ``result_type`` of the operands (or ``dtype=``), checked with
  ``casting`` (default 'safe'), and ``out`` gets the result cast under the same rule;
* integer and bool sums are exact modulo 2**bits: torch lacks small-int (and uint)
  matmul kernels, so they run in int64 and wrap back; float16 runs in float32;
* ``order='K'`` lays the result out as NumPy's iterator would (its axis sort).

With ``optimize`` set, NumPy's own ``einsum_path`` (run on shape-only stand-ins)
validates the call with its errors, and the operands are contracted pairwise in its
order, each step in NumPy's dtype for it (intermediates wrap and round as NumPy's do);
casting errors are then those of the matmul/multiply NumPy's steps call.
"""
import functools

import numpy as np
import torch

from . import _scalars
from ._convert import to_tensor, cast
from ._dtypes import TORCH_TO_NP, NP_TO_TORCH
from ._einsum_parse import (_split_operands, _parse, _single_view, _relabeling, _relabel,
                            _combined, _op_axes, _iter_shape, _k_order)
from ._flipview import FlipView
from ._ndarray import ndarray, _view, _wrap
from ._linalg_core import _back

__all__ = ["einsum", "einsum_path"]

_torch_einsum = torch._C._VariableFunctions.einsum  # torch.einsum without its Python layer

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CASTINGS = ("no", "equiv", "safe", "same_kind", "unsafe")


def _laid_out(r, order_axes):
    """``r`` with its memory in ``order_axes`` order (slowest first); no copy when it is."""
    expect, step = {}, 1
    for a in reversed(order_axes):
        expect[a] = step
        step *= r.shape[a]
    if all(r.shape[a] == 1 or r.stride(a) == expect[a] for a in order_axes):
        return r
    inv = [0] * len(order_axes)
    for i, a in enumerate(order_axes):
        inv[a] = i
    return r.permute(order_axes).contiguous().permute(inv)


# -- the contraction --------------------------------------------------------------------

def _work_dtype(dt):
    """The torch dtype the sums run in: int64 for every integer and bool, float32 for half."""
    if dt.kind in "biu":
        return torch.int64
    if dt == np.float16:
        return torch.float32
    return NP_TO_TORCH[dt]


def _to_work(t, tdt, wdt):
    """``t`` cast (as NumPy casts) to a step's dtype ``tdt``, in the dtype it computes in."""
    if t.dtype is not tdt:
        t = cast(t, tdt)
    if t.dtype is wdt:
        return t
    if t.dtype is torch.uint64:
        return t.view(torch.int64)  # products and sums wrap the same on the bit pattern
    return t.to(wdt)




def _check_casting(casting):
    if casting not in _CASTINGS:
        raise ValueError("casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' "
                         f"(got {casting!r})")


def _check_order(order):
    if order is None:
        return "K"
    key = order.upper() if isinstance(order, str) else None
    if key not in ("C", "F", "A", "K"):
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got {order!r})")
    return key


def einsum(*operands, out=None, optimize=False, **kwargs):
    """Einstein summation (string or interleaved sublist form), as NumPy computes it."""
    contractions = None
    if optimize is not False:
        bad = [k for k in kwargs if k not in ("dtype", "order", "casting")]
        if bad:
            raise TypeError(f"Did not understand the following kwargs: {bad}")
        # NumPy's own path finder validates the call (its errors, incl. RuntimeError for
        # an invalid explicit path) and says in which pairs NumPy contracts
        args = _path_args(operands)
        _, path = np.einsum_path(*args, optimize=optimize, einsum_call=True)
        contractions = tuple((tuple(c[0]), c[1]) for c in path)
        # ...and its parse is the one NumPy computes with ('...' summed when the output
        # omits it, sublist -1 read as 'Z'): run that explicit spelling
        from numpy._core.einsumfunc import _parse_einsum_input
        inp, outp, _ = _parse_einsum_input(args)
        str_form = isinstance(operands[0], (str, bytes))
        objs = list(operands[1:]) if str_form else list(operands[0:len(operands) // 2 * 2:2])
        subs = inp + "->" + outp
    else:
        for k in kwargs:
            if k not in ("dtype", "order", "casting"):
                raise TypeError(f"einsum() got an unexpected keyword argument '{k}'")
    dtype = kwargs.get("dtype")
    order = _check_order(kwargs.get("order", "K"))
    casting = kwargs.get("casting", "safe")
    _check_casting(casting)
    if dtype is not None:
        from ._dtypes import np_dtype
        dtype = np_dtype(dtype)
    if out is not None and not isinstance(out, (ndarray, np.ndarray)):
        raise TypeError("keyword parameter out must be an array for einsum")
    if contractions is None:
        subs, objs = _split_operands(operands)
    tensors = [to_tensor(x) for x in objs]
    metas = tuple((tuple(t.shape), t.stride(), t.dtype) for t in tensors)
    out_meta = None if out is None else (tuple(out.shape), out.dtype)
    p = _plan(subs, metas, out_meta, dtype, casting, "casting" in kwargs, order, contractions)
    if p.view is not None:
        t = tensors[0]
        v = _relabel(t, p.view)
        if isinstance(objs[0], ndarray) and not isinstance(objs[0], FlipView):
            # NumPy views the operand as a base-class array (einsum ensures arrays)
            from ._subclass import base_view
            v = _view(base_view(objs[0]), v)
        else:
            v = _wrap(v.clone())  # a view of a temporary (or of a copy NumPy never made)
        return _scalars.result(v._t) if v._t.dim() == 0 else v
    if out is not None and not out.flags.writeable:
        raise ValueError("output array is read-only" if p.matmul_last or contractions and
                         len(contractions[-1][0]) == 2 else
                         "operand array with iterator write flag set is read-only")
    return _run(p, tensors, out)


def _run(p, tensors, out):
    ready = []
    for t, (comb, shape, (tdt, wdt)) in zip(tensors, p.ops):
        if comb is not None:
            t = _relabel(t, comb)
        if t.dtype is not tdt or t.dtype is not wdt:
            t = _to_work(t, tdt, wdt)
        if shape is not None:
            t = t.expand(shape)
        ready.append(t)
    for inds, eq, shape, sdt, stdt, nxt in p.steps:
        taken = [ready[i] for i in inds]
        for i in sorted(inds, reverse=True):
            del ready[i]
        if taken[0].dtype is torch.int64 and taken[0].device.type != "cpu":
            r = _mul_sum_einsum(eq, taken)  # no integer matmul kernels off the CPU
        elif len(taken) <= 2:
            r = _torch_einsum(eq, taken)  # torch.einsum's Python layer only orders 3+ operands
        else:
            r = torch.einsum(eq, *taken)
        if r.shape != shape:
            r = r.expand(shape)
        if r.dtype is not stdt:
            r = _back(r, sdt)  # NumPy's dtype for this step: rounded, wrapped
        if nxt is not None and (r.dtype is not nxt[0] or r.dtype is not nxt[1]):
            r = _to_work(r, *nxt)
        ready.append(r)
    r = ready[0]
    if p.empty_sum:
        r = torch.zeros(r.shape, dtype=r.dtype, device=r.device)
    if out is not None:
        from ._write import write, out_dtype
        odt = out_dtype(out)
        if odt is not None:
            r = cast(r, odt)
        write(out, r)
        return out
    if p.layout is not None and r.stride() != p.strides:
        r = _laid_out(r, p.layout)
    elif r.dim() == 1 and not r.is_contiguous():
        r = r.contiguous()
    if r.dim() == 0 and not p.matmul_last:
        return _scalars.result(r)
    return _wrap(r)


def _mul_sum_einsum(eq, ops):
    """``eq`` (unique labels per operand) as broadcast products and a sum: exact for integers."""
    ins, out = eq.split("->")
    terms = ins.split(",")
    order = list(out) + sorted({c for t in terms for c in t} - set(out))
    r = None
    for t, term in zip(ops, terms):
        perm = sorted(range(len(term)), key=lambda i: order.index(term[i]))
        t = t.permute(perm) if perm else t
        placed = sorted(term, key=order.index)
        shape = [t.shape[placed.index(c)] if c in placed else 1 for c in order]
        t = t.reshape(shape)
        r = t if r is None else r * t
    if len(order) > len(out):
        r = r.sum(dim=tuple(range(len(out), len(order))))
    return r


class _Plan:
    """What an einsum call does, worked out once per (subscripts, operand layouts, options)."""
    __slots__ = ("view", "ops", "steps", "layout", "strides", "matmul_last", "empty_sum")


@functools.lru_cache(maxsize=512)
def _plan(subs, metas, out_meta, dtype, casting, casting_given, order, contractions):
    p = _Plan()
    p.view = None
    tensors = [torch.empty_strided(shape, stride, dtype=tdt, device="meta") for shape, stride, tdt in metas]
    op_labels, out_labels, nb = _parse(subs, tuple(len(m[0]) for m in metas))
    nop = len(tensors)
    if nop == 1 and out_meta is None:
        view = _single_view(tensors[0], op_labels[0], out_labels)
        if view is not None:
            p.view = _relabeling(op_labels[0], out_labels)
            return p
    views, labels, combs = [], [], []
    for i, (t, lab) in enumerate(zip(tensors, op_labels)):
        v, new = _combined(t, lab, i)
        combs.append(None if v is t else _relabeling(lab, new))
        views.append(v)
        labels.append(new)
    # iterator axes: output labels (broadcast axes numbered), then summed labels in order
    out_iter = []
    bpos = 0
    for c in out_labels:
        if c is None:
            out_iter.append(bpos)
            bpos += 1
        else:
            out_iter.append(c)
    nout = len(out_iter)
    summed = sorted({c for lab in labels for c in lab if c is not None} - set(out_labels))
    iter_labels = out_iter + summed
    axes = [_op_axes(lab, iter_labels) for lab in labels]
    out_shape = None if out_meta is None else out_meta[0]
    if out_shape is not None and len(out_shape) != nout:
        raise ValueError(f"out parameter does not have the correct number of dimensions, has "
                         f"{len(out_shape)} but should have {nout}")
    shape = _iter_shape(views, axes, out_shape, nout)
    # NumPy's loop dtype and casting checks (operands, then out)
    dts = [TORCH_TO_NP[m[2]] for m in metas]
    pair_last = contractions is not None and len(contractions[-1][0]) == 2
    if dtype is not None:
        dt = dtype
    elif out_meta is not None and not pair_last:
        dt = np.result_type(*dts, out_meta[1])  # NumPy's iterator: the common dtype with out's
    else:
        dt = np.result_type(*dts)
    _check_cast(dts, dt, casting, casting_given, contractions, views, labels, out_labels)
    if out_meta is not None:
        rule = casting
        if pair_last:
            # NumPy's last pairwise step (bmm_einsum) may store into out with
            # out[...] = ..., which does not check the casting rule
            rule = "unsafe"
        if not np.can_cast(dt, out_meta[1], casting=rule):
            raise TypeError(f"Iterator requested dtype could not be cast from {dt!r} to "
                            f"{out_meta[1]!r}, the operand {nop} dtype, according to the rule "
                            f"{casting!r}")
    # each operand on its iterator axes (labels renamed so broadcast axes line up)
    # each operand keeps its axis order; its labels are the iterator's (so broadcast axes
    # line up) and its size-1 axes are expanded to the iteration shape
    p.ops, ready_labels, sizes = [], [], []
    for v, ax, comb in zip(views, axes, combs):
        where = {a: i for i, a in enumerate(ax) if a >= 0}  # operand axis -> iterator axis
        lab = [iter_labels[where[a]] for a in range(v.dim())]
        full = [shape[where[a]] for a in range(v.dim())]
        sizes.append(dict(zip(lab, v.shape)))
        p.ops.append((comb, full if full != list(v.shape) else None))
        ready_labels.append(lab)
    # a sum over an empty label is 0 however the operands multiply (0 * inf is nan in
    # torch's order of products; NumPy multiplies nothing)
    p.empty_sum = 0 in shape[nout:] and 0 not in shape[:nout]
    path = contractions or ((tuple(range(nop)), subs),)
    p.steps, first, matmul = _steps(ready_labels, sizes, dts, dt if contractions is None else dtype,
                                    dict(zip(iter_labels, shape)), path, iter_labels[:nout])
    p.ops = [op + (w,) for op, w in zip(p.ops, first)]
    p.matmul_last = matmul and contractions is not None
    if out_meta is None and nout >= 2:
        if order == "A":
            order = "F" if all(_f_contiguous(t) for t in tensors) else "C"
        if order == "C":
            p.layout = list(range(nout))
        elif order == "F":
            p.layout = list(range(nout - 1, -1, -1))
        else:
            p.layout = _k_order(views, axes, nout)
        # the strides a result laid out so has (a cheap check before _laid_out's)
        strides, step = [0] * nout, 1
        for a in reversed(p.layout):
            strides[a] = step
            step *= shape[a]
        p.strides = tuple(strides)
    else:
        p.layout = p.strides = None
    return p


def _f_contiguous(t):
    return t.dim() <= 1 or t.permute(*range(t.dim() - 1, -1, -1)).is_contiguous()


def _check_cast(dts, dt, casting, casting_given, contractions, views, labels, out_labels):
    if contractions is not None and len(contractions) == 1 and len(dts) == 2:
        # NumPy runs this as one bmm_einsum step: a matmul (multiply when nothing is
        # contracted) with the casting given, else the ufunc's default
        rule = casting if casting_given else "same_kind"
        (va, la), (vb, lb) = zip(views, labels)
        shared = any(c is not None and c in lb and c not in out_labels and va.shape[la.index(c)] != 1
                     and vb.shape[lb.index(c)] != 1 for c in la)
        ufunc = np.matmul if shared else np.multiply
        # NumPy hands the pair over in its path's order ((1, 0) swaps them)
        for k, i in enumerate(contractions[0][0]):
            if not np.can_cast(dts[i], dt, casting=rule):
                from numpy._core._exceptions import _UFuncInputCastingError
                raise _UFuncInputCastingError(ufunc, rule, dts[i], dt, k)
        return
    for i, d in enumerate(dts):
        if not np.can_cast(d, dt, casting=casting):
            raise TypeError(f"Iterator operand {i} dtype could not be cast from {d!r} to "
                            f"{dt!r} according to the rule {casting!r}")


def _steps(labels, sizes, dts, dtype, full, contractions, out_labels):
    """torch.einsum equations contracting in NumPy's path order (one step without a path).

    Each step runs in NumPy's dtype for it (``dtype=``, else the result type of the pair),
    so with ``optimize`` the intermediates round and wrap as NumPy's do. A step is
    ``(inds, eq, shape, dtype, its torch dtype, the work dtype its consumer runs in)``.
    Also says whether NumPy's last step is a pairwise matmul (bmm_einsum with a label
    contracted whose size is not 1 in either operand): its 0-d result stays an array.
    """
    ops = [(lab, size, dt, ("op", i)) for i, (lab, size, dt) in enumerate(zip(labels, sizes, dts))]
    final = set(out_labels)
    steps, matmul, consumer = [], False, {}
    for n, (inds, *_rest) in enumerate(contractions):
        taken = [ops[i] for i in inds]
        for i in sorted(inds, reverse=True):
            del ops[i]
        if n == len(contractions) - 1:
            keep = list(out_labels)
        else:
            later = set(final)
            for o in ops:
                later.update(o[0])
            keep = []
            for o in taken:
                keep += [c for c in o[0] if c in later and c not in keep]
        matmul = False
        if len(taken) == 2:
            (la, sa, _, _), (lb, sb, _, _) = taken
            matmul = any(c in lb and c not in keep and sa[c] != 1 and sb[c] != 1 for c in la)
        names = {}
        for o in taken:
            for c in o[0]:
                names.setdefault(c, None)
        for c in keep:
            names.setdefault(c, None)
        if len(names) > 52:
            raise ValueError("einsum: too many distinct subscripts (torch allows 52)")
        letter = {c: _LETTERS[i] for i, c in enumerate(names)}
        eq = ",".join("".join(letter[c] for c in o[0]) for o in taken)
        eq += "->" + "".join(letter[c] for c in keep)
        sdt = dtype if dtype is not None else np.result_type(*[o[2] for o in taken])
        for o in taken:
            consumer[o[3]] = (NP_TO_TORCH[sdt], _work_dtype(sdt))
        steps.append([tuple(inds), eq, tuple(full[c] for c in keep), sdt, NP_TO_TORCH[sdt], None])
        size = {c: next((o[1][c] for o in taken if c in o[0] and o[1][c] != 1), 1) for c in keep}
        ops.append((keep, size, sdt, ("step", n)))
    for n, step in enumerate(steps):
        step[5] = consumer.get(("step", n))
    first = tuple(consumer[("op", i)] for i in range(len(labels)))
    return tuple(tuple(st) for st in steps), first, matmul


# -- einsum_path ----------------------------------------------------------------------

def _stand_in(x):
    """An object with ``x``'s shape and dtype and no data (einsum_path reads only those)."""
    if isinstance(x, ndarray):
        return np.broadcast_to(np.zeros((), x.dtype), x.shape)
    if isinstance(x, torch.Tensor):
        return np.broadcast_to(np.zeros((), TORCH_TO_NP.get(x.dtype, np.float64)), tuple(x.shape))
    return x


def _path_args(operands):
    """``operands`` with each array replaced by a shape-only NumPy stand-in."""
    ops = list(operands)
    if ops and isinstance(ops[0], (str, bytes)):
        ops[1:] = [_stand_in(x) for x in ops[1:]]
    else:
        n = len(ops) // 2 * 2
        ops[0:n:2] = [_stand_in(x) for x in ops[0:n:2]]
        # subscript lists given as shim arrays: plain lists (no dispatch back to us)
        ops[1::2] = [x.tolist() if isinstance(x, ndarray) else x for x in ops[1::2]]
        if len(ops) > n and isinstance(ops[n], ndarray):
            ops[n] = ops[n].tolist()
    return ops


def _numpy_path(operands, optimize, einsum_call=False):
    return np.einsum_path(*_path_args(operands), optimize=optimize, einsum_call=einsum_call)


def einsum_path(*operands, optimize="greedy", einsum_call=False):
    """NumPy's contraction order for an einsum (computed on the operands' shapes only)."""
    return _numpy_path(operands, optimize, einsum_call)
