"""Machinery shared by every visualizer: catalog, registry, frames and history (pure), player and base view (Qt)."""
