"""python -m numpy_shim script.py: the script sees numpy_shim, libraries keep NumPy, fallbacks count."""
import subprocess
import sys
import textwrap


def _run(tmp_path, code, *opts):
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(code))
    return subprocess.run([sys.executable, "-m", "numpy_shim", *opts, str(script)],
                          capture_output=True, text=True, timeout=120)


def test_script_numpy_is_the_shim(tmp_path):
    out = _run(tmp_path, """
        import numpy as np
        import numpy.linalg as la
        from numpy import arange
        a = arange(4.0)
        print(type(a).__module__.split(".")[0], type(np.zeros(2)).__module__.split(".")[0])
        print(a.sum(), type(a.sum()).__name__, la.norm(a) ** 2)
    """)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split("\n")
    assert lines[0] == "numpy_shim numpy_shim"
    assert lines[1] == "6.0 float64 14.0"


def test_libraries_keep_real_numpy(tmp_path):
    (tmp_path / "helper_lib").mkdir()
    out = _run(tmp_path, """
        import json
        import numpy as np
        import numpy.random
        print(json.dumps({"x": float(np.float64(1.5))}))
        import statistics  # a library module: its imports are untouched
        print(statistics.mean([1, 2, 3]))
    """)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ['{"x":', '1.5}', '2']


def test_fallback_is_counted_and_reported(tmp_path):
    out = _run(tmp_path, """
        import numpy as np
        s = np.array(["a", "bc"])      # str arrays stay real NumPy
        print(type(s).__module__, s.dtype)
    """, "--report")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "numpy <U2"
    assert "fallbacks to real NumPy" in out.stderr and "asarray" in out.stderr


def test_numpy_errors_surface_as_numpy_errors(tmp_path):
    out = _run(tmp_path, """
        import numpy as np
        try:
            np.ones(2) + np.ones(3)
        except ValueError as e:
            print("ValueError", e)
    """)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ValueError operands could not be broadcast together with shapes (2,) (3,)"
