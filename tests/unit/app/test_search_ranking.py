"""Ranked search (pure): title beats key points beats the answer; snippets; highlighting."""

from __future__ import annotations

import dataclasses

from app.content import load_library
from app.search import highlight_terms, rank_questions, snippet

LIB = load_library()
BASE = LIB.questions[0]


def _question(number: int, title: str, key_points: tuple[str, ...], answer: str):  # type: ignore[no-untyped-def]
    return dataclasses.replace(
        BASE,
        id=f"t{number}",
        number=number,
        question=title,
        key_points=key_points,
        answer=answer,
        worked_example="",
        follow_ups=(),
        pitfalls=(),
        tags=(),
    )


def test_title_beats_key_points_beats_answer() -> None:
    in_answer = _question(1, "About trees", ("depth",), "Momentum helps here.")
    in_points = _question(2, "About optimisers", ("momentum smooths steps",), "See above.")
    in_title = _question(3, "What is momentum?", ("velocity",), "A running average.")
    nowhere = _question(4, "Unrelated", ("nothing",), "Nothing at all.")
    hits = rank_questions([in_answer, in_points, in_title, nowhere], "momentum")
    assert [h.question.number for h in hits] == [3, 2, 1]
    assert [h.field for h in hits] == ["title", "key points", "answer"]


def test_every_word_must_appear_and_no_match_gives_nothing() -> None:
    q = _question(1, "Gradient descent", ("learning rate",), "Steps downhill.")
    assert rank_questions([q], "gradient downhill")
    assert rank_questions([q], "gradient zzzyx") == []
    assert rank_questions([q], "   ") == []


def test_snippet_is_around_the_match() -> None:
    text = "word " * 60 + "centroid update moves each centre " + "tail " * 60
    cut = snippet(text, "centroid", width=60)
    assert "centroid" in cut and cut.startswith("…") and cut.endswith("…")
    assert len(cut) <= 62


def test_real_library_ranks_the_kmeans_question_first() -> None:
    hits = rank_questions(list(LIB.questions), "k-means")
    assert hits[0].question.number == 23


def test_highlight_marks_text_but_never_tags_or_code() -> None:
    html = "<p title='bias'>Bias &amp; variance</p><pre>bias = 1</pre>"
    out = highlight_terms(html, "bias", "#ff0")
    assert "title='bias'" in out  # attribute untouched
    assert "<span style='background:#ff0;'>Bias</span>" in out
    assert "<pre>bias = 1</pre>" in out
