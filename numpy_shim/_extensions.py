"""Star-imports every ``_api_*.py`` topic module, so a topic is added by adding its file.

Each such module lists its public names in ``__all__``.
"""
import importlib
import pathlib

__all__ = []
for _path in sorted(pathlib.Path(__file__).parent.glob("_api_*.py")):
    _mod = importlib.import_module(f"{__package__}.{_path.stem}")
    for _name in _mod.__all__:
        globals()[_name] = getattr(_mod, _name)
        __all__.append(_name)
