"""Everything the attention view shows, computed without Qt.

A toy transformer layer over a short sentence. Each token is a content vector (seeded per
word, with "it" placed near "animal" the way a trained embedding would) next to its
sinusoidal positional encoding. Three heads read them: a content head (which words are
alike), a previous-token head (which can only work from the positions) and a head with
random projections. The stepper reveals the attention matrices one query row per frame.
"""

from __future__ import annotations

import html
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from visualizers.attention.algorithm import (
    BoolArray,
    FloatArray,
    causal_mask,
    multi_head_attention,
    shift_operator,
    sinusoidal_positions,
)
from visualizers.core.frames import Frame, read_only

CONTENT_DIM = 16
POSITION_DIM = 16
MODEL_DIM = CONTENT_DIM + POSITION_DIM
HEAD_NAMES: tuple[str, ...] = ("content", "previous token", "random projections")
POSITION_SHARPNESS = 30.0  # how strongly the previous-token head prefers exactly t − 1
CONTENT_SHARPNESS = 16.0  # scale of the content head's scores before ÷ √d

SENTENCES: tuple[str, ...] = (
    "the animal didn't cross the street because it was too tired",
    "the cat sat on the mat",
    "to be or not to be",
)
# Words a trained embedding would place close together (a toy stand-in for learning).
RELATED: dict[str, str] = {"it": "animal"}


def word_vector(word: str, seed: int) -> FloatArray:
    """A unit content vector per word, the same for the same word and seed."""
    rng = np.random.default_rng([zlib.crc32(word.encode("utf-8")), seed])
    vector = rng.normal(size=CONTENT_DIM)
    return vector / np.linalg.norm(vector)


def embed(tokens: list[str], seed: int) -> FloatArray:
    rows = []
    for token in tokens:
        vector = word_vector(token, seed)
        if token in RELATED:
            vector = 0.35 * vector + word_vector(RELATED[token], seed)
            vector /= np.linalg.norm(vector)
        rows.append(vector)
    return np.array(rows)


@dataclass(frozen=True)
class AttentionFrame(Frame):
    query: int | None = None  # the token whose row was just computed
    # (heads, n, n) weights; rows not yet revealed are NaN
    weights: FloatArray = field(default_factory=lambda: np.zeros((0, 0, 0)))
    output_norms: FloatArray = field(default_factory=lambda: np.zeros(0))


class AttentionStepper:
    def __init__(self, state: AttentionState) -> None:
        self.state = state

    def first(self) -> AttentionFrame:
        hidden = np.full_like(self.state.weights, np.nan)
        frame = AttentionFrame(step=0, explanation="", weights=read_only(hidden))
        return replace(frame, explanation=self.state.explain(frame))

    def advance(self, frame: AttentionFrame) -> AttentionFrame:
        query = frame.step  # frame k reveals query row k − 1
        weights = np.array(frame.weights)
        weights[:, query, :] = self.state.weights[:, query, :]
        norms = np.linalg.norm(self.state.output[: query + 1], axis=1)
        new = AttentionFrame(
            step=frame.step + 1,
            explanation="",
            finished=query + 1 >= len(self.state.tokens),
            query=query,
            weights=read_only(weights),
            output_norms=read_only(norms),
        )
        return replace(new, explanation=self.state.explain(new))


