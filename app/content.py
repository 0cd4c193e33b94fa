"""Load and validate the study content in `content/` (pure Python, no Qt).

Every file is parsed with PyYAML's safe loader and checked against the schema described in
`content/SCHEMA.md`. A broken file never stops the app: it is reported as a
`ContentError` naming the file, the line and the field, and the rest still loads.

A content pack is a stranger's data, so reading is defensive (DESIGN.md, principle 9):
only regular files are read (no FIFOs or devices, no symlink leaving the folder), their
size is checked on the open file and the read is bounded; YAML aliases are refused (an
"alias bomb" expands a kilobyte into gigabytes); Markdown fields are bounded in size and
nesting so rendering stays fast; an `implementation:` may only name an entry of the app's
own table; and every message quotes at most a short excerpt of a value.

Run `python -m app.content [folder]` to validate a content folder from the command line.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from app.implementation import IMPLEMENTATIONS
from app.paths import content_dir
from app.rendering import markdown_problem

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DIFFICULTIES = ("easy", "medium", "hard")
ROUNDS = ("screening", "coding", "system-design", "theory", "behavioral")
# Raw LaTeX would reach the user as backslashes and dollar signs: formulas are Unicode.
LATEX = re.compile(
    r"\\(frac|sum|sqrt|lambda|eta|alpha|beta|theta|sigma|cdot|mathbb|hat|left|right)\b|\$\$|\$[^$\s][^$]*\$"
)


def _find_latex(value: str) -> re.Match[str] | None:
    """LATEX's first match in `value`; texts without a backslash or dollar skip the regex scan."""
    return LATEX.search(value) if "\\" in value or "$" in value else None


MAX_FILE_BYTES = 512 * 1024
MIN_ANSWER_WORDS = 150
MAX_YAML_DEPTH = 20  # the schema needs 3 levels; deeper is an attack or a mistake
MAX_YAML_NODES = 20_000
MAX_QUOTE_CHARS = 200  # how much of a value a message may quote


def _short(value: object) -> str:
    """`repr(value)`, cut to MAX_QUOTE_CHARS: a message never expands a hostile value."""
    if isinstance(value, str):
        text = repr(value[: MAX_QUOTE_CHARS + 1])
    elif isinstance(value, dict | list | tuple | set):
        text = f"a {type(value).__name__} of {len(value)} item(s)"
    else:
        text = repr(value)
    return text if len(text) <= MAX_QUOTE_CHARS else text[:MAX_QUOTE_CHARS] + "…"


@dataclass(frozen=True)
class ContentError:
    """One problem in one content file, phrased for the person who will fix it."""

    path: Path
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f", line {self.line}"
        if self.field is not None:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class FollowUp:
    question: str
    answer: str


@dataclass(frozen=True)
class PracticeInfo:
    """The statement parts of a coding-practice problem (tests and starter live in app/practice)."""

    examples: tuple[str, ...]
    constraints: tuple[str, ...]
    hints: tuple[str, ...]
    complexity: str


@dataclass(frozen=True)
class Question:
    id: str
    number: int
    category: str
    tracks: tuple[str, ...]  # study tracks, e.g. ("tiktok-25",) for the seed's questions
    question: str
    difficulty: str
    tags: tuple[str, ...]
    rounds: tuple[str, ...]
    answer: str
    key_points: tuple[str, ...]
    worked_example: str
    follow_ups: tuple[FollowUp, ...]
    pitfalls: tuple[str, ...]
    related: tuple[int, ...]
    implementation: str | None
    visualizer: str | None
    source: Path
    practice: PracticeInfo | None = None

    def search_text(self) -> str:
        """Everything a search should look through, lower-cased."""
        parts = [self.question, self.answer, self.worked_example, " ".join(self.tags)]
        parts += list(self.key_points) + list(self.pitfalls)
        parts += [f"{f.question} {f.answer}" for f in self.follow_ups]
        return "\n".join(parts).lower()


@dataclass(frozen=True)
class Guide:
    id: str
    title: str
    order: int
    summary: str
    body: str
    source: Path

    def search_text(self) -> str:
        return f"{self.title}\n{self.summary}\n{self.body}".lower()


