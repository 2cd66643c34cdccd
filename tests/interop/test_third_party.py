"""Third-party NumPy code accepts numpy_shim arrays (eagerly)."""
import io

import numpy
import pytest

import numpy_shim
from numpy_shim.transforms import grad


def test_scipy_minimize_with_shim_grad():
    optimize = pytest.importorskip("scipy.optimize")

    def fun(p):  # a Rosenbrock valley, written with numpy_shim
        return numpy_shim.sum(100.0 * (p[1:] - p[:-1] ** 2) ** 2 + (1 - p[:-1]) ** 2)

    res = optimize.minimize(fun, numpy.zeros(4), jac=grad(fun), method="BFGS")
    assert res.success
    numpy.testing.assert_allclose(res.x, numpy.ones(4), atol=1e-4)
    # the gradient agrees with scipy's own finite differences
    x0 = numpy.array([0.3, -0.2, 0.5, 1.1])
    fd = optimize.approx_fprime(x0, lambda p: float(fun(p)), 1e-7)
    numpy.testing.assert_allclose(grad(fun)(x0), fd, rtol=1e-4, atol=1e-4)


def test_scipy_functions_take_shim_arrays():
    integrate = pytest.importorskip("scipy.integrate")
    x = numpy_shim.linspace(0, 1, 11)
    assert abs(integrate.trapezoid(x * x, x) - numpy.trapezoid(numpy.linspace(0, 1, 11) ** 2,
                                                             numpy.linspace(0, 1, 11))) < 1e-15


def test_pandas_dataframe_from_shim_arrays():
    pd = pytest.importorskip("pandas")
    a = numpy_shim.linspace(0, 1, 4)
    df = pd.DataFrame({"a": a, "b": numpy_shim.arange(4)})
    assert df.dtypes.tolist() == [numpy.float64, numpy.int64]
    numpy.testing.assert_array_equal(df["a"].to_numpy(), numpy.linspace(0, 1, 4))
    assert pd.DataFrame(numpy_shim.ones((2, 3))).shape == (2, 3)
    assert pd.Series(numpy_shim.arange(3.0)).sum() == 3.0


def test_matplotlib_plots_shim_arrays():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    x = numpy_shim.linspace(0, 2 * numpy.pi, 20)
    fig, ax = plt.subplots()
    line, = ax.plot(x, numpy_shim.sin(x))
    ax.scatter(x, x)
    ax.imshow(numpy_shim.ones((4, 4)))
    ax.hist(numpy_shim.sin(x), bins=5)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    assert buf.getvalue()[:4] == b"\x89PNG"
    numpy.testing.assert_allclose(numpy.asarray(line.get_ydata(), dtype=float),
                                  numpy.sin(numpy.linspace(0, 2 * numpy.pi, 20)))
