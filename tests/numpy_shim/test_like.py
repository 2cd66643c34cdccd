"""like= (NEP 35): creation functions hand the call to another array type's __array_function__.

Each case runs on numpy and on numpy_shim with the same kind of reference object; the
call the reference receives (function name, arguments) and the results must agree.
"""
import numpy
import pytest

import numpy_shim
from tests.differential import assert_same, check

CASES = [
    ("array", ([1, 2],), {"dtype": "int32"}),
    ("asarray", ([1.5],), {}),
    ("asanyarray", ([[1, 2]],), {"order": "F"}),
    ("ascontiguousarray", ([[1, 2], [3, 4]],), {}),
    ("asfortranarray", ([[1, 2], [3, 4]],), {"dtype": "float32"}),
    ("require", ([[1, 2]],), {"requirements": ["F"]}),
    ("empty", ((2, 3),), {}),
    ("zeros", ((2, 3),), {"dtype": "int16"}),
    ("ones", (4,), {}),
    ("full", ((2,), 7), {}),
    ("arange", (1, 7, 2), {}),
    ("arange", (5,), {"dtype": "float32"}),
    ("eye", (3,), {"k": 1}),
    ("identity", (2,), {}),
    ("tri", (3,), {}),
    ("frombuffer", (b"\x00" * 8,), {"dtype": "int64"}),
    ("fromiter", (range(3),), {"dtype": "int64"}),
    ("fromstring", ("1,2",), {"dtype": "int64", "sep": ","}),
    ("fromfunction", (lambda i, j: i + j, (2, 2)), {}),
]


def _recorder():
    class Recorder:
        def __array_function__(self, func, types, args, kwargs):
            return ("called", func, types, args, kwargs)
    return Recorder


@pytest.mark.parametrize("name, args, kwargs", CASES, ids=[c[0] + str(i) for i, c in enumerate(CASES)])
def test_like_dispatches_to_array_function(name, args, kwargs):
    """The reference's __array_function__ gets the namespace's function and the call's arguments."""
    seen = []
    for xp in (numpy, numpy_shim):
        Recorder = _recorder()
        ref = Recorder()
        tag, func, types, got_args, got_kwargs = getattr(xp, name)(*args, like=ref, **kwargs)
        assert func is getattr(xp, name)
        assert types == (Recorder,)
        assert "like" not in got_kwargs
        seen.append((got_args, got_kwargs))
    assert seen[1][0] == seen[0][0]
    assert seen[1][1] == seen[0][1]


@pytest.mark.parametrize("name, args, kwargs", CASES, ids=[c[0] + str(i) for i, c in enumerate(CASES)])
def test_like_array_changes_nothing(name, args, kwargs):
    """like= a NumPy-kind array (the library's own or NumPy's): the plain result."""
    if name == "empty":
        check(lambda xp: getattr(xp, name)(*args, like=xp.zeros(1), **kwargs).shape)
        return
    check(lambda xp: getattr(xp, name)(*args, like=xp.zeros(1), **kwargs))
    res = getattr(numpy_shim, name)(*args, like=numpy.zeros(1), **kwargs)
    assert_same(res, getattr(numpy, name)(*args, **kwargs))


@pytest.mark.parametrize("ref", [1, [1], "object"])
@pytest.mark.parametrize("name, args, kwargs", CASES, ids=[c[0] + str(i) for i, c in enumerate(CASES)])
def test_like_without_protocol_raises(name, args, kwargs, ref):
    messages = []
    for xp in (numpy, numpy_shim):
        r = object() if ref == "object" else ref
        with pytest.raises(TypeError) as info:
            getattr(xp, name)(*args, like=r, **kwargs)
        messages.append(str(info.value))
    assert messages[1] == messages[0]


def test_like_not_implemented_raises():
    for xp in (numpy, numpy_shim):
        class Refuses:
            def __array_function__(self, func, types, args, kwargs):
                return NotImplemented
        with pytest.raises(TypeError, match="no implementation found for 'numpy.asarray'"):
            xp.asarray(1, like=Refuses())


def test_like_checks_arguments_first():
    """An unknown keyword is a TypeError before the reference is asked (as in NumPy)."""
    for xp in (numpy, numpy_shim):
        class Strict:
            def __array_function__(self, func, types, args, kwargs):
                raise ValueError("must not be reached")
        with pytest.raises(TypeError):
            xp.array(1, value_error=True, like=Strict())
        with pytest.raises(TypeError):
            xp.ascontiguousarray(1, bogus=True, like=Strict())


@pytest.mark.parametrize("name, args, kwargs", CASES, ids=[c[0] + str(i) for i, c in enumerate(CASES)])
def test_like_subclass_with_array_function(name, args, kwargs):
    """A subclass whose __array_function__ views the result as itself gets its class back."""
    results = []
    for xp in (numpy, numpy_shim):
        class MySubclass(xp.ndarray):
            def __array_function__(self, func, types, args, kwargs):
                result = super().__array_function__(func, types, args, kwargs)
                return result.view(self.__class__)
        ref = xp.array(1).view(MySubclass)
        res = getattr(xp, name)(*args, like=ref, **kwargs)
        assert type(res) is MySubclass
        results.append(res)
    if name != "empty":
        assert_same(results[1].view(numpy_shim.ndarray), results[0].view(numpy.ndarray))


@pytest.mark.parametrize("name", ["loadtxt", "genfromtxt", "fromfile"])
def test_readers_dispatch_like_as_numpy(name):
    class Duck:
        def __array_function__(self, func, types, args, kwargs):
            return func.__name__, args, kwargs
    assert getattr(numpy_shim, name)("f", like=Duck()) == getattr(numpy, name)("f", like=Duck())


def test_readers_with_own_arrays_as_like_read():
    import io
    got = numpy_shim.loadtxt(io.StringIO("1 2\n3 4"), like=numpy_shim.ones(1))
    assert type(got) is numpy_shim.ndarray
    numpy.testing.assert_array_equal(numpy.asarray(got), [[1.0, 2.0], [3.0, 4.0]])
