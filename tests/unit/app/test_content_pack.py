"""A user's content pack is validated whole before any of it is shown."""

from __future__ import annotations

from pathlib import Path

from app.content import MAX_PACK_FILES, load_library, load_pack

BASE = load_library()

QUESTION = """\
id: {id}
number: {number}
category: {category}
question: What is a pack question?
difficulty: medium
tags: [pack]
answer: |
  {answer}
key_points: [one, two, three]
worked_example: |
  Two and two make four.
follow_ups:
  - question: Why?
    answer: Because.
  - question: Then?
    answer: Then more.
pitfalls: [None yet.]
related: [{related}]
"""


def _pack(tmp_path: Path, files: dict[str, str], categories: str | None = None) -> Path:
    folder = tmp_path / "pack"
    (folder / "questions").mkdir(parents=True)
    for name, text in files.items():
        (folder / "questions" / name).write_text(text, encoding="utf-8")
    if categories is not None:
        (folder / "categories.yaml").write_text(categories, encoding="utf-8")
    return folder


def _question(
    number: int = 901, qid: str = "pack-question", category: str = "coding", related: str = "21"
) -> str:
    return QUESTION.format(
        id=qid, number=number, category=category, related=related, answer=" ".join(["word"] * 200)
    )


def test_valid_pack_extends_the_library(tmp_path: Path) -> None:
    categories = "- id: statistics\n  title: Statistics\n  description: Tests and intervals.\n"
    folder = _pack(
        tmp_path,
        {"q901.yaml": _question(), "q902.yaml": _question(902, "stats-one", "statistics", "901")},
        categories,
    )
    library, errors = load_pack(folder, BASE)
    assert errors == ()
    assert library is not None
    assert [q.number for q in library.questions][-2:] == [901, 902]
    assert (
        len(library.questions) == len(BASE.questions) + 2
        and library.category("statistics") is not None
    )
    assert library.question(1) == BASE.question(1)


def test_one_bad_file_refuses_the_whole_pack(tmp_path: Path) -> None:
    folder = _pack(
        tmp_path,
        {
            "q901.yaml": _question(),
            "q902.yaml": _question(902, "b").replace("difficulty: medium", "difficulty: brutal"),
        },
    )
    library, errors = load_pack(folder, BASE)
    assert library is None
    assert (
        len(errors) == 1 and errors[0].field == "difficulty" and errors[0].path.name == "q902.yaml"
    )


def test_clashing_number_or_unknown_related_is_refused(tmp_path: Path) -> None:
    clash = _pack(tmp_path, {"q01.yaml": _question(number=1)})
    library, errors = load_pack(clash, BASE)
    assert library is None and "already used by q01_" in str(errors[0])


def test_unknown_related_is_refused(tmp_path: Path) -> None:
    folder = _pack(tmp_path, {"q901.yaml": _question(related="999")})
    library, errors = load_pack(folder, BASE)
    assert library is None and "related question 999 does not exist" in str(errors[0])


def test_not_a_pack_and_too_many_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    library, errors = load_pack(empty, BASE)
    assert library is None and "not a content pack" in str(errors[0])
    big = _pack(tmp_path, {})
    for i in range(MAX_PACK_FILES + 1):
        (big / "questions" / f"n{i}.txt").write_text("x")
    library, errors = load_pack(big, BASE)
    assert library is None and "at most" in str(errors[0])


def test_empty_pack_is_refused(tmp_path: Path) -> None:
    library, errors = load_pack(_pack(tmp_path, {}), BASE)
    assert library is None and "no questions" in str(errors[0])
