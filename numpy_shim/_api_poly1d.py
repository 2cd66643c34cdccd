"""poly1d: numpy.poly1d over shim arrays.

The coefficients are a shim array (highest power first), and every operation is the
shim's polynomial helpers (polyval, polymul, polyadd, polysub, polydiv, polyint, polyder,
roots), so a poly1d evaluates on any device and differentiably. ``str()`` is NumPy's
formatting of a host copy of the coefficients.
"""
import warnings

import numpy as np

__all__ = ["poly1d"]


def _snp():
    import numpy_shim
    return numpy_shim


class poly1d:
    """A one-dimensional polynomial (numpy.poly1d) with shim-array coefficients."""

    __hash__ = None

    @property
    def coeffs(self):
        """The polynomial coefficients, highest power first."""
        return self._coeffs

    @coeffs.setter
    def coeffs(self, value):
        # allowing this makes p.coeffs *= 2 legal
        if value is not self._coeffs:
            raise AttributeError("Cannot set attribute")

    @property
    def variable(self):
        """The name of the polynomial variable."""
        return self._variable

    @property
    def order(self):
        """The order (degree) of the polynomial."""
        return len(self._coeffs) - 1

    @property
    def roots(self):
        """The roots of the polynomial."""
        return _snp().roots(self._coeffs)

    # backed by __dict__['coeffs'], as NumPy's (SciPy reads it there)
    @property
    def _coeffs(self):
        return self.__dict__["coeffs"]

    @_coeffs.setter
    def _coeffs(self, coeffs):
        self.__dict__["coeffs"] = coeffs

    r = roots
    c = coef = coefficients = coeffs
    o = order

    def __init__(self, c_or_r, r=False, variable=None):
        snp = _snp()
        if isinstance(c_or_r, (poly1d, np.poly1d)):
            self._variable = c_or_r._variable
            self._coeffs = snp.asarray(c_or_r._coeffs)
            if set(c_or_r.__dict__) - set(self.__dict__):
                warnings.warn("In the future extra properties will not be copied across when "
                              "constructing one poly1d from another", FutureWarning, stacklevel=2)
                self.__dict__.update({k: v for k, v in c_or_r.__dict__.items() if k != "coeffs"})
            if variable is not None:
                self._variable = variable
            return
        if r:
            c_or_r = snp.poly(c_or_r)
        c_or_r = snp.atleast_1d(c_or_r)
        if c_or_r.ndim > 1:
            raise ValueError("Polynomial must be 1d only.")
        c_or_r = snp.trim_zeros(c_or_r, trim="f")
        if len(c_or_r) == 0:
            c_or_r = snp.array([0], dtype=c_or_r.dtype)
        self._coeffs = c_or_r
        self._variable = "x" if variable is None else variable

    def __array__(self, t=None, copy=None):
        a = np.asarray(self.coeffs)
        return np.asarray(a, t, copy=copy) if t else np.asarray(a, copy=copy)

    def __repr__(self):
        vals = repr(self.coeffs)[6:-1]
        return f"poly1d({vals})"

    def __len__(self):
        return self.order

    def __str__(self):
        return str(np.poly1d(np.asarray(self.coeffs), variable=self._variable))

    def __call__(self, val):
        if isinstance(val, poly1d):  # composition, by Horner's rule on polynomials
            y = 0
            for c in self.coeffs:
                y = y * val + c
            return y
        return _snp().polyval(self.coeffs, val)

    def __neg__(self):
        return poly1d(-self.coeffs)

    def __pos__(self):
        return self

    def __mul__(self, other):
        if np.isscalar(other):
            return poly1d(self.coeffs * other)
        other = poly1d(other)
        return poly1d(_snp().polymul(self.coeffs, other.coeffs))

    def __rmul__(self, other):
        if np.isscalar(other):
            return poly1d(other * self.coeffs)
        other = poly1d(other)
        return poly1d(_snp().polymul(self.coeffs, other.coeffs))

    def __add__(self, other):
        other = poly1d(other)
        return poly1d(_snp().polyadd(self.coeffs, other.coeffs))

    __radd__ = __add__

    def __pow__(self, val):
        if not np.isscalar(val) or int(val) != val or val < 0:
            raise ValueError("Power to non-negative integers only.")
        snp = _snp()
        res = snp.asarray([1])
        for _ in range(val):
            res = snp.polymul(self.coeffs, res)
        return poly1d(res)

    def __sub__(self, other):
        other = poly1d(other)
        return poly1d(_snp().polysub(self.coeffs, other.coeffs))

    def __rsub__(self, other):
        other = poly1d(other)
        return poly1d(_snp().polysub(other.coeffs, self.coeffs))

    def __truediv__(self, other):
        if np.isscalar(other):
            return poly1d(self.coeffs / other)
        other = poly1d(other)
        return _snp().polydiv(self, other)

    def __rtruediv__(self, other):
        if np.isscalar(other):
            return poly1d(other / self.coeffs)
        other = poly1d(other)
        return _snp().polydiv(other, self)

    def __eq__(self, other):
        if not isinstance(other, poly1d):
            return NotImplemented
        if self.coeffs.shape != other.coeffs.shape:
            return False
        return (self.coeffs == other.coeffs).all()

    def __ne__(self, other):
        if not isinstance(other, poly1d):
            return NotImplemented
        return not self.__eq__(other)

    def __getitem__(self, val):
        """The coefficient of ``x**val`` (zero beyond the order)."""
        if val > self.order or val < 0:
            return self.coeffs.dtype.type(0)
        return self.coeffs[self.order - val]

    def __setitem__(self, key, val):
        if key < 0:
            raise ValueError("Does not support negative powers.")
        ind = self.order - key
        if key > self.order:
            snp = _snp()
            zr = snp.zeros(key - self.order, self.coeffs.dtype)
            self._coeffs = snp.concatenate((zr, self.coeffs))
            ind = 0
        self._coeffs[ind] = val

    def __iter__(self):
        return iter(self.coeffs)

    def integ(self, m=1, k=0):
        """The m-th antiderivative, with integration constants ``k``."""
        return poly1d(_snp().polyint(self.coeffs, m=m, k=k))

    def deriv(self, m=1):
        """The m-th derivative."""
        return poly1d(_snp().polyder(self.coeffs, m=m))
