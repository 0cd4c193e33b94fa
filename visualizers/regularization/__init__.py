"""L1 and L2 regularization: geometry, paths and coordinate descent (question 3)."""
