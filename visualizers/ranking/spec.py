"""Registry entry for the ranking-metrics visualizer (no Qt, no NumPy)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, PredictionPrompt, Preset, VisualizerSpec

GROW_K = "grow k down the list"
RERANK = "re-rank toward the ideal order"

SPEC = VisualizerSpec(
    id="ranking",
    title="Ranking metrics: precision@k, MAP, NDCG",
    description=(
        "One user's recommended videos, best score first, with what the user really did "
        "(skipped, watched, liked, shared). Grow k down the list and watch precision@k, "
        "recall@k, AP@k and NDCG@k, or re-rank the list one promotion at a time toward the "
        "ideal order and watch NDCG climb to 1. MAP and mean NDCG average over all users."
    ),
    questions=(14,),
    view="visualizers.ranking.view:RankingView",
    parameters=(
        Parameter(
            "animation",
            "Animation",
            "choice",
            GROW_K,
            choices=(GROW_K, RERANK),
            tooltip="Each step shows one more item (k + 1), or promotes the most relevant "
            "item left into the next slot.",
        ),
        Parameter(
            "k",
            "Cutoff k (re-ranking)",
            "int",
            10,
            minimum=1,
            maximum=60,
            tooltip="How many top slots the metrics score while the list is re-ranked.",
        ),
        Parameter(
            "quality",
            "Model quality",
            "float",
            0.75,
            minimum=0.0,
            maximum=3.0,
            step=0.25,
            decimals=2,
            tooltip="0 ranks at random; 3 is nearly perfect.",
        ),
        Parameter(
            "user",
            "User",
            "int",
            1,
            minimum=1,
            maximum=20,
            tooltip="Whose list is shown (MAP and mean NDCG cover every user).",
        ),
        Parameter(
            "users", "Users", "int", 8, minimum=2, maximum=20, tooltip="Lists averaged by MAP."
        ),
        Parameter(
            "items",
            "Candidates per user",
            "int",
            30,
            minimum=10,
            maximum=60,
            tooltip="Length of each ranked list.",
        ),
        Parameter(
            "seed",
            "Seed",
            "int",
            0,
            minimum=0,
            maximum=9999,
            tooltip="Seeds the relevance labels and the model's noise.",
        ),
    ),
    presets=(
        Preset(
            "random-ranker",
            "A random ranker",
            "Quality 0: scores are pure noise, so the list's order carries no information.",
            {"quality": 0.0},
        ),
        Preset(
            "good-model",
            "A good model",
            "Quality 2: relevant videos mostly near the top, with a few misses.",
            {"quality": 2.0},
        ),
        Preset(
            "fix-the-order",
            "Re-rank the top 10",
            "A mediocre list re-ordered one promotion at a time until the top 10 is ideal.",
            {"animation": RERANK, "k": 10, "quality": 0.5},
        ),
        Preset(
            "long-list",
            "Sixty candidates",
            "A longer list: recall@k needs a deeper k to find every relevant video.",
            {"items": 60, "quality": 1.0},
        ),
    ),
    predictions=(
        PredictionPrompt(
            "ranking-recall-grows",
            (14,),
            "good-model",
            "As k grows from 1 to the whole list, what does recall@k do?",
            (
                "It never falls, and reaches 1 at the end of the list",
                "It falls, because more irrelevant items are shown",
                "It rises, then falls once the relevant items run out",
            ),
            0,
            "Recall@k counts relevant items found so far over all relevant items: a longer "
            "list can only find more, and the whole list finds them all. Precision@k is the "
            "one that falls.",
            watch_steps=29,
        ),
        PredictionPrompt(
            "ranking-random-precision",
            (14,),
            "random-ranker",
            "A random ranker: where does precision@k end up when k is the whole list?",
            (
                "At the share of relevant items in the list (about 30%)",
                "Near 0",
                "Near 1",
            ),
            0,
            "With k = n every item is shown, so precision@n is the share of relevant items, "
            "whatever the order: a random ranker hovers there for every k. That baseline is why "
            "precision@k alone says little without the base rate.",
            watch_steps=29,
        ),
        PredictionPrompt(
            "ranking-rerank-ndcg",
            (14,),
            "fix-the-order",
            "The top 10 is re-ordered, one promotion per step, until it is ideal. NDCG@10 …",
            (
                "ends at exactly 1",
                "stops changing once the top 10 holds the right videos, in any order",
                "ends somewhere below 1, as the model was mediocre",
            ),
            0,
            "NDCG@k divides by the DCG of the ideal order, so the ideal top 10 scores exactly "
            "1. Precision@10 moves only when a relevant video enters the top 10 from below; "
            "NDCG (and AP) also reward the order inside it, so they keep climbing after that.",
            watch_steps=10,
        ),
    ),
)
