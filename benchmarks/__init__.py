"""Reproducible performance scripts, each runnable as `python -m benchmarks.<module>`."""
