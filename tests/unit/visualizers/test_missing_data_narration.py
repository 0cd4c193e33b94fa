"""The missing-data narration on a hand-built experiment, and the CSV parser's edges.

The table, mask and method results below are made here, so every count, mean, sd, slope
and bias percentage the text must show is computed in the test from those numbers.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualizers.missing_data.spec import SPEC
from visualizers.missing_data.state import (
    HISTOGRAM_BINS,
    MAX_CSV_ROWS,
    METHODS,
    SHORT_NAMES,
    Experiment,
    MethodResult,
    MissingDataFrame,
    MissingDataState,
    MissingDataStepper,
    Table,
    parse_csv,
)

TRUTH = np.array([2.0, 4.0, 6.0, 8.0, 10.0, 12.0])  # mean 7, sd √(70/6)
MASK = np.array([True, True, False, False, False, False])  # 2 hidden: observed mean 9
SLOPES = (1.8, 1.2, 1.3, 1.1, 1.9, 2.05, 1.5)  # the iterative one is nearest the truth 2.0


def experiment(mechanism: str = "MAR") -> Experiment:
    X = np.column_stack([TRUTH, np.arange(6.0), np.ones(6)])
    table = Table(X, np.zeros(6), ("bp", "age", "bmi"), "progression")
    results = tuple(
        MethodResult(
            name=name,
            rows=np.flatnonzero(~MASK) if i == 0 else np.arange(6),
            column=TRUTH,
            rmse=math.nan if i == 0 else 0.5 + i / 10,
            mean=7.0 - i / 10,
            sd=3.0 + i / 100,
            slope=SLOPES[i],
        )
        for i, name in enumerate(METHODS)
    )
    return Experiment(table, MASK, mechanism, 2.0, results)


def frames(mechanism: str = "MAR") -> list[MissingDataFrame]:
    stepper = MissingDataStepper(experiment(mechanism))
    out = [stepper.first()]
    while not out[-1].finished:
        out.append(stepper.advance(out[-1]))
    return out


def test_the_first_frame_counts_the_holes_and_describes_the_mechanism() -> None:
    sd = float(np.std(TRUTH))
    assert sd == pytest.approx(math.sqrt(70 / 6))
    words = {
        "MCAR": "completely at random (every row equally likely)",
        "MAR": "at random given age: rows with high age lose it more often",
        "MNAR": "not at random: high bp values themselves go missing more often",
    }
    for mechanism, how in words.items():
        assert frames(mechanism)[0].explanation == (
            f"<b>2 of 6</b> bp values are hidden, missing {how}. Mean of the observed values "
            "9.00 vs the true mean 7.00 (hollow circles are the hidden truth). On the complete "
            "data, the regression of progression on all features gives bp a slope of "
            "<b>2.000</b>. Step to try each way of handling the holes."
        )


def test_deletion_counts_the_rows_it_keeps() -> None:
    drop = frames()[1]
    assert drop.method == 0 and drop.slopes == (1.8,)
    # slope 1.8 vs 2.0: bias −0.200, 10 %
    assert drop.explanation == (
        "<b>drop incomplete rows</b>: keeps 4 of 6 rows (2 lost with every other value on "
        f"them). bp: mean 7.00 (true 7.00), sd 3.00 (true {np.std(TRUTH):.2f}). Regression "
        "slope of bp = <b>1.800</b> vs 2.000 on complete data: bias <b>-0.200</b> (10%)."
    )


def test_each_filling_method_reports_its_error_and_its_own_comment() -> None:
    all_frames = frames()
    constant = (
        " One constant for every hole shrinks the spread and weakens the column's relation "
        "to the others."
    )
    comments = {
        1: constant,
        2: constant,
        3: constant,
        4: " Each hole gets the mean bp of the 5 most similar rows by age, bmi (columns "
        "standardised first).",
        5: " bp is predicted from age, bmi by least squares, round after round.",
        6: " The indicator lets the model learn what 'missing' itself predicts.",
    }
    for i in range(1, 7):
        frame = all_frames[i + 1]
        bias = SLOPES[i] - 2.0
        body = (
            f"<b>{METHODS[i]}</b>: fills 2 values; error against the hidden truth RMSE = "
            f"<b>{0.5 + i / 10:.3f}</b>. bp: mean {7.0 - i / 10:.2f} (true 7.00), sd "
            f"{3.0 + i / 100:.2f} (true {np.std(TRUTH):.2f}). Regression slope of bp = "
            f"<b>{SLOPES[i]:.3f}</b> vs 2.000 on complete data: bias <b>{bias:+.3f}</b> "
            f"({round(abs(bias) / 2.0 * 100)}%).{comments[i]}"
        )
        assert frame.explanation.startswith(body), i
        assert frame.slopes == SLOPES[: i + 1]
        assert frame.method == i and frame.step == i + 1
    assert [f.finished for f in all_frames] == [False] * 7 + [True]


def test_the_last_frame_names_the_least_biased_method() -> None:
    last = frames()[-1]
    assert last.explanation.endswith("<br>Least biased slope here: <b>iterative regression</b>.")
    assert all("Least biased" not in f.explanation for f in frames()[:-1])


def test_histogram_edges_span_the_truth_and_hold_every_value() -> None:
    exp = experiment()
    edges = exp.edges
    assert len(edges) == HISTOGRAM_BINS + 1 and edges[0] == 2.0 and 12.0 < edges[-1] < 12.0001
    counts = exp.histogram(TRUTH)
    assert counts.sum() == 6 and counts.dtype == np.float64 and len(counts) == HISTOGRAM_BINS
    assert counts[0] == 1 and counts[-1] == 1  # the extremes fall inside the outer bins
    np.testing.assert_array_equal(exp.truth, TRUTH)
    assert len(SHORT_NAMES) == len(METHODS)


def rows(n: int, width: int = 3) -> str:
    return "\n".join(",".join(str(i * (c + 1) % 7 + c) for c in range(width)) for i in range(n))


def test_the_csv_parser_counts_rows_and_columns_and_names_the_problem() -> None:
    table = parse_csv(rows(10))  # no header: generated names
    assert table.names == ("col1", "col2") and table.target == "col3"
    np.testing.assert_array_equal(table.X[:, 0], [i % 7 for i in range(10)])
    named = parse_csv("a,,c\n" + rows(10))
    assert named.names == ("a", "col2") and named.target == "c"
    commented = parse_csv("# a comment\n\n" + rows(10) + "\n,,\n")
    assert commented.X.shape == (10, 2)
    with pytest.raises(
        ValueError, match=rf"^the CSV needs 10 to {MAX_CSV_ROWS:,} data rows, it has 9$"
    ):
        parse_csv(rows(9))
    with pytest.raises(ValueError, match=f"it has {MAX_CSV_ROWS + 1}"):
        parse_csv(rows(MAX_CSV_ROWS + 1))
    assert parse_csv(rows(MAX_CSV_ROWS)).X.shape == (MAX_CSV_ROWS, 2)
    with pytest.raises(ValueError, match=r"^the CSV needs 3 to 21 columns"):
        parse_csv(rows(10, 22))
    assert parse_csv(rows(10, 21)).X.shape == (10, 20)
    with pytest.raises(ValueError, match=r"^row 3 has 2 values, the first row 3$"):
        parse_csv(rows(2) + "\n1,2\n" + rows(10))
    with pytest.raises(ValueError, match=r"^row 2 contains NaN or infinity$"):
        parse_csv("1,2,3\n1,inf,3\n" + rows(10))
    with pytest.raises(ValueError, match=r"^row 3 is not numeric .*: 'x, 2, 3'$"):
        parse_csv("1,2,3\n1,2,3\nx,2,3\n" + rows(10))
    with pytest.raises(ValueError, match=r"^column 'a' is constant: nothing to impute$"):
        parse_csv("a,b,c\n" + "\n".join(f"5,{i},{i}" for i in range(10)))
    with pytest.raises(ValueError, match=r"^the CSV is empty$"):
        parse_csv("\n# nothing\n")
    with pytest.raises(ValueError, match=r"^the CSV is larger than 5 MB$"):
        parse_csv("1" * 5_000_001)


def test_a_loaded_csv_is_used_and_named(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    path = tmp_path / "mine.csv"
    path.write_text("x,z,t\n" + "\n".join(f"{i},{(i * 3) % 5},{2 * i + 1}" for i in range(30)))
    state = MissingDataState()
    with pytest.raises(ValueError, match="no CSV loaded yet"):
        state.table({**SPEC.defaults(), "dataset": "CSV file…"})
    state.load_csv(path)
    assert state.csv_name == "mine.csv"
    values = {**SPEC.defaults(), "dataset": "CSV file…", "mechanism": "MCAR", "rate": 0.3}
    exp = state.experiment(values, 0)
    assert exp.table.names == ("x", "z") and state.experiment(values, 0) is exp
    assert state.experiment(values, 1) is not exp
    assert state.stepper(values, 1).experiment is state.experiment(values, 1)
    assert state.table(SPEC.defaults()).names == ("bmi", "bp", "ltg", "age")


def test_knn_imputation_standardises_the_columns_first() -> None:
    from sklearn.impute import KNNImputer

    from visualizers.missing_data.state import load_diabetes, run_experiment

    table = load_diabetes()
    exp = run_experiment(table, {**SPEC.defaults(), "mechanism": "MAR", "rate": 0.3}, 1)
    holes = table.X.copy()
    holes[exp.mask, 0] = np.nan
    mean, sd = np.nanmean(holes, axis=0), np.nanstd(holes, axis=0)
    scaled = KNNImputer(n_neighbors=5).fit_transform((holes - mean) / sd)
    knn = exp.results[METHODS.index("k-NN (5 neighbours)")]
    np.testing.assert_allclose(knn.column, scaled[:, 0] * sd[0] + mean[0], rtol=1e-9)
    # MAR holes follow the second column (bp): rows with high bp lose their bmi more often.
    bp = table.X[:, 1]
    assert bp[exp.mask].mean() > bp[~exp.mask].mean()


def test_experiments_are_reproducible_and_impossible_rates_are_messages() -> None:
    from visualizers.missing_data.state import load_diabetes, run_experiment

    table = load_diabetes()
    values = {**SPEC.defaults(), "mechanism": "MCAR", "rate": 0.2}
    np.testing.assert_array_equal(
        run_experiment(table, values, 5).mask, run_experiment(table, values, 5).mask
    )
    small = Table(table.X[:12], table.y[:12], table.names, table.target)
    with pytest.raises(ValueError, match=r"^no value went missing: raise the missing rate$"):
        run_experiment(small, {**values, "rate": 0.001}, 0)
    with pytest.raises(
        ValueError,
        match=r"^too few complete rows are left to fit anything: lower the missing rate$",
    ):
        run_experiment(small, {**values, "rate": 0.95}, 0)
