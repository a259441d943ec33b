"""Ours against gensim's, and against BERT's input embeddings: analogy accuracy per relation and half,
nearest-neighbour overlap, training time. The figures ``python -m core eval word2vec`` prints.
"""

from __future__ import annotations

import dataclasses
import re

from core.analysis.analogies import accuracy_by_relation, analogy_questions, neighbour_overlap
from core.word2vec.config import Word2VecConfig
from core.word2vec.vectors import WordVectors

WHOLE_WORD = re.compile(r"^[a-z]+$")


def config_of(metadata: dict) -> Word2VecConfig:
    return Word2VecConfig(**metadata["config"])


def compare_with_gensim(ours: WordVectors, config: Word2VecConfig, texts: list[list[str]]) -> dict:
    """Train gensim on ``texts`` with ``config`` and set both side by side on the questions both can ask."""
    from core.word2vec.reference import train_gensim

    theirs, seconds, cpu_seconds = train_gensim(config, texts)
    known = set(ours.words) & set(theirs.words)
    questions = analogy_questions(known)
    return {"questions": len(questions),
            "ours": accuracy_by_relation(ours, questions),
            "gensim": accuracy_by_relation(theirs, questions),
            "gensim_train_seconds": seconds, "gensim_train_cpu_seconds": cpu_seconds,
            "neighbour_overlap": neighbour_overlap(ours, theirs),
            "same_vocabulary": ours.words == theirs.words or sorted(ours.words) == sorted(theirs.words)}


def bert_word_vectors(pipeline) -> WordVectors:
    """A BERT's input token embeddings of whole lower-case words (no ##pieces, no special tokens)."""
    vocab = pipeline.tokenizer.get_vocab()
    words = sorted((w for w in vocab if WHOLE_WORD.match(w)), key=vocab.get)
    table = pipeline.model.bert.embeddings.word_embeddings.weight.detach()
    return WordVectors(words, table[[vocab[w] for w in words]].clone())


def arithmetic_on_shared_words(tables: dict[str, WordVectors]) -> dict:
    """Each table's analogy accuracy on the questions whose four words every table holds as one whole word
    (a WordPiece vocabulary splits rarer words; those questions cannot be asked of its embeddings)."""
    known = set.intersection(*(set(table.words) for table in tables.values()))
    questions = analogy_questions(known)
    return {"questions": len(questions), **{name: accuracy_by_relation(table, questions)
                                           for name, table in tables.items()}}


def training_record(vectors: WordVectors, result, corpus: dict, command: str, hardware: str, torch_version: str,
                    wall_seconds: float, cpu_seconds: float) -> dict:
    """training.json of a shipped folder: the command, its corpus and times, and our own analogy accuracy."""
    return {"command": command, "config": dataclasses.asdict(result.config), "corpus": corpus, "hardware": hardware,
            "torch": torch_version, "examples": result.examples, "epoch_losses": result.losses,
            "wall_seconds": {"training": round(result.train_seconds, 1),
                             "training_cpu": round(result.train_cpu_seconds, 1),
                             "whole_command": round(wall_seconds, 1), "whole_command_cpu": round(cpu_seconds, 1),
                             "note": "training: the epochs; whole command: corpus generation, vocabulary, epochs, "
                                     "export; cpu: the process's CPU time, which other load does not inflate"},
            "analogies": accuracy_by_relation(vectors, analogy_questions(set(vectors.words)))}


def evaluation_report(model: str, bert_models: list[str], contextual_model: str | None) -> dict:
    """Everything ``eval word2vec`` prints: ours against gensim (trained now, on the recorded settings),
    BERT input embeddings on shared words, and one word in two contexts."""
    import json

    import gensim

    from core.analysis.contextual import EXAMPLES, REFERENTS, context_shift, referent_similarity
    from core.bert.pipeline import load_pipeline
    from core.word2vec.training import corpus_fingerprint, corpus_texts
    from core.word2vec.vectors import load_word2vec, resolve_folder

    ours = load_word2vec(model)
    metadata = json.loads((resolve_folder(model) / "training.json").read_text())
    config = config_of(metadata)
    texts = corpus_texts(config)
    report = {"model": model, "gensim_version": gensim.__version__, "config": dataclasses.asdict(config),
              "ours_train_seconds": metadata["wall_seconds"]["training"],
              "ours_train_cpu_seconds": metadata["wall_seconds"].get("training_cpu"),
              "same_corpus": corpus_fingerprint(texts) == metadata.get("corpus"),
              "gensim": compare_with_gensim(ours, config, texts)}
    if bert_models:
        tables = {model: ours, **{name: bert_word_vectors(load_pipeline(name)) for name in bert_models}}
        report["bert_input_embeddings"] = arithmetic_on_shared_words(tables)
    if contextual_model:
        pipeline = load_pipeline(contextual_model)
        report["contextual_model"] = contextual_model
        report["static_vs_contextual"] = [dataclasses.asdict(context_shift(pipeline, word, *texts, static=ours))
                                          for word, texts in EXAMPLES.items()]
        report["pronoun_referents"] = [{"word": word, "text": text,
                                        "layer_cosines": referent_similarity(pipeline, text, word, list(candidates))}
                                       for word, candidates in REFERENTS.items() for text in EXAMPLES[word]]
    return report
