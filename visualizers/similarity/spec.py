"""Registry entry for the cosine-similarity visualizer (question 21, and retrieval in 11 and 12)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, VisualizerSpec

SPEC = VisualizerSpec(
    id="similarity",
    title="Cosine similarity",
    description="Rotate one embedding against another and watch cos θ, the dot product and "
    "Euclidean distance, and how each ranks a catalogue of videos differently.",
    questions=(21, 11, 12),
    view="visualizers.similarity.view:SimilarityView",
    parameters=(
        Parameter(
            "a_angle",
            "Direction of a",
            "float",
            30.0,
            minimum=0.0,
            maximum=360.0,
            step=5.0,
            unit="°",
            decimals=0,
            tooltip="Direction of the fixed vector a (drag its tip in the plot)",
        ),
        Parameter(
            "a_length",
            "Length of a",
            "float",
            2.0,
            minimum=0.1,
            maximum=4.0,
            step=0.1,
            decimals=2,
            tooltip="‖a‖: cosine ignores it, the dot product scales with it",
        ),
        Parameter(
            "b_length",
            "Length of b",
            "float",
            1.0,
            minimum=0.1,
            maximum=4.0,
            step=0.1,
            decimals=2,
            tooltip="‖b‖ of the rotating vector (the query for the catalogue)",
        ),
        Parameter(
            "step_deg",
            "Rotation per step",
            "float",
            6.0,
            minimum=1.0,
            maximum=45.0,
            step=1.0,
            unit="°",
            decimals=0,
            tooltip="How far b turns each step; a full turn ends the run",
        ),
        Parameter(
            "metric",
            "Rank videos by",
            "choice",
            "cosine",
            choices=("cosine", "dot product", "euclidean"),
            tooltip="Similarity used to pick the top videos for b",
        ),
        Parameter(
            "catalogue",
            "Videos",
            "int",
            60,
            minimum=5,
            maximum=2000,
            step=5,
            tooltip="Number of video embeddings; their lengths vary like popularity",
        ),
        Parameter(
            "top_k",
            "Top k",
            "int",
            5,
            minimum=1,
            maximum=20,
            tooltip="How many videos to recommend",
        ),
    ),
)
