"""Benchmark: how long the app takes to refuse (or handle) each hostile input of issue 13.

Run: `.venv/bin/python -m benchmarks.hostile_inputs`.

Each row is one attack: rendering a Markdown bomb, loading a content pack with an alias
bomb, parsing CSVs of 3 million rows or with a 200,000-character field, and parsing
hostile progress files. Times are wall-clock medians of 3 runs in this process; the last
column is the first line of the message the user would see. Rendering bombs are shown as
plain text (see `app.rendering.markdown_problem`), so they finish in milliseconds.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.content import load_library, load_pack
from app.rendering import render_markdown
from app.study.core import export_import as ei
from visualizers.gradient_descent.data import parse_xy_csv as gd_parse
from visualizers.kmeans.datasets import parse_xy_csv as km_parse
from visualizers.matrix_factorization.data import parse_rating_csv
from visualizers.pr_threshold.data import parse_label_score_csv

ALIAS_BOMB = (
    "number: [&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol],\n"
    + "".join(f"  &a{i} [{', '.join([f'*a{i - 1}'] * 9)}],\n" for i in range(1, 10))
    + "  *a9]\n"
)


def _outcome(run: Callable[[], object]) -> str:
    try:
        result = run()
    except Exception as exc:  # the point is to print what the user would see
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:70]}"
    if isinstance(result, tuple) and len(result) == 2 and result[1]:
        return f"refused: {str(result[1][0]).split(': ', 1)[-1][:70]}"  # load_pack's errors
    return f"rendered as {len(result)} characters" if isinstance(result, str) else "handled"


def _median_s(run: Callable[[], object], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        _outcome(run)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _pack_with(text: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="hostile-pack-"))
    (folder / "questions").mkdir()
    (folder / "questions" / "q901.yaml").write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    base = load_library()
    alias_pack = _pack_with(ALIAS_BOMB)
    rows_3m = "1,0.5\n" * 3_000_000
    ratings_3m = "".join(f"u{i},i{i},3\n" for i in range(3_000_000))
    cases: list[tuple[str, Callable[[], object]]] = [
        ("markdown '[' × 8000", lambda: render_markdown("[" * 8000)),
        (
            "markdown list 2000 deep",
            lambda: render_markdown("".join("  " * i + "- x\n" for i in range(2000))),
        ),
        ("markdown 20000 fences", lambda: render_markdown("```\na\n```\n" * 20000)),
        ("markdown '<http://' × 5000", lambda: render_markdown("<http://" * 5000)),
        ("pack with alias bomb", lambda: load_pack(alias_pack, base)),
        ("k-means CSV 3M rows", lambda: km_parse(rows_3m)),
        ("gradient CSV 3M rows", lambda: gd_parse(rows_3m)),
        ("PR CSV 3M rows", lambda: parse_label_score_csv(rows_3m)),
        ("ratings CSV 3M rows", lambda: parse_rating_csv(ratings_3m)),
        ("PR CSV 200k-char field", lambda: parse_label_score_csv("1," + "9" * 200_000 + "\n")),
        ("progress JSON 200k deep", lambda: ei.parse_progress("[" * 200_000)),
        ("progress JSON 5000 digits", lambda: ei.parse_progress("9" * 5000)),
    ]
    print(f"{'attack':32} {'median s':>9}  outcome")
    for name, run in cases:
        print(f"{name:32} {_median_s(run):9.3f}  {_outcome(run)}")


if __name__ == "__main__":
    main()
