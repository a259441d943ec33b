"""Word embeddings page: word vectors -> tables (a 2-D map by PCA or t-SNE, neighbours, an analogy with its arrows,
one word's cosine across contexts). No Streamlit. V words, d vector size, N words on the map."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis.analogies import relations
from core.data.stories_lexicon import ACTIVITIES, ANIMALS, COLOURS, FEMALE_NOUNS, MALE_NOUNS, PLACES, TIMES
from core.word2vec.vectors import WordVectors

PER_KIND = 24  # most frequent words of a kind on the map, so labels stay readable
DEFAULT_KINDS = ("male", "female", "animal", "colour")
PROJECTIONS = ("pca", "tsne")  # the map's two projections: linear (the analogy's arrows hold), and t-SNE
TSNE_PERPLEXITY = 10.0  # t-SNE's effective number of neighbours; at most (N - 1) / 3 words on a small map


def kind_words() -> dict[str, list[str]]:
    """Kinds of words the story lexicon defines, in its own lists (the map's colours)."""
    days = [time.split()[-1] for time in TIMES["past"] if time.startswith(("on ", "last "))]
    return {"male": list(MALE_NOUNS), "female": list(FEMALE_NOUNS), "animal": list(ANIMALS),
            "colour": list(COLOURS), "place": list(PLACES),
            "food": list(dict.fromkeys(t for a in ACTIVITIES if a.verb in ("buy", "eat", "cook") for t in a.things)),
            "day": list(dict.fromkeys(days)), "verb": [form for _, form in relations()["past tense"]]}


@dataclass
class WordMap:
    frame: pd.DataFrame  # word, kind, x, y: one row per word on the map
    mean: np.ndarray  # (d,) the chosen words' mean vector
    components: np.ndarray | None  # (d, 2) the first two principal directions; None for t-SNE (not linear)

    def project(self, vector: np.ndarray) -> tuple[float, float]:
        if self.components is None:
            raise ValueError("a t-SNE map places only the words it was made from")
        x, y = (np.asarray(vector, dtype=np.float64) - self.mean) @ self.components
        return float(x), float(y)


def word_map(vectors: WordVectors, kinds: list[str], extra: list[str] = (), projection: str = "pca") -> WordMap:
    """PCA (or t-SNE, ``projection="tsne"``) of the chosen kinds' words (the PER_KIND most frequent of each that
    the vectors know) and of ``extra`` words (kind "analogy"); vectors are unit length first, as cosine compares
    them."""
    if projection not in PROJECTIONS:
        raise ValueError(f"projection must be one of {PROJECTIONS}, got {projection!r}")
    chosen: dict[str, str] = {}
    for kind in kinds:
        known = sorted((w for w in kind_words()[kind] if w in vectors and w not in chosen), key=vectors.index.get)
        chosen.update({w: kind for w in known[:PER_KIND]})
    for word in extra:
        if word in vectors:
            chosen.setdefault(word, "analogy")
    words = list(chosen)
    if len(words) < 3:
        return WordMap(pd.DataFrame(columns=["word", "kind", "x", "y"]), np.zeros(0), np.zeros((0, 2)))
    table = vectors.unit[[vectors.index[w] for w in words]].double().numpy()  # (N, d)
    mean = table.mean(0)
    if projection == "tsne":
        points, components = tsne_points(table), None
    else:
        _, _, right = np.linalg.svd(table - mean, full_matrices=False)
        components = right[:2].T  # (d, 2)
        points = (table - mean) @ components  # (N, 2)
    frame = pd.DataFrame({"word": words, "kind": [chosen[w] for w in words], "x": points[:, 0].astype(np.float32),
                          "y": points[:, 1].astype(np.float32)})
    return WordMap(frame, mean, components)


def tsne_points(table: np.ndarray) -> np.ndarray:
    """(N, 2) t-SNE of the rows of ``table`` (N, d) by scikit-learn (van der Maaten and Hinton, 2008): cosine
    distances, initialised from PCA, a fixed seed, so one set of words always gives one map. About 0.3 s for 100
    words (1.2 s with scikit-learn's first import)."""
    from sklearn.manifold import TSNE

    return TSNE(n_components=2, perplexity=tsne_perplexity(len(table)), metric="cosine", init="pca", random_state=0,
                max_iter=1000).fit_transform(table)


def tsne_perplexity(count: int) -> float:
    """t-SNE's perplexity for a map of ``count`` words: TSNE_PERPLEXITY, less on a map too small for it."""
    return min(TSNE_PERPLEXITY, (count - 1) / 3)



def neighbours(vectors: WordVectors, word: str, top_k: int = 10) -> pd.DataFrame:
    ranked = vectors.nearest(word, top_k)
    return pd.DataFrame({"rank": range(1, len(ranked) + 1), "word": [w for w, _ in ranked],
                         "cosine": np.array([s for _, s in ranked], dtype=np.float32)})


def analogy(vectors: WordVectors, a: str, b: str, c: str, top_k: int = 5) -> pd.DataFrame:
    """a - b + c ranked by cosine, the three inputs excluded (WordVectors.analogy)."""
    ranked = vectors.analogy(a, b, c, top_k)
    return pd.DataFrame({"rank": range(1, len(ranked) + 1), "word": [w for w, _ in ranked],
                         "cosine": np.array([s for _, s in ranked], dtype=np.float32)})


def analogy_arrows(vectors: WordVectors, layout: WordMap, a: str, b: str, c: str) -> dict:
    """Map points of b -> a and of c -> c + (a - b): PCA is affine, so the projection of a - b + c is the
    projection of c moved by the same arrow as b -> a (unit vectors, as the analogy uses them)."""
    unit = {w: vectors.unit[vectors.index[w]].double().numpy() for w in (a, b, c)}
    target = unit[a] - unit[b] + unit[c]
    return {"from_b": layout.project(unit[b]), "to_a": layout.project(unit[a]), "from_c": layout.project(unit[c]),
            "target": layout.project(target)}


def unknown_examples(vectors: WordVectors) -> str:
    """A few words the vectors know, for the out-of-vocabulary message."""
    return ", ".join([w for w in ("king", "queen", "dog", "park", "orange", "went") if w in vectors]
                     or vectors.words[:5])


def contextual_frame(layer_cosines: list[float], static_cosine: float | None) -> pd.DataFrame:
    """layer (0 = embeddings), cosine of BERT's two vectors, word2vec's (one vector: the same at every layer)."""
    return pd.DataFrame({"layer": range(len(layer_cosines)), "bert": np.array(layer_cosines, dtype=np.float32),
                         "static": np.float32(static_cosine if static_cosine is not None else np.nan)})


def referent_frame(similarities: list[dict[str, list[float]]]) -> pd.DataFrame:
    """sentence (1, 2), candidate, layer, cosine of the pronoun's vector with the candidate's: one row each."""
    rows = [(sentence, candidate, layer, cosine) for sentence, by_candidate in enumerate(similarities, start=1)
            for candidate, cosines in by_candidate.items() for layer, cosine in enumerate(cosines)]
    frame = pd.DataFrame(rows, columns=["sentence", "candidate", "layer", "cosine"])
    return frame.astype({"cosine": np.float32})
