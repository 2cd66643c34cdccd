"""A small program written against real NumPy, transformed by test_redirect.py."""
import numpy as np
import numpy.linalg as la
from numpy import sin, cos as cosine

SCALE = 2.0


def helper(x):
    """Calls NumPy through the module name and through imported functions."""
    return sin(x) * cosine(x) + np.zeros_like(x)


def uses_helper(x):
    return np.sum(helper(x) * SCALE) + la.norm(x)


def builds_buffer(x):
    buf = np.zeros(x.shape[0] + 1)
    buf[1:] = x ** 2
    return buf


def local_import(x):
    import numpy
    from numpy import exp
    return numpy.sum(exp(x))


def recursive(x, n):
    return x if n == 0 else np.sin(recursive(x, n - 1))


def make_closure(k):
    coef = np.arange(1.0, k + 1)

    def inner(x):
        return np.sum(coef * np.tanh(x))
    return inner


def reads_global_later(x):
    return np.sum(x * LATE)


LATE = 3.0
