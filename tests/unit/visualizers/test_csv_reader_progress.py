"""The CSV reader's progress and Cancel (no Qt): what a loading worker relies on."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from visualizers.core import csv_reader
from visualizers.core.csv_reader import (
    CsvReadError,
    LoadCancelled,
    LoadProgress,
    iter_rows,
    read_csv_file,
    tracking,
)
from visualizers.pr_threshold.data import load_label_score_csv
from visualizers.pr_threshold.spec import DATASET_CSV
from visualizers.pr_threshold.state import PrThresholdState, Value, analyze_scores, prepare_csv

# An independent statement of "blank line": nothing but spaces, tabs and carriage returns.
BLANK = re.compile(r"^[ \t\r]*$", re.M)


def scores_file(folder: Path, rows: int) -> Path:
    rng = np.random.default_rng(5)
    labels = rng.integers(0, 2, rows)
    scores = rng.normal(labels.astype(float), 1.0)
    path = folder / "scores.csv"
    path.write_text(
        "label,score\n" + "".join(f"{a},{b:.4f}\n" for a, b in zip(labels, scores, strict=True)),
        encoding="utf-8",
    )
    return path


def test_progress_rises_from_reading_to_parsing(tmp_path: Path) -> None:
    path = scores_file(tmp_path, 50_000)
    seen: list[float] = []
    with tracking(LoadProgress(seen.append)):
        data = load_label_score_csv(path)
    assert data.labels.size == 50_000
    assert seen == sorted(seen)
    assert any(f < csv_reader.READ_SHARE for f in seen)  # the read reported
    assert seen[-1] > 0.9  # the parse reported up to the last lines
    assert len(seen) < 200  # a checkpoint per few thousand rows, not per row


def test_cancel_stops_a_parse_between_chunks_with_its_own_error(tmp_path: Path) -> None:
    path = scores_file(tmp_path, 50_000)
    progress = LoadProgress()
    calls: list[float] = []

    def report(fraction: float) -> None:
        calls.append(fraction)
        if fraction > 0.3:
            progress.cancel()

    progress._report = report
    with tracking(progress), pytest.raises(LoadCancelled):
        load_label_score_csv(path)
    assert not issubclass(LoadCancelled, ValueError)  # no parser reports it as a bad file
    assert calls[-1] < 0.9  # it stopped well before the end


def test_without_tracking_nothing_reports_and_nothing_is_cancelled(tmp_path: Path) -> None:
    path = scores_file(tmp_path, 5_000)
    cancelled = LoadProgress()
    cancelled.cancel()
    with tracking(cancelled), pytest.raises(LoadCancelled):
        read_csv_file(path)
    assert read_csv_file(path).startswith("label,score")  # the block ended: no tracking


def test_too_many_rows_is_still_refused_quickly() -> None:
    text = "1,0.5\n" * 30_000
    with pytest.raises(CsvReadError, match="30,000 lines"):
        list(iter_rows(text, max_rows=1_000))
    # Blank lines don't count towards the limit.
    assert len(list(iter_rows("1,2\n" + "\n \n\t\n" * 20_000, max_rows=5))) == 1


@given(st.text(alphabet='ab,\n\r \t"\ufeff\u2028', max_size=200))
def test_lines_split_like_one_stringio(text: str) -> None:
    assert list(csv_reader._lines(text)) == list(io.StringIO(text.lstrip("\ufeff")))


@given(st.text(alphabet="ab \t\r\n", max_size=200))
def test_blank_lines_counted_like_one_regex(text: str) -> None:
    assert csv_reader._count_blank_lines(text) == len(BLANK.findall(text))


def test_slices_give_the_same_lines_over_many_chunks() -> None:
    text = "\ufeff" + "".join(f"{i},x\r\n" if i % 7 else "\n" for i in range(300_000))
    assert list(csv_reader._lines(text)) == list(io.StringIO(text[1:]))
    assert csv_reader._count_blank_lines(text) == len(BLANK.findall(text))


def test_scores_analysed_on_the_worker_are_the_ones_a_run_uses(tmp_path: Path) -> None:
    path = scores_file(tmp_path, 3_000)
    params: dict[str, Value] = {
        "rebalance_real": False,
        "cost_fp": 2.0,
        "cost_fn": 7.0,
        "beta": 0.5,
    }
    prepared = prepare_csv(path, params)
    assert prepared.analysis is not None
    state = PrThresholdState()
    state.swap_prepared(prepared)
    full: dict[str, Value] = {"dataset": DATASET_CSV, "positive_rate": 0.2, "steps": 50, **params}
    run = state.stepper(full, 0)
    assert run.analysis is prepared.analysis[1]  # adopted, not recomputed
    # Other costs: computed afresh, and equal to an analysis made from scratch.
    other = state.stepper({**full, "cost_fn": 1.0}, 0)
    assert other.analysis is not prepared.analysis[1]
    assert other.analysis.sweep is prepared.analysis[1].sweep  # the sort is not redone
    fresh = analyze_scores(prepared.data.labels, prepared.data.scores, 2.0, 1.0, 0.5)
    assert other.analysis.cost_optimal_threshold == fresh.cost_optimal_threshold
    assert other.analysis.expected_cost.tolist() == fresh.expected_cost.tolist()
