"""The attention state's narration, entropy and set-up, checked against plain recomputation.

Which token each head looks at most (and second most) is found here with Python's sorted,
the spread in bits with SciPy's entropy, and the set-up line is rebuilt from the
parameters; a changed word, a swapped flag or a wrong count fails.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import entropy

from visualizers.attention.spec import SPEC
from visualizers.attention.state import (
    CONTENT_DIM,
    HEAD_NAMES,
    MODEL_DIM,
    POSITION_DIM,
    AttentionFrame,
    AttentionState,
    embed,
    word_vector,
)


def state(**values: object) -> AttentionState:
    return AttentionState({**SPEC.defaults(), **values}, seed=0)


def setup_line(n: int, causal: bool, positions: bool, scaled: bool) -> str:
    return (
        f"{n} tokens · 3 heads · {'causal mask' if causal else 'every token sees every token'}"
        f" · positional encoding {'on' if positions else 'off'} · scores "
        f"{'÷ √d' if scaled else 'not scaled'}."
    )


def query_text(s: AttentionState, q: int) -> str:
    frame = AttentionFrame(step=q + 1, explanation="", query=q)
    return s.explain(frame)


def test_before_any_query_the_text_explains_the_formula() -> None:
    s = state()
    text = s.explain(AttentionFrame(step=0, explanation=""))
    assert text == (
        f"{setup_line(11, False, True, True)}<br>Each head scores every pair: s = q·k / √d, "
        "softmax over the allowed keys, then the output is the weights' average of the values. "
        "Step to compute one query row at a time."
    )


@pytest.mark.parametrize(
    ("causal", "positions", "scaled"),
    [(False, True, True), (True, False, False), (True, True, True), (False, False, True)],
)
def test_each_query_names_every_heads_top_two_tokens_and_spread(
    causal: bool, positions: bool, scaled: bool
) -> None:
    s = state(causal=causal, positions=positions, scaled=scaled, sentence="the cat sat on the mat")
    n = 6
    for q in range(n):
        lines = query_text(s, q).split("<br>")
        assert lines[0] == setup_line(n, causal, positions, scaled)
        assert lines[1] == f"<b>Query “{s.tokens[q]}”</b> (position {q}):"
        for h, name in enumerate(HEAD_NAMES):
            row = [float(w) for w in s.weights[h, q]]
            order = sorted(range(n), key=lambda i: (-row[i], i))
            first, second = order[0], order[1]
            bits = float(entropy([w for w in row if w > 0], base=2))
            runner = f", {row[second]:.2f} on “{s.tokens[second]}”" if row[second] > 0 else ""
            assert lines[2 + h] == (
                f"{name} head: <b>{row[first]:.2f}</b> on “{s.tokens[first]}”{runner} "
                f"(spread {bits:.2f} bits)"
            )
            assert s.entropy(h, q) == pytest.approx(bits, abs=1e-9)
        rest = lines[5:]
        masked = f"The {n - q - 1} later tokens are masked: their weight is exactly 0."
        assert (masked in rest) == (causal and q < n - 1)
        assert any("Without positions" in line for line in rest) != positions
        assert any("Without ÷ √d" in line for line in rest) != scaled


def test_the_warnings_are_whole_sentences() -> None:
    s = state(causal=True, positions=False, scaled=False)
    lines = query_text(s, 0).split("<br>")
    assert lines[-3:] == [
        "The 10 later tokens are masked: their weight is exactly 0.",
        "Without positions the previous-token head has nothing to go on: its weights are "
        "uniform, and shuffling the words only shuffles the outputs (attention alone is "
        "permutation-equivariant).",
        "Without ÷ √d the scores are √32 ≈ 5.7× larger, so the softmax saturates to nearly "
        "one-hot rows and its gradients vanish.",
    ]


def test_a_one_hot_row_has_zero_spread_not_minus_zero() -> None:
    """Regression: the causal first query (all weight on itself) read "spread -0.00 bits"."""
    s = state(causal=True)
    assert s.weights[0, 0, 0] == 1.0
    assert str(s.entropy(0, 0)) == "0.0"
    assert "(spread 0.00 bits)" in query_text(s, 0) and "-0.00" not in query_text(s, 0)
    with pytest.raises(ValueError, match="no tokens"):
        AttentionState({**SPEC.defaults(), "sentence": "   "}, seed=0)


def test_tokens_are_escaped_in_the_text() -> None:
    s = AttentionState({**SPEC.defaults(), "sentence": "<b> & x"}, seed=0)
    text = query_text(s, 0)
    assert "<b>Query “&lt;b&gt;”</b> (position 0):" in text
    assert "“&amp;”" in text and "<b> " not in text.replace("<b>Query", "")


def test_inputs_are_content_then_position_and_it_sits_near_animal() -> None:
    s = state()
    assert s.X.shape == (11, MODEL_DIM) and MODEL_DIM == CONTENT_DIM + POSITION_DIM == 32
    np.testing.assert_allclose(np.linalg.norm(s.X[:, :CONTENT_DIM], axis=1), 1.0)
    # Sinusoidal encoding, written out: PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i+1] = cos.
    t = np.arange(11)[:, None]
    freq = 10000.0 ** (np.arange(0, POSITION_DIM, 2) / POSITION_DIM)
    np.testing.assert_allclose(s.X[:, CONTENT_DIM::2], np.sin(t / freq), atol=1e-12)
    np.testing.assert_allclose(s.X[:, CONTENT_DIM + 1 :: 2], np.cos(t / freq), atol=1e-12)
    off = state(positions=False)
    assert not off.X[:, CONTENT_DIM:].any()
    np.testing.assert_allclose(off.X[:, :CONTENT_DIM], s.X[:, :CONTENT_DIM])
    vectors = embed(["it", "animal", "street"], 0)
    assert vectors[0] @ vectors[1] > 0.9 > abs(vectors[0] @ vectors[2])
    raw = 0.35 * word_vector("it", 0) + word_vector("animal", 0)
    np.testing.assert_allclose(vectors[0], raw / np.linalg.norm(raw))
    np.testing.assert_allclose(vectors[2], word_vector("street", 0))
    assert not np.allclose(word_vector("street", 0), word_vector("street", 1))


def test_shuffling_permutes_the_words_reproducibly_and_the_mask_follows_causal() -> None:
    words = SPEC.defaults()["sentence"]
    assert isinstance(words, str)
    a, b = state(shuffle=True), state(shuffle=True)
    assert a.tokens == b.tokens and sorted(a.tokens) == sorted(words.split())
    assert a.tokens == [words.split()[i] for i in a.order] and a.tokens != words.split()
    assert state().mask is None
    mask = state(causal=True).mask
    assert mask is not None and np.array_equal(mask, np.tril(np.ones((11, 11), dtype=bool)))
    assert (
        state(causal=True).weights[:, np.triu_indices(11, 1)[0], np.triu_indices(11, 1)[1]] == 0
    ).all()


def test_the_stepper_narrates_each_frame_and_measures_each_revealed_output() -> None:
    s = state(sentence="the cat sat on the mat")
    stepper = s.stepper()
    frame = stepper.first()
    assert frame.explanation.startswith(setup_line(6, False, True, True) + "<br>Each head")
    assert frame.output_norms.size == 0
    for q in range(6):
        frame = stepper.advance(frame)
        assert frame.query == q and frame.explanation == query_text(s, q)
        expected = [math.sqrt(sum(float(v) ** 2 for v in s.output[i])) for i in range(q + 1)]
        np.testing.assert_allclose(frame.output_norms, expected)
    assert frame.finished


def softmax_rows(scores: np.ndarray) -> np.ndarray:
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def pe(t: np.ndarray) -> np.ndarray:
    """Sinusoidal encoding written out for (possibly negative) positions t."""
    freq = 10000.0 ** (np.arange(0, POSITION_DIM, 2) / POSITION_DIM)
    out = np.empty((len(t), POSITION_DIM))
    out[:, 0::2] = np.sin(t[:, None] / freq)
    out[:, 1::2] = np.cos(t[:, None] / freq)
    return out


@pytest.mark.parametrize("scaled", [True, False])
def test_content_and_previous_token_heads_are_their_documented_softmaxes(scaled: bool) -> None:
    s = state(scaled=scaled)
    n = len(s.tokens)
    content = s.X[:, :CONTENT_DIM]
    divide = math.sqrt(MODEL_DIM) if scaled else 1.0
    # Content head: 16 · (content · content) / √d, softmax over each row.
    np.testing.assert_allclose(
        s.weights[0], softmax_rows(16.0 * content @ content.T / divide), atol=1e-9
    )
    # Previous-token head: the query of t is PE[t − 1], scored against every key PE[s], × 30.
    queries = pe(np.arange(n) - 1.0)
    keys = pe(np.arange(n, dtype=float))
    np.testing.assert_allclose(
        s.weights[1], softmax_rows(30.0 * queries @ keys.T / divide), atol=1e-9
    )
