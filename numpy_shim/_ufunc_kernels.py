"""Torch kernels for ufuncs whose NumPy semantics differ from the plain torch op.

Each takes operands already cast to the loop dtype (uint loops arrive in their
signed compute type, uint64 as int64 bits) and returns tensors.
"""
import torch

_SIGN64 = -(2 ** 63)


def _t(x, like):
    return x if isinstance(x, torch.Tensor) else torch.tensor(x, dtype=like.dtype, device=like.device)


# -- division family ------------------------------------------------------
def floor_divide(a, b):
    # NumPy's float floor_divide: floor(a / b) computed as in Python (via fmod).
    a = _t(a, b) if not isinstance(a, torch.Tensor) else a
    b = _t(b, a)
    mod = torch.fmod(a, b)
    div = (a - mod) / b
    adjust = (mod != 0) & ((b < 0) != (mod < 0))
    div = torch.where(adjust, div - 1, div)
    floordiv = torch.where(div != 0, torch.floor(div), torch.copysign(torch.zeros_like(div), a / b))
    floordiv = torch.where(div - torch.floor(div) > 0.5, floordiv + 1, floordiv)
    return torch.where(b == 0, a / b, floordiv)


def remainder(a, b):
    a = _t(a, b) if not isinstance(a, torch.Tensor) else a
    b = _t(b, a)
    mod = torch.fmod(a, b)
    fix = (mod != 0) & ((b < 0) != (mod < 0))
    mod = torch.where(fix, mod + b, mod)
    # NumPy keeps the sign of the divisor on a zero remainder.
    mod = torch.where(mod == 0, torch.copysign(torch.zeros_like(mod), b), mod)
    return torch.where(torch.isinf(b) & torch.isfinite(a) & (a != 0) & ((a < 0) != (b < 0)), b, mod)


def divmod_(a, b):
    return floor_divide(a, b), remainder(a, b)


def _safe(b):
    return torch.where(b == 0, torch.ones_like(b), b)


def int_floor_divide(a, b, warn="floor_divide"):
    a = _t(a, b) if not isinstance(a, torch.Tensor) else a
    b = _t(b, a)
    if a.dtype is torch.bool:
        a, b = a.to(torch.int8), b.to(torch.int8)
    if warn:
        _warn_zero(b, warn, a, overflow=True)
    q = torch.div(a, _safe(b), rounding_mode="floor")
    return torch.where(b == 0, torch.zeros_like(q), q)


def int_remainder(a, b, warn="remainder"):
    a = _t(a, b) if not isinstance(a, torch.Tensor) else a
    b = _t(b, a)
    if a.dtype is torch.bool:
        a, b = a.to(torch.int8), b.to(torch.int8)
    if warn:
        _warn_zero(b, warn, a)
    r = torch.remainder(a, _safe(b))
    return torch.where(b == 0, torch.zeros_like(r), r)


def int_fmod(a, b):
    a = _t(a, b) if not isinstance(a, torch.Tensor) else a
    b = _t(b, a)
    _warn_zero(b, "fmod", a)
    r = torch.fmod(a, _safe(b))
    return torch.where(b == 0, torch.zeros_like(r), r)


def int_divmod(a, b):
    return int_floor_divide(a, b, "divmod"), int_remainder(a, b, None)


def _warn_zero(b, name, a, overflow=False):
    """NumPy's integer division warnings: divide by zero; with ``overflow``, MIN // -1."""
    from . import _scalars, _fpe
    if not isinstance(a, torch.Tensor):
        a = torch.as_tensor(a)
    if not _scalars.is_plain(b) or not _scalars.is_plain(a):
        return
    if b.numel() == 0 or a.numel() == 0:
        return  # nothing divided
    zero = (b == 0).any()
    if overflow and a.dtype.is_signed and a.dtype is not torch.bool:
        over = ((a == torch.iinfo(a.dtype).min) & (b == -1)).any()
        flags = torch.stack((zero, over)).tolist()  # one host read for both
    else:
        flags = (bool(zero), False)
    if flags[0]:
        _fpe.report("divide", name)
    if flags[1]:
        _fpe.report("over", name)


