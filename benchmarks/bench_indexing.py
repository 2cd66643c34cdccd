"""Indexing speed: numpy_shim vs NumPy vs torch eager, one run, one thread.

    python benchmarks/bench_indexing.py [--n 1000000] [--repeat 200]

Prints per-op microseconds and the ratios shim/numpy and shim/torch, for a small
(100) and a large array. torch.set_num_threads(1) (see DESIGN.md: a loaded machine's
idle intra-op workers distort small-op timings).
"""
import argparse
import timeit

import numpy as np
import torch

import numpy_shim as nps

torch.set_num_threads(1)


def cases(n):
    rng = np.random.default_rng(0)
    a_np = rng.standard_normal(n)
    idx_np = rng.integers(0, n, n // 10)
    mask_np = a_np > 0.5
    a_t, idx_t, mask_t = torch.from_numpy(a_np.copy()), torch.from_numpy(idx_np), torch.from_numpy(mask_np)
    a_s, idx_s, mask_s = nps.asarray(a_np.copy()), nps.asarray(idx_np), nps.asarray(mask_np)
    h = n // 2
    return {
        "basic slice a[1:h:2]": (lambda: a_np[1:h:2], lambda: a_s[1:h:2], lambda: a_t[1:h:2]),
        "reverse a[::-1]": (lambda: a_np[::-1], lambda: a_s[::-1], lambda: a_t.flip(0)),
        "int a[3]": (lambda: a_np[3], lambda: a_s[3], lambda: a_t[3]),
        "fancy a[idx]": (lambda: a_np[idx_np], lambda: a_s[idx_s], lambda: a_t[idx_t]),
        "bool mask a[m]": (lambda: a_np[mask_np], lambda: a_s[mask_s], lambda: a_t[mask_t]),
        "setitem a[1:h] = 0": (_set(a_np, slice(1, h)), _set(a_s, slice(1, h)), _set(a_t, slice(1, h))),
        "setitem a[idx] = 0": (_set(a_np, idx_np), _set(a_s, idx_s), _set(a_t, idx_t)),
        "setitem a[m] = 0": (_set(a_np, mask_np), _set(a_s, mask_s), _set(a_t, mask_t)),
    }


def _set(a, ix):
    def f():
        a[ix] = 0.0
    return f


def best_us(fn, repeat):
    number = max(1, repeat)
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e6


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, nargs="*", default=[100, 1_000_000])
    p.add_argument("--repeat", type=int, default=200)
    args = p.parse_args()
    print(f"torch {torch.__version__}, numpy {np.__version__}, threads={torch.get_num_threads()}")
    for n in args.n:
        rep = args.repeat if n <= 10_000 else max(3, args.repeat // 50)
        print(f"\nn = {n}")
        print(f"{'op':24s} {'numpy us':>10s} {'shim us':>10s} {'torch us':>10s} {'shim/np':>8s} {'shim/torch':>10s}")
        for name, (f_np, f_s, f_t) in cases(n).items():
            t_np, t_s, t_t = best_us(f_np, rep), best_us(f_s, rep), best_us(f_t, rep)
            print(f"{name:24s} {t_np:10.2f} {t_s:10.2f} {t_t:10.2f} {t_s / t_np:8.2f} {t_s / t_t:10.2f}")


if __name__ == "__main__":
    main()
