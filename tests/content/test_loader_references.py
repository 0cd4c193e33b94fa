"""Loader rules added with issue 19: study tracks, and references that must exist."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.content import load_library, questions_in_track
from app.paths import content_dir

QUESTION = """\
id: {slug}
number: {number}
category: foundational-ml
question: What is {slug}?
difficulty: easy
tags: [sample]
rounds: [theory]
answer: |
  {answer}
key_points: [one, two, three]
worked_example: |
  Two plus two is four.
follow_ups:
  - question: Why?
    answer: Because.
  - question: And then?
    answer: Then more.
pitfalls: [Forgetting it.]
{extra}
"""


def _question(number: int, extra: str = "") -> str:
    return QUESTION.format(
        slug=f"sample-{number}", number=number, answer=" ".join(["word"] * 160), extra=extra
    )


def _library_root(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "content"
    (root / "questions").mkdir(parents=True)
    (root / "guides").mkdir()
    shutil.copy(content_dir() / "categories.yaml", root / "categories.yaml")
    for name, text in files.items():
        (root / "questions" / name).write_text(text, encoding="utf-8")
    return root


def test_unknown_visualizer_is_reported_with_the_known_ids(tmp_path: Path) -> None:
    root = _library_root(tmp_path, {"q01.yaml": _question(1, "visualizer: no_such_viz")})
    (error,) = load_library(root).errors
    assert error.field == "visualizer" and "no_such_viz" in error.message
    assert "kmeans" in error.message  # the message lists what does exist


def test_registered_visualizer_is_accepted(tmp_path: Path) -> None:
    root = _library_root(tmp_path, {"q01.yaml": _question(1, "visualizer: kmeans")})
    library = load_library(root)
    assert library.errors == () and library.questions[0].visualizer == "kmeans"


def test_related_number_that_does_not_exist_is_reported(tmp_path: Path) -> None:
    root = _library_root(tmp_path, {"q01.yaml": _question(1, "related: [2, 7]")})
    root_ok = _library_root(
        tmp_path / "ok", {"q01.yaml": _question(1, "related: [2]"), "q02.yaml": _question(2)}
    )
    errors = load_library(root).errors
    assert [e.field for e in errors] == ["related", "related"]
    assert load_library(root_ok).errors == ()


def test_tracks_load_and_filter(tmp_path: Path) -> None:
    root = _library_root(
        tmp_path,
        {
            "q01.yaml": _question(1, "tracks: [tiktok-25]"),
            "q02.yaml": _question(2),
            "q03.yaml": _question(3, "tracks: [tiktok-25, statistics]"),
        },
    )
    library = load_library(root)
    assert library.errors == ()
    assert library.tracks() == ("statistics", "tiktok-25")
    assert [q.number for q in questions_in_track(library.questions, "tiktok-25")] == [1, 3]
    assert [q.number for q in questions_in_track(library.questions, "statistics")] == [3]
    assert questions_in_track(library.questions, None) == library.questions


def test_bad_track_names_are_rejected(tmp_path: Path) -> None:
    for bad in ("tracks: [TikTok 25]", "tracks: tiktok-25", "tracks: []"):
        root = _library_root(tmp_path / str(abs(hash(bad))), {"q01.yaml": _question(1, bad)})
        (error,) = load_library(root).errors
        assert error.field == "tracks", bad


def test_shipped_library_track_sizes() -> None:
    library = load_library()
    assert len(questions_in_track(library.questions, "tiktok-25")) == 25
    assert len(library.questions) >= 65