def power(a, b):
    if isinstance(b, torch.Tensor) and not b.dtype.is_floating_point and not b.dtype.is_complex \
            and b.dtype is not torch.bool:
        from . import _scalars
        if _scalars.is_plain(b) and bool((b < 0).any()):
            raise ValueError("Integers to negative integer powers are not allowed.")
    if not isinstance(a, torch.Tensor):
        a = _t(a, b)
    return torch.pow(a, b)


# -- uint64 loops: the int64 bits reinterpreted where sign matters ----------
def _flip(x):
    """Order-preserving map of uint64 bits (as int64) onto int64."""
    return x ^ _SIGN64 if isinstance(x, torch.Tensor) else x ^ _SIGN64


def u64_compare(op):
    def cmp(a, b):
        return op(_flip(a), _flip(b))
    return cmp


def mixed_compare(op, first_unsigned):
    """int64 vs uint64 (NumPy's exact 'qQ->?' loops): compare (sign part, unsigned bits)."""
    def cmp(a, b):
        a, b = torch.broadcast_tensors(torch.as_tensor(a), torch.as_tensor(b))
        zero = torch.zeros_like(a)
        hi_a = zero if first_unsigned else torch.where(a < 0, zero - 1, zero)
        hi_b = torch.where(b < 0, zero - 1, zero) if first_unsigned else zero
        return torch.where(hi_a != hi_b, op(hi_a, hi_b), op(_flip(a), _flip(b)))
    return cmp


def u64_extreme(op):
    def ext(a, b):
        return op(_flip(a), _flip(b)) ^ _SIGN64
    return ext


def _u64_divmod_exact(a, b):
    """Unsigned 64-bit division on int64 bits, by long division in 2 halves."""
    a = a if isinstance(a, torch.Tensor) else torch.tensor(a, dtype=torch.int64)
    b = b if isinstance(b, torch.Tensor) else torch.tensor(b, dtype=torch.int64, device=a.device)
    a, b = torch.broadcast_tensors(a, b)
    zero = b == 0
    bs = torch.where(zero, torch.ones_like(b), b)
    # Bitwise restoring division: 64 steps of torch ops, exact for all uint64 values.
    q = torch.zeros_like(a)
    r = torch.zeros_like(a)
    for i in range(63, -1, -1):
        r = (r << 1) | ((a >> i) & 1)
        ge = _flip(r) >= _flip(bs)
        r = torch.where(ge, r - bs, r)
        q = q | (ge.to(torch.int64) << i)
    return torch.where(zero, 0, q), torch.where(zero, 0, r)


def u64_floor_divide(a, b):
    _warn_zero(b, "floor_divide", a)
    return _u64_divmod_exact(a, b)[0]


def u64_remainder(a, b):
    _warn_zero(b, "remainder", a)
    return _u64_divmod_exact(a, b)[1]


def u64_fmod(a, b):
    _warn_zero(b, "fmod", a)
    return _u64_divmod_exact(a, b)[1]


def u64_divmod(a, b):
    _warn_zero(b, "divmod", a)
    return _u64_divmod_exact(a, b)


def u64_right_shift(a, b):
    b = b if isinstance(b, torch.Tensor) else torch.tensor(b, dtype=torch.int64)
    big = (b >= 64) | (b < 0)
    s = torch.where(big, torch.zeros_like(b), b)
    # logical shift: arithmetic shift, then clear the copied sign bits
    shifted = torch.bitwise_right_shift(a, s)
    mask = torch.where(s == 0, torch.full_like(s, -1), torch.bitwise_left_shift(torch.ones_like(s), 64 - s) - 1)
    return torch.where(big, torch.zeros_like(shifted), shifted & mask)


def u64_power(a, b):
    b = b if isinstance(b, torch.Tensor) else torch.tensor(b, dtype=torch.int64)
    a = a if isinstance(a, torch.Tensor) else torch.tensor(a, dtype=torch.int64)
    a, b = torch.broadcast_tensors(a, b)
    result = torch.ones_like(a)
    base = a.clone()
    e = b.clone()
    for _ in range(64):
        result = torch.where((e & 1) == 1, result * base, result)
        base = base * base
        e = u64_right_shift(e, 1)
    return result


# -- shifts ---------------------------------------------------------------
def _bits(t):
    return {torch.int8: 8, torch.uint8: 8, torch.int16: 16, torch.int32: 32, torch.int64: 64}.get(t.dtype, 64)


