"""The English -> French translator around any of the three models: vocabularies, tokenization, strict
loading and saving of a model folder, and the calls a dashboard page makes.

A model folder holds config.json, model.safetensors, vocab.json ({"source": [...], "target": [...]}) and
training.json (how it was trained). Its ``model_type`` names the architecture: "encoder-decoder-transformer"
(``models/tiny-translator``), "seq2seq-lstm" (``models/tiny-seq2seq``) or "seq2seq-lstm-attention"
(``models/tiny-seq2seq-attention``). All three decode through core.decoding's one beam search.

    translator = load_translator("tiny-translator")
    result = translate(translator, "I am a student", beam=4)     # n-best and the search tree
    trace = trace_translation(translator, "I am a student", result.candidates[0])  # every attention
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import torch

from core import model_folders
from core.decoding import (
    BEAM_WIDTH,
    LENGTH_PENALTY,
    BeamSearchResult,
    Hypothesis,
    beam_search,
    decode_length_limit,
    greedy_decode,
)
from core.rnn.seq2seq import Seq2seq, Seq2seqConfig, Seq2seqTrace
from core.transformer.model import MODEL_TYPE, EncoderDecoderTransformer, TransformerConfig, TranslationTrace

# model_type in config.json -> (config class, model class)
ARCHITECTURES = {MODEL_TYPE: (TransformerConfig, EncoderDecoderTransformer),
                 "seq2seq-lstm": (Seq2seqConfig, Seq2seq), "seq2seq-lstm-attention": (Seq2seqConfig, Seq2seq)}
TranslationModel = EncoderDecoderTransformer | Seq2seq

DEFAULT_TRANSLATOR = "tiny-translator"
SPECIAL_TOKENS = ("<pad>", "<unk>", "<s>", "</s>")  # ids 0..3, as in TransformerConfig's defaults
CONTRACTIONS = {"i'm": "i am", "you're": "you are", "he's": "he is", "she's": "she is", "we're": "we are",
                "they're": "they are", "don't": "do not", "doesn't": "does not", "isn't": "is not",
                "aren't": "are not", "i've": "i have", "we've": "we have", "they've": "they have", "you've": "you have"}


class TranslatorError(ValueError):
    """Input or model folder the translator cannot use; the message says why and what to do."""


class Vocabulary:
    """Word-level vocabulary: the four special tokens, then the words."""

    def __init__(self, tokens: list[str]) -> None:
        if tuple(tokens[:len(SPECIAL_TOKENS)]) != SPECIAL_TOKENS:
            raise TranslatorError(f"a vocabulary must start with {SPECIAL_TOKENS}, got {tokens[:4]}")
        if len(set(tokens)) != len(tokens):
            raise TranslatorError("the vocabulary has duplicate tokens")
        self.tokens = list(tokens)
        self.index = {token: i for i, token in enumerate(tokens)}

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, token: str) -> bool:
        return token in self.index

    def encode(self, tokens: list[str]) -> list[int]:
        return [self.index.get(t, SPECIAL_TOKENS.index("<unk>")) for t in tokens]

    def decode(self, ids: list[int]) -> list[str]:
        return [self.tokens[i] for i in ids]


def tokenize_english(text: str) -> list[str]:
    """Lower-case words; contractions expanded; final punctuation dropped."""
    text = text.lower().replace("’", "'")
    words = re.findall(r"[a-z]+(?:'[a-z]+)?", text)
    return " ".join(CONTRACTIONS.get(w, w) for w in words).split()


def dropped_pieces(text: str) -> list[str]:
    """The whitespace-separated pieces of ``text`` that ``tokenize_english`` reads no word from (emoji, Korean,
    symbols), punctuation marks left out: what a page tells the user was ignored."""
    return [piece for piece in text.split() if not tokenize_english(piece) and piece not in ".,!?;:"]


def tokenize_french(text: str) -> list[str]:
    """French words, an elided article or pronoun as its own token: "j'aime" -> ["j'", "aime"]."""
    return re.findall(r"\w+'|\w+", text.lower().replace("’", "'"))


def detokenize_french(tokens: list[str]) -> str:
    return " ".join(tokens).replace("' ", "'")


@dataclass
class Translator:
    model: TranslationModel  # any of ARCHITECTURES: the Transformer or a recurrent seq2seq
    source_vocab: Vocabulary
    target_vocab: Vocabulary
    name: str = ""
    training: dict = field(default_factory=dict)  # training.json: command, wall time, accuracies

    @property
    def model_type(self) -> str:
        return self.model.config.to_dict()["model_type"]

    @property
    def max_source_words(self) -> int:
        return self.model.config.max_position_embeddings - 1  # room for </s>

    def encode_source(self, text: str) -> tuple[list[str], torch.Tensor]:
        """English text -> (tokens with </s>, ids (1, S)); a clear TranslatorError for bad input."""
        words = tokenize_english(text)
        if not words:
            raise TranslatorError("the sentence is empty: give an English sentence such as \"I am a student\"")
        if len(words) > self.max_source_words:
            raise TranslatorError(f"the sentence has {len(words)} words; this model reads at most "
                                  f"{self.max_source_words}")
        unknown = sorted({w for w in words if w not in self.source_vocab})
        if unknown:
            raise TranslatorError(f"unknown word(s) {', '.join(map(repr, unknown))}: "
                                  f"{self.name or 'this model'} knows only "
                                  f"the {len(self.source_vocab) - len(SPECIAL_TOKENS)} English words of its grammar")
        tokens = words + ["</s>"]
        device = next(self.model.parameters()).device
        return tokens, torch.tensor([self.source_vocab.encode(tokens)], device=device)


@dataclass
class Candidate:
    """One translation of the n-best list."""

    text: str  # detokenized French
    tokens: list[str]  # generated tokens, </s> left out
    score: float  # log-prob / length^alpha, the beam's ranking
    log_prob: float
    hypothesis: Hypothesis


@dataclass
class TranslationResult:
    source_text: str
    source_tokens: list[str]  # with the final </s>
    candidates: list[Candidate]  # best first
    search: BeamSearchResult | None  # None for greedy decoding
    target_vocabulary: list[str] | None = None  # names the tree's token ids in to_dict

    def to_dict(self, with_tree: bool = True) -> dict:
        out = {"source": self.source_text, "source_tokens": self.source_tokens,
               "translations": [{"text": c.text, "tokens": c.tokens, "score": c.score, "log_prob": c.log_prob}
                                for c in self.candidates]}
        if self.search is not None and with_tree:
            out["search"] = self.search.to_dict(self.target_vocabulary)
        return out


def translate(translator: Translator, text: str, beam: int = BEAM_WIDTH, max_length: int | None = None,
              length_penalty: float = LENGTH_PENALTY, n_best: int | None = None, greedy: bool = False,
              record_tree: bool = True, record_attention: bool = False) -> TranslationResult:
    """Translate one English sentence: beam search (n-best and tree) or, with greedy, one candidate.

    ``record_attention`` keeps, on each hypothesis, the attention of every decoding step.
    """
    source_tokens, source_ids = translator.encode_source(text)
    max_length = (min(max_length, translator.model.config.max_position_embeddings - 1) if max_length
                  else decode_length_limit(len(source_tokens), translator.model.config.max_position_embeddings))
    translator.model.eval()
    if greedy:
        hypotheses, search = greedy_decode(translator.model, source_ids, max_length, length_penalty,
                                           record_attention=record_attention), None
    else:
        search = beam_search(translator.model, source_ids, beam, max_length, length_penalty, n_best,
                             record_tree=record_tree, record_attention=record_attention, mark_cut=True)
        hypotheses = search.hypotheses
    eos = translator.model.config.eos_token_id
    candidates = []
    for h in hypotheses:
        tokens = translator.target_vocab.decode([i for i in h.token_ids if i != eos])
        candidates.append(Candidate(detokenize_french(tokens), tokens, h.score, h.log_prob, h))
    return TranslationResult(text, source_tokens, candidates, search, translator.target_vocab.tokens)


@torch.no_grad()
def trace_translation(translator: Translator, text: str, target: str | list[str] | Candidate,
                      teacher_forcing_ratio: float = 1.0, seed: int = 0) -> TranslationTrace | Seq2seqTrace:
    """Re-run the decoder teacher-forced on a chosen translation: every attention, all positions at once.

    Row t of each decoder attention is what the decoder attended to when it predicted output token t
    (the same numbers incremental decoding computed at step t). The Transformer gives a TranslationTrace;
    a recurrent model a Seq2seqTrace (every encoder and decoder step's gates, the context vector and,
    with attention, note 004's four steps), which with ``teacher_forcing_ratio`` < 1 feeds the decoder
    its own previous prediction at a step with that probability (draws seeded by ``seed``).
    """
    source_tokens, source_ids = translator.encode_source(text)
    if isinstance(target, Candidate):
        words = target.tokens
    elif isinstance(target, str):
        words = tokenize_french(target)
    else:
        words = list(target)
    words = [w for w in words if w != "</s>"]
    unknown = sorted({w for w in words if w not in translator.target_vocab})
    if unknown:
        raise TranslatorError(f"unknown French word(s) {', '.join(map(repr, unknown))}")
    if len(words) + 1 > translator.model.config.max_position_embeddings:
        raise TranslatorError(f"the translation has {len(words)} words; the decoder reads at most "
                              f"{translator.model.config.max_position_embeddings - 1}")
    decoder_input = ["<s>"] + words
    target_ids = torch.tensor([translator.target_vocab.encode(decoder_input)], device=source_ids.device)
    translator.model.eval()
    if isinstance(translator.model, Seq2seq):
        generator = torch.Generator().manual_seed(seed)
        trace = translator.model(source_ids, target_ids, teacher_forcing_ratio=teacher_forcing_ratio, record=True,
                                 generator=generator)
    elif teacher_forcing_ratio != 1.0:
        raise TranslatorError("the Transformer decoder is always teacher-forced here: it reads the whole prefix")
    else:
        trace = translator.model(source_ids, target_ids)
    trace.source_tokens = [source_tokens]
    trace.target_tokens = [decoder_input]
    trace.output_tokens = [words + ["</s>"]]
    return trace


def translator_model_names() -> list[str]:
    """Built-in translators: folders under models/ whose config.json names one of the three architectures,
    the default (the Transformer) first, then the others by name."""
    names = sorted(name for kind in ARCHITECTURES for name in model_folders.shipped_model_names(kind))
    return sorted(names, key=lambda name: name != DEFAULT_TRANSLATOR)


def resolve_translator_folder(name_or_path: str) -> Path:
    """A built-in name or a local folder (translators are not on the hub) -> the folder."""
    kind = model_folders.shipped_models().get(str(name_or_path).strip())
    kind = kind if kind in ARCHITECTURES else MODEL_TYPE  # the resolver names the family in its messages
    return model_folders.resolve_folder(name_or_path, kind, TranslatorError, noun="translator", hub=False)


def load_translator(name_or_path: str = DEFAULT_TRANSLATOR, device: str | torch.device = "cpu") -> Translator:
    """Strict: every weight present with its exact shape, nothing left over, or a TranslatorError naming the key."""
    from safetensors.torch import load_file

    folder = resolve_translator_folder(name_or_path)
    try:
        raw = json.loads((folder / "config.json").read_text())
        if raw.get("model_type") not in ARCHITECTURES:
            raise ValueError(f"model_type {raw.get('model_type')!r} is not a translator ({', '.join(ARCHITECTURES)})")
        config_class, model_class = ARCHITECTURES[raw["model_type"]]
        config = config_class.from_dict(raw)
        vocab = json.loads((folder / "vocab.json").read_text())
        weights = load_file(str(folder / "model.safetensors"))
    except (OSError, ValueError, KeyError) as error:
        raise TranslatorError(f"cannot read translator folder {folder}: {error}") from None
    source_vocab, target_vocab = Vocabulary(vocab["source"]), Vocabulary(vocab["target"])
    if (len(source_vocab), len(target_vocab)) != (config.src_vocab_size, config.tgt_vocab_size):
        raise TranslatorError(f"vocab.json has {len(source_vocab)} source / {len(target_vocab)} target tokens; "
                              f"config.json says {config.src_vocab_size} / {config.tgt_vocab_size}")
    model = model_class(config)
    expected = model.state_dict()
    missing = sorted(set(expected) - set(weights))
    unexpected = sorted(set(weights) - set(expected))
    if missing or unexpected:
        raise TranslatorError(f"{folder / 'model.safetensors'}: missing keys {missing[:5]}, "
                              f"unexpected keys {unexpected[:5]}")
    for key, tensor in expected.items():
        if weights[key].shape != tensor.shape:
            raise TranslatorError(f"{key}: checkpoint shape {tuple(weights[key].shape)}, "
                                  f"model expects {tuple(tensor.shape)}")
    model.load_state_dict(weights, strict=True)
    model.to(device).eval()
    training = json.loads((folder / "training.json").read_text()) if (folder / "training.json").is_file() else {}
    return Translator(model, source_vocab, target_vocab, folder.name, training)


def save_translator(translator: Translator, folder: str | Path) -> Path:
    from safetensors.torch import save_file

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().cpu().contiguous() for k, v in translator.model.state_dict().items()}
    save_file(state, str(folder / "model.safetensors"))
    (folder / "config.json").write_text(json.dumps(translator.model.config.to_dict(), indent=2) + "\n")
    vocab = {"source": translator.source_vocab.tokens, "target": translator.target_vocab.tokens}
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=0) + "\n")
    if translator.training:
        (folder / "training.json").write_text(json.dumps(translator.training, indent=2, ensure_ascii=False) + "\n")
    return folder
