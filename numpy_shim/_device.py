"""The default device for new arrays: a global setting and a context manager."""
import contextlib
import threading

import torch


class _State(threading.local):
    device = None


_state = _State()


def default_device():
    return _state.device


def set_default_device(device):
    """Make new arrays live on ``device`` (None: torch's default, the CPU)."""
    _state.device = None if device is None else torch.device(device)


@contextlib.contextmanager
def device(dev):
    """``with np.device("cuda"):`` creates arrays on that device."""
    old = _state.device
    set_default_device(dev)
    try:
        yield
    finally:
        _state.device = old