def left_shift(a, b):
    a = a if isinstance(a, torch.Tensor) else _t(a, b)
    b = b if isinstance(b, torch.Tensor) else _t(b, a)
    big = (b >= _bits(a)) | (b < 0)
    r = torch.bitwise_left_shift(a, torch.where(big, torch.zeros_like(b), b))
    return torch.where(big, torch.zeros_like(r), r)


def right_shift(a, b):
    a = a if isinstance(a, torch.Tensor) else _t(a, b)
    b = b if isinstance(b, torch.Tensor) else _t(b, a)
    big = (b >= _bits(a)) | (b < 0)
    r = torch.bitwise_right_shift(a, torch.where(big, torch.zeros_like(b), b))
    fill = torch.where(a < 0, torch.full_like(r, -1), torch.zeros_like(r))
    return torch.where(big, fill, r)


def bitwise_count(a):
    # SWAR popcount on the 64-bit pattern; signed inputs count |a| as NumPy does.
    if a.dtype is torch.bool:
        return a.to(torch.uint8)
    x = a.to(torch.int64)
    if a.dtype.is_signed:
        x = x.abs()
    return _popcount64(x)


def u64_bitwise_count(a):
    return _popcount64(a)


def _popcount64(x):
    x = x - ((x >> 1) & 0x5555555555555555)
    x = (x & 0x3333333333333333) + ((x >> 2) & 0x3333333333333333)
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0F
    return (((x * 0x0101010101010101) >> 56) & 0xFF).to(torch.uint8)


def gcd(a, b):
    # torch keeps the sign a most-negative operand leaves (gcd(INT_MIN, 6) == -2); NumPy's
    # result is the magnitude (which wraps back to INT_MIN only for gcd(INT_MIN, 0))
    r = torch.gcd(a, b)
    return r.abs() if r.dtype.is_signed else r


