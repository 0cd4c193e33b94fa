"""Cosine similarity between embedding vectors (question 21)."""