@dataclass(frozen=True)
class Library:
    """All content that loaded, plus every problem found on the way."""

    categories: tuple[Category, ...]
    questions: tuple[Question, ...]
    guides: tuple[Guide, ...]
    errors: tuple[ContentError, ...] = field(default_factory=tuple)

    def question(self, number: int) -> Question | None:
        return next((q for q in self.questions if q.number == number), None)

    def by_id(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def in_category(self, category_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.category == category_id)

    def tracks(self) -> tuple[str, ...]:
        """Every track name some question declares, sorted."""
        return tuple(sorted({t for q in self.questions for t in q.tracks}))

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)


class _InvalidField(Exception):  # noqa: N818 (internal control flow, never escapes)
    """Raised inside the validators; becomes a ContentError with the field's line."""

    def __init__(self, field_name: str | None, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name
        self.message = message


class _YamlSyntaxError(Exception):
    """A YAML syntax error, carried without the caller needing PyYAML imported."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


class ParseCache:
    """Parsed content files kept as JSON between launches, keyed by path, size and mtime.

    Parsing 30 YAML files (and importing PyYAML) is a measurable part of start-up; a JSON
    file of the already-parsed data loads several times faster. Only files that parsed are
    cached, validation still runs on every load, and a cache that can't be read is ignored.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.dirty = False
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            self._entries: dict[str, Any] = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError):
            self._entries = {}

    @staticmethod
    def _signature(path: Path) -> list[int]:
        stat = path.stat()
        return [stat.st_size, stat.st_mtime_ns]

    def get(self, path: Path) -> tuple[Any, dict[str, int]] | None:
        entry = self._entries.get(str(path))
        if not isinstance(entry, dict) or entry.get("signature") != self._signature(path):
            return None
        return entry.get("data"), entry.get("lines", {})

    def put(self, path: Path, data: Any, lines: dict[str, int]) -> None:
        try:
            json.dumps(data)
        except (TypeError, ValueError):
            return  # e.g. a YAML date: just parse that file every time
        self._entries[str(path)] = {
            "signature": self._signature(path),
            "data": data,
            "lines": lines,
        }
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(self._entries), encoding="utf-8")
            temporary.replace(self.path)
            self.dirty = False
        except OSError:
            pass  # a cache is an optimization: failing to write it changes nothing else


