"""Registry entry for the precision/recall threshold visualizer (no Qt)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, VisualizerSpec

DATASET_SYNTHETIC = "synthetic"
DATASET_BREAST_CANCER = "breast cancer (real)"
DATASET_CSV = "my CSV (label,score)"

SPEC = VisualizerSpec(
    id="pr_threshold",
    title="Precision, recall & the threshold",
    description=(
        "Drag the decision threshold over a classifier's scores and watch the confusion "
        "matrix, precision, recall, F1, the PR and ROC curves and the expected cost move. "
        "Change the class balance to see why accuracy misleads and why PR curves react when "
        "ROC curves barely do; set the costs of a false alarm and of a miss to find the "
        "cheapest threshold."
    ),
    questions=(24, 19, 18),
    view="visualizers.pr_threshold.view:PrThresholdView",
    parameters=(
        Parameter(
            "dataset",
            "Scores",
            "choice",
            DATASET_SYNTHETIC,
            choices=(DATASET_SYNTHETIC, DATASET_BREAST_CANCER, DATASET_CSV),
            tooltip="Synthetic scores, a real logistic regression on tumour measurements, "
            "or a CSV of label,score rows loaded below.",
        ),
        Parameter(
            "n_samples",
            "Items (synthetic)",
            "int",
            2000,
            minimum=20,
            maximum=200_000,
            log_scale=True,
            tooltip="How many synthetic scores to draw.",
        ),
        Parameter(
            "separation",
            "Class separation (synthetic)",
            "float",
            1.5,
            minimum=0.0,
            maximum=5.0,
            step=0.1,
            unit="σ",
            decimals=1,
            tooltip="Distance between the two classes' mean logits; 0 is a coin flip.",
        ),
        Parameter(
            "positive_rate",
            "Positive rate",
            "float",
            0.2,
            minimum=0.01,
            maximum=0.95,
            step=0.01,
            decimals=2,
            tooltip="Share of positives. Lower it: accuracy climbs, precision and the PR "
            "curve fall, the ROC curve barely changes.",
        ),
        Parameter(
            "rebalance_real",
            "Apply positive rate to real/CSV data",
            "bool",
            False,
            tooltip="Subsample one class of the real or CSV data to the positive rate above.",
        ),
        Parameter(
            "cost_fp",
            "Cost of a false positive",
            "float",
            1.0,
            minimum=0.0,
            maximum=100.0,
            step=0.5,
            decimals=1,
            tooltip="e.g. wrongly removing a harmless video (an annoyed creator, an appeal).",
        ),
        Parameter(
            "cost_fn",
            "Cost of a false negative",
            "float",
            5.0,
            minimum=0.0,
            maximum=100.0,
            step=0.5,
            decimals=1,
            tooltip="e.g. missing a harmful video (it stays up and spreads).",
        ),
        Parameter(
            "beta",
            "β of F-β",
            "float",
            1.0,
            minimum=0.25,
            maximum=4.0,
            step=0.25,
            decimals=2,
            tooltip="F-β weighs recall β times as much as precision; β = 1 is F1.",
        ),
        Parameter(
            "steps",
            "Animation steps",
            "int",
            100,
            minimum=10,
            maximum=1000,
            tooltip="How many thresholds the animation visits from high to low.",
        ),
    ),
)
