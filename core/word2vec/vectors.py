"""Word vectors as a table one can ask questions of: nearest neighbours and analogies by cosine, and the
shipped folder (config.json, vectors.safetensors, vocab.txt) written and read strictly.

Shape legend: V vocabulary, d vector size, Q questions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import torch
from torch.nn import functional as F

from core import model_folders

MODEL_TYPE = "word2vec"  # config.json's model_type of a shipped word2vec folder
VECTORS_KEY = "word_vectors"  # the one tensor of vectors.safetensors: (V, d) float32


class Word2VecError(RuntimeError):
    """A word2vec folder that cannot be found or read, or a word it does not know; the message says which."""


@dataclass
class WordVectors:
    words: list[str]  # V words, most frequent first
    vectors: torch.Tensor  # (V, d) float32
    counts: list[int] | None = None  # V training counts, when known

    def __post_init__(self) -> None:
        if self.vectors.shape[0] != len(self.words):
            raise Word2VecError(f"{self.vectors.shape[0]} vectors for {len(self.words)} words")
        self.index = {word: i for i, word in enumerate(self.words)}
        self.unit = F.normalize(self.vectors.float(), dim=1)  # (V, d) for cosines

    def __contains__(self, word: str) -> bool:
        return word in self.index

    def id_of(self, word: str) -> int:
        if word not in self.index:
            raise Word2VecError(f"{word!r} is not in the vocabulary ({len(self.words)} words seen at least "
                                "min_count times in the training stories)")
        return self.index[word]

    def vector(self, word: str) -> torch.Tensor:
        return self.vectors[self.id_of(word)]

    def similarity(self, first: str, second: str) -> float:
        return float(self.unit[self.id_of(first)] @ self.unit[self.id_of(second)])

    def ranked(self, query: torch.Tensor, exclude: list[int], top_k: int) -> list[tuple[str, float]]:
        scores = self.unit @ F.normalize(query.float(), dim=0)  # (V,) cosines
        scores[exclude] = float("-inf")
        top = scores.topk(min(top_k, len(self.words) - len(exclude)))
        return [(self.words[i], float(s)) for s, i in zip(top.values, top.indices)]

    def nearest(self, word: str, top_k: int = 10) -> list[tuple[str, float]]:
        """The top_k words of highest cosine to ``word``, itself excluded."""
        word_id = self.id_of(word)
        return self.ranked(self.unit[word_id], [word_id], top_k)

    def analogy(self, a: str, b: str, c: str, top_k: int = 5) -> list[tuple[str, float]]:
        """a - b + c (king - man + woman), ranked by cosine (3CosAdd of unit vectors, Mikolov et al., 2013c);
        the three inputs are excluded from the answers, as is customary, so "king" cannot answer its own query."""
        ids = [self.id_of(w) for w in (a, b, c)]
        query = self.unit[ids[0]] - self.unit[ids[1]] + self.unit[ids[2]]  # (d,)
        return self.ranked(query, ids, top_k)

    def answer_many(self, questions: torch.Tensor) -> torch.Tensor:
        """(Q, 3) ids of (a, b, c) -> (Q,) id of the best answer to a - b + c, inputs excluded."""
        query = self.unit[questions[:, 0]] - self.unit[questions[:, 1]] + self.unit[questions[:, 2]]  # (Q, d)
        scores = F.normalize(query, dim=1) @ self.unit.T  # (Q, V)
        scores.scatter_(1, questions, float("-inf"))
        return scores.argmax(1)


def save_word2vec(vectors: WordVectors, folder: Path, config: dict, metadata: dict | None = None) -> Path:
    """config.json (model_type word2vec and the run's settings), vectors.safetensors, vocab.txt ("word count")."""
    from safetensors.torch import save_file

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps({"model_type": MODEL_TYPE, "vocab_size": len(vectors.words),
                                                    **config}, indent=2) + "\n", encoding="utf-8")
    save_file({VECTORS_KEY: vectors.vectors.float().contiguous()}, str(folder / "vectors.safetensors"))
    counts = vectors.counts or [0] * len(vectors.words)
    (folder / "vocab.txt").write_text("".join(f"{w} {n}\n" for w, n in zip(vectors.words, counts)), encoding="utf-8")
    if metadata is not None:
        (folder / "training.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    return folder


def shipped_model_names() -> list[str]:
    return model_folders.shipped_model_names(MODEL_TYPE)


def load_word2vec(name_or_path: str) -> WordVectors:
    """A built-in name (``tiny-word2vec``) or a folder -> WordVectors; every file and shape checked."""
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    folder = resolve_folder(name_or_path)
    for name in ("config.json", "vectors.safetensors", "vocab.txt"):
        if not (folder / name).is_file():
            raise Word2VecError(f"{folder} has no {name}")
    config = json.loads((folder / "config.json").read_text())
    if config.get("model_type") != MODEL_TYPE:
        raise Word2VecError(f"{folder}/config.json says model_type {config.get('model_type')!r}, not {MODEL_TYPE!r}")
    try:
        tensors = load_file(str(folder / "vectors.safetensors"))
    except SafetensorError as error:
        raise Word2VecError(f"{folder}/vectors.safetensors could not be read: {error}") from None
    if set(tensors) != {VECTORS_KEY}:
        raise Word2VecError(f"{folder}/vectors.safetensors holds {sorted(tensors)}, expected [{VECTORS_KEY!r}]")
    rows = [line.split(" ") for line in (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()]
    words, counts = [row[0] for row in rows], [int(row[1]) for row in rows]
    vectors = tensors[VECTORS_KEY]
    expected = (config.get("vocab_size"), config.get("vector_size"))
    if tuple(vectors.shape) != expected or len(words) != expected[0]:
        raise Word2VecError(f"{folder}: {VECTORS_KEY} has shape {tuple(vectors.shape)} and vocab.txt {len(words)} "
                            f"words, config.json says {expected}")
    return WordVectors(words, vectors, counts)


def resolve_folder(name_or_path: str) -> Path:
    return model_folders.resolve_folder(name_or_path, MODEL_TYPE, Word2VecError, noun="word2vec model", hub=False)
