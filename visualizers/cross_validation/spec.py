"""Registry entry for the cross-validation visualizer (question 4)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, PredictionPrompt, Preset, VisualizerSpec

SPEC = VisualizerSpec(
    id="cross_validation",
    title="Cross-validation",
    description=(
        "k-fold, stratified, grouped and time-series splits side by side as coloured rows "
        "of folds, the score of each fold and its spread, a target-encoding leakage demo "
        "(fitted on all rows vs inside each fold) and nested cross-validation."
    ),
    questions=(4,),
    view="visualizers.cross_validation.view:CrossValidationView",
    parameters=(
        Parameter(
            "n_splits", "Folds k", "int", 5, minimum=2, maximum=10, tooltip="Number of folds"
        ),
        Parameter(
            "n_samples",
            "Events",
            "int",
            90,
            minimum=30,
            maximum=300,
            step=10,
            tooltip="Rows of the event log, in time order",
        ),
        Parameter(
            "n_users",
            "Users",
            "int",
            12,
            minimum=2,
            maximum=40,
            tooltip="Each event belongs to a user; grouped CV keeps a user's events together",
        ),
        Parameter(
            "positive_rate",
            "Positive rate",
            "float",
            0.3,
            minimum=0.05,
            maximum=0.5,
            step=0.05,
            decimals=2,
            tooltip="Share of positive labels: rare positives make stratification matter",
        ),
        Parameter(
            "drift",
            "Drift over time",
            "float",
            0.3,
            minimum=0.0,
            maximum=0.8,
            step=0.05,
            decimals=2,
            tooltip="How much the positive rate rises from the first to the last event",
        ),
        Parameter(
            "knn_k",
            "Neighbours (model)",
            "int",
            5,
            minimum=1,
            maximum=25,
            tooltip="k of the k-nearest-neighbour classifier scored on each fold",
        ),
        Parameter(
            "shuffle",
            "Shuffle k-fold",
            "bool",
            False,
            tooltip="Shuffle rows before plain k-fold (scikit-learn's KFold(shuffle=True))",
        ),
        Parameter(
            "zip_levels",
            "Zip codes (leakage demo)",
            "int",
            40,
            minimum=5,
            maximum=150,
            step=5,
            tooltip="Levels of a categorical column with no signal, target-encoded in the demo",
        ),
    ),
    presets=(
        Preset("five_fold", "Five folds", "The default: five folds of 90 events, 12 users."),
        Preset(
            "rare_positives",
            "Rare positives",
            "8% positives and 10 folds: plain k-fold leaves some test folds with almost no "
            "positives; stratified folds keep the share.",
            {"positive_rate": 0.08, "n_splits": 10, "n_samples": 120},
        ),
        Preset(
            "few_users",
            "Few heavy users",
            "Six users: random folds let k-NN recognise a user it trained on; grouped folds "
            "score the model on unseen users.",
            {"n_users": 6, "shuffle": True, "n_samples": 150, "knn_k": 3, "positive_rate": 0.5},
        ),
        Preset(
            "leakage",
            "Target-encoding leakage",
            "A zip code with 120 levels and no signal, balanced labels: encoded on all rows it "
            "looks predictive, encoded inside each fold it scores a coin flip.",
            {"zip_levels": 120, "n_samples": 200, "positive_rate": 0.5, "drift": 0.0},
        ),
        Preset(
            "drift",
            "Strong drift",
            "The positive rate climbs over time: random folds mix past and future, the "
            "time-series split only ever predicts the future.",
            {"drift": 0.8, "n_samples": 200, "shuffle": True},
        ),
    ),
    predictions=(
        PredictionPrompt(
            "leak_gap",
            (4,),
            "leakage",
            "A zip code has no relation to the label. You target-encode it on the whole "
            "dataset, then cross-validate. What accuracy do the folds report?",
            ("About 50%, a coin flip", "Clearly above 50%", "Below 50%"),
            1,
            "Each row's own label went into its encoding: the folds see the answer. Fitted "
            "inside each fold, the same feature scores about 50%.",
            watch_steps=5,
        ),
        PredictionPrompt(
            "grouped_lower",
            (4,),
            "few_users",
            "With six users, how does grouped CV's mean accuracy compare with shuffled k-fold?",
            ("Higher", "About the same", "Lower"),
            2,
            "Shuffled folds put the same user on both sides, so neighbours from that user "
            "give the answer away; grouped folds measure performance on new users.",
            watch_steps=5,
        ),
        PredictionPrompt(
            "stratified_share",
            (4,),
            "rare_positives",
            "With 8% positives and 10 folds, which split keeps the positive share of every "
            "test fold close to 8%?",
            ("Plain k-fold", "Stratified k-fold", "Both equally"),
            1,
            "Stratified folds deal each class round-robin, so every fold holds its share to "
            "within one sample; contiguous folds take whatever the order gives them.",
            watch_steps=10,
        ),
    ),
)
