"""Core op timings: numpy_shim vs NumPy vs torch eager vs torch._numpy, as ratios, in one run.

    python benchmarks/bench_core.py [--quick]

Ops: a + b, a * b, sin(a), a.sum(), a[2:5], a.reshape, a.astype(float32), on float64
arrays of 10 and 1e6 elements. Each time is the best of several timeit repeats (per call).
torch runs on one intra-op thread (torch.set_num_threads(1)): on a shared 2-core machine
torch's default thread pool makes small ops 20-300x slower and the numbers meaningless.
"""
import os
import sys
import timeit

import numpy
import torch

torch.set_num_threads(1)

import numpy_shim  # noqa: E402
import torch._numpy as tnp  # noqa: E402

OPS = {
    "a + b": lambda m, a, b: a + b,
    "a * b": lambda m, a, b: a * b,
    "sin(a)": lambda m, a, b: m.sin(a),
    "a.sum()": lambda m, a, b: a.sum(),
    "a[2:5]": lambda m, a, b: a[2:5],
    "reshape": lambda m, a, b: a.reshape(-1, 2),
    "astype": lambda m, a, b: a.astype(m.float32),
}
TORCH_OPS = {
    "a + b": lambda a, b: a + b,
    "a * b": lambda a, b: a * b,
    "sin(a)": lambda a, b: torch.sin(a),
    "a.sum()": lambda a, b: a.sum(),
    "a[2:5]": lambda a, b: a[2:5],
    "reshape": lambda a, b: a.reshape(-1, 2),
    "astype": lambda a, b: a.to(torch.float32),
}


def best(fn, number, repeat):
    fn()  # warm up (caches, first allocation)
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def run(quick=False):
    print(f"torch {torch.__version__} (torch.set_num_threads(1)), numpy {numpy.__version__}, "
          f"THP_MEM_ALLOC_ENABLE={os.environ.get('THP_MEM_ALLOC_ENABLE', '(unset)')}")
    print("time per call; ratios are numpy_shim's time over the other's (lower is better)\n")
    head = (f"{'size':>8} {'op':<9} {'shim':>10} {'numpy':>10} {'torch':>10} {'tnp':>10}"
            f" {'shim/np':>8} {'shim/torch':>10} {'shim/tnp':>9}")
    print(head)
    print("-" * len(head))
    for n in (10, 1_000_000):
        x = numpy.linspace(0.1, 1.0, n)
        y = numpy.linspace(1.0, 2.0, n)
        libs = {"shim": (numpy_shim, numpy_shim.asarray(x), numpy_shim.asarray(y)),
                "numpy": (numpy, x, y),
                "tnp": (tnp, tnp.asarray(x), tnp.asarray(y))}
        tx, ty = torch.from_numpy(x), torch.from_numpy(y)
        number = (2000 if quick else 20000) if n == 10 else (5 if quick else 20)
        repeat = 3 if quick else 7
        for name, op in OPS.items():
            t = {k: best(lambda m=m, a=a, b=b: op(m, a, b), number, repeat) for k, (m, a, b) in libs.items()}
            t["torch"] = best(lambda: TORCH_OPS[name](tx, ty), number, repeat)
            s = t["shim"]
            print(f"{n:>8} {name:<9} {_fmt(s)} {_fmt(t['numpy'])} {_fmt(t['torch'])} {_fmt(t['tnp'])}"
                  f" {s / t['numpy']:>8.2f} {s / t['torch']:>10.2f} {s / t['tnp']:>9.2f}")
        print()
    # Large arrays again with torch's default intra-op threads (what a user gets without
    # set_num_threads; NumPy's elementwise loops stay single-threaded either way).
    threads = torch.get_num_threads()
    torch.set_num_threads(os.cpu_count() or 1)
    print(f"1e6 elements with torch.set_num_threads({torch.get_num_threads()}) (torch's default):")
    x = numpy.linspace(0.1, 1.0, 1_000_000)
    y = numpy.linspace(1.0, 2.0, 1_000_000)
    sx, sy = numpy_shim.asarray(x), numpy_shim.asarray(y)
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    for name in ("a + b", "a * b", "sin(a)", "a.sum()", "astype"):
        number, repeat = (5, 3) if quick else (20, 7)
        s = best(lambda: OPS[name](numpy_shim, sx, sy), number, repeat)
        n_ = best(lambda: OPS[name](numpy, x, y), number, repeat)
        t_ = best(lambda: TORCH_OPS[name](tx, ty), number, repeat)
        print(f"{1_000_000:>8} {name:<9} {_fmt(s)} {_fmt(n_)} {_fmt(t_)} {'':>10}"
              f" {s / n_:>8.2f} {s / t_:>10.2f}")
    torch.set_num_threads(threads)


def _fmt(sec):
    return f"{sec * 1e6:>8.2f}us" if sec < 1e-3 else f"{sec * 1e3:>8.2f}ms"


if __name__ == "__main__":
    run(quick="--quick" in sys.argv)
