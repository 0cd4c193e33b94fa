"""The catalog of visualizer ids (read at start-up without importing any spec) agrees with
the registry and with the packages on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from visualizers.core import catalog, registry

ROOT = Path(__file__).resolve().parents[3]


def test_catalog_ids_are_the_registry_ids_in_menu_order() -> None:
    assert [spec.id for spec in registry.all_specs()] == list(catalog.VISUALIZER_IDS)


def test_every_visualizer_package_is_in_the_catalog() -> None:
    on_disk = {p.parent.name for p in (ROOT / "visualizers").glob("*/spec.py")}
    assert on_disk == set(catalog.VISUALIZER_IDS)
    assert len(set(catalog.VISUALIZER_IDS)) == len(catalog.VISUALIZER_IDS)


def test_a_spec_whose_id_is_not_its_package_name_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(registry, "VISUALIZER_IDS", ("kmeans",))
    monkeypatch.setattr(registry, "spec_module", lambda _id: "visualizers.similarity.spec")
    with pytest.raises(ValueError, match="not its package's name"):
        registry.all_specs()


def test_a_duplicate_id_in_the_catalog_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "VISUALIZER_IDS", ("kmeans", "kmeans"))
    with pytest.raises(ValueError, match="duplicate"):
        registry.all_specs()


def test_start_up_content_check_imports_no_spec_module() -> None:
    """Checking the questions' visualizer ids reads the catalog, not the specs."""
    import subprocess
    import sys

    code = (
        "import sys; from app.content import load_library; load_library(); "
        "print(sorted(m for m in sys.modules if m.endswith('.spec') or m.endswith('registry')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