class AttentionState:
    """Parameters → tokens, embeddings, heads, mask, and the full attention computation."""

    def __init__(self, params: Mapping[str, object], seed: int) -> None:
        self.seed = seed
        self.sentence = str(params["sentence"])
        self.causal = bool(params["causal"])
        self.positions = bool(params["positions"])
        self.scaled = bool(params["scaled"])
        self.shuffled = bool(params["shuffle"])
        tokens = self.sentence.split()
        if not tokens:
            raise ValueError("the sentence has no tokens")
        self.order = np.arange(len(tokens))
        if self.shuffled:
            self.order = np.random.default_rng(seed + 7).permutation(len(tokens))
        self.tokens = [tokens[i] for i in self.order]
        self.X = self.inputs(self.tokens)
        self.mask: BoolArray | None = causal_mask(len(self.tokens)) if self.causal else None
        self.heads = self._heads()
        self.W_out = np.eye(3 * MODEL_DIM)
        self.output, self.weights = multi_head_attention(self.X, self.heads, self.W_out, self.mask)

    def inputs(self, tokens: list[str]) -> FloatArray:
        """Each row: the word's content vector, then its positional encoding (or zeros)."""
        content = embed(tokens, self.seed)
        positional = sinusoidal_positions(len(tokens), POSITION_DIM)
        if not self.positions:
            positional = np.zeros_like(positional)
        return np.concatenate([content, positional], axis=1)

    def _heads(self) -> list[tuple[FloatArray, FloatArray, FloatArray]]:
        eye = np.eye(MODEL_DIM)
        content_only = np.diag([1.0] * CONTENT_DIM + [0.0] * POSITION_DIM)
        # Scores are divided by √d inside the attention; undoing that shows what the
        # unscaled dot product does to the softmax.
        boost = np.sqrt(MODEL_DIM) if not self.scaled else 1.0
        # Content head: queries and keys are the content vectors, sharpened.
        content = (CONTENT_SHARPNESS * boost * content_only, content_only, eye)
        # Previous-token head: the query of t is PE[t − 1], so it matches the key PE[t − 1].
        back = np.zeros((MODEL_DIM, MODEL_DIM))
        back[CONTENT_DIM:, CONTENT_DIM:] = shift_operator(POSITION_DIM, -1)
        position_keys = np.diag([0.0] * CONTENT_DIM + [1.0] * POSITION_DIM)
        previous = (POSITION_SHARPNESS * boost * back, position_keys, eye)
        rng = np.random.default_rng(self.seed)
        random = (
            boost * rng.normal(0, 1.0, (MODEL_DIM, MODEL_DIM)) / np.sqrt(MODEL_DIM),
            rng.normal(0, 1.0, (MODEL_DIM, MODEL_DIM)) / np.sqrt(MODEL_DIM),
            eye,
        )
        return [content, previous, random]

    def stepper(self) -> AttentionStepper:
        return AttentionStepper(self)

    def entropy(self, head: int, query: int) -> float:
        """How spread one query's attention is, in bits (0 = all on one token)."""
        w = self.weights[head, query]
        w = w[w > 0]
        # max: a one-hot row sums to -0.0, which the text would print as "-0.00 bits".
        return max(0.0, float(-(w * np.log2(w)).sum()))

    def explain(self, frame: AttentionFrame) -> str:
        n = len(self.tokens)
        setup = (
            f"{n} tokens · {len(HEAD_NAMES)} heads · "
            f"{'causal mask' if self.causal else 'every token sees every token'} · "
            f"positional encoding {'on' if self.positions else 'off'} · "
            f"scores {'÷ √d' if self.scaled else 'not scaled'}"
        )
        if frame.query is None:
            return (
                f"{setup}.<br>Each head scores every pair: s = q·k / √d, softmax over the "
                "allowed keys, then the output is the weights' average of the values. "
                "Step to compute one query row at a time."
            )
        q = frame.query
        token = html.escape(self.tokens[q])
        parts = [f"{setup}.", f"<b>Query “{token}”</b> (position {q}):"]
        for h, name in enumerate(HEAD_NAMES):
            row = self.weights[h, q]
            first, second = (int(i) for i in np.argsort(-row, kind="stable")[:2])
            runner_up = (
                f", {row[second]:.2f} on “{html.escape(self.tokens[second])}”"
                if n > 1 and row[second] > 0
                else ""
            )
            parts.append(
                f"{html.escape(name)} head: <b>{row[first]:.2f}</b> on “"
                f"{html.escape(self.tokens[first])}”{runner_up} "
                f"(spread {self.entropy(h, q):.2f} bits)"
            )
        if self.causal and q + 1 < n:
            parts.append(f"The {n - q - 1} later tokens are masked: their weight is exactly 0.")
        if not self.positions:
            parts.append(
                "Without positions the previous-token head has nothing to go on: its "
                "weights are uniform, and shuffling the words only shuffles the outputs "
                "(attention alone is permutation-equivariant)."
            )
        if not self.scaled:
            parts.append(
                "Without ÷ √d the scores are √32 ≈ 5.7× larger, so the softmax saturates "
                "to nearly one-hot rows and its gradients vanish."
            )
        return "<br>".join(parts)
