"""Bias–variance tradeoff: a fan of fits over resampled training sets (questions 1 and 8)."""
