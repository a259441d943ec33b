"""The maintained reference: gensim's Word2Vec on the same texts with the same settings, one worker thread.

gensim is a test requirement (requirements-test.txt), not a runtime one: only the comparison needs it.
"""

from __future__ import annotations

import time

import torch

from core.word2vec.config import Word2VecConfig
from core.word2vec.vectors import WordVectors


def train_gensim(config: Word2VecConfig, texts: list[list[str]]) -> tuple[WordVectors, float, float]:
    """(vectors, training wall seconds, CPU seconds of the process: one worker plus gensim's job producer).
    gensim draws its own random numbers, so the vectors are comparable to ours, not equal; the vocabulary is
    the same (same min_count, same counts)."""
    try:
        from gensim.models import Word2Vec as GensimWord2Vec
    except ImportError:
        raise RuntimeError("gensim is not installed: pip install -r requirements-test.txt") from None
    model = GensimWord2Vec(vector_size=config.vector_size, window=config.window, negative=config.negative,
                           ns_exponent=config.ns_exponent, sample=config.sample, min_count=config.min_count,
                           alpha=config.alpha, min_alpha=config.min_alpha, sg=int(config.architecture == "skip-gram"),
                           hs=0, cbow_mean=1, seed=config.seed, workers=1)
    model.build_vocab(texts)
    started, cpu_started = time.perf_counter(), time.process_time()
    model.train(texts, total_examples=len(texts), epochs=config.epochs)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    words = list(model.wv.index_to_key)
    counts = [int(model.wv.get_vecattr(w, "count")) for w in words]
    return WordVectors(words, torch.from_numpy(model.wv.vectors.copy()), counts), seconds, cpu_seconds
