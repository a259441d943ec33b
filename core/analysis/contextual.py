"""Static against contextual: one word in two sentences. word2vec has one vector per word, whatever the
sentence; BERT's vector of the same word differs per sentence and per layer, and the cosine of the two
shows how far the context has moved it (1 at the input embedding, before any attention).

Shape legend: T tokens, E model width, L layers.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch.nn import functional as F

# Words of the shipped story lexicon that take two meanings or two referents.
EXAMPLES = {
    "orange": ("Mary has an orange cat named Tom.", "Tom bought a sweet orange and a ripe pear."),
    "it": ("The animal didn't cross the street because it was too tired.",
           "The animal didn't cross the street because it was too wide."),
}


# Candidates a pronoun of EXAMPLES may stand for: its vector is compared with theirs, layer by layer.
REFERENTS = {"it": ("animal", "street")}


class WordNotInTextError(ValueError):
    """The word's pieces do not occur in the text."""


def word_positions(tokens: list[str], pieces: list[str], occurrence: int = 0) -> list[int]:
    """Token positions of the ``occurrence``-th run of ``pieces`` (the word's WordPiece tokens) in ``tokens``."""
    found = [start for start in range(len(tokens) - len(pieces) + 1) if tokens[start:start + len(pieces)] == pieces]
    if len(found) <= occurrence:
        raise WordNotInTextError(f"{''.join(pieces).replace('##', '')!r} does not occur in the text "
                                 f"(tokens: {' '.join(tokens)})")
    return list(range(found[occurrence], found[occurrence] + len(pieces)))


def word_states(pipeline, text: str, word: str) -> torch.Tensor:
    """(L+1, E): the word's vector after the embeddings (row 0) and after each layer; a word of several
    pieces is the mean of its pieces."""
    trace, encoded = pipeline.trace(text, record_all=False)
    pieces = pipeline.tokenizer.tokenize(word)
    positions = word_positions(encoded.tokens, pieces)
    return torch.stack([hidden[0, positions].mean(0) for hidden in trace.hidden_states])  # (L+1, E)


@dataclass
class ContextShift:
    word: str
    texts: tuple[str, str]
    layer_cosines: list[float]  # L+1: cos(first, second) at the embedding output and after each layer
    static_cosine: float | None  # word2vec's vectors of the word in the two texts: one lookup, so 1.0; None if unknown


def context_shift(pipeline, word: str, first_text: str, second_text: str, static=None) -> ContextShift:
    """How far the two contexts move ``word``, layer by layer, against word2vec's one vector (``static``,
    a WordVectors, optional)."""
    first, second = word_states(pipeline, first_text, word), word_states(pipeline, second_text, word)
    cosines = F.cosine_similarity(first, second, dim=-1)  # (L+1,)
    static_cosine = None
    if static is not None and word in static:  # a static table looks the word up, whatever the text
        static_cosine = float(F.cosine_similarity(static.vector(word), static.vector(word), dim=0))
    return ContextShift(word, (first_text, second_text), [float(c) for c in cosines], static_cosine)


def referent_similarity(pipeline, text: str, word: str, candidates: list[str]) -> dict[str, list[float]]:
    """candidate -> (L+1,) cosine of ``word``'s vector with each candidate's in the same text, per layer:
    does "it" come to resemble the noun it stands for?"""
    own = word_states(pipeline, text, word)
    return {c: F.cosine_similarity(own, word_states(pipeline, text, c), dim=-1).tolist() for c in candidates}
