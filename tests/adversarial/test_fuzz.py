"""Property-based fuzzing: any input gives a value or the module's own error, nothing else."""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.content import load_library, load_pack
from app.rendering import render_markdown
from app.study.core import export_import as ei
from visualizers.gradient_descent.data import parse_xy_csv as gd_parse
from visualizers.kmeans.datasets import parse_xy_csv as km_parse
from visualizers.matrix_factorization.data import parse_rating_csv
from visualizers.pr_threshold.data import parse_label_score_csv

BASE = load_library()
FAST = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)

# Text biased toward the characters that matter to each format.
csv_text = st.text(
    alphabet=st.sampled_from(list('0123456789.,;\t\n\r "-+eEnaif#\x00x')), max_size=300
)
yaml_text = st.text(
    alphabet=st.sampled_from(list("abcdefgijknopqrstu :-[]{}&*!|>'\"\n#0123456789,.?")),
    max_size=400,
)
markdown_text = st.text(alphabet=st.sampled_from(list("[]()<>`*_-#>!| \nabc1.:/\\")), max_size=400)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@FAST
@given(csv_text)
def test_csv_reader_and_loaders_raise_only_their_own_errors(text: str) -> None:
    from visualizers.core.csv_reader import CsvReadError, iter_rows

    with contextlib.suppress(CsvReadError):
        list(iter_rows(text, max_rows=50))
    for parse in (km_parse, gd_parse, parse_label_score_csv, parse_rating_csv):
        # CsvReadError and the loaders' CsvError are ValueErrors.
        with contextlib.suppress(ValueError):
            parse(text)


@FAST
@given(yaml_text)
def test_content_loader_reports_problems_as_content_errors(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "questions").mkdir()
        (root / "questions" / "q901.yaml").write_text(text, encoding="utf-8")
        library, errors = load_pack(root, BASE)
        assert (library is None) == bool(errors)


@FAST
@given(markdown_text)
def test_markdown_renders_any_text(text: str) -> None:
    assert isinstance(render_markdown(text), str)


# Lines that sit near the Markdown bounds: indents around 24 columns (tabs and spaces),
# quote markers around seven, brackets and fences.
bound_lines = st.lists(
    st.tuples(
        st.lists(st.sampled_from([" ", "\t", "\t"]), max_size=8).map("".join),
        st.lists(st.sampled_from(["> ", ">", "[", "<", "x", "```", "\t"]), max_size=12).map(
            "".join
        ),
    ).map("".join),
    max_size=40,
).map("\n".join)


@settings(max_examples=600, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(markdown_text, bound_lines))
@example("\t" * 7 + "x")  # 28 columns
@example("\t" * 6 + " x")  # 25 columns
@example("> " * 7 + "x")
@example("```\n" * 202 + "x")  # 101 code blocks
@example("[" * 201)
@example("<" * 150 + "x" * 1_950)  # 150 openers × 2,100 characters
@example("x\n" * 2_001)
def test_markdown_fast_check_never_passes_a_text_the_line_walk_refuses(text: str) -> None:
    """The start-up shortcut (whole-text bounds) may only pass texts that are really fine."""
    from app.rendering import _clearly_fine, _line_by_line_problem

    if _clearly_fine(text):
        assert _line_by_line_problem(text) is None


@FAST
@given(json_values)
def test_progress_parser_raises_only_its_own_error(value: object) -> None:
    wrapped = {
        "format": ei.FORMAT,
        "version": 1,
        "exported_at": 1.0e9,
        "questions": value,
        "reviews": value,
        "mock_sessions": value,
    }
    version_2 = dict(wrapped, version=2) | dict.fromkeys(V2_SECTIONS, value)
    for document in (value, wrapped, version_2):
        with contextlib.suppress(ei.ImportValidationError):
            ei.parse_progress(json.dumps(document))


V2_SECTIONS = (
    "predictions",
    "activity",
    "practice_attempts",
    "practice_drafts",
    "reference_reveals",
)
# One valid record of each version-2 kind; the fuzz replaces one field with anything.
V2_RECORDS: dict[str, dict[str, object]] = {
    "predictions": {
        "uid": "c" * 32,
        "question_id": "k-means",
        "visualizer": "kmeans",
        "prompt_id": "km_bad_init",
        "chosen": 0,
        "correct": True,
        "predicted_at": 1.7e9,
    },
    "activity": {"kind": "mock", "question_id": "", "started_at": 1.7e9, "seconds": 5.0},
    "practice_attempts": {
        "question_id": "softmax-cross-entropy",
        "code": "pass",
        "results_json": '{"problem": null, "cases": [{"id": "a", "passed": false}]}',
        "passed": 0,
        "failed": 1,
        "created_at": 1.7e9,
    },
    "practice_drafts": {"question_id": "softmax-cross-entropy", "code": "", "updated_at": 1.7e9},
    "reference_reveals": {"question_id": "softmax-cross-entropy", "revealed_at": 1.7e9},
}
v2_field = st.sampled_from(
    [(section, key) for section, record in V2_RECORDS.items() for key in record]
)


@FAST
@given(
    v2_field,
    json_values | st.text(alphabet=st.sampled_from(list('{}[]":,0123456789.eE-nul ')), max_size=60),
)
def test_progress_parser_on_any_value_in_any_v2_field(
    where: tuple[str, str], value: object
) -> None:
    """A valid record with one field replaced by any JSON value: parsed or refused (its name)."""
    section, key = where
    document: dict[str, object] = {
        "format": ei.FORMAT,
        "version": 2,
        "exported_at": 1.7e9,
        "questions": [],
        "reviews": [],
        "mock_sessions": [],
    }
    for name, record in V2_RECORDS.items():
        document[name] = [dict(record, **({key: value} if name == section else {}))]
    try:
        parsed = ei.parse_progress(json.dumps(document))
    except ei.ImportValidationError as error:
        # The field is named, or the JSON itself was refused (an infinity json.dumps wrote).
        named = any(f"{section}[0].{key}" in p for p in error.problems)
        assert named or error.problems[0].startswith("not a usable number"), error.problems
        return
    # Accepted: then what is stored is exactly the plain value from the file.
    if section == "practice_attempts" and key in ("code", "results_json"):
        assert getattr(parsed.attempts[0], key) == value


@FAST
@given(st.text(max_size=300))
def test_progress_parser_on_arbitrary_text(text: str) -> None:
    with contextlib.suppress(ei.ImportValidationError):
        ei.parse_progress(text)
