"""Registry entry for the precision/recall threshold visualizer (no Qt)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, PredictionPrompt, Preset, VisualizerSpec

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
    presets=(
        Preset(
            "imbalanced",
            "Imbalanced 1:99",
            "One positive in a hundred: accuracy looks great while precision collapses.",
            {"positive_rate": 0.01, "n_samples": 20_000},
        ),
        Preset(
            "costly-false-negatives",
            "Costly false negatives",
            "A missed harmful video costs 50 times a wrong removal.",
            {"cost_fp": 1.0, "cost_fn": 50.0},
        ),
        Preset(
            "costly-false-positives",
            "Costly false positives",
            "A wrong removal costs 20 times a miss (an angry creator, an appeal).",
            {"cost_fp": 20.0, "cost_fn": 1.0},
        ),
        Preset(
            "no-skill",
            "A model with no skill",
            "Separation 0: both classes score alike, so no threshold can separate them.",
            {"separation": 0.0},
        ),
        Preset(
            "real-classifier",
            "A real classifier",
            "Logistic regression on the breast-cancer data, scored out of fold.",
            {"dataset": DATASET_BREAST_CANCER},
        ),
    ),
    predictions=(
        PredictionPrompt(
            "pr-accuracy-paradox",
            (24, 19),
            "imbalanced",
            "1% positives, and the threshold flags nothing. What is the accuracy?",
            ("About 99%", "About 50%", "About 1%"),
            0,
            "Every negative is right and they are 99% of the items: accuracy rewards doing "
            "nothing. Recall is 0, which is why precision and recall are reported instead.",
            watch_steps=1,
        ),
        PredictionPrompt(
            "pr-precision-not-monotone",
            (24,),
            "real-classifier",
            "As the threshold falls, recall can only rise. What does precision do?",
            (
                "It can go up and down: each new item flagged may be right or wrong",
                "It only falls",
                "It only rises",
            ),
            0,
            "Precision is TP / (TP + FP): a true positive flagged next lifts it, a false one "
            "lowers it, so the curve zig-zags. Recall's denominator is fixed, so it never falls.",
            watch_steps=100,
        ),
        PredictionPrompt(
            "pr-no-skill-baseline",
            (24, 19),
            "no-skill",
            "A model with no skill (separation 0) and 20% positives: where does its PR curve sit?",
            (
                "Near precision 0.2 at every recall: the prevalence",
                "Near precision 0.5, like the ROC diagonal",
                "Near precision 1",
            ),
            0,
            "Flagging at random, a fifth of what you flag is positive whatever the threshold. "
            "The PR baseline is the prevalence, not 0.5, which is why AP must be read against it.",
            watch_steps=100,
        ),
        PredictionPrompt(
            "pr-costly-misses",
            (18,),
            "costly-false-negatives",
            "A missed harmful video costs 50 times a wrong removal. The cheapest threshold is…",
            (
                "Low: flag a lot and accept many false alarms",
                "High: flag only the surest items",
                "The F1-optimal threshold",
            ),
            0,
            "Each miss costs 50, each false alarm 1, so flagging a doubtful item is worth it "
            "once it is harmful with probability above about 1/51: the cost curve's minimum "
            "moves far left of the F1 optimum.",
            watch_steps=1,
        ),
        PredictionPrompt(
            "pr-costly-removals",
            (18,),
            "costly-false-positives",
            "A wrong removal costs 20, a miss 1. Compared with equal costs, the cheapest "
            "threshold moves…",
            ("Up: flag only what the model is sure of", "Down: flag more", "Nowhere"),
            0,
            "False alarms are now the expensive error, so the cost-optimal threshold rises "
            "until only high-scoring items are flagged; human review can catch the rest.",
            watch_steps=1,
        ),
        PredictionPrompt(
            "pr-roc-ignores-imbalance",
            (18, 19),
            "imbalanced",
            "From 20% to 1% positives with the same model: ROC AUC…",
            (
                "Barely changes: it only compares positives with negatives",
                "Falls sharply, like precision",
                "Rises, because accuracy rises",
            ),
            0,
            "TPR and FPR are each computed within one class, so the class ratio cancels; "
            "precision mixes both classes and collapses. For rare positives (viral videos, "
            "harmful content), read the PR curve.",
            watch_steps=1,
        ),
    ),
)
