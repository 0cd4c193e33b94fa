"""Registry entry for the missing-data visualizer (question 5)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, PredictionPrompt, Preset, VisualizerSpec

MECHANISMS: tuple[str, ...] = ("MCAR", "MAR", "MNAR")
DATASETS: tuple[str, ...] = ("diabetes (real)", "CSV file…")

SPEC = VisualizerSpec(
    id="missing_data",
    title="Missing data",
    description=(
        "Hide values of a real dataset completely at random, at random given another "
        "column, or not at random; then compare dropping rows, mean/median/most-frequent, "
        "k-NN and iterative imputation and a missing indicator: the distribution, the error "
        "against the hidden truth and the bias in a regression slope."
    ),
    questions=(5,),
    view="visualizers.missing_data.view:MissingDataView",
    parameters=(
        Parameter(
            "mechanism",
            "Missingness",
            "choice",
            "MAR",
            choices=MECHANISMS,
            tooltip="MCAR: every row alike. MAR: depends on another observed column. "
            "MNAR: depends on the hidden value itself.",
        ),
        Parameter(
            "rate",
            "Missing rate",
            "float",
            0.3,
            minimum=0.05,
            maximum=0.8,
            step=0.05,
            decimals=2,
            tooltip="About this share of the first column's values is hidden",
        ),
        Parameter(
            "dataset",
            "Data",
            "choice",
            DATASETS[0],
            choices=DATASETS,
            tooltip="442 diabetes patients (bmi loses values, bp drives MAR, target: progression), "
            "or your CSV: first column damaged, second drives MAR, last is the target",
        ),
    ),
    presets=(
        Preset(
            "mcar",
            "Missing completely at random",
            "30% of BMI values hidden at random: every method keeps the mean; dropping rows "
            "only costs data.",
            {"mechanism": "MCAR"},
        ),
        Preset(
            "mar",
            "Missing at random (given blood pressure)",
            "Patients with high blood pressure lose their BMI more often: the observed mean is "
            "too low, and methods that use the other columns recover more.",
            {"mechanism": "MAR"},
        ),
        Preset(
            "mnar",
            "Missing not at random",
            "High BMI values themselves go missing: no method sees what was never recorded, "
            "and every filled-in mean stays too low.",
            {"mechanism": "MNAR"},
        ),
        Preset(
            "heavy",
            "Most values missing",
            "70% missing under MAR: one constant for most rows flattens the distribution.",
            {"mechanism": "MAR", "rate": 0.7},
        ),
    ),
    predictions=(
        PredictionPrompt(
            "mean_sd",
            (5,),
            "mcar",
            "After mean imputation of 30% of the values, what happens to the column's "
            "standard deviation?",
            ("It stays the same", "It shrinks", "It grows"),
            1,
            "Every hole gets the same value, at the centre: the spread falls by about "
            "√(1 − rate), and correlations with other columns weaken.",
            watch_steps=2,
        ),
        PredictionPrompt(
            "mnar_mean",
            (5,),
            "mnar",
            "When high BMI values are the ones that go missing, can mean, k-NN or iterative "
            "imputation bring the BMI mean back to the truth?",
            ("Yes, all of them", "Only k-NN", "No, all stay too low"),
            2,
            "Under MNAR the observed data carry no trace of what is missing; only knowledge "
            "of the mechanism (or better data collection) can fix it.",
            watch_steps=6,
        ),
        PredictionPrompt(
            "mar_iterative",
            (5,),
            "mar",
            "Under MAR (missing more often for high blood pressure), which fills the holes "
            "with the smallest error against the truth?",
            ("Mean", "Most frequent", "Iterative regression on the other columns"),
            2,
            "MAR means the other columns explain the missingness; a model of the column from "
            "them recovers part of what a constant can't.",
            watch_steps=6,
        ),
    ),
)
