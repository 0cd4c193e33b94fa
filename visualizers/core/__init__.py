"""Machinery shared by every visualizer: registry, frames and history (pure), player and base view (Qt)."""
