"""Training word2vec on the story corpus: one epoch's (word, context) examples drawn as word2vec.c draws
them (subsampling, a reach per position), shuffled into batches, plain SGD with a linearly decaying rate.

Shape legend: N kept words of an epoch, P examples, B batch, K noise words, C = 2 x window context slots.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

import numpy as np
import torch

from core.word2vec.config import Word2VecConfig
from core.word2vec.model import Word2Vec
from core.word2vec.vocabulary import Vocabulary, story_words


def corpus_texts(config: Word2VecConfig) -> list[list[str]]:
    """tiny-bert's training stories (the same stream `python -m core train bert` writes to train.txt), as words."""
    from core.data.stories import training_stories

    return story_words(training_stories(config.train_stories, config.corpus_seed, config.corpus_version))


def corpus_fingerprint(texts: list[list[str]]) -> dict:
    """Texts, words and an md5 of the words: the grammar may change after a model is shipped, and a comparison
    (gensim trained now against vectors trained then) is only fair on the same corpus."""
    digest = hashlib.md5("\n".join(" ".join(text) for text in texts).encode("utf-8")).hexdigest()
    return {"texts": len(texts), "words": sum(len(text) for text in texts), "md5": digest}


def subsample(texts: list[np.ndarray], keep_probability: np.ndarray, rng: np.random.Generator,
              ) -> tuple[np.ndarray, np.ndarray]:
    """(ids, text index) of the occurrences kept this epoch, all texts end to end: (N,), (N,)."""
    ids = np.concatenate(texts)
    text_of = np.repeat(np.arange(len(texts)), [len(t) for t in texts])
    kept = rng.random(len(ids)) < keep_probability[ids]
    return ids[kept], text_of[kept]


def skipgram_pairs(ids: np.ndarray, text_of: np.ndarray, window: int, rng: np.random.Generator,
                   ) -> tuple[np.ndarray, np.ndarray]:
    """(word, context) pairs: each position draws a reach b in 1..window and pairs with the words up to b
    away on either side within its own text (word2vec.c's shrunk window: near words are used more)."""
    reach = rng.integers(1, window + 1, size=len(ids))
    words, contexts = [], []
    for distance in range(1, window + 1):
        same_text = text_of[:-distance] == text_of[distance:]
        left = same_text & (distance <= reach[distance:])  # centre at i + distance, context at i
        right = same_text & (distance <= reach[:-distance])  # centre at i, context at i + distance
        words += [ids[distance:][left], ids[:-distance][right]]
        contexts += [ids[:-distance][left], ids[distance:][right]]
    return np.concatenate(words), np.concatenate(contexts)


def cbow_examples(ids: np.ndarray, text_of: np.ndarray, window: int, rng: np.random.Generator,
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(C contexts, word) per position: (N, C) ids with -1 in empty slots, (N,); positions with no context dropped."""
    reach = rng.integers(1, window + 1, size=len(ids))
    contexts = np.full((len(ids), 2 * window), -1, dtype=np.int64)
    for distance in range(1, window + 1):
        same_text = text_of[:-distance] == text_of[distance:]
        fits = same_text & (distance <= reach[distance:])
        contexts[distance:, window - distance][fits] = ids[:-distance][fits]  # left neighbour
        fits = same_text & (distance <= reach[:-distance])
        contexts[:-distance, window + distance - 1][fits] = ids[distance:][fits]  # right neighbour
    has_context = (contexts >= 0).any(1)
    return contexts[has_context], ids[has_context]


def learning_rate(progress: float, config: Word2VecConfig) -> float:
    """Linear decay from alpha to min_alpha over the whole run, as word2vec.c does over the words it reads."""
    return config.alpha - (config.alpha - config.min_alpha) * progress


@dataclass
class TrainedWord2Vec:
    vocabulary: Vocabulary
    vectors: torch.Tensor  # (V, d)
    config: Word2VecConfig
    train_seconds: float  # wall time of the epochs only, without generating the corpus
    train_cpu_seconds: float  # the process's CPU time over the same span: what other load on the machine leaves out
    examples: int  # (word, context) pairs (skip-gram) or positions (CBOW) trained on, all epochs together
    losses: list[float]  # mean loss per example, one per epoch


def epoch_examples(texts: list[np.ndarray], vocabulary: Vocabulary, config: Word2VecConfig,
                   rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    ids, text_of = subsample(texts, vocabulary.keep_probabilities(config.sample), rng)
    make = skipgram_pairs if config.architecture == "skip-gram" else cbow_examples
    inputs, targets = make(ids, text_of, config.window, rng)
    order = rng.permutation(len(targets))
    return inputs[order], targets[order]


def train(config: Word2VecConfig, texts: list[list[str]] | None = None, progress: bool = True) -> TrainedWord2Vec:
    """Train from scratch; ``texts`` defaults to the story corpus of ``config``."""
    from tqdm.auto import tqdm

    texts = corpus_texts(config) if texts is None else texts
    vocabulary = Vocabulary.build(texts, config.min_count)
    encoded = vocabulary.encode(texts)
    rng = np.random.default_rng(config.seed)
    generator = torch.Generator().manual_seed(config.seed)
    noise = torch.from_numpy(vocabulary.noise_distribution(config.ns_exponent))
    model = Word2Vec(len(vocabulary), config.vector_size, config.architecture, config.seed)
    started, cpu_started, examples, losses = time.perf_counter(), time.process_time(), 0, []
    # the rate decays over the expected number of steps; an epoch's count varies a little with subsampling
    first_inputs, first_targets = epoch_examples(encoded, vocabulary, config, rng)
    total_steps = config.epochs * -(-len(first_targets) // config.batch_size)
    bar = tqdm(total=total_steps, disable=not progress, desc=f"word2vec {config.architecture}", unit="step")
    step = 0
    for epoch in range(config.epochs):
        inputs, targets = (first_inputs, first_targets) if epoch == 0 else epoch_examples(encoded, vocabulary,
                                                                                          config, rng)
        epoch_loss = 0.0
        for start in range(0, len(targets), config.batch_size):
            batch_inputs = torch.from_numpy(inputs[start:start + config.batch_size])
            batch_targets = torch.from_numpy(targets[start:start + config.batch_size])
            noise_words = torch.multinomial(noise, len(batch_targets) * config.negative, replacement=True,
                                            generator=generator).view(len(batch_targets), config.negative)  # (B, K)
            context_keep = batch_inputs >= 0 if config.architecture == "cbow" else None
            rate = learning_rate(min(step / total_steps, 1.0), config)
            epoch_loss += model.sgd_step(batch_inputs.clamp(min=0), batch_targets, noise_words, rate, context_keep)
            step += 1
            bar.update()
        examples += len(targets)
        losses.append(epoch_loss / max(len(targets), 1))
        bar.set_postfix(epoch=epoch + 1, loss=f"{losses[-1]:.3f}")
    bar.close()
    return TrainedWord2Vec(vocabulary, model.vectors.clone(), config, time.perf_counter() - started,
                           time.process_time() - cpu_started, examples, losses)
