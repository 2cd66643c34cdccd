"""The two random engines and the choice between them.

Eager CPU code draws from real NumPy's generators (bit-exact NumPy streams) and wraps
the results as shim arrays. Under a torch.func transform (vmap, grad, ...), under
torch.compile, or when the default device is not the CPU, draws come from torch's RNG,
so that vmap's ``randomness=`` rules apply and nothing leaves the device.
"""
import numpy as np
import torch

from .._convert import asarray
from .._ndarray import ndarray

_current_level = torch._C._functorch.maybe_current_level


def torch_engine():
    """True where draws must come from torch (transform, compile, non-CPU default device)."""
    if _current_level() is not None or torch.compiler.is_compiling():
        return True
    from .._device import default_device
    dev = default_device()
    return dev is not None and dev.type != "cpu"


def has_traced(args):
    """Any argument a traced or non-CPU array (its values cannot go to NumPy)?"""
    for a in args:
        if isinstance(a, ndarray):
            t = a._t
            if type(t) is not torch.Tensor or t.device.type != "cpu" or \
                    torch._C._functorch.is_functorch_wrapped_tensor(t):
                return True
        elif isinstance(a, torch.Tensor):
            return True
        elif isinstance(a, (list, tuple)) and has_traced(a):
            return True
    return False


def to_numpy_arg(x):
    """A shim array argument as the NumPy array NumPy's generator expects."""
    if isinstance(x, ndarray):
        return x.__array__()
    if isinstance(x, list):
        return [to_numpy_arg(v) for v in x] if any(isinstance(v, (ndarray, list, tuple)) for v in x) else x
    if isinstance(x, tuple):
        return tuple(to_numpy_arg(v) for v in x)
    return x


def to_shim(r):
    """NumPy's result as the shim's: arrays wrapped (no copy), scalars kept as NumPy gives them."""
    if isinstance(r, np.ndarray):
        return asarray(r)
    if isinstance(r, tuple) and not hasattr(r, "_fields"):
        return tuple(to_shim(v) for v in r)
    return r


def call_numpy(fn, args, kwargs):
    """``fn`` (a NumPy generator method) on converted arguments, result converted back."""
    a = tuple(to_numpy_arg(v) for v in args)
    k = {n: to_numpy_arg(v) for n, v in kwargs.items()}
    res = fn(*a, **k)
    out = kwargs.get("out")
    if isinstance(out, ndarray) and res is k["out"]:
        # NumPy filled the out= array through a view of the shim array's memory
        return out
    return to_shim(res)


class TorchStreams:
    """torch.Generators seeded from a NumPy generator's stream, one per device.

    Seeds are drawn from the NumPy stream the first time a device is used after the
    state was (re)set, so ``seed(0)`` makes torch-engine draws reproducible too.
    Under torch.compile the global torch RNG is used instead (a Generator object
    would break the graph), so compiled draws follow ``torch.manual_seed``.
    """

    def __init__(self, draw_seed):
        self._draw_seed = draw_seed
        self._gens = {}

    def reset(self):
        self._gens.clear()

    def get(self, device):
        if torch.compiler.is_compiling():
            return None
        device = torch.device(device if device is not None else "cpu")
        g = self._gens.get(device)
        if g is None:
            g = torch.Generator(device=device)
            g.manual_seed(int(self._draw_seed()))
            self._gens[device] = g
        return g


def default_device():
    from .._device import default_device as dd
    return dd() or torch.device("cpu")
