"""Which questions the navigation pane shows: search text and filters (pure, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from app.content import Guide, Question
from app.store import QuestionState


@dataclass(frozen=True)
class Filters:
    query: str = ""
    category: str | None = None  # category id, None for all
    difficulty: str | None = None
    bookmarked_only: bool = False
    unstudied_only: bool = False
    track: str | None = None  # a study track ("tiktok-25"), None for the whole library

    @property
    def active(self) -> bool:
        return bool(self.query.strip()) or any(
            (self.category, self.difficulty, self.bookmarked_only, self.unstudied_only, self.track)
        )


def _tokens(query: str) -> list[str]:
    return [t for t in query.lower().split() if t]


def question_matches(question: Question, state: QuestionState | None, filters: Filters) -> bool:
    """True when `question` passes every filter and contains every word of the query."""
    if filters.category and question.category != filters.category:
        return False
    if filters.difficulty and question.difficulty != filters.difficulty:
        return False
    if filters.bookmarked_only and not (state and state.bookmarked):
        return False
    if filters.unstudied_only and state and state.studied:
        return False
    if filters.track is not None and filters.track not in question.tracks:
        return False
    tokens = _tokens(filters.query)
    if not tokens:
        return True
    haystack = question.search_text() + f" q{question.number} #{question.number}"
    return all(token in haystack for token in tokens)


def guide_matches(guide: Guide, filters: Filters) -> bool:
    """Guides have no category, difficulty or progress: only the text query applies."""
    if filters.category or filters.difficulty or filters.bookmarked_only or filters.unstudied_only:
        return False  # (a track keeps the guides: they are part of every study plan)
    tokens = _tokens(filters.query)
    haystack = guide.search_text()
    return all(token in haystack for token in tokens)


# -- ranking ----------------------------------------------------------------------------------

FIELD_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("title", 8.0),
    ("key points", 4.0),
    ("answer", 2.0),
    ("details", 1.0),  # worked example, follow-ups, pitfalls, tags
)
SNIPPET_CHARS = 110


@dataclass(frozen=True)
class SearchHit:
    question: Question
    score: float
    field: str  # where the best match is: "title", "key points", "answer" or "details"
    snippet: str  # a short excerpt around the first match, plain text


def _fields(question: Question) -> dict[str, str]:
    details = [question.worked_example, " ".join(question.tags), *question.pitfalls]
    details += [f"{f.question} {f.answer}" for f in question.follow_ups]
    return {
        "title": f"{question.question} q{question.number} #{question.number}",
        "key points": " · ".join(question.key_points),
        "answer": question.answer,
        "details": " ".join(details),
    }


def snippet(text: str, token: str, width: int = SNIPPET_CHARS) -> str:
    """About `width` characters of `text` around the first `token` (one line, plain text)."""
    flat = " ".join(text.replace("`", "").replace("*", "").split())
    at = flat.lower().find(token)
    if at < 0:
        return flat[:width] + ("…" if len(flat) > width else "")
    start = max(0, at - width // 3)
    end = min(len(flat), start + width)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def rank_questions(questions: list[Question], query: str) -> list[SearchHit]:
    """Questions containing every word of `query`, most relevant first.

    Each word scores the weight of the best field it occurs in (title > key points >
    answer > the rest); ties keep the library order.
    """
    tokens = _tokens(query)
    if not tokens:
        return []
    hits: list[tuple[float, int, SearchHit]] = []
    for order, question in enumerate(questions):
        fields = {name: text.lower() for name, text in _fields(question).items()}
        score = 0.0
        best_field = ""
        for token in tokens:
            found = next((name for name, _w in FIELD_WEIGHTS if token in fields[name]), None)
            if found is None:
                break
            weight = dict(FIELD_WEIGHTS)[found]
            score += weight
            if not best_field or weight > dict(FIELD_WEIGHTS)[best_field]:
                best_field = found
        else:
            # The snippet comes from the highest field below the title that matches, so a
            # result shows more than its own title.
            below = [n for n, _w in FIELD_WEIGHTS[1:] if any(t in fields[n] for t in tokens)]
            where = below[0] if below else "answer"
            token = next((t for t in tokens if t in fields[where]), tokens[0])
            text = _fields(question)[where]
            hits.append(
                (-score, order, SearchHit(question, score, best_field, snippet(text, token)))
            )
    hits.sort(key=lambda h: (h[0], h[1]))
    return [h[2] for h in hits]


def highlight_terms(html: str, query: str, colour: str) -> str:
    """`html` with every word of `query` marked in text (never inside tags or entities)."""
    import re

    tokens = sorted({t for t in _tokens(query) if len(t) >= 2}, key=len, reverse=True)
    if not tokens:
        return html
    pattern = re.compile("|".join(re.escape(t) for t in tokens), re.IGNORECASE)
    parts = re.split(r"(<[^>]*>|&[#\w]+;)", html)
    in_pre = False
    out = []
    for part in parts:
        if part.startswith("<"):
            lowered = part.lower()
            if lowered.startswith("<pre"):
                in_pre = True
            elif lowered.startswith("</pre"):
                in_pre = False
            out.append(part)
        elif part.startswith("&") or in_pre:
            out.append(part)
        else:
            out.append(
                pattern.sub(
                    lambda m: f"<span style='background:{colour};'>{m.group(0)}</span>", part
                )
            )
    return "".join(out)
