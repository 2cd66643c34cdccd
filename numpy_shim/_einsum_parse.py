"""einsum's subscripts as NumPy's C parser reads them, and its iteration space.

``_parse`` follows ``einsum.c.src`` (parse_operand_subscripts, parse_output_subscripts)
with its ValueErrors word for word: repeated labels in one operand are merged into a
diagonal, unlabeled ``...`` axes (``None`` here) broadcast right-aligned, the implicit
output is the labels seen once in character order (uppercase first). The iteration
space is NumPy's too: output axes, then summed labels in order, each operand mapped on
it as ``prepare_op_axes`` maps it, and its broadcast errors and 'K' axis order are those
of NumPy's iterator.
"""
import functools
import operator

import numpy as np

# -- argument handling ----------------------------------------------------------------

def _sublist_to_str(sub):
    """One operand's subscripts list as NumPy's C einsum spells it (0 -> 'A', 26 -> 'a')."""
    try:
        items = list(sub)
    except TypeError:
        raise TypeError("the subscripts for each operand must be a list or a tuple") from None
    s, ellipsis = [], False
    for x in items:
        if x is Ellipsis:
            if ellipsis:
                raise ValueError("each subscripts list may have only one ellipsis")
            ellipsis = True
            s.append("...")
            continue
        if isinstance(x, (float, complex, str, bytes)) or isinstance(x, np.floating):
            raise TypeError("each subscript must be either an integer or an ellipsis")
        try:
            i = operator.index(x)
        except TypeError:
            raise TypeError("each subscript must be either an integer or an ellipsis") from None
        if not 0 <= i < 52:
            raise ValueError("subscript is not within the valid range [0, 52)")
        s.append(chr(ord("A") + i) if i < 26 else chr(ord("a") + i - 26))
    return "".join(s)


def _split_operands(operands):
    """(subscripts string, operand objects) from the string or the interleaved form."""
    if not operands:
        raise ValueError("must specify the einstein sum subscripts string and at least one "
                         "operand, or at least one operand and its corresponding subscripts list")
    first = operands[0]
    if isinstance(first, (str, bytes)):
        subs = first.decode("ascii") if isinstance(first, bytes) else first
        ops = list(operands[1:])
        if not ops:
            raise ValueError("must specify the einstein sum subscripts string and at least one "
                             "operand")
        return subs, ops
    nop = len(operands) // 2
    ops, terms = [], []
    for i in range(nop):
        ops.append(operands[2 * i])
        terms.append(_sublist_to_str(operands[2 * i + 1]))
    subs = ",".join(terms)
    if len(operands) == 2 * nop + 1:
        subs += "->" + _sublist_to_str(operands[2 * nop])
    return subs, ops


def _is_label(c):
    return ("a" <= c <= "z") or ("A" <= c <= "Z")


def _parse_term(term, ndim, iop):
    """Labels of one operand's axes (None for an unlabeled broadcast axis), NumPy's checks."""
    labels, ellipsis, i, n = [], -1, 0, len(term)
    while i < n:
        c = term[i]
        if _is_label(c):
            if len(labels) >= ndim:
                raise ValueError("einstein sum subscripts string contains too many subscripts "
                                 f"for operand {iop}")
            labels.append(c)
        elif c == ".":
            if ellipsis != -1 or i + 2 >= n or term[i + 1] != "." or term[i + 2] != ".":
                raise ValueError("einstein sum subscripts string contains a '.' that is not part "
                                 f"of an ellipsis ('...') in operand {iop}")
            i += 2
            ellipsis = len(labels)
        elif c != " ":
            raise ValueError(f"invalid subscript '{c}' in einstein sum subscripts string, "
                             "subscripts must be letters")
        i += 1
    if ellipsis == -1:
        if len(labels) != ndim:
            raise ValueError("operand has more dimensions than subscripts given in einstein sum, "
                             "but no '...' ellipsis provided to broadcast the extra dimensions.")
    elif len(labels) < ndim:
        labels[ellipsis:ellipsis] = [None] * (ndim - len(labels))
    return labels


