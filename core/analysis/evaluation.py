"""Held-out figures of a translator: exact match and corpus BLEU per English length bucket.

The held-out test split is ``core.data.translation.make_test_split``: the same number of sentences in each
length bucket (1-5, 6-10, 11-15, 16-20, 21-30 words), none of them in the generated training data. Every
sentence is decoded greedily (batched) and, with a beam width above 1, by beam search; the decoded French is
scored against the reference by exact match (same tokens) and by corpus BLEU from sacrebleu (its default 13a
tokenizer on the detokenized French, so the figures follow sacrebleu's signature). Every decoder stops at
``core.decoding.decode_length_limit``, the limit ``translate`` uses, so a sentence scored here decodes the
same on the pages. ``python -m core eval translator`` prints these figures; training records them.

    groups = bucketed_test_split(2000, seed=0, limit=None)
    figures = evaluate_translator(load_translator("tiny-seq2seq"), groups, beam=4)
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import torch

from core.decoding import BEAM_WIDTH, LENGTH_PENALTY, beam_search, decode_length_limit, greedy_decode

ALL = "all"  # the row of every bucket together


@dataclass
class Scores:
    sentences: int
    exact_match: float | None  # share of sentences decoded exactly as the reference; None without sentences
    bleu: float | None  # sacrebleu corpus BLEU, 0..100

    def to_dict(self) -> dict:
        return {"sentences": self.sentences, "exact_match": self.exact_match, "bleu": self.bleu}


def exact_matches(hypotheses: list[list[str]], references: list[list[str]]) -> list[bool]:
    """Per sentence: the decoded tokens equal the reference's, all of them and no more."""
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses for {len(references)} references")
    return [h == r for h, r in zip(hypotheses, references)]


def score(hypotheses: list[list[str]], references: list[list[str]]) -> Scores:
    """Exact match on tokens and sacrebleu's corpus BLEU on the detokenized strings."""
    import sacrebleu

    from core.transformer.translator import detokenize_french

    correct = exact_matches(hypotheses, references)
    if not references:
        return Scores(0, None, None)
    bleu = sacrebleu.corpus_bleu([detokenize_french(h) for h in hypotheses],
                                 [[detokenize_french(r) for r in references]])
    return Scores(len(references), sum(correct) / len(references), bleu.score)


def bleu_signature() -> str:
    """sacrebleu's signature of the BLEU used by ``score`` (known once a corpus with one reference was scored)."""
    from sacrebleu.metrics import BLEU

    metric = BLEU()
    metric.corpus_score(["le chat"], [["le chat"]])
    return str(metric.get_signature())


def max_positions(translator) -> int | None:
    return getattr(translator.model.config, "max_position_embeddings", None)


def encode_sources(translator, sources: list[list[str]]) -> list[list[int]]:
    """Source words + </s> -> ids; a word the model never saw becomes <unk> (counted by the caller)."""
    limit = max_positions(translator)
    longest = max(map(len, sources), default=0)
    if limit and longest + 1 > limit:
        raise ValueError(f"{translator.name} reads at most {limit - 1} words; the split has a sentence of {longest}")
    return [translator.source_vocab.encode(words + ["</s>"]) for words in sources]


def output_tokens(translator, hypothesis) -> list[str]:
    """The generated words, up to (without) the first </s>."""
    eos = translator.model.config.eos_token_id
    ids = hypothesis.token_ids
    return translator.target_vocab.decode(ids[:ids.index(eos)] if eos in ids else ids)


@torch.no_grad()
def decode_greedy(translator, sources: list[list[str]], batch_size: int = 64, progress=None) -> list[list[str]]:
    """Greedy decoding of every source, ``batch_size`` at a time (padding masked out of the encoder).
    ``progress``: anything with ``update(n)`` (a tqdm bar), told after each batch."""
    from core.attention import pad_sequences

    pad_id = translator.model.config.pad_token_id
    ids = encode_sources(translator, sources)
    device = next(translator.model.parameters()).device
    outputs = []
    for start in range(0, len(ids), batch_size):
        batch = pad_sequences(ids[start:start + batch_size], pad_id).to(device)  # (B, S)
        limit = decode_length_limit(batch.size(1), max_positions(translator))
        hypotheses = greedy_decode(translator.model, batch, limit, source_mask=batch != pad_id)
        for row, hypothesis in zip(ids[start:start + batch_size], hypotheses):
            # a short row in a batch of long ones may decode past its own limit: cut it where decoding it
            # alone would have stopped (at its limit only </s> may follow), so batching changes nothing
            tokens = output_tokens(translator, hypothesis)
            outputs.append(tokens[:decode_length_limit(len(row), max_positions(translator)) - 1])
        if progress is not None:
            progress.update(batch.size(0))
    return outputs


@torch.no_grad()
def decode_beam(translator, sources: list[list[str]], beam: int = BEAM_WIDTH, length_penalty: float = LENGTH_PENALTY,
                progress=None) -> list[list[str]]:
    """The best hypothesis of a width-``beam`` search, one sentence at a time (no tree kept)."""
    device = next(translator.model.parameters()).device
    outputs = []
    for row in encode_sources(translator, sources):
        source = torch.tensor([row], device=device)  # (1, S)
        result = beam_search(translator.model, source, beam, decode_length_limit(len(row), max_positions(translator)),
                             length_penalty, n_best=1, record_tree=False)
        outputs.append(output_tokens(translator, result.hypotheses[0]))
        if progress is not None:
            progress.update(1)
    return outputs


