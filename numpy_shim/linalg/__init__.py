"""numpy_shim.linalg: numpy.linalg over torch.linalg.

Every function computes in float64/complex128 and casts back, as NumPy does, and is
differentiable through torch.linalg. Checks that need values (a singular matrix, NaN
input to eig) raise NumPy's LinAlgError in eager code; under vmap/compile they are
skipped and the result holds inf/NaN as LAPACK leaves it. eig/eigvals of real input
return real arrays when every eigenvalue is real only where values can be read; under
vmap/compile they are complex.

Names not defined here come from real numpy.linalg through a counted fallback.
"""
import numpy.linalg as _np_linalg

from .._fallback import module_getattr as _module_getattr
from ._common import (LinAlgError, EigResult, EighResult, QRResult, SlogdetResult,  # noqa: F401
                      SVDResult)
from ._solve import (solve, inv, det, slogdet, cholesky, lstsq, pinv, tensorinv,  # noqa: F401
                     tensorsolve, matrix_power, matrix_rank, cond)
from ._decomp import eig, eigvals, eigh, eigvalsh, svd, svdvals, qr  # noqa: F401
from ._norms import norm, vector_norm, matrix_norm  # noqa: F401
from ._products import (matmul, vecdot, tensordot, outer, cross, multi_dot,  # noqa: F401
                        diagonal, trace, matrix_transpose)

__all__ = list(_np_linalg.__all__)


__getattr__ = _module_getattr(_np_linalg, "linalg", globals())