def _parse_output(term, nbroadcast, counts):
    out, ellipsis, i, n = [], False, 0, len(term)
    while i < n:
        c = term[i]
        if _is_label(c):
            if c in term[i + 1:]:
                raise ValueError("einstein sum subscripts string includes output subscript "
                                 f"'{c}' multiple times")
            if c not in counts:
                raise ValueError("einstein sum subscripts string included output subscript "
                                 f"'{c}' which never appeared in an input")
            out.append(c)
        elif c == ".":
            if ellipsis or i + 2 >= n or term[i + 1] != "." or term[i + 2] != ".":
                raise ValueError("einstein sum subscripts string contains a '.' that is not part "
                                 "of an ellipsis ('...') in the output")
            i += 2
            ellipsis = True
            out += [None] * nbroadcast
        elif c != " ":
            raise ValueError(f"invalid subscript '{c}' in einstein sum subscripts string, "
                             "subscripts must be letters")
        i += 1
    if not ellipsis and nbroadcast > 0:
        raise ValueError("output has more dimensions than subscripts given in einstein sum, but "
                         "no '...' ellipsis provided to broadcast the extra dimensions.")
    return out


@functools.lru_cache(maxsize=512)
def _parse(subs, ndims):
    """NumPy's parse of ``subs`` for operands of ``ndims``: (labels per operand, output)."""
    nop = len(ndims)
    rest, op_labels, counts = subs, [], {}
    for iop in range(nop):
        cut = [k for k in (rest.find(","), rest.find("-")) if k != -1]
        length = min(cut) if cut else len(rest)
        nxt = rest[length:length + 1]
        if iop == nop - 1 and nxt == ",":
            raise ValueError("more operands provided to einstein sum function than specified in "
                             "the subscripts string")
        if iop < nop - 1 and nxt != ",":
            raise ValueError("fewer operands provided to einstein sum function than specified in "
                             "the subscripts string")
        labels = _parse_term(rest[:length], ndims[iop], iop)
        for c in labels:
            if c is not None:
                counts[c] = counts.get(c, 0) + 1
        op_labels.append(tuple(labels))
        rest = rest[length + (1 if iop < nop - 1 else 0):]
    nbroadcast = max((lab.count(None) for lab in op_labels), default=0)
    if rest == "":
        out = [None] * nbroadcast + sorted(c for c, k in counts.items() if k == 1)
    else:
        if not rest.startswith("->"):
            raise ValueError("einstein sum subscript string does not contain proper '->' output "
                             "specified")
        out = _parse_output(rest[2:], nbroadcast, counts)
    return tuple(op_labels), tuple(out), nbroadcast


# -- views ----------------------------------------------------------------------------

def _single_view(t, labels, out):
    """NumPy's view (dims, strides) for one operand with no summed label (None: it sums)."""
    dims, strides = [0] * len(out), [0] * len(out)
    ib = 0
    for d, c in enumerate(labels):
        if c is None:
            while out[ib] is not None:
                ib += 1
            dims[ib], strides[ib] = t.shape[d], t.stride(d)
            ib += 1
            continue
        if c not in out:
            return None
        k = out.index(c)
        if dims[k] != 0 and dims[k] != t.shape[d]:
            raise ValueError(f"dimensions in single operand for collapsing index '{c}' don't "
                             f"match ({dims[k]} != {t.shape[d]})")
        dims[k] = t.shape[d]
        strides[k] += t.stride(d)
    return tuple(dims), tuple(strides)


def _relabeling(labels, target):
    """How to take an operand labelled ``labels`` to ``target`` (repeats merged, reordered).

    Diagonals then a permute, not ``as_strided``: these are views under every transform
    and ``torch.compile`` (where as_strided of an input view loses its storage offset).
    """
    labels, pairs = list(labels), []
    while True:
        dup = next(((i, labels.index(c, i + 1)) for i, c in enumerate(labels)
                    if c is not None and c in labels[i + 1:]), None)
        if dup is None:
            break
        i, j = dup
        c = labels[i]
        del labels[j], labels[i]
        labels.append(c)  # torch.diagonal puts the merged axis last
        pairs.append(dup)
    free = iter([i for i, c in enumerate(labels) if c is None])
    perm = tuple(next(free) if c is None else labels.index(c) for c in target)
    return tuple(pairs), (None if perm == tuple(range(len(perm))) else perm)


def _relabel(t, how):
    pairs, perm = how
    for i, j in pairs:
        t = t.diagonal(0, i, j)
    return t if perm is None else t.permute(perm)


