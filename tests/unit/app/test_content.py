"""The shipped content loads cleanly, and broken files are reported with file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.content import ContentError, Library, load_library
from app.paths import content_dir


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def test_shipped_content_has_no_problems(library: Library) -> None:
    assert [str(e) for e in library.errors] == []


def test_all_25_questions_in_five_categories(library: Library) -> None:
    guide = [q for q in library.questions if q.number <= 25]
    assert [q.number for q in guide] == list(range(1, 26))
    assert len(library.categories) >= 5
    for category in library.categories[:5]:  # the guide's five; later ones are appended
        assert len([q for q in guide if q.category == category.id]) == 5, category.id


def test_guide_pages_cover_rounds_and_tips(library: Library) -> None:
    text = " ".join(g.search_text() for g in library.guides)
    assert len(library.guides) >= 2
    for phrase in ("screening", "system design", "behavioral", "coding"):
        assert phrase in text


def test_every_coding_question_points_at_a_function(library: Library) -> None:
    coding = library.in_category("coding")
    assert all(q.implementation for q in coding)
    q21 = library.question(21)
    assert q21 is not None
    assert q21.implementation == "visualizers.similarity.algorithm:cosine_similarity"


def test_answers_go_deeper_than_a_few_lines(library: Library) -> None:
    for q in library.questions:
        assert len(q.answer.split()) >= 300, f"Q{q.number} answer is short"
        assert len(q.follow_ups) >= 3, f"Q{q.number} needs follow-ups"


GOOD = """\
id: sample-question
number: 1
category: foundational-ml
question: What is a sample?
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
related: []
"""


def _content(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "content"
    (root / "questions").mkdir(parents=True)
    (root / "guides").mkdir()
    shutil.copy(content_dir() / "categories.yaml", root / "categories.yaml")
    for name, text in files.items():
        (root / "questions" / name).write_bytes(
            text.encode("utf-8") if isinstance(text, str) else text
        )
    return root


def _good(**replace: str) -> str:
    text = GOOD.format(answer="  " + " ".join(["word"] * 200))
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def _errors(tmp_path: Path, text: str) -> list[ContentError]:
    return list(load_library(_content(tmp_path, {"q01_sample.yaml": text})).errors)


def test_a_good_file_loads(tmp_path: Path) -> None:
    lib = load_library(_content(tmp_path, {"q01_sample.yaml": _good()}))
    assert lib.errors == ()
    assert lib.questions[0].id == "sample-question"


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    broken = _good().replace("tags: [sample]", "tags: [sample")
    (error,) = _errors(tmp_path, broken)
    assert error.path.name == "q01_sample.yaml"
    assert "YAML syntax error" in str(error)
    assert error.line is not None and 6 <= error.line <= 9


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (
            "difficulty: easy",
            "difficulty: simple",
            "difficulty",
            "must be one of easy, medium, hard",
        ),
        ("category: foundational-ml", "category: cooking", "category", "not in categories.yaml"),
        ("number: 1", "number: one", "number", "whole number"),
        ("id: sample-question", "id: Sample Question", "id", "slug"),
        ("key_points: [one, two, three]", "key_points: [one]", "key_points", "3 to 10 items"),
        ("pitfalls: [Forgetting it.]", "pitfalls: Forgetting it.", "pitfalls", "must be a list"),
        ("related: []", "related: [1]", "related", "related to itself"),
        ("related: []", "related: [42]", "related", "does not exist"),
        ("related: []", "related: []\nvisualiser: kmeans", "visualiser", "not a known field"),
        ("rounds: [theory]", "rounds: [lunch]", "rounds", "not a round"),
        (
            "related: []",
            "related: []\nimplementation: just a name",
            "implementation",
            "package.module:function",
        ),
    ],
)
def test_field_errors_name_the_field_and_line(
    tmp_path: Path, old: str, new: str, field: str, words: str
) -> None:
    text = _good()
    assert old in text
    errors = _errors(tmp_path, text.replace(old, new, 1))
    assert len(errors) == 1, errors
    (error,) = errors
    assert error.field == field
    assert words in error.message
    if field not in ("related",):  # cross-file checks have no single line
        lines = text.replace(old, new, 1).splitlines()
        assert error.line is not None and lines[error.line - 1].startswith(field)
    assert str(error).startswith(str(error.path))


def test_missing_field(tmp_path: Path) -> None:
    (error,) = _errors(tmp_path, _good().replace("pitfalls: [Forgetting it.]\n", ""))
    assert error.field == "pitfalls" and error.message == "is missing"


def test_raw_latex_is_rejected(tmp_path: Path) -> None:
    text = _good().replace("Two plus two is four.", r"The loss is $\frac{1}{n}$.")
    (error,) = _errors(tmp_path, text)
    assert error.field == "worked_example" and "LaTeX" in error.message


def test_short_answer_is_rejected(tmp_path: Path) -> None:
    text = GOOD.format(answer="  Too short.")
    (error,) = _errors(tmp_path, text)
    assert error.field == "answer" and "at least 150" in error.message


def test_not_a_mapping(tmp_path: Path) -> None:
    (error,) = _errors(tmp_path, "- just\n- a list\n")
    assert "mapping" in error.message


def test_not_utf8(tmp_path: Path) -> None:
    root = _content(tmp_path, {})
    (root / "questions" / "q01_bad.yaml").write_bytes(b"id: caf\xe9\n")
    (error,) = load_library(root).errors
    assert "UTF-8" in error.message


def test_oversized_file(tmp_path: Path) -> None:
    (error,) = _errors(tmp_path, _good() + "#" * (600 * 1024))
    assert "limited" in error.message


def test_unsafe_yaml_tags_are_not_executed(tmp_path: Path) -> None:
    text = _good().replace(
        "tags: [sample]", "tags: !!python/object/apply:os.system ['echo hacked']"
    )
    (error,) = _errors(tmp_path, text)
    assert "YAML syntax error" in str(error) or "tags" in str(error)


def test_duplicate_number_keeps_the_first(tmp_path: Path) -> None:
    second = _good().replace("id: sample-question", "id: other-question")
    lib = load_library(_content(tmp_path, {"q01_a.yaml": _good(), "q01_b.yaml": second}))
    assert [q.id for q in lib.questions] == ["sample-question"]
    (error,) = lib.errors
    assert error.path.name == "q01_b.yaml" and "already used by q01_a.yaml" in error.message


def test_broken_file_does_not_hide_the_others(tmp_path: Path) -> None:
    second = _good().replace("id: sample-question", "id: other").replace("number: 1", "number: 2")
    lib = load_library(_content(tmp_path, {"q01_a.yaml": "{{{", "q02_b.yaml": second}))
    assert [q.number for q in lib.questions] == [2]
    assert len(lib.errors) == 1


def test_missing_categories_file(tmp_path: Path) -> None:
    root = _content(tmp_path, {"q01_a.yaml": _good()})
    (root / "categories.yaml").unlink()
    lib = load_library(root)
    assert any("categories.yaml" in str(e) for e in lib.errors)


def test_parse_cache_gives_the_same_library_and_notices_edits(tmp_path: Path) -> None:
    from app.content import ParseCache

    root = _content(tmp_path, {"q01_sample.yaml": _good()})
    cache_file = tmp_path / "cache.json"
    first = ParseCache(cache_file)
    cold = load_library(root, cache=first)
    first.save()
    assert cache_file.exists()

    warm_cache = ParseCache(cache_file)
    warm = load_library(root, cache=warm_cache)
    assert (
        warm.questions == cold.questions and not warm_cache.dirty
    )  # every file came from the cache

    path = root / "questions" / "q01_sample.yaml"
    path.write_text(_good().replace("difficulty: easy", "difficulty: hard"), encoding="utf-8")
    edited = load_library(root, cache=ParseCache(cache_file))
    assert edited.questions[0].difficulty == "hard"

    cache_file.write_text("{not json", encoding="utf-8")  # a broken cache is ignored
    assert load_library(root, cache=ParseCache(cache_file)).questions[0].difficulty == "hard"
