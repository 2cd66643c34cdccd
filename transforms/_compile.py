"""compile and explain: NumPy programs through torch.compile."""
__all__ = []
