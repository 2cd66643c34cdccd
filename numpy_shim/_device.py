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


class Device(str):
    """An array's device, as ``ndarray.device`` gives it.

    NumPy spells devices as strings (``np.asarray(0).device == "cpu"``); torch as
    ``torch.device``. This is the string (``"cpu"``, ``"cuda:0"``) that also compares
    equal to the matching ``torch.device``, has its ``.type`` and ``.index``, and is
    accepted wherever torch takes a device.
    """

    __slots__ = ()

    @property
    def type(self):
        return self.partition(":")[0]

    @property
    def index(self):
        idx = self.partition(":")[2]
        return int(idx) if idx else None

    def __eq__(self, other):
        if isinstance(other, torch.device):
            return torch.device(str(self)) == other
        return str.__eq__(self, other)

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = str.__hash__


_DEVICES = {}


def as_device(dev):
    """The ``Device`` for a torch.device (cached: one object per device)."""
    d = _DEVICES.get(dev)
    if d is None:
        d = _DEVICES[dev] = Device(str(dev))
    return d


def check_device(device):
    """``device`` as a torch.device, with NumPy's ValueError for names that are not devices."""
    if device is None or isinstance(device, torch.device):
        return device
    try:
        return torch.device(device)
    except (RuntimeError, TypeError):
        raise ValueError(f'Device not understood. Only "cpu" or a torch device is allowed, '
                         f'but received: {device}') from None
