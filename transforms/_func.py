"""torch.func transforms over NumPy programs (grad, vmap, ...)."""
__all__ = []