def lcm(a, b):
    # NumPy: |a| // gcd * |b| in the loop type (wrapping on overflow), 0 when gcd is 0.
    a, b = a.abs(), b.abs()
    g = torch.gcd(a, b)
    return torch.where(g == 0, torch.zeros_like(g), (a // _safe(g)) * b)


def u64_gcd(a, b):
    # torch.gcd is signed: one exact unsigned remainder step brings both operands below
    # 2**63 (a second when the smaller one is >= 2**63), then torch.gcd finishes.
    a, b = torch.broadcast_tensors(a, b)
    big = torch.where(_flip(a) >= _flip(b), a, b)
    small = torch.where(_flip(a) >= _flip(b), b, a)
    r = _u64_divmod_exact(big, small)[1]          # < 2**63; 0 when small is 0
    r2 = _u64_divmod_exact(small, r)[1]           # small mod r (small itself when r is 0)
    g = torch.gcd(r, r2)
    g = torch.where(small >= 0, torch.gcd(small, r), g)  # small < 2**63: one step sufficed
    return torch.where(small == 0, big, torch.where(r == 0, small, g))


def u64_lcm(a, b):
    g = u64_gcd(a, b)
    q = _u64_divmod_exact(a, torch.where(g == 0, torch.ones_like(g), g))[0]
    return torch.where(g == 0, torch.zeros_like(g), q * b)


# -- unary odds and ends ----------------------------------------------------
def absolute(a):
    if a.dtype is torch.bool:
        return a.clone()
    return torch.abs(a)


def u64_identity(a):
    return a.clone()


def int_identity(a):
    """floor/ceil/trunc/rint of an integer or bool loop: the value itself (a new array)."""
    return a.clone()


def sign(a):
    if a.is_complex():
        re, im = a.real, a.imag
        rinf, iinf = torch.isinf(re), torch.isinf(im)
        mag = torch.abs(a)
        safe = torch.where(mag == 0, torch.ones_like(mag), mag)
        # NumPy divides each part by |z| (torch.sgn multiplies by 1/|z|: 1 ulp off)
        unit = torch.where(mag == 0, torch.zeros_like(a), torch.complex(re / safe, im / safe))
        one = torch.ones_like(re)
        zero = torch.zeros_like(re)
        toward = torch.complex(torch.where(rinf, torch.copysign(one, re), zero),
                               torch.where(iinf, torch.copysign(one, im), zero))
        nan = torch.full_like(a, complex(float("nan"), float("nan")))
        res = torch.where(rinf | iinf, toward, unit)
        res = torch.where(torch.isnan(re) | torch.isnan(im), nan, res)
        # NumPy: an infinite part beside a NaN part still gives the unit direction
        res = torch.where((rinf & torch.isnan(im)) | (iinf & torch.isnan(re)), toward, res)
        return torch.where(rinf & iinf, nan, res)
    if a.dtype is torch.bool:
        return a.clone()
    return torch.where(torch.isnan(a), a, torch.sign(a)) if a.is_floating_point() else torch.sign(a)


def u64_sign(a):
    return (a != 0).to(torch.int64)


def int_reciprocal(a):
    # NumPy computes 1.0 / a in double and casts back: 1/0 is inf, which the C cast
    # turns into the minimum of int32/int64 (and 0 for narrower types), 1/False is True.
    if a.dtype is torch.bool:
        return torch.ones_like(a)
    res = torch.where(a.abs() == 1, a, torch.zeros_like(a))
    if a.dtype in (torch.int32, torch.int64):
        res = torch.where(a == 0, torch.full_like(a, torch.iinfo(a.dtype).min), res)
    return res


def u64_reciprocal(a):
    return torch.where(a == 1, a, torch.zeros_like(a))


def cbrt(a):
    # computed in double for float16/32 so rounding is NumPy's (one rounding)
    w = a.double() if a.dtype in (torch.float16, torch.float32) else a
    r = torch.copysign(torch.abs(w).pow(1.0 / 3.0), w)
    # pow(1/3) is off by an ulp for exact cubes; one Newton step fixes it
    r = torch.where(torch.isfinite(r) & (r != 0), r - (r * r * r - w) / (3 * r * r), r)
    return r.to(a.dtype)


def spacing(a):
    # NumPy: distance to the next float away from zero; +tiny at +-0; float16 (npy_half_spacing)
    # measures negative numbers toward zero and returns a positive gap.
    inf = torch.full_like(a, float("inf"))
    if a.dtype is torch.float16:
        away = torch.where(a < 0, torch.zeros_like(a), inf)
    else:
        away = torch.copysign(inf, a)
    r = torch.nextafter(a, away) - a
    r = torch.where(torch.isinf(a), torch.full_like(a, float("nan")), r)
    tiny = torch.nextafter(torch.zeros_like(a), inf)
    return torch.where(a == 0, tiny, r)


def ldexp(a, b):
    # a * 2**b in two halves (one power of two could overflow alone), in double for
    # float16/32; 0, inf and nan mantissas pass through (0 * 2**big is not nan).
    w = a.double() if a.dtype in (torch.float16, torch.float32) else a
    e = torch.as_tensor(b, device=a.device).to(torch.int64).clamp(-2200, 2200)
    h1 = torch.div(e, 2, rounding_mode="floor")
    two = torch.tensor(2.0, dtype=w.dtype, device=a.device)
    r = w * torch.pow(two, h1.to(w.dtype)) * torch.pow(two, (e - h1).to(w.dtype))
    r = torch.where((w == 0) | ~torch.isfinite(w), w, r)
    return r.to(a.dtype)


def frexp(a):
    m, e = torch.frexp(a)
    return m, e.to(torch.int32)


def modf(a):
    whole = torch.trunc(a)
    frac = torch.where(torch.isinf(a), torch.zeros_like(a), a - whole)
    return torch.copysign(frac, a), whole


def heaviside(a, b):
    return torch.where(torch.isnan(a), a, torch.heaviside(a, b))


def logaddexp(a, b):
    # NumPy's npy_logaddexp: exact at a == b (a + log 2), stable otherwise
    d = a - b
    big = torch.maximum(a, b)
    r = big + torch.log1p(torch.exp(-torch.abs(d)))
    r = torch.where(a == b, a + 0.6931471805599453, r)
    return torch.where(torch.isnan(d) & (a != b), d, r)


def logaddexp2(a, b):
    d = a - b
    big = torch.maximum(a, b)
    r = big + torch.log1p(torch.exp2(-torch.abs(d))) * 1.4426950408889634
    r = torch.where(a == b, a + 1, r)
    return torch.where(torch.isnan(d) & (a != b), d, r)


# -- complex loops torch lacks or gets wrong near inf ------------------------
def complex_add(a, b):
    # torch adds complex as a + alpha*b, which turns (inf+0j) into inf+nanj.
    a, b = torch.broadcast_tensors(a, b)
    return torch.view_as_complex((torch.view_as_real(a) + torch.view_as_real(b)).contiguous())


def complex_sub(a, b):
    a, b = torch.broadcast_tensors(a, b)
    return torch.view_as_complex((torch.view_as_real(a) - torch.view_as_real(b)).contiguous())


def complex_neg(a):
    return torch.view_as_complex((-torch.view_as_real(a)).contiguous())


def _cmul(xr, xi, yr, yi):
    # NumPy's cmul is the textbook formula (no C99 Annex G inf recovery)
    return xr * yr - xi * yi, xr * yi + xi * yr


def _cdiv_one(br, bi):
    """1 / (br + bi j) by NumPy's cdiv (Smith's algorithm)."""
    abr, abi = br.abs(), bi.abs()
    first = abr >= abi
    rat1 = bi / br
    scl1 = 1.0 / (br + bi * rat1)
    rat2 = br / bi
    scl2 = 1.0 / (bi + br * rat2)
    zero = (abr == 0) & (abi == 0)
    re = torch.where(first, scl1, rat2 * scl2)
    im = torch.where(first, -rat1 * scl1, -scl2)
    return torch.where(zero, 1.0 / abr, re), torch.where(zero, 0.0 / abi, im)


def complex_power(a, b):
    """NumPy's npy_cpow: z**0 is 1, 0**b is 0 or nan, integer exponents |n| < 100 by
    repeated multiplication (so overflow gives NumPy's inf/nan parts), else exp(b log z)."""
    a, b = torch.broadcast_tensors(torch.as_tensor(a), torch.as_tensor(b))
    ar, ai, br, bi = a.real, a.imag, b.real, b.imag
    general = torch.pow(a, b)
    isint = (bi == 0) & (br == torch.trunc(br)) & (br.abs() < 100)
    n = torch.where(isint, br, torch.zeros_like(br)).abs().to(torch.int64)
    one, zero = torch.ones_like(ar), torch.zeros_like(ar)
    aar, aai = one, zero
    pr, pi = ar, ai
    for bit in range(7):
        take = ((n >> bit) & 1) == 1
        nr, ni = _cmul(aar, aai, pr, pi)
        aar, aai = torch.where(take, nr, aar), torch.where(take, ni, aai)
        pr, pi = _cmul(pr, pi, pr, pi)
    sq_r, sq_i = _cmul(ar, ai, ar, ai)
    cu_r, cu_i = _cmul(ar, ai, sq_r, sq_i)
    for k, (xr, xi) in ((1, (ar, ai)), (2, (sq_r, sq_i)), (3, (cu_r, cu_i))):
        # NumPy unrolls positive 1, 2, 3 only (negative exponents take the loop)
        aar, aai = torch.where(isint & (br == k), xr, aar), torch.where(isint & (br == k), xi, aai)
    inv_r, inv_i = _cdiv_one(aar, aai)
    r = torch.complex(torch.where(br < 0, inv_r, aar), torch.where(br < 0, inv_i, aai))
    res = torch.where(isint, r, general)
    nan = torch.full_like(res, complex(float("nan"), float("nan")))
    res = torch.where((ar == 0) & (ai == 0), torch.where(br > 0, torch.zeros_like(res), nan), res)
    return torch.where((br == 0) & (bi == 0), torch.ones_like(res), res)


def complex_log1p(a):
    # NumPy's nc_log1p: log(hypot(re + 1, im)) + atan2(im, re + 1) j
    re1 = a.real + 1
    return torch.complex(torch.log(torch.hypot(re1, a.imag)), torch.atan2(a.imag, re1))


def complex_rint(a):
    return torch.complex(torch.round(a.real), torch.round(a.imag))


def _cge(a, b, strict):
    xr, xi, yr, yi = a.real, a.imag, b.real, b.imag
    first = (xr > yr) & ~torch.isnan(xi) & ~torch.isnan(yi)
    return first | ((xr == yr) & ((xi > yi) if strict else (xi >= yi)))


def complex_compare(name):
    """NumPy's lexicographic complex ordering (real part first, NaN compares False)."""
    def cmp(a, b):
        a, b = torch.broadcast_tensors(a, b)
        if name == "greater":
            return _cge(a, b, True)
        if name == "greater_equal":
            return _cge(a, b, False)
        if name == "less":
            return _cge(b, a, True)
        return _cge(b, a, False)
    return cmp


def _cnan(x):
    return torch.isnan(x.real) | torch.isnan(x.imag)


def complex_maximum(a, b):
    a, b = torch.broadcast_tensors(a, b)
    return torch.where(_cnan(a) | _cge(a, b, False), a, b)


def complex_minimum(a, b):
    a, b = torch.broadcast_tensors(a, b)
    return torch.where(_cnan(a) | _cge(b, a, False), a, b)


def complex_fmax(a, b):
    a, b = torch.broadcast_tensors(a, b)
    return torch.where(_cnan(b) | _cge(a, b, False), a, b)


def complex_fmin(a, b):
    a, b = torch.broadcast_tensors(a, b)
    return torch.where(_cnan(b) | _cge(b, a, False), a, b)


# -- reductions used by ufunc.reduce ----------------------------------------
def amax(t, dim=None, keepdim=False):
    return torch.amax(t, dim=() if dim is None else dim, keepdim=keepdim)


def amin(t, dim=None, keepdim=False):
    return torch.amin(t, dim=() if dim is None else dim, keepdim=keepdim)


def all_(t, dim=None, keepdim=False):
    return torch.all(t, dim=dim, keepdim=keepdim) if dim is not None else torch.all(t)


def any_(t, dim=None, keepdim=False):
    return torch.any(t, dim=dim, keepdim=keepdim) if dim is not None else torch.any(t)


# -- generalized ufuncs -----------------------------------------------------
def _core_dims_check(a, b, name):
    if a.dim() == 0 or b.dim() == 0:
        which = 0 if a.dim() == 0 else 1
        raise ValueError(
            f"{name}: Input operand {which} does not have enough dimensions (has 0, gufunc core "
            f"with signature (n?,k),(k,m?)->(n?,m?) requires 1)")
    ka = a.shape[-1]
    kb = b.shape[-2] if b.dim() > 1 else b.shape[0]
    if ka != kb:
        raise ValueError(
            f"{name}: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
            f"signature (n?,k),(k,m?)->(n?,m?) (size {kb} is different from {ka})")


def matmul(a, b):
    _core_dims_check(a, b, "matmul")
    if a.dtype is torch.bool:
        return torch.matmul(a.to(torch.int64), b.to(torch.int64)) != 0
    if not a.dtype.is_floating_point and not a.dtype.is_complex and a.device.type != "cpu":
        return torch.matmul(a.double(), b.double()).to(a.dtype)
    return torch.matmul(a, b)


def _gufunc_check(name, sig, *ops):
    """NumPy's core-dimension errors for a fixed gufunc signature like '(m,n),(n)->(m)'."""
    ins = sig.split("->")[0]
    cores = [c.strip("()") for c in ins.split("),(")]
    sizes = {}
    for i, (op, core) in enumerate(zip(ops, cores)):
        names = [n for n in core.split(",") if n]
        if op.dim() < len(names):
            raise ValueError(f"{name}: Input operand {i} does not have enough dimensions (has "
                             f"{op.dim()}, gufunc core with signature {sig} requires {len(names)})")
        for j, n in enumerate(names):
            size = op.shape[op.dim() - len(names) + j]
            if n in sizes and sizes[n] != size:
                raise ValueError(f"{name}: Input operand {i} has a mismatch in its core dimension {j}, "
                                 f"with gufunc signature {sig} (size {size} is different from {sizes[n]})")
            sizes.setdefault(n, size)


def vecdot(a, b):
    _gufunc_check("vecdot", "(n),(n)->()", a, b)
    return (a.conj() * b).sum(-1) if a.is_complex() else (a * b).sum(-1)


def _mm(a, b):
    if a.dtype is torch.bool:
        return torch.matmul(a.to(torch.int64), b.to(torch.int64)) != 0
    return torch.matmul(a, b)


def matvec(a, b):
    _gufunc_check("matvec", "(m,n),(n)->(m)", a, b)
    return _mm(a, b.unsqueeze(-1)).squeeze(-1)


def vecmat(a, b):
    _gufunc_check("vecmat", "(n),(n,m)->(m)", a, b)
    return _mm(a.conj().unsqueeze(-2), b).squeeze(-2)
