"""Hostile CSV files against every loader: each ends in the loader's own error, quickly."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tests.adversarial.conftest import run_limited
from visualizers.gradient_descent import data as gd_data
from visualizers.kmeans import datasets as km_data
from visualizers.matrix_factorization import data as mf_data
from visualizers.missing_data import state as missing_data_state
from visualizers.pr_threshold import data as pr_data
from visualizers.regularization import state as regularization_state

# Each loader's parse function, and a good two-row body in its format.
PARSERS: dict[str, tuple[Callable[[str], object], str]] = {
    "kmeans": (km_data.parse_xy_csv, "1,2\n3,4\n"),
    "gradient": (gd_data.parse_xy_csv, "1,2\n3,4\n"),
    "pr": (pr_data.parse_label_score_csv, "1,0.5\n0,0.25\n"),
    "mf": (mf_data.parse_rating_csv, "ann,a,5\nbob,b,4\n"),
}


@pytest.mark.parametrize("loader", sorted(PARSERS))
def test_huge_field_is_the_loaders_own_error(loader: str) -> None:
    parse, good = PARSERS[loader]
    with pytest.raises(ValueError, match="line 3") as caught:
        parse(good + "1," + "9" * 200_000 + "\n")
    assert len(str(caught.value)) < 400


@pytest.mark.parametrize("loader", sorted(PARSERS))
def test_unterminated_quote_is_the_loaders_own_error(loader: str) -> None:
    parse, good = PARSERS[loader]
    with pytest.raises(ValueError, match=r"never closed|longer than"):
        parse(good + '1,"2\n' + "3,4\n" * 10)


@pytest.mark.parametrize("loader", sorted(PARSERS))
def test_nul_byte_is_the_loaders_own_error(loader: str) -> None:
    parse, good = PARSERS[loader]
    with pytest.raises(ValueError):
        parse(good + "1,\x002\n")


@pytest.mark.parametrize(
    ("loader", "row", "column"),
    [
        ("kmeans", "1e154,-1e154\n", "column 1"),
        ("gradient", "5,-1e300\n", "y"),
        ("pr", "1,1e308\n", "score"),
        ("mf", "cy,c,1e308\n", "rating"),
    ],
)
def test_huge_magnitudes_name_the_column_and_line(loader: str, row: str, column: str) -> None:
    parse, good = PARSERS[loader]
    with pytest.raises(ValueError, match=f"line 3, column “{column}”.*too large"):
        parse(good + row)


@pytest.mark.parametrize("loader", sorted(PARSERS))
def test_three_million_rows_are_refused_in_bounded_memory(loader: str) -> None:
    row = {"kmeans": "1,2", "gradient": "1,2", "pr": "1,0.5", "mf": "u{i},i{i},3"}[loader]
    module, function = {
        "kmeans": ("visualizers.kmeans.datasets", "parse_xy_csv"),
        "gradient": ("visualizers.gradient_descent.data", "parse_xy_csv"),
        "pr": ("visualizers.pr_threshold.data", "parse_label_score_csv"),
        "mf": ("visualizers.matrix_factorization.data", "parse_rating_csv"),
    }[loader]
    make = (
        f'"".join(f"{row}\\n" for i in range(3_000_000))'
        if "{i}" in row
        else f'"{row}\\n" * 3_000_000'
    )
    outcome = run_limited(
        f"""
        from {module} import {function} as parse
        text = {make}
        try:
            parse(text)
            report("accepted")
        except ValueError as error:
            report(str(error))
        """,
        memory_mb=1200,
        timeout_s=40,
    )
    assert "rows" in outcome.result or "users" in outcome.result, outcome.result


def test_ratings_too_large_to_animate_are_refused() -> None:
    text = "".join(f"user {u},item {u % 600},4\n" for u in range(600))
    text += "".join(f"user 0,item {i},3\n" for i in range(600, 700))
    with pytest.raises(ValueError, match=r"interactively|at most"):
        mf_data.parse_rating_csv(text)
    square = "".join(f"u{u},i{u},4\n" for u in range(2000))
    with pytest.raises(ValueError, match="more than 1000 users"):
        mf_data.parse_rating_csv(square)


def test_decimal_comma_and_semicolons() -> None:
    points, x, y = km_data.parse_xy_csv("a;b\n1,5;2,25\n3,0;4,5\n")
    np.testing.assert_allclose(points, [[1.5, 2.25], [3.0, 4.5]])
    assert (x, y) == ("a", "b")
    xs, _, _ = gd_data.parse_xy_csv("x\ty\n1,5\t2\n2,5\t3\n")
    np.testing.assert_allclose(xs, [1.5, 2.5])
    scores = pr_data.parse_label_score_csv("label;score\n1;0,75\n0;0,25\n").scores
    np.testing.assert_allclose(scores, [0.75, 0.25])


def test_row_limit_is_enforced_while_streaming() -> None:
    from visualizers.core.csv_reader import CsvReadError, iter_rows

    def endless() -> str:
        return "1,2\n" * 50

    rows = iter_rows(endless(), max_rows=10)
    taken = [next(rows) for _ in range(11)]  # ten data rows and one that may be a header
    assert taken[-1][0] == 11
    with pytest.raises(CsvReadError, match="more than 10 rows"):
        next(rows)


LOADERS: dict[str, Callable[[Path], object]] = {
    "kmeans": km_data.load_xy_csv,
    "gradient": gd_data.read_xy_csv,
    "pr": pr_data.load_label_score_csv,
    "missing_data": missing_data_state.read_csv,
    "regularization": regularization_state.read_csv,
}


@pytest.mark.parametrize("loader", ["reader", *sorted(LOADERS)])
def test_devices_and_fifos_are_refused(tmp_path: Path, loader: str) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.csv"
    os.symlink("/dev/zero", zero)
    module, function = {
        "reader": ("visualizers.core.csv_reader", "read_csv_file"),
        "kmeans": ("visualizers.kmeans.datasets", "load_xy_csv"),
        "gradient": ("visualizers.gradient_descent.data", "read_xy_csv"),
        "pr": ("visualizers.pr_threshold.data", "load_label_score_csv"),
        "missing_data": ("visualizers.missing_data.state", "read_csv"),
        "regularization": ("visualizers.regularization.state", "read_csv"),
    }[loader]
    outcome = run_limited(
        f"""
        from {module} import {function} as load
        messages = []
        for path in ({str(fifo)!r}, {str(zero)!r}, {str(tmp_path)!r}):
            try:
                load(path)
                messages.append("accepted")
            except ValueError as error:
                messages.append(str(error))
        report(messages)
        """,
        memory_mb=800,
        timeout_s=20,
    )
    assert all("not a regular file" in m for m in outcome.result), outcome.result


def test_huge_sparse_file_is_refused_by_size(tmp_path: Path) -> None:
    from visualizers.core.csv_reader import CsvReadError, read_csv_file

    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(2**31)
    with pytest.raises(CsvReadError, match="MiB"):
        read_csv_file(big)