def progress_bar(total: int, description: str, show: bool):
    import sys

    from tqdm import tqdm

    return tqdm(total=total, desc=description, unit="sentence", file=sys.stderr, disable=not show)


def evaluate_translator(translator, groups: dict[str, list[tuple[str, str]]], beam: int = BEAM_WIDTH,
                        length_penalty: float = LENGTH_PENALTY, batch_size: int = 64,
                        show_progress: bool = True) -> dict:
    """Figures of one translator on test pairs grouped by length bucket.

    Returns {"model", "parameters", "seconds", "methods", "buckets": {label or "all": {"sentences",
    "unknown_source_sentences", method: Scores.to_dict()}}, "outputs": {method: {label: decoded token lists}}}.
    """
    translator.model.eval()
    methods = ["greedy"] + ([f"beam_{beam}"] if beam > 1 else [])
    labels = [label for label, pairs in groups.items() if pairs]
    sources = [en.split() for label in labels for en, _ in groups[label]]
    references = [fr.split() for label in labels for _, fr in groups[label]]
    started = time.time()
    decoded = {}
    for method in methods:
        with progress_bar(len(sources), f"{translator.name} {method.replace('_', ' ')}", show_progress) as progress:
            decoded[method] = (decode_greedy(translator, sources, batch_size, progress) if method == "greedy"
                               else decode_beam(translator, sources, beam, length_penalty, progress))
    seconds = time.time() - started
    spans, start = {}, 0
    for label in labels:
        spans[label] = (start, start + len(groups[label]))
        start += len(groups[label])
    spans[ALL] = (0, len(sources))
    buckets = {}
    for label in [*groups, ALL]:
        low, high = spans.get(label, (0, 0))
        unknown = sum(any(w not in translator.source_vocab for w in words) for words in sources[low:high])
        buckets[label] = {"sentences": high - low, "unknown_source_sentences": unknown}
        for method in methods:
            buckets[label][method] = score(decoded[method][low:high], references[low:high]).to_dict()
    outputs = {method: {label: decoded[method][slice(*spans[label])] for label in labels} for method in methods}
    return {"model": translator.name, "parameters": sum(p.numel() for p in translator.model.parameters()),
            "seconds": round(seconds, 1), "methods": methods, "buckets": buckets, "outputs": outputs}


def exact_match_by_length(translator, test: list[tuple[str, str]], beam: int = BEAM_WIDTH,
                          beam_per_bucket: int = 0) -> dict:
    """What training records: per length bucket, greedy exact match on every sentence and, when
    ``beam_per_bucket``, width-``beam`` exact match on the first ``beam_per_bucket`` sentences of each; the
    decoders and the comparison are ``evaluate_translator``'s."""
    from core.data.translation import split_by_length

    translator.model.eval()
    figures = {}
    for name, pairs in split_by_length(test).items():
        if not pairs:
            continue
        sources, references = [en.split() for en, _ in pairs], [fr.split() for _, fr in pairs]
        greedy = exact_matches(decode_greedy(translator, sources), references)
        row = {"sentences": len(pairs), "greedy_exact_match": round(sum(greedy) / len(greedy), 4)}
        if beam_per_bucket:
            n = min(beam_per_bucket, len(pairs))
            by_beam = exact_matches(decode_beam(translator, sources[:n], beam), references[:n])
            row[f"beam_{beam}_exact_match"] = round(sum(by_beam) / n, 4)
            row[f"beam_{beam}_sentences"] = n
        figures[name] = row
    return figures


def bucketed_test_split(num_test: int, seed: int, limit: int | None,
                        data_version: int | None = None) -> dict[str, list[tuple[str, str]]]:
    """The stratified test split (of ``data_version``, default the shipped translators') by bucket, the first
    ``limit`` sentences of each."""
    from core.data.translation import DATA_VERSION, make_test_split, split_by_length

    groups = split_by_length(make_test_split(num_test, seed, data_version or DATA_VERSION))
    return {label: pairs[:limit] if limit is not None else pairs for label, pairs in groups.items()}


def trained_data_version(translator) -> int:
    """The data version a translator's training.json records; the shipped default when it records none."""
    from core.data.translation import DATA_VERSION

    return translator.training.get("data_version", DATA_VERSION)


def data_warning(translator, num_test: int, seed: int, data_version: int | None = None) -> str | None:
    """The split (of ``data_version``, default the shipped translators') is held out only from training data of
    this generator version, num_test and seed: say when the model's training.json records others (or no
    version: trained before long sentences existed)."""
    from core.data.translation import DATA_VERSION

    version = data_version or DATA_VERSION
    if "data_version" not in translator.training:
        return (f"{translator.name}'s training.json does not record the version of the generated data it was "
                f"trained on (\"data_version\"); unless that was version {version}, the one of this split, "
                f"some test sentences may be among its training sentences")
    options = translator.training.get("options", {})
    used = {"data_version": translator.training["data_version"], "num_test": options.get("num_test", num_test),
            "data_seed": options.get("data_seed", seed)}
    if used != {"data_version": version, "num_test": num_test, "data_seed": seed}:
        return (f"{translator.name} was trained on generated data {used}; this split (data_version={version}, "
                f"num_test={num_test}, data_seed={seed}) may hold sentences it was trained on")
    return None
