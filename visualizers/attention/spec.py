"""Registry entry for the attention visualizer (transformer questions, and question 7). No NumPy."""

from __future__ import annotations

from visualizers.core.registry import Parameter, PredictionPrompt, Preset, VisualizerSpec

SENTENCE_CHOICES: tuple[str, ...] = (
    "the animal didn't cross the street because it was too tired",
    "the cat sat on the mat",
    "to be or not to be",
)

SPEC = VisualizerSpec(
    id="attention",
    title="Attention",
    description="Scaled dot-product attention on a short sentence: queries, keys and "
    "values, the weights of three heads, a causal mask, positional encodings and what "
    "removing them does.",
    questions=(42, 43, 44, 7),
    view="visualizers.attention.view:AttentionView",
    parameters=(
        Parameter(
            "sentence",
            "Sentence",
            "choice",
            SENTENCE_CHOICES[0],
            choices=SENTENCE_CHOICES,
            tooltip="The tokens the layer attends over",
        ),
        Parameter(
            "causal",
            "Causal mask",
            "bool",
            False,
            tooltip="Each token may only look at itself and earlier tokens (GPT)",
        ),
        Parameter(
            "positions",
            "Positional encoding",
            "bool",
            True,
            tooltip="Give each token its sinusoidal position; off = a bag of words",
        ),
        Parameter(
            "scaled",
            "Divide scores by √d",
            "bool",
            True,
            tooltip="The 1/√d of scaled dot-product attention",
        ),
        Parameter(
            "shuffle",
            "Shuffle the words",
            "bool",
            False,
            tooltip="Permute the tokens to test permutation-equivariance",
        ),
    ),
    presets=(
        Preset(
            "coreference",
            "What does “it” attend to?",
            "The content head links “it” to “animal”; the previous-token head looks one word back.",
        ),
        Preset(
            "causal",
            "Causal mask (GPT)",
            "Every token sees only the past: the upper triangle is exactly 0.",
            {"causal": True},
        ),
        Preset(
            "no_positions",
            "No positional encoding",
            "The previous-token head goes uniform: without positions, attention can't tell order.",
            {"positions": False},
        ),
        Preset(
            "shuffled_no_positions",
            "Shuffled words, no positions",
            "Shuffling only shuffles the rows and columns: permutation-equivariance.",
            {"positions": False, "shuffle": True},
        ),
        Preset(
            "shuffled",
            "Shuffled words, with positions",
            "With positions, a shuffled sentence gets different attention.",
            {"shuffle": True},
        ),
        Preset(
            "unscaled",
            "No √d scaling",
            "Scores √32 ≈ 5.7× larger: nearly one-hot rows.",
            {"scaled": False},
        ),
    ),
    predictions=(
        PredictionPrompt(
            id="attn_causal_zero",
            questions=(42, 44, 7),
            preset="causal",
            prompt="With a causal mask, what weight does the first token give to the second?",
            choices=("A small positive number", "Exactly 0", "1/n, as with uniform attention"),
            correct=1,
            explanation="Masked scores are set to −∞ before the softmax, so exp gives exactly "
            "0: the first token can only attend to itself and its row is [1, 0, 0, …].",
            watch_steps=2,
        ),
        PredictionPrompt(
            id="attn_no_positions",
            questions=(43, 7),
            preset="shuffled_no_positions",
            prompt="No positional encoding, and the words are shuffled. How do the outputs "
            "compare with the unshuffled sentence?",
            choices=(
                "Completely different outputs",
                "The same outputs, shuffled the same way",
                "All outputs become identical",
            ),
            correct=1,
            explanation="Self-attention without positions is permutation-equivariant: each "
            "output depends on its own token and the set of others, not their order. That "
            "is why transformers add positional encodings — an RNN or CNN gets order for free.",
            watch_steps=11,
        ),
        PredictionPrompt(
            id="attn_unscaled",
            questions=(42,),
            preset="unscaled",
            prompt="Drop the 1/√d from the scores (d = 32). What happens to the attention rows?",
            choices=(
                "Nothing: softmax is scale-invariant",
                "They become nearly one-hot",
                "They become uniform",
            ),
            correct=1,
            explanation="q·k sums d products, so its spread grows like √d; softmax is not "
            "scale-invariant, and larger scores push it towards a one-hot argmax whose "
            "gradient is almost zero. Dividing by √d keeps the scores' variance near 1.",
            watch_steps=11,
        ),
        PredictionPrompt(
            id="attn_shuffled_positions",
            questions=(43,),
            preset="shuffled",
            prompt="Positional encodings on, words shuffled. Where does the previous-token "
            "head point now?",
            choices=(
                "At the same word as before the shuffle",
                "At whatever word now sits one position back",
                "Uniformly at every word",
            ),
            correct=1,
            explanation="That head matches PE[t − 1] against every key's position, so it "
            "follows positions, not words: after a shuffle it still looks one slot back, "
            "at a different word. Order information lives only in the encodings.",
            watch_steps=11,
        ),
        PredictionPrompt(
            id="attn_gpt_last_token",
            questions=(44,),
            preset="causal",
            prompt="GPT-style causal attention over 11 tokens. How many tokens can the last "
            "one attend to, and how many can the first?",
            choices=("11 and 1", "1 and 11", "11 and 11"),
            correct=0,
            explanation="The mask is lower-triangular: token t sees tokens 0…t. The last "
            "token sees the whole prefix (which is why it predicts the next word); the first "
            "sees only itself. BERT has no mask, so every token sees all 11.",
            watch_steps=11,
        ),
    ),
)