def read_regular_file(path: Path, limit: int, root: Path | None = None) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes inside `root`.

    A symlink is followed only when its target stays inside `root`; the file is then opened
    without following links and without blocking (a FIFO can't hang the read), its type and
    size are checked on the open descriptor (a link to /dev/zero reports size 0 to a path
    check), and at most `limit + 1` bytes are read whatever the file claims.
    Raises `_InvalidField` with a message for the user; OSError for unreadable files.
    """
    target = Path(os.path.realpath(path))
    if root is not None:
        inside = Path(os.path.realpath(root))
        if not target.is_relative_to(inside):
            raise _InvalidField(None, "is a link to a file outside the content folder; refused")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # the last component is a link (a loop, after realpath)
            raise _InvalidField(None, "is a symbolic link loop; refused") from exc
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _InvalidField(None, "is not a regular file (a device, FIFO or folder); refused")
        if info.st_size > limit:
            raise _InvalidField(
                None,
                f"file is {info.st_size // 1024} KiB; content files are limited to "
                f"{limit // 1024} KiB",
            )
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 65536))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise _InvalidField(
                None, f"file grew past {limit // 1024} KiB while being read; refused"
            )
        return data
    finally:
        os.close(fd)


def _check_tree(node: Any) -> None:
    """Refuse aliases, deep nesting and huge node counts, walking without recursion.

    An alias makes two places of the tree share one node, so a node seen twice is an alias;
    refusing them stops the "billion laughs" expansion before anything is constructed.
    """
    import yaml

    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if id(current) in seen:
            raise _YamlSyntaxError(
                "YAML aliases (*name) are not allowed in content; write the value out",
                current.start_mark.line + 1,
            )
        seen.add(id(current))
        if len(seen) > MAX_YAML_NODES:
            raise _InvalidField(None, f"has more than {MAX_YAML_NODES:,} YAML values; refused")
        if depth > MAX_YAML_DEPTH:
            raise _YamlSyntaxError(
                f"nested more than {MAX_YAML_DEPTH} levels deep", current.start_mark.line + 1
            )
        if isinstance(current, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))


def _read_yaml(
    path: Path, cache: ParseCache | None = None, root: Path | None = None
) -> tuple[Any, dict[str, int]]:
    """Parse `path` safely; also return the 1-based line of each top-level key."""
    if cache is not None and (hit := cache.get(path)) is not None:
        return hit
    raw = read_regular_file(path, MAX_FILE_BYTES, root)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _InvalidField(None, f"not valid UTF-8 text (byte {exc.start})") from exc
    import yaml  # here, not at the top: a warm start reads the JSON cache and never needs it

    # One parse gives both the node tree (for line numbers) and the data; the C loader
    # when PyYAML has it, since content loading is on the start-up path.
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
        if node is not None:
            _check_tree(node)
        data = loader(text).construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise _YamlSyntaxError(
            str(problem)[:MAX_QUOTE_CHARS], mark.line + 1 if mark else None
        ) from exc
    except (RecursionError, MemoryError) as exc:
        raise _YamlSyntaxError("too deeply nested or too large to read", None) from exc
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 1
    if cache is not None:
        cache.put(path, data, lines)
    return data, lines


def _text(data: dict[str, Any], name: str, *, min_words: int = 0) -> str:
    value = data.get(name)
    if value is None:
        raise _InvalidField(name, "is missing")
    if not isinstance(value, str) or not value.strip():
        raise _InvalidField(name, f"must be non-empty text (got {type(value).__name__})")
    if (found := _find_latex(value)) is not None:
        raise _InvalidField(
            name, f"contains raw LaTeX ({_short(found.group(0))}); write the formula in Unicode"
        )
    # Counting words splits the whole text (the largest part of validating at start-up), so
    # only fields with a minimum are counted.
    if min_words and (words := len(value.split())) < min_words:
        raise _InvalidField(name, f"has {words} words; at least {min_words} are expected")
    return value.strip()


def _markdown(data: dict[str, Any], name: str, *, min_words: int = 0) -> str:
    """A text field rendered as Markdown: bounded so that rendering stays fast."""
    value = _text(data, name, min_words=min_words)
    problem = markdown_problem(value)
    if problem is not None:
        raise _InvalidField(name, problem)
    return value


def _slug(data: dict[str, Any], name: str) -> str:
    value = _text(data, name)
    if len(value) > 120 or not SLUG.fullmatch(value):
        raise _InvalidField(
            name, f"must be a lower-case slug like 'bias-variance' (got {_short(value)})"
        )
    return value


def _int(data: dict[str, Any], name: str, low: int, high: int) -> int:
    value = data.get(name)
    if value is None:
        raise _InvalidField(name, "is missing")
    if isinstance(value, bool) or not isinstance(value, int):
        raise _InvalidField(name, f"must be a whole number (got {_short(value)})")
    if not low <= value <= high:
        raise _InvalidField(name, f"must be between {low} and {high} (got {value})")
    return value


def _choice(data: dict[str, Any], name: str, choices: tuple[str, ...]) -> str:
    value = data.get(name)
    if value is None:
        raise _InvalidField(name, "is missing")
    if value not in choices:
        raise _InvalidField(name, f"must be one of {', '.join(choices)} (got {_short(value)})")
    return str(value)


def _text_list(
    data: dict[str, Any], name: str, *, min_items: int, max_items: int = 100, required: bool = True
) -> tuple[str, ...]:
    value = data.get(name)
    if value is None:
        if required:
            raise _InvalidField(name, "is missing")
        return ()
    if not isinstance(value, list):
        raise _InvalidField(name, f"must be a list (got {type(value).__name__})")
    if not min_items <= len(value) <= max_items:
        raise _InvalidField(name, f"must have {min_items} to {max_items} items (has {len(value)})")
    items = []
    for i, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip():
            raise _InvalidField(name, f"item {i} must be non-empty text (got {_short(item)})")
        if _find_latex(item):
            raise _InvalidField(name, f"item {i} contains raw LaTeX; write the formula in Unicode")
        items.append(item.strip())
    return tuple(items)


def _follow_ups(data: dict[str, Any]) -> tuple[FollowUp, ...]:
    value = data.get("follow_ups")
    if value is None:
        raise _InvalidField("follow_ups", "is missing")
    if not isinstance(value, list) or len(value) < 2:
        raise _InvalidField("follow_ups", "must be a list of at least 2 {question, answer} items")
    result = []
    for i, item in enumerate(value, start=1):
        if not isinstance(item, dict) or set(item) != {"question", "answer"}:
            raise _InvalidField(
                "follow_ups", f"item {i} must have exactly the keys 'question' and 'answer'"
            )
        try:
            result.append(FollowUp(_text(item, "question"), _markdown(item, "answer")))
        except _InvalidField as exc:
            raise _InvalidField(
                "follow_ups", f"item {i}: '{exc.field_name}' {exc.message}"
            ) from exc
    return tuple(result)


QUESTION_FIELDS = [
    "id",
    "number",
    "category",
    "tracks",
    "question",
    "difficulty",
    "tags",
    "rounds",
    "answer",
    "key_points",
    "worked_example",
    "follow_ups",
    "pitfalls",
    "related",
    "implementation",
    "visualizer",
    "practice",
]
PRACTICE_FIELDS = ("examples", "constraints", "hints", "complexity")


def _practice(data: dict[str, Any]) -> PracticeInfo | None:
    value = data.get("practice")
    if value is None:
        return None
    if not isinstance(value, dict) or not set(value) <= set(PRACTICE_FIELDS):
        raise _InvalidField(
            "practice", f"must be a mapping with keys from {', '.join(PRACTICE_FIELDS)}"
        )
    try:
        return PracticeInfo(
            examples=_text_list(value, "examples", min_items=1, max_items=10),
            constraints=_text_list(value, "constraints", min_items=0, max_items=10, required=False),
            hints=_text_list(value, "hints", min_items=1, max_items=6),
            complexity=_text(value, "complexity"),
        )
    except _InvalidField as exc:
        raise _InvalidField("practice", f"'{exc.field_name}' {exc.message}") from exc


def _question(data: dict[str, Any], source: Path, category_ids: set[str]) -> Question:
    unknown = sorted((str(k) for k in set(data) - set(QUESTION_FIELDS)), key=str)
    if unknown:
        raise _InvalidField(
            unknown[0][:MAX_QUOTE_CHARS],
            f"is not a known field (known: {', '.join(QUESTION_FIELDS)})",
        )
    category = _text(data, "category")
    if category not in category_ids:
        raise _InvalidField(
            "category",
            f"{_short(category)} is not in categories.yaml ({', '.join(sorted(category_ids))})",
        )
    tags = _text_list(data, "tags", min_items=1, max_items=20)
    rounds = _text_list(data, "rounds", min_items=1, max_items=len(ROUNDS), required=False)
    for r in rounds:
        if r not in ROUNDS:
            raise _InvalidField("rounds", f"{_short(r)} is not a round ({', '.join(ROUNDS)})")
    related_raw = data.get("related", [])
    if not isinstance(related_raw, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) for n in related_raw
    ):
        raise _InvalidField("related", "must be a list of question numbers")
    if len(related_raw) > 50:
        raise _InvalidField("related", "may list at most 50 questions")
    implementation = data.get("implementation")
    # Only a key of the app's own table: pack text never reaches an import.
    if implementation is not None and (
        not isinstance(implementation, str) or implementation not in IMPLEMENTATIONS
    ):
        raise _InvalidField(
            "implementation",
            "must name one of the app's own implementations, written "
            f"'package.module:function' (got {_short(implementation)}; known: "
            f"{', '.join(sorted(IMPLEMENTATIONS))})",
        )
    visualizer = data.get("visualizer")
    if visualizer is not None and (
        not isinstance(visualizer, str) or not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", visualizer)
    ):
        raise _InvalidField(
            "visualizer", f"must be a visualizer id like 'kmeans' (got {_short(visualizer)})"
        )
    return Question(
        id=_slug(data, "id"),
        number=_int(data, "number", 1, 999),
        category=category,
        tracks=_tracks(data),
        question=_text(data, "question"),
        difficulty=_choice(data, "difficulty", DIFFICULTIES),
        tags=tuple(t.lower() for t in tags),
        rounds=rounds,
        answer=_markdown(data, "answer", min_words=MIN_ANSWER_WORDS),
        key_points=_text_list(data, "key_points", min_items=3, max_items=10),
        worked_example=_markdown(data, "worked_example"),
        follow_ups=_follow_ups(data),
        pitfalls=_text_list(data, "pitfalls", min_items=1, max_items=10),
        related=tuple(related_raw),
        implementation=implementation,
        visualizer=visualizer,
        source=source,
        practice=_practice(data),
    )


def _tracks(data: dict[str, Any]) -> tuple[str, ...]:
    """Optional `tracks:` list of slugs naming the study tracks a question belongs to."""
    tracks = _text_list(data, "tracks", min_items=1, max_items=20, required=False)
    for track in tracks:
        if not SLUG.match(track):
            raise _InvalidField(
                "tracks", f"{track[:60]!r} must be a lower-case slug like 'tiktok-25'"
            )
    return tracks


def questions_in_track(questions: tuple[Question, ...], track: str | None) -> tuple[Question, ...]:
    """The questions of one study track, in their order; `None` means the whole library."""
    if track is None:
        return questions
    return tuple(q for q in questions if track in q.tracks)


def _known_visualizer_ids() -> frozenset[str]:
    """Ids of the visualizers in this version (their specs are not imported for this)."""
    from visualizers.core.catalog import VISUALIZER_IDS

    return frozenset(VISUALIZER_IDS)


def _guide(data: dict[str, Any], source: Path) -> Guide:
    return Guide(
        id=_slug(data, "id"),
        title=_text(data, "title"),
        order=_int(data, "order", 0, 999),
        summary=_text(data, "summary"),
        body=_markdown(data, "body", min_words=MIN_ANSWER_WORDS),
        source=source,
    )


def _load_mapping_file[T](
    path: Path,
    build: Callable[[dict[str, Any]], T],
    errors: list[ContentError],
    cache: ParseCache | None = None,
    root: Path | None = None,
) -> T | None:
    """Parse one mapping-shaped file; on any problem record a ContentError and return None."""
    lines: dict[str, int] = {}
    try:
        data, lines = _read_yaml(path, cache, root)
        if not isinstance(data, dict):
            raise _InvalidField(
                None, f"must be a YAML mapping of fields (got {type(data).__name__})"
            )
        return build(data)
    except _YamlSyntaxError as exc:
        errors.append(ContentError(path, f"YAML syntax error: {exc.problem}", exc.line))
    except _InvalidField as exc:
        line = lines.get(exc.field_name) if exc.field_name else None
        errors.append(ContentError(path, exc.message, line, exc.field_name))
    except OSError as exc:
        errors.append(ContentError(path, f"cannot be read: {exc.strerror or exc}"))
    except (RecursionError, MemoryError):
        errors.append(ContentError(path, "is too deeply nested or too large to check"))
    return None


def _load_categories(
    path: Path,
    errors: list[ContentError],
    cache: ParseCache | None = None,
    root: Path | None = None,
    taken: set[str] | None = None,
) -> tuple[Category, ...]:
    try:
        data, _ = _read_yaml(path, cache, root)
    except _YamlSyntaxError as exc:
        errors.append(ContentError(path, f"YAML syntax error: {exc.problem}", exc.line))
        return ()
    except (_InvalidField, OSError) as exc:
        errors.append(ContentError(path, str(exc)))
        return ()
    if not isinstance(data, list):
        errors.append(ContentError(path, "must be a list of {id, title, description}"))
        return ()
    categories = []
    seen = set(taken or ())
    for i, item in enumerate(data, start=1):
        try:
            if not isinstance(item, dict):
                raise _InvalidField(None, "must be a mapping")
            category = Category(_slug(item, "id"), _text(item, "title"), _text(item, "description"))
            if category.id in seen:
                raise _InvalidField("id", f"{_short(category.id)} is already a category id")
            seen.add(category.id)
            categories.append(category)
        except _InvalidField as exc:
            errors.append(ContentError(path, f"category {i}: {exc.message}", None, exc.field_name))
    return tuple(categories)


def load_library(
    root: Path | None = None, base: Library | None = None, cache: ParseCache | None = None
) -> Library:
    """Load everything under `root` (default: the app's content folder); never raises for bad files.

    With `base`, `root` is a content pack extending it: its `categories.yaml` is optional and
    adds to the base's, and its ids and numbers must not clash with the base's questions.
    The result then holds the base's content plus the pack's.
    """
    root = root or content_dir()
    errors: list[ContentError] = []
    categories: tuple[Category, ...] = base.categories if base else ()
    if base is None or os.path.lexists(root / "categories.yaml"):
        categories += _load_categories(
            root / "categories.yaml", errors, cache, root, {c.id for c in categories}
        )
    category_ids = {c.id for c in categories}

    questions: list[Question] = []
    for path in sorted((root / "questions").glob("*.yaml")):
        q = _load_mapping_file(
            path, partial(_question, source=path, category_ids=category_ids), errors, cache, root
        )
        if q is not None:
            questions.append(q)

    # Cross-file rules: unique ids and numbers, related questions that exist.
    accepted: list[Question] = list(base.questions) if base else []
    seen_ids: dict[str, Path] = {q.id: q.source for q in accepted}
    seen_numbers: dict[int, Path] = {q.number: q.source for q in accepted}
    for q in questions:
        if q.id in seen_ids:
            errors.append(
                ContentError(
                    q.source,
                    f"id {_short(q.id)} is already used by {seen_ids[q.id].name}",
                    None,
                    "id",
                )
            )
            continue
        if q.number in seen_numbers:
            errors.append(
                ContentError(
                    q.source,
                    f"number {q.number} is already used by {seen_numbers[q.number].name}",
                    None,
                    "number",
                )
            )
            continue
        seen_ids[q.id] = q.source
        seen_numbers[q.number] = q.source
        accepted.append(q)
    base_ids = {q.id for q in base.questions} if base else set()
    for q in accepted:
        if q.id in base_ids:
            continue
        for n in q.related:
            if n == q.number:
                errors.append(
                    ContentError(q.source, "a question can't be related to itself", None, "related")
                )
            elif n not in seen_numbers:
                errors.append(
                    ContentError(q.source, f"related question {n} does not exist", None, "related")
                )
    visualizer_ids = _known_visualizer_ids()
    for q in accepted:
        if q.id in base_ids or q.visualizer is None:
            continue
        if q.visualizer not in visualizer_ids:
            errors.append(
                ContentError(
                    q.source,
                    f"visualizer {q.visualizer!r} does not exist "
                    f"(known: {', '.join(sorted(visualizer_ids))})",
                    None,
                    "visualizer",
                )
            )

    guides: list[Guide] = list(base.guides) if base else []
    for path in sorted((root / "guides").glob("*.yaml")):
        g = _load_mapping_file(path, partial(_guide, source=path), errors, cache, root)
        if g is not None and any(other.id == g.id for other in guides):
            errors.append(
                ContentError(path, f"guide id {_short(g.id)} is already used", None, "id")
            )
        elif g is not None:
            guides.append(g)

    return Library(
        categories=categories,
        questions=tuple(sorted(accepted, key=lambda q: q.number)),
        guides=tuple(sorted(guides, key=lambda g: (g.order, g.title))),
        errors=tuple(errors),
    )


MAX_PACK_FILES = 1000
MAX_PACK_BYTES = 20 * 1024 * 1024


def load_pack(folder: Path, base: Library) -> tuple[Library | None, tuple[ContentError, ...]]:
    """Validate a user's content pack in full before any of it is used.

    Returns the base library extended by the pack and no errors, or None and every problem
    found: a pack with a single bad file is refused whole, so nothing half-checked is shown.
    """
    if not (folder / "questions").is_dir() and not (folder / "guides").is_dir():
        return None, (
            ContentError(folder, "is not a content pack: it has no questions/ or guides/ folder"),
        )
    # Walk without following links (a link loop or a link to / can't make this endless),
    # counting entries as they come so a huge folder is refused without listing it all.
    count = 0
    size = 0
    for parent, dirs, names in os.walk(folder, followlinks=False):
        count += len(names) + len(dirs)
        if count > MAX_PACK_FILES:
            return None, (
                ContentError(
                    folder,
                    f"has more than {MAX_PACK_FILES} files; a pack may have at most {MAX_PACK_FILES}",
                ),
            )
        for name in names:
            try:
                info = os.lstat(os.path.join(parent, name))
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                size += info.st_size
    if size > MAX_PACK_BYTES:
        return None, (
            ContentError(
                folder,
                f"holds {size // 2**20} MiB; a pack may hold at most {MAX_PACK_BYTES // 2**20} MiB",
            ),
        )
    library = load_library(folder, base=base)
    if library.errors:
        return None, library.errors
    if len(library.questions) + len(library.guides) == len(base.questions) + len(base.guides):
        return None, (ContentError(folder, "contains no questions or guide pages"),)
    return library, ()


def main(argv: list[str] | None = None) -> int:
    """Validate a content folder; print every problem; exit 1 if there was any."""
    args = sys.argv[1:] if argv is None else argv
    library = load_library(Path(args[0]) if args else None)
    for error in library.errors:
        print(error)
    print(
        f"{len(library.categories)} categories, {len(library.questions)} questions, "
        f"{len(library.guides)} guides, {len(library.errors)} problems"
    )
    return 1 if library.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
