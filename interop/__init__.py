"""Bridges between numpy_shim and torch, NumPy and the Python array ecosystem.

Exposed as ``numpy_shim.interop``.
"""
