"""Matrix factorization for recommendations (questions 15 and 22; collaborative filtering, 12 and 13)."""
