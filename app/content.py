"""Load and validate the study content in `content/` (pure Python, no Qt).

Every file is parsed with `yaml.safe_load` and checked against the schema described in
`content/SCHEMA.md`. A broken file never stops the app: it is reported as a
`ContentError` naming the file, the line and the field, and the rest still loads.

Run `python -m app.content [folder]` to validate a content folder from the command line.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from app.paths import content_dir

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
IMPLEMENTATION_REF = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")
DIFFICULTIES = ("easy", "medium", "hard")
ROUNDS = ("screening", "coding", "system-design", "theory", "behavioral")
# Raw LaTeX would reach the user as backslashes and dollar signs: formulas are Unicode.
LATEX = re.compile(
    r"\\(frac|sum|sqrt|lambda|eta|alpha|beta|theta|sigma|cdot|mathbb|hat|left|right)\b|\$\$|\$[^$\s][^$]*\$"
)
MAX_FILE_BYTES = 512 * 1024
MIN_ANSWER_WORDS = 150


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


def _read_yaml(path: Path, cache: ParseCache | None = None) -> tuple[Any, dict[str, int]]:
    """Parse `path` safely; also return the 1-based line of each top-level key."""
    if cache is not None and (hit := cache.get(path)) is not None:
        return hit
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _InvalidField(
            None,
            f"file is {size // 1024} KiB; content files are limited to {MAX_FILE_BYTES // 1024} KiB",
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise _InvalidField(None, f"not valid UTF-8 text (byte {exc.start})") from exc
    import yaml  # here, not at the top: a warm start reads the JSON cache and never needs it

    # One parse gives both the node tree (for line numbers) and the data; the C loader
    # when PyYAML has it, since content loading is on the start-up path.
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
        data = loader(text).construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise _YamlSyntaxError(str(problem), mark.line + 1 if mark else None) from exc
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
    if LATEX.search(value):
        found = LATEX.search(value)
        assert found is not None
        raise _InvalidField(
            name, f"contains raw LaTeX ({found.group(0)!r}); write the formula in Unicode"
        )
    words = len(value.split())
    if words < min_words:
        raise _InvalidField(name, f"has {words} words; at least {min_words} are expected")
    return value.strip()


def _slug(data: dict[str, Any], name: str) -> str:
    value = _text(data, name)
    if not SLUG.match(value):
        raise _InvalidField(name, f"must be a lower-case slug like 'bias-variance' (got {value!r})")
    return value


def _int(data: dict[str, Any], name: str, low: int, high: int) -> int:
    value = data.get(name)
    if value is None:
        raise _InvalidField(name, "is missing")
    if isinstance(value, bool) or not isinstance(value, int):
        raise _InvalidField(name, f"must be a whole number (got {value!r})")
    if not low <= value <= high:
        raise _InvalidField(name, f"must be between {low} and {high} (got {value})")
    return value


def _choice(data: dict[str, Any], name: str, choices: tuple[str, ...]) -> str:
    value = data.get(name)
    if value is None:
        raise _InvalidField(name, "is missing")
    if value not in choices:
        raise _InvalidField(name, f"must be one of {', '.join(choices)} (got {value!r})")
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
            raise _InvalidField(name, f"item {i} must be non-empty text (got {item!r})")
        if LATEX.search(item):
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
            result.append(FollowUp(_text(item, "question"), _text(item, "answer")))
        except _InvalidField as exc:
            raise _InvalidField(
                "follow_ups", f"item {i}: '{exc.field_name}' {exc.message}"
            ) from exc
    return tuple(result)


QUESTION_FIELDS = [
    "id",
    "number",
    "category",
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
    unknown = sorted(set(data) - set(QUESTION_FIELDS))
    if unknown:
        raise _InvalidField(
            unknown[0], f"is not a known field (known: {', '.join(QUESTION_FIELDS)})"
        )
    category = _text(data, "category")
    if category not in category_ids:
        raise _InvalidField(
            "category",
            f"{category!r} is not in categories.yaml ({', '.join(sorted(category_ids))})",
        )
    tags = _text_list(data, "tags", min_items=1, max_items=20)
    rounds = _text_list(data, "rounds", min_items=1, max_items=len(ROUNDS), required=False)
    for r in rounds:
        if r not in ROUNDS:
            raise _InvalidField("rounds", f"{r!r} is not a round ({', '.join(ROUNDS)})")
    related_raw = data.get("related", [])
    if not isinstance(related_raw, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) for n in related_raw
    ):
        raise _InvalidField("related", "must be a list of question numbers")
    implementation = data.get("implementation")
    if implementation is not None and (
        not isinstance(implementation, str) or not IMPLEMENTATION_REF.match(implementation)
    ):
        raise _InvalidField(
            "implementation", f"must look like 'package.module:function' (got {implementation!r})"
        )
    visualizer = data.get("visualizer")
    if visualizer is not None and (
        not isinstance(visualizer, str) or not re.match(r"^[a-z][a-z0-9_]*$", visualizer)
    ):
        raise _InvalidField(
            "visualizer", f"must be a visualizer id like 'kmeans' (got {visualizer!r})"
        )
    return Question(
        id=_slug(data, "id"),
        number=_int(data, "number", 1, 999),
        category=category,
        question=_text(data, "question"),
        difficulty=_choice(data, "difficulty", DIFFICULTIES),
        tags=tuple(t.lower() for t in tags),
        rounds=rounds,
        answer=_text(data, "answer", min_words=MIN_ANSWER_WORDS),
        key_points=_text_list(data, "key_points", min_items=3, max_items=10),
        worked_example=_text(data, "worked_example"),
        follow_ups=_follow_ups(data),
        pitfalls=_text_list(data, "pitfalls", min_items=1, max_items=10),
        related=tuple(related_raw),
        implementation=implementation,
        visualizer=visualizer,
        source=source,
        practice=_practice(data),
    )


def _guide(data: dict[str, Any], source: Path) -> Guide:
    return Guide(
        id=_slug(data, "id"),
        title=_text(data, "title"),
        order=_int(data, "order", 0, 999),
        summary=_text(data, "summary"),
        body=_text(data, "body", min_words=MIN_ANSWER_WORDS),
        source=source,
    )


def _load_mapping_file[T](
    path: Path,
    build: Callable[[dict[str, Any]], T],
    errors: list[ContentError],
    cache: ParseCache | None = None,
) -> T | None:
    """Parse one mapping-shaped file; on any problem record a ContentError and return None."""
    lines: dict[str, int] = {}
    try:
        data, lines = _read_yaml(path, cache)
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
    return None


def _load_categories(
    path: Path, errors: list[ContentError], cache: ParseCache | None = None
) -> tuple[Category, ...]:
    try:
        data, _ = _read_yaml(path, cache)
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
    for i, item in enumerate(data, start=1):
        try:
            if not isinstance(item, dict):
                raise _InvalidField(None, "must be a mapping")
            categories.append(
                Category(_slug(item, "id"), _text(item, "title"), _text(item, "description"))
            )
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
    if base is None or (root / "categories.yaml").exists():
        categories += _load_categories(root / "categories.yaml", errors, cache)
    category_ids = {c.id for c in categories}

    questions: list[Question] = []
    for path in sorted((root / "questions").glob("*.yaml")):
        q = _load_mapping_file(
            path, partial(_question, source=path, category_ids=category_ids), errors, cache
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
                    q.source, f"id {q.id!r} is already used by {seen_ids[q.id].name}", None, "id"
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

    guides: list[Guide] = list(base.guides) if base else []
    for path in sorted((root / "guides").glob("*.yaml")):
        g = _load_mapping_file(path, partial(_guide, source=path), errors, cache)
        if g is not None and any(other.id == g.id for other in guides):
            errors.append(ContentError(path, f"guide id {g.id!r} is already used", None, "id"))
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
    files = [p for p in folder.rglob("*") if p.is_file()]
    if len(files) > MAX_PACK_FILES:
        return None, (
            ContentError(
                folder, f"has {len(files)} files; a pack may have at most {MAX_PACK_FILES}"
            ),
        )
    size = sum(p.stat().st_size for p in files)
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
