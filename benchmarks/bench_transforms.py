"""numpy_shim.transforms against torch.func on the same work, in one run.

    python benchmarks/bench_transforms.py [--threads N] [--repeat R]

1. Per-sample gradients of a 2-layer tanh MLP (batch 256, 32 -> 128 -> 10, float32):
   vmap(grad) on a NumPy-written loss, a Python loop of grad over the batch, and
   torch.func.vmap(torch.func.grad) on the same loss written for torch tensors.
2. Hessian of a 100-d function (float64) by numpy_shim.transforms.hessian vs
   torch.func.hessian.

Each row is the best-of-R median time per call; ratios are (numpy_shim time) /
(torch.func time): 1.0 means the same speed, 1.3 means 30% slower.
"""
import argparse
import statistics
import time

import numpy as np
import torch

from numpy_shim import transforms as T


def timeit(fn, repeat, number):
    fn()  # warm up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return statistics.median(times)


# -- workloads, written once for NumPy and once for torch -------------------------

def np_loss(params, x, y):
    h = np.tanh(x @ params["W0"] + params["b0"])
    out = h @ params["W1"] + params["b1"]
    return np.mean((out - y) ** 2)


def torch_loss(params, x, y):
    h = torch.tanh(x @ params["W0"] + params["b0"])
    out = h @ params["W1"] + params["b1"]
    return torch.mean((out - y) ** 2)


def np_energy(x):
    return np.sum(np.sin(x) * np.cos(x[::-1])) + np.sum(x ** 4) / 4 + x @ x


def torch_energy(x):
    return torch.sum(torch.sin(x) * torch.cos(x.flip(0))) + torch.sum(x ** 4) / 4 + x @ x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    B, D, H, O = 256, 32, 128, 10
    params = {"W0": (rng.standard_normal((D, H)) / np.sqrt(D)).astype(np.float32),
              "b0": np.zeros(H, np.float32),
              "W1": (rng.standard_normal((H, O)) / np.sqrt(H)).astype(np.float32),
              "b1": np.zeros(O, np.float32)}
    X = rng.standard_normal((B, D)).astype(np.float32)
    Y = rng.standard_normal((B, O)).astype(np.float32)
    tparams = {k: torch.from_numpy(v) for k, v in params.items()}
    tX, tY = torch.from_numpy(X), torch.from_numpy(Y)

    shim_psg = T.vmap(T.grad(np_loss), in_dims=(None, 0, 0))
    torch_psg = torch.func.vmap(torch.func.grad(torch_loss), in_dims=(None, 0, 0))
    g_shim = shim_psg(params, X, Y)
    g_torch = torch_psg(tparams, tX, tY)
    for k in params:  # same work, same answer
        np.testing.assert_allclose(g_shim[k], g_torch[k].numpy(), rtol=1e-4, atol=1e-6)
    one_grad = T.grad(np_loss)

    def loop():
        return [one_grad(params, X[i], Y[i]) for i in range(B)]

    t_vmap = timeit(lambda: shim_psg(params, X, Y), args.repeat, 20)
    t_torch = timeit(lambda: torch_psg(tparams, tX, tY), args.repeat, 20)
    t_loop = timeit(loop, max(1, args.repeat // 2), 1)

    x100 = rng.standard_normal(100)
    t100 = torch.from_numpy(x100)
    shim_h = T.hessian(np_energy)
    torch_h = torch.func.hessian(torch_energy)
    np.testing.assert_allclose(shim_h(x100), torch_h(t100).numpy(), rtol=1e-10)
    t_hs = timeit(lambda: shim_h(x100), args.repeat, 20)
    t_ht = timeit(lambda: torch_h(t100), args.repeat, 20)

    print(f"threads={args.threads}  torch {torch.__version__}  numpy {np.__version__}")
    print(f"{'workload':58s} {'time':>10s} {'/ torch.func':>12s}")
    rows = [
        ("per-sample grads, MLP batch 256: torch.func vmap(grad)", t_torch, t_torch),
        ("per-sample grads, MLP batch 256: numpy_shim vmap(grad)", t_vmap, t_torch),
        ("per-sample grads, MLP batch 256: loop of numpy_shim grad", t_loop, t_torch),
        ("hessian, 100-d: torch.func.hessian", t_ht, t_ht),
        ("hessian, 100-d: numpy_shim hessian", t_hs, t_ht),
    ]
    for name, t, ref in rows:
        print(f"{name:58s} {t * 1e3:8.3f}ms {t / ref:11.2f}x")


if __name__ == "__main__":
    main()
