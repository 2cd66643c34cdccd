"""numpy_shim.transforms.compile against NumPy, numpy_shim eager and torch.compile, in one run.

    python benchmarks/bench_compile.py [--threads N] [--skip-cold]

Each row is a time per call and its ratio to NumPy (NumPy time / other time: > 1 is
faster than NumPy). torch and NumPy run with the stated thread count (default 1:
on a loaded 2-core machine more threads make small ops erratic). All compiled
variants use inductor. Cold compile times run in fresh subprocesses with empty
inductor caches, so they include inductor's first C++ build.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import textwrap
import time

WORKLOADS = textwrap.dedent('''
    def astype(np, a, dtype):
        cast = getattr(np, "bench_astype", None)   # torch tensors have no .astype
        return cast(a, dtype) if cast is not None else a.astype(dtype)

    def pairwise(np, X, Y):
        return np.sum(X[:, :, None] * Y[:, None, :], axis=(-2, -1))

    def kmeans_step(np, X, C):
        d = np.sum((X[:, None, :] - C[None, :, :]) ** 2, axis=-1)
        lab = np.argmin(d, axis=1)
        onehot = astype(np, lab[:, None] == np.arange(C.shape[0])[None, :], X.dtype)
        counts = np.sum(onehot, axis=0)
        return (onehot.T @ X) / np.maximum(counts, 1.0)[:, None]

    def kmeans_step_mm(np, X, C):
        # the same step with distances expanded as |x|^2 - 2 x.c + |c|^2 (one matmul)
        d = np.sum(X * X, axis=1)[:, None] - 2 * (X @ C.T) + np.sum(C * C, axis=1)[None, :]
        lab = np.argmin(d, axis=1)
        onehot = astype(np, lab[:, None] == np.arange(C.shape[0])[None, :], X.dtype)
        counts = np.sum(onehot, axis=0)
        return (onehot.T @ X) / np.maximum(counts, 1.0)[:, None]

    def life_step(np, G):
        n = np.zeros_like(G)
        for i in (-1, 0, 1):
            for j in (-1, 0, 1):
                if i or j:
                    n = n + np.roll(np.roll(G, i, axis=0), j, axis=1)
        return astype(np, (n == 3) | ((G == 1) & (n == 2)), G.dtype)
''')
exec(WORKLOADS)


def torch_ns():
    """The same workloads written for torch (what torch.compile is given)."""
    import torch

    class T:
        sum = staticmethod(lambda a, axis: torch.sum(a, dim=axis))
        argmin = staticmethod(lambda a, axis: torch.argmin(a, dim=axis))
        arange = staticmethod(torch.arange)
        maximum = staticmethod(lambda a, b: torch.clamp_min(a, b))
        zeros_like = staticmethod(torch.zeros_like)
        roll = staticmethod(lambda a, s, axis: torch.roll(a, s, dims=axis))
        bench_astype = staticmethod(lambda a, dtype: a.to(dtype))
    return T


def timeit(fn, *args, min_time=0.3, warmup=2):
    for _ in range(warmup):
        fn(*args)
    n, elapsed = 1, 0.0
    while True:
        t0 = time.perf_counter()
        for _ in range(n):
            fn(*args)
        elapsed = time.perf_counter() - t0
        if elapsed >= min_time:
            return elapsed / n
        n *= 2


def life_loop(step, G, steps=20):
    for _ in range(steps):
        G = step(G)
    return G


def row(name, t, t_np):
    print(f"  {name:<34} {t * 1e6:12.1f} us   {t_np / t:8.2f}x NumPy")


def bench_warm(threads):
    import numpy
    import torch
    import numpy_shim
    from numpy_shim.transforms import compile
    T = torch_ns()
    rng = numpy.random.default_rng(0)
    X, Y = rng.standard_normal((1024, 64)), rng.standard_normal((1024, 64))
    KX, KC = rng.standard_normal((4096, 16)), rng.standard_normal((16, 16))
    G = (rng.random((256, 256)) < 0.3).astype(numpy.int32)
    cases = [
        ("pairwise sum (1024x64)^2", pairwise, (X, Y), 1e-9),
        ("k-means step (4096x16, k=16), broadcast distances", kmeans_step, (KX, KC), 1e-9),
        ("k-means step (4096x16, k=16), matmul distances", kmeans_step_mm, (KX, KC), 1e-9),
        ("game of life 256x256, 20 steps", life_step, (G,), 0),
    ]
    for title, fn, args, tol in cases:
        print(f"{title}  (threads={threads})")
        sargs = tuple(numpy_shim.asarray(a) for a in args)
        targs = tuple(torch.from_numpy(a) for a in args)
        shim_c = compile(lambda *a, fn=fn: fn(numpy_shim, *a))
        torch_c = torch.compile(lambda *a, fn=fn: fn(T, *a))
        if fn is life_step:
            run_np = lambda g: life_loop(lambda x: fn(numpy, x), g)
            run_shim = lambda g: life_loop(lambda x: fn(numpy_shim, x), g)
            run_shim_c = lambda g: life_loop(shim_c, g)
            run_torch_c = lambda g: life_loop(torch_c, g)
        else:
            run_np = lambda *a, fn=fn: fn(numpy, *a)
            run_shim = lambda *a, fn=fn: fn(numpy_shim, *a)
            run_shim_c, run_torch_c = shim_c, torch_c
        expected = run_np(*args)
        got = run_shim_c(*sargs)
        numpy.testing.assert_allclose(numpy.asarray(got), expected, rtol=tol, atol=tol)
        numpy.testing.assert_allclose(run_torch_c(*targs).numpy(), expected, rtol=tol, atol=tol)
        t_np = timeit(run_np, *args)
        row("NumPy", t_np, t_np)
        row("numpy_shim eager", timeit(run_shim, *sargs), t_np)
        row("numpy_shim compile (inductor)", timeit(run_shim_c, *sargs), t_np)
        row("torch.compile on torch code", timeit(run_torch_c, *targs), t_np)
    print("cache hit on tiny inputs (per-call overhead)")
    tiny = compile(lambda a: a + 1)
    ttiny = torch.compile(lambda a: a + 1)
    a, ta = numpy_shim.ones(3), torch.ones(3)
    # a backend whose "compiled code" returns its input: what is left is compile's own
    # per-call work (signature, cache lookup, wrapping the result)
    bare = compile(lambda a: a + 1, backend=lambda gm, example_inputs: (lambda *ts: (ts[0],)))
    print(f"  {'numpy_shim compile':<34} {timeit(tiny, a) * 1e6:12.1f} us")
    print(f"  {'numpy_shim compile, dispatch only':<34} {timeit(bare, a) * 1e6:12.1f} us")
    print(f"  {'torch.compile':<34} {timeit(ttiny, ta) * 1e6:12.1f} us")


COLD = textwrap.dedent('''
    import time, sys, torch, numpy
    t0 = time.perf_counter()
    torch.set_num_threads({threads})
    sys.path.insert(0, {bench_dir!r})
    from bench_compile import pairwise, torch_ns
    X = numpy.random.default_rng(0).standard_normal((1024, 64))
    if {which!r} == "shim":
        import numpy_shim
        from numpy_shim.transforms import compile
        t0 = time.perf_counter()
        compile(lambda x, y: pairwise(numpy_shim, x, y))(X, X)
    else:
        T = torch_ns()
        t0 = time.perf_counter()
        torch.compile(lambda x, y: pairwise(T, x, y))(torch.from_numpy(X), torch.from_numpy(X))
    print(time.perf_counter() - t0)
''')


def bench_cold(threads):
    print("cold compile of pairwise sum to the first result (fresh process, empty caches)")
    here = os.path.dirname(os.path.abspath(__file__))
    for which, label in (("shim", "numpy_shim compile"), ("torch", "torch.compile")):
        with tempfile.TemporaryDirectory() as cache:
            env = dict(os.environ, TORCHINDUCTOR_CACHE_DIR=cache, TRITON_CACHE_DIR=cache)
            code = COLD.format(threads=threads, bench_dir=here, which=which)
            out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
            if out.returncode:
                print(f"  {label}: failed\n{out.stderr[-2000:]}")
                continue
            print(f"  {label:<34} {float(out.stdout.split()[-1]):8.2f} s")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--skip-cold", action="store_true")
    args = p.parse_args()
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    import torch
    torch.set_num_threads(args.threads)
    bench_warm(args.threads)
    if not args.skip_cold:
        bench_cold(args.threads)


if __name__ == "__main__":
    main()