def _combined(t, labels, iop):
    """``t`` with repeated labels merged into their diagonal (a strided view), and its labels."""
    if len(set(c for c in labels if c is not None)) == sum(c is not None for c in labels):
        return t, labels
    dims, strides, new = [], [], []
    for d, c in enumerate(labels):
        if c is not None and c in new:
            k = new.index(c)
            if dims[k] != t.shape[d]:
                raise ValueError(f"dimensions in operand {iop} for collapsing index '{c}' don't "
                                 f"match ({dims[k]} != {t.shape[d]})")
            strides[k] += t.stride(d)
            continue
        new.append(c)
        dims.append(t.shape[d])
        strides.append(t.stride(d))
    return t.as_strided(dims, strides, t.storage_offset()), tuple(new)


# -- iteration space --------------------------------------------------------------------

def _shape_str(vals, ending):
    i = 0
    while i < len(vals) and vals[i] < 0:
        i += 1
    if i == len(vals):
        return "()" + ending
    s = f"({vals[i]}"
    for v in vals[i + 1:]:
        s += ",newaxis" if v < 0 else f",{v}"
    return s + (",)" if len(vals) == 1 else ")") + ending


def _op_axes(labels, iter_labels):
    """NumPy's prepare_op_axes: iterator axis -> operand axis (-1: broadcast)."""
    axes = [-1] * len(iter_labels)
    ib = len(labels) - 1
    for i in range(len(iter_labels) - 1, -1, -1):
        c = iter_labels[i]
        if isinstance(c, int):  # a broadcast axis
            while ib >= 0 and labels[ib] is not None:
                ib -= 1
            if ib >= 0:
                axes[i] = ib
                ib -= 1
        elif c in labels:
            axes[i] = labels.index(c)
    return axes


def _iter_shape(views, axes, out_shape, nout):
    """The broadcast iteration shape, with NumPy's error when the operands disagree."""
    n = len(axes[0]) if axes else nout
    shape = [1] * n
    ok = True
    for t, ax in zip(views, axes):
        for i, a in enumerate(ax):
            if a >= 0:
                s = t.shape[a]
                if s != 1:
                    if shape[i] == 1:
                        shape[i] = s
                    elif shape[i] != s:
                        ok = False
    if out_shape is not None:
        for i, s in enumerate(out_shape):  # out is written, never broadcast: it may only widen
            if shape[i] == 1:
                shape[i] = s
            elif s != shape[i]:
                ok = False
    if not ok:
        msg = "operands could not be broadcast together with remapped shapes [original->remapped]: "
        for t, ax in zip(views, axes):
            msg += _shape_str(list(t.shape), "") + "->"
            msg += _shape_str([t.shape[a] if a >= 0 else -1 for a in ax], " ")
        if out_shape is not None:
            remapped = list(out_shape) + [-1] * (n - nout)
            msg += _shape_str(list(out_shape), "") + "->" + _shape_str(remapped, " ")
        raise ValueError(msg)
    return shape


def _k_order(views, axes, nout):
    """Output axes from slowest to fastest varying, as NumPy's iterator sorts them ('K')."""
    n = len(axes[0]) if axes else nout
    strides = []
    for i in range(n):  # per iterator axis: each operand's stride (0 when broadcast)
        row = []
        for t, ax in zip(views, axes):
            a = ax[i]
            row.append(abs(t.stride(a)) if a >= 0 and t.shape[a] != 1 else 0)
        strides.append(row)
    perm = list(range(n - 1, -1, -1))  # NumPy keeps its axis data in reversed (fastest-first) order
    for i0 in range(1, n):
        j0 = perm[i0]
        ipos = i0
        for i1 in range(i0 - 1, -1, -1):
            j1 = perm[i1]
            ambig, swap = True, False
            for s0, s1 in zip(strides[j0], strides[j1]):
                if s0 and s1:
                    if s1 <= s0:
                        swap = False
                    elif ambig:
                        swap = True
                    ambig = False
            if not ambig:
                if swap:
                    ipos = i1
                else:
                    break
        if ipos != i0:
            perm[ipos + 1:i0 + 1] = perm[ipos:i0]
            perm[ipos] = j0
    return [a for a in reversed(perm) if a < nout]
