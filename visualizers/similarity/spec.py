"""Registry entry for the cosine-similarity visualizer (question 21, and retrieval in 11 and 12)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, PredictionPrompt, Preset, VisualizerSpec

PRESETS: tuple[Preset, ...] = (
    Preset(
        "length_ignored",
        "Lengths don't matter",
        "a four units long, b half a unit: the cosine sees only the angle.",
        {"a_length": 4.0, "b_length": 0.5},
    ),
    Preset(
        "half_turn",
        "Right angle, then opposite",
        "b turns 30° a step from 0°, past 120° (at right angles to a) to 210° (opposite a).",
        {"a_angle": 30.0, "step_deg": 30.0},
    ),
    Preset(
        "popular_items_dominate",
        "Popular items dominate",
        "400 videos ranked for b by the raw dot product; longer vectors stand for more "
        "popular videos.",
        {"metric": "dot product", "catalogue": 400, "top_k": 10},
    ),
    Preset(
        "short_query_euclidean",
        "Short query, Euclidean",
        "A short user vector (little history) ranks 400 videos by Euclidean distance.",
        {"metric": "euclidean", "catalogue": 400, "top_k": 10, "b_length": 0.3},
    ),
)

PREDICTIONS: tuple[PredictionPrompt, ...] = (
    PredictionPrompt(
        "cos_lengths",
        (21,),
        "length_ignored",
        "a is made 4 units long and b half a unit. Compared with two unit vectors, what "
        "happens to the cos θ curve?",
        ("It is 2× taller (4 × 0.5)", "Nothing, it is the same curve", "It flattens"),
        1,
        "cos θ = a·b / (‖a‖‖b‖): the lengths in the dot product cancel against the norms, so "
        "only the angle counts. The dot product itself would be 2× larger.",
        watch_steps=1,
    ),
    PredictionPrompt(
        "cos_right_angle",
        (21,),
        "half_turn",
        "After 4 steps b points at 120°, at right angles to a (30°). What is cos θ?",
        ("1", "0", "−1", "0.5"),
        1,
        "Perpendicular vectors have a·b = 0, so cos 90° = 0: no similarity, which is not the "
        "same as opposite.",
        watch_steps=4,
    ),
    PredictionPrompt(
        "cos_opposite",
        (21,),
        "half_turn",
        "After 7 steps b points at 210°, exactly away from a. What is cos θ?",
        ("0", "−1", "1", "It is undefined"),
        1,
        "Opposite directions give a·b = −‖a‖‖b‖, so cos 180° = −1, the minimum. (Only a zero "
        "vector makes the cosine undefined.)",
        watch_steps=7,
    ),
    PredictionPrompt(
        "retrieval_dot_popular",
        (11,),
        "popular_items_dominate",
        "Candidate retrieval by raw dot product instead of cosine: the top 10 videos for b are…",
        (
            "The same 10",
            "Longer vectors (popular videos), some pointing far from b",
            "Shorter vectors close to b's direction",
        ),
        1,
        "Only 2 of the 10 are shared. a·b = ‖a‖‖b‖cos θ rewards length, so the dot-product "
        "top 10 average twice the catalogue's length and lie up to about 45° from b, while "
        "cosine's stay within about 4°. Recommenders normalize, or correct for popularity, "
        "to keep the feed from collapsing onto hits.",
        watch_steps=1,
    ),
    PredictionPrompt(
        "retrieval_short_query",
        (11,),
        "short_query_euclidean",
        "A new user's vector is short (little history). Ranked by Euclidean distance, which "
        "videos come first?",
        (
            "The videos pointing the same way as the user",
            "Short vectors near the origin, whatever their direction",
            "The most popular videos",
        ),
        1,
        "‖a − b‖ is small when both vectors are short, so the top 10 average a length of "
        "about 0.35 and point up to about 55° away from b. For cold-start users, compare "
        "directions (cosine) or fall back to popular and exploratory items.",
        watch_steps=1,
    ),
    PredictionPrompt(
        "content_match_length",
        (12,),
        "popular_items_dominate",
        "Content-based filtering matches item embeddings to a user profile. With raw dot "
        "products, what decides the matches besides taste (direction)?",
        ("Nothing else", "The items' vector lengths, often popularity", "The catalogue order"),
        1,
        "The dot product is length × length × cos θ, so long item vectors win even at wide "
        "angles: here 8 of the 10 dot-product picks are not among the cosine top 10.",
        watch_steps=1,
    ),
    PredictionPrompt(
        "content_cosine_users",
        (12,),
        "length_ignored",
        "Two users with the same tastes: a heavy user with a long profile vector and a light "
        "one with a short vector. Ranked by cosine, do they get the same items?",
        ("Yes, cosine ignores the lengths", "No, the heavy user gets more popular items"),
        0,
        "Scaling a vector doesn't change its angle to anything, so cosine ranks items the "
        "same for both; the curve here doesn't move when a's length changes.",
        watch_steps=1,
    ),
)

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
    presets=PRESETS,
    predictions=PREDICTIONS,
)
