"""Star-imports every ``_api_*.py`` topic module, so a topic is added by adding its file.

Each such module lists its public names in ``__all__``; a module may also define
``NDARRAY_METHODS`` (name -> function taking the array first) to attach to ndarray.
"""
import importlib
import pathlib

from ._ndarray import ndarray

__all__ = []
for _path in sorted(pathlib.Path(__file__).parent.glob("_api_*.py")):
    _mod = importlib.import_module(f"{__package__}.{_path.stem}")
    for _name in _mod.__all__:
        globals()[_name] = getattr(_mod, _name)
        __all__.append(_name)
    for _name, _fn in getattr(_mod, "NDARRAY_METHODS", {}).items():
        setattr(ndarray, _name, _fn)
