"""numpy_shim in one minute: the three ways in, and wrap_numpy."""
import os
import subprocess
import sys
import tempfile
import textwrap

import numpy
import torch

print("== 1. import numpy_shim as np: NumPy's behaviour on torch ==")
import numpy_shim as np

a = np.arange(6, dtype=np.float32).reshape(2, 3)
b = a[:, 1:]              # a view, as in NumPy
b[0, 0] = 100.0           # writes through to a
print(a)
print("a.sum() ->", repr(a.sum()), "| type:", type(a.sum()).__name__)
print("uint8 + 1 ->", (np.array([255], dtype=np.uint8) + 1).dtype, "(NEP 50)")
try:
    np.array([1, 2]) + np.array([1, 2, 3])
except ValueError as e:
    print("ValueError:", e)
print("backed by:", type(a.tensor).__name__, a.tensor.dtype)

print("\n== 2. transforms on a function written against real NumPy ==")
from numpy_shim.transforms import grad, vmap, hessian


def loss(w, x):
    return numpy.sum(numpy.tanh(x @ w) ** 2)   # plain NumPy code


w = numpy.array([0.5, -0.25])
xs = numpy.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
g = grad(loss)(w, xs)
print("grad:", g, type(g).__name__)
per_example = vmap(grad(loss), in_dims=(None, 0))(w, xs[:, None, :])
print("per-example grads:\n", per_example)
print("hessian:\n", hessian(lambda w: numpy.sum(w ** 3))(w))

print("\n== 3. python -m numpy_shim script.py ==")
script = textwrap.dedent("""
    import numpy as np
    x = np.linspace(0, 1, 5)
    print(type(x).__module__, np.round(np.cumsum(x), 3))
    print(np.array(["strings", "fall", "back"]))
""")
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "script.py")
    with open(path, "w") as f:
        f.write(script)
    out = subprocess.run([sys.executable, "-m", "numpy_shim", "--report", path],
                         capture_output=True, text=True)
    print(out.stdout + out.stderr)

print("== wrap_numpy: NumPy-style code inside torch training code ==")
from numpy_shim.interop import wrap_numpy


@wrap_numpy
def energy(x):
    return np.sum(np.sin(x) ** 2)


t = torch.linspace(0, 1, 4, dtype=torch.float64, requires_grad=True)
e = energy(t)
e.backward()
print("energy:", e.item(), "grad:", t.grad)
