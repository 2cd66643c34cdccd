"""numpy_shim.lib: numpy.lib's public namespace over the shim.

``stride_tricks`` (sliding_window_view, as_strided, broadcast_*) and ``scimath``
(numpy_shim.emath) are the shim's own; the rest of numpy.lib holds no array
computations (array_utils, format, mixins, introspect, NumpyVersion, Arrayterator,
add_docstring, ...) and is NumPy's own. Other names come from numpy.lib, counted.
"""
import numpy.lib as _np_lib
from numpy.lib import (Arrayterator, NumpyVersion, add_docstring, add_newdoc,  # noqa: F401
                       array_utils, format, introspect, mixins, npyio, tracemalloc_domain)

from .._fallback import module_getattr as _module_getattr
from .. import emath as scimath  # noqa: F401
from . import stride_tricks  # noqa: F401

__all__ = list(_np_lib.__all__)

__getattr__ = _module_getattr(_np_lib, "lib", globals())
