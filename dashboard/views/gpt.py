"""From a GPT trace to what the GPT pages show: readable byte-level tokens, the next-token distribution and what
temperature, top-k and top-p cut from it, the three continuations (sampled, greedy, beam) with the beam's tree,
the causal attention with its look-ahead mask, and one sentence through a GPT and a BERT side by side.

No Streamlit, no figures. Shape legend: L layers, H heads, T tokens (S keys), V vocabulary, K tokens shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch

from core.analysis.coreference import CorefExample, HeadScores, candidate_attention, score_attention
from core.analysis.coreference import Located as CorefLocated
from core.decoding import SearchTree
from core.gpt.generation import BeamContinuation, Generation
from core.gpt.pipeline import GPTPipeline
from core.sampling import next_token_distribution, top_k_keep

MAX_CONTEXT = 512  # longest input a page traces: every head's (T, T) map is drawn, GPT-2's 1,024 would not fit
MAX_NEW = 40  # most tokens the next-word page generates; a prompt leaves them room in the model's positions
SPACE_MARK = "␣"  # a token's leading space, shown: " it" and "it" are two different tokens
CONTROL_MARKS = {"\n": "↵", "\t": "⇥", "\r": "␍"}
STATUS = ("kept", "cut_by_top_k", "cut_by_top_p")  # the next-token table's "status" codes


# ---------------------------------------------------------------------------------------------
# Byte-level tokens as text
# ---------------------------------------------------------------------------------------------

def bytes_to_unicode() -> dict[int, str]:
    """GPT-2's table from bytes to the printable characters its BPE vocabulary spells them with (Radford et al.
    2019, sec. 2.2; openai/gpt-2 encoder.py): printable Latin-1 bytes stand for themselves, the other 68 are
    moved to code points 256 and up (the space, byte 32, becomes "Ġ")."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(
        range(ord("®"), ord("ÿ") + 1))
    table, shifted = {}, 0
    for byte in range(256):
        if byte in printable:
            table[byte] = chr(byte)
        else:
            table[byte] = chr(256 + shifted)
            shifted += 1
    return table


BYTE_OF = {symbol: byte for byte, symbol in bytes_to_unicode().items()}


def token_bytes(token: str) -> bytes | None:
    """The bytes a byte-level BPE token stands for; None for a token not spelled in byte symbols (<|endoftext|>,
    the ``<id>`` names of a model without tokenizer)."""
    if not token or any(symbol not in BYTE_OF for symbol in token) or token.startswith("<|"):
        return None
    return bytes(BYTE_OF[symbol] for symbol in token)


def token_text(token: str) -> str:
    """A token as a student reads it: its text with a leading space shown as ␣ and control characters as
    arrows; a piece of a character (Korean, emoji: UTF-8 bytes the BPE did not merge) as its bytes in hex."""
    raw = token_bytes(token)
    if raw is None:
        return token
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _hex(raw)
    text = "".join(CONTROL_MARKS.get(c, c) for c in text)
    if not text.replace(" ", "").isprintable():  # other control bytes: no glyph would show them
        return _hex(raw)
    return SPACE_MARK + text[1:] if text.startswith(" ") else text


def _hex(raw: bytes) -> str:
    return "⟨" + " ".join(f"{b:02x}" for b in raw) + "⟩"


def token_texts(tokens: list[str]) -> list[str]:
    return [token_text(token) for token in tokens]


def tokens_frame(ids: list[int], tokens: list[str], pieces: list[str] | None = None) -> pd.DataFrame:
    """One row per token: its position, id, the BPE string, its bytes in hex, how it reads and (``pieces``) the
    characters of the typed text it comes from: a Korean syllable cut into three byte tokens names it three times."""
    rows = []
    for position, (token_id, token) in enumerate(zip(ids, tokens)):
        raw = token_bytes(token)
        rows.append({"position": position, "token_id": token_id, "bpe_token": token,
                     "bytes": "" if raw is None else " ".join(f"{b:02x}" for b in raw), "shown_as": token_text(token),
                     "from_text": "" if pieces is None else pieces[position]})
    return pd.DataFrame(rows, columns=["position", "token_id", "bpe_token", "bytes", "shown_as", "from_text"])


def text_pieces(pipeline: GPTPipeline, prompt: Prompt, text: str) -> list[str]:
    """For each token the page reads (the start token first), the characters of ``text`` it comes from, by the
    tokenizer's character offsets ("" for the start token)."""
    offsets = pipeline.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]
    shift = len(prompt.ids) - (len(offsets) - (prompt.full_length - len(prompt.ids)))  # the start token, if any
    dropped = prompt.full_length - len(prompt.ids)  # tokens cut from the front of a long prompt
    # stripped: tokenizers differ in whether a token's leading space is inside its offsets
    return ["" if p < shift else text[slice(*offsets[p - shift + dropped])].strip() for p in range(len(prompt.ids))]


def byte_pieces(tokens: list[str]) -> int:
    """How many tokens are pieces of a character (UTF-8 bytes the BPE did not merge: Korean, emoji)."""
    return sum(token_text(token).startswith("⟨") and token_bytes(token) is not None for token in tokens)


def vocabulary(pipeline: GPTPipeline) -> list[str]:
    """Every token's BPE string, by id."""
    return pipeline.tokens(list(range(pipeline.model.config.vocab_size)))


# ---------------------------------------------------------------------------------------------
# The prompt
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Prompt:
    ids: tuple[int, ...]  # what the model reads: <|endoftext|> first when the model has one, then the prompt
    full_length: int  # tokens before truncation (the start token included)
    limit: int  # the most this page reads

    @property
    def truncated(self) -> bool:
        return self.full_length > len(self.ids)


def context_limit(pipeline: GPTPipeline) -> int:
    return min(pipeline.model.config.n_positions, MAX_CONTEXT)


def prompt_limit(pipeline: GPTPipeline) -> int:
    """Most prompt tokens the next-word page reads: the context less room for MAX_NEW generated tokens (half the
    context for a model with fewer than 2 MAX_NEW positions)."""
    context = context_limit(pipeline)
    return context - min(MAX_NEW, context // 2)


def encode_prompt(pipeline: GPTPipeline, text: str, limit: int | None = None) -> Prompt:
    """The prompt's ids, after the model's start token when it has one (GPT-2's <|endoftext|>, with which
    tiny-gpt's training stories begin). A prompt longer than ``limit`` keeps its last tokens: the next word
    depends on how the prompt ends."""
    limit = context_limit(pipeline) if limit is None else limit
    start = pipeline.model.config.bos_token_id
    head = [] if start is None else [start]
    ids = pipeline.encode(text)
    full = len(head) + len(ids)
    kept = ids[max(0, len(ids) - (limit - len(head))):]
    return Prompt(tuple(head + kept), full, limit)


# ---------------------------------------------------------------------------------------------
# The next token: temperature, top-k, top-p
# ---------------------------------------------------------------------------------------------

@dataclass
class NextTokenView:
    frame: pd.DataFrame  # the K most probable tokens, most probable first (see next_token_view)
    kept: int  # tokens top-k and top-p left (of V)
    kept_by_top_k: int  # tokens top-k alone left
    kept_mass: float  # probability (at the temperature) of the kept tokens before renormalising
    vocab_size: int


def next_token_view(logits: torch.Tensor, tokens: list[str], temperature: float, top_k: int | None,
                    top_p: float | None, shown: int = 20) -> NextTokenView:
    """logits (V,) of one position -> the ``shown`` most probable tokens with: their probability at temperature 1
    and at ``temperature``, which cut removed them ("kept", "cut_by_top_k", "cut_by_top_p"), and the renormalised
    probability sampling draws from (0 for a removed token). ``tokens[v]`` is token v's BPE string."""
    logits = logits.float().reshape(-1)  # (V,)
    V = logits.numel()
    cut = next_token_distribution(logits, temperature, top_k, top_p)
    by_k = top_k_keep(logits / temperature, top_k) if top_k is not None else torch.ones(V, dtype=torch.bool)
    plain = torch.softmax(logits, dim=-1)  # (V,) temperature 1
    order = torch.argsort(cut.probs, descending=True, stable=True)[:shown]  # (K,)
    status = np.where(cut.keep[order].numpy(), "kept", np.where(by_k[order].numpy(), "cut_by_top_p", "cut_by_top_k"))
    frame = pd.DataFrame({
        "rank": np.arange(1, len(order) + 1), "token_id": order.numpy(),
        "token": [token_text(tokens[i]) for i in order.tolist()],
        "probability_t1": plain[order].numpy(), "probability": cut.probs[order].numpy(), "status": status,
        "renormalised": cut.filtered[order].numpy()})
    return NextTokenView(frame=frame, kept=int(cut.keep.sum()), kept_by_top_k=int(by_k.sum()),
                         kept_mass=float(cut.probs[cut.keep].sum()), vocab_size=V)


def chosen_row(view: NextTokenView, token_id: int) -> int | None:
    """The row of ``token_id`` among the shown tokens, None when it is not among them."""
    rows = np.nonzero(view.frame["token_id"].to_numpy() == token_id)[0]
    return int(rows[0]) if rows.size else None


# ---------------------------------------------------------------------------------------------
# Generation: sampled, greedy and beam, side by side
# ---------------------------------------------------------------------------------------------

@dataclass
class Continuations:
    sampled: Generation
    greedy: Generation
    beams: list[BeamContinuation]  # best first
    tree: SearchTree  # the beam search's tree (token ids V and V + 1 are the prompt and end markers)
    vocab_size: int


def continuation_text(pipeline: GPTPipeline, token_ids: list[int]) -> str:
    """The generated tokens as text (the model's end token left out)."""
    eos = pipeline.model.config.eos_token_id
    kept = [i for i in token_ids if i != eos]
    text = pipeline.decode(kept)
    if text is None or "\ufffd" in text:  # pieces of a character left unfinished: show their bytes instead
        return "".join(token_texts(pipeline.tokens(kept))).replace(SPACE_MARK, " ")
    return text


def continuations_frame(pipeline: GPTPipeline, found: Continuations, names: dict[str, str]) -> pd.DataFrame:
    """One row per continuation: how it was chosen (``names``: method code -> shown name), its text, its token
    count and its log-probability under the model (temperature 1, no cut)."""
    rows = [(names["sampled"], found.sampled.token_ids, found.sampled.log_prob),
            (names["greedy"], found.greedy.token_ids, found.greedy.log_prob)]
    rows += [(names["beam"].format(rank=rank), b.token_ids, b.log_prob) for rank, b in enumerate(found.beams, 1)]
    return pd.DataFrame([{"method": name, "continuation": continuation_text(pipeline, ids), "tokens": len(ids),
                          "log_prob": log_prob} for name, ids, log_prob in rows],
                        columns=["method", "continuation", "tokens", "log_prob"])


def generation_steps(generation: Generation, logits: torch.Tensor, tokens: list[str], temperature: float,
                     top_k: int | None, top_p: float | None) -> pd.DataFrame:
    """One row per generated token: the token, its probability at temperature 1 and after the cuts (what the draw
    used), and its rank. ``logits`` (T, V) come from one pass over the prompt and the generated tokens: a causal
    model's row P - 1 + i sees exactly what step i saw."""
    P = len(generation.prompt_ids)
    rows = []
    for step, token in enumerate(generation.token_ids, start=1):
        row = logits[P + step - 2].float()  # (V,)
        plain = torch.softmax(row, dim=-1)
        # greedy (temperature 0) takes the argmax: the chosen token had probability 1 of being chosen
        chosen = 1.0 if temperature == 0 else float(
            next_token_distribution(row, temperature, top_k, top_p).filtered[token])
        rows.append({"step": step, "token": token_text(tokens[token]), "probability_t1": float(plain[token]),
                     "renormalised": chosen,
                     "rank": int((plain > plain[token]).sum()) + 1})
    return pd.DataFrame(rows, columns=["step", "token", "probability_t1", "renormalised", "rank"])


def beam_node_tokens(tree: SearchTree, tokens: list[str], vocab_size: int, root: str, end: str) -> list[str]:
    """Each tree node's label, by node id: the prompt marker is ``root``, the end marker ``end``."""
    names = []
    for node in tree.nodes:
        if node.token_id == vocab_size:
            names.append(root)
        elif node.token_id == vocab_size + 1:
            names.append(end)
        else:
            names.append(token_text(tokens[node.token_id]))
    return names


def greedy_tree_ids(greedy: Generation, vocab_size: int, eos: int | None) -> list[int]:
    """The greedy continuation as the beam's tree spells it: the model's end token becomes the end marker, and a
    continuation stopped by length ends with the marker too."""
    ids = [vocab_size + 1 if i == eos else i for i in greedy.token_ids]
    return ids if ids and ids[-1] == vocab_size + 1 else ids + [vocab_size + 1]


def n_best_nodes(tree: SearchTree) -> dict[int, int]:
    """Node id of each finished hypothesis -> its final rank (1 = best score)."""
    finished = sorted((n for n in tree.nodes if n.fate == "finished"), key=lambda n: (-n.score, n.id))
    return {n.id: rank for rank, n in enumerate(finished, start=1)}


# ---------------------------------------------------------------------------------------------
# Causal attention and its mask
# ---------------------------------------------------------------------------------------------

def attentions(trace) -> np.ndarray:
    """(L, H, T, S) float32 attention of the first sequence."""
    return torch.stack([layer[0] for layer in trace.attentions]).float().numpy()


def keep_matrix(trace) -> np.ndarray:
    """(T, S) bool: True where a query may attend (the model's own look-ahead and padding mask)."""
    return trace.keep[0, 0].numpy().astype(bool)


def bert_keep_matrix(bert_trace) -> np.ndarray:
    """(T, T) bool for a BERT: every real token may attend to every real token, before and after it."""
    real = bert_trace.attention_mask[0].numpy().astype(bool)  # (T,)
    return real[:, None] & real[None, :]


def masked_share(keep: np.ndarray) -> float:
    """Fraction of query-key cells the mask forbids."""
    return float(1.0 - keep.mean())


# ---------------------------------------------------------------------------------------------
# One sentence through a GPT and a BERT
# ---------------------------------------------------------------------------------------------

WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Word:
    text: str
    occurrence: int  # 0 for its first time in the sentence
    start: int  # character span in the sentence
    end: int

    @property
    def label(self) -> str:
        return self.text if self.occurrence == 0 else f"{self.text} ({self.occurrence + 1})"


def sentence_words(text: str) -> list[Word]:
    """The sentence's words (runs of letters and digits), each with its occurrence number and character span."""
    seen: dict[str, int] = {}
    words = []
    for match in WORD.finditer(text):
        key = match.group().lower()
        words.append(Word(match.group(), seen.get(key, 0), match.start(), match.end()))
        seen[key] = seen.get(key, 0) + 1
    return words


def default_word(words: list[Word]) -> int:
    """"it" when the sentence has it (the notes' example), else its last word."""
    for index, word in enumerate(words):
        if word.text.lower() == "it":
            return index
    return len(words) - 1


def positions_of(tokenizer, text: str, word: Word, shift: int, special_tokens: bool) -> list[int]:
    """Token positions of ``word`` in ``tokenizer(text)``, by character offsets; ``shift`` is added (GPT: the
    start token the page puts first)."""
    encoded = tokenizer(text, add_special_tokens=special_tokens, return_offsets_mapping=True)
    return [i + shift for i, (s, e) in enumerate(encoded["offset_mapping"])
            if e > s and s < word.end and e > word.start]


def gpt_positions(pipeline: GPTPipeline, prompt: Prompt, text: str, word: Word) -> list[int]:
    """Positions of ``word`` in the GPT's input (start token included); [] when truncation cut it."""
    shift = 1 if pipeline.model.config.bos_token_id is not None else 0
    found = positions_of(pipeline.tokenizer, text, word, shift, special_tokens=False)
    dropped = prompt.full_length - len(prompt.ids)  # tokens cut from the front of the prompt
    return [p - dropped for p in found if p - dropped >= shift]


def bert_positions(bert_pipeline, text: str, word: Word, length: int) -> list[int]:
    """Positions of ``word`` in BERT's input ([CLS] at 0), those within the ``length`` tokens it read."""
    return [p for p in positions_of(bert_pipeline.tokenizer, text, word, 0, special_tokens=True) if p < length]


def attention_row(attention: np.ndarray, positions: list[int]) -> np.ndarray:
    """(S,) attention from a word: the rows of its tokens averaged (one distribution, as the coreference page)."""
    return attention[positions].mean(axis=0)


def future_share(attention: np.ndarray, positions: list[int]) -> np.ndarray:
    """(L, H) share of the word's attention on tokens after it: exactly 0 for a causal model."""
    row = attention[:, :, positions, :].mean(axis=2)  # (L, H, S)
    return row[..., max(positions) + 1:].sum(axis=-1)


@dataclass
class Prediction:
    tokens: list[str]  # the top candidates, as shown
    probabilities: list[float]
    target: str  # the word's own first token, as shown
    target_probability: float
    target_rank: int  # 1-based rank of the word's own token


def prediction(logits: torch.Tensor, vocabulary: list[str], target_id: int, top_k: int, show=token_text) -> Prediction:
    """The distribution of one position's logits (V,): its top ``top_k`` and where the true token stands."""
    probs = torch.softmax(logits.float().reshape(-1), dim=-1)  # (V,)
    top = torch.topk(probs, min(top_k, probs.numel()))
    rank = int((probs > probs[target_id]).sum()) + 1
    return Prediction([show(vocabulary[i]) for i in top.indices.tolist()], top.values.tolist(),
                      show(vocabulary[target_id]), float(probs[target_id]), rank)


def true_token_frame(panels: list[tuple[str, Prediction]]) -> pd.DataFrame:
    """Per prediction panel (its title, the prediction): the true token, its probability and rank."""
    return pd.DataFrame([{"prediction": title, "true_token": p.target, "probability": p.target_probability,
                          "rank": p.target_rank} for title, p in panels],
                        columns=["prediction", "true_token", "probability", "rank"])


def target_row(found: Prediction) -> int | None:
    """The row of the true token among the top candidates, None when it is not among them."""
    return found.tokens.index(found.target) if found.target_rank <= len(found.tokens) else None


def gpt_next_word(trace, pipeline: GPTPipeline, ids: list[int], positions: list[int], top_k: int) -> Prediction:
    """GPT's prediction of the word's first token from the tokens before it (the logits one position earlier)."""
    first = positions[0]
    return prediction(trace.logits[0, first - 1], vocabulary(pipeline), ids[first], top_k)


def bert_masked_word(masked_trace, bert_pipeline, original_ids: list[int], positions: list[int],
                     top_k: int) -> Prediction:
    """BERT's prediction of the word's first piece with all its pieces replaced by [MASK]: it reads both sides."""
    first = positions[0]
    vocabulary = bert_pipeline.tokenizer.convert_ids_to_tokens(list(range(masked_trace.mlm_logits.size(-1))))
    return prediction(masked_trace.mlm_logits[0, first], vocabulary, original_ids[first], top_k, show=str)


def max_probability_change(logits_a: torch.Tensor, logits_b: torch.Tensor) -> float:
    """max over the vocabulary of |p_a - p_b| for two positions' logits (V,)."""
    pa = torch.softmax(logits_a.double().reshape(-1), dim=-1)
    pb = torch.softmax(logits_b.double().reshape(-1), dim=-1)
    return float((pa - pb).abs().max())


# ---------------------------------------------------------------------------------------------
# Which GPT head links a pronoun to its antecedent (the coreference page's rules, on a GPT)
# ---------------------------------------------------------------------------------------------

def gpt_head_scores(pipeline: GPTPipeline, examples: list[CorefExample], batch_size: int = 64) -> HeadScores:
    """Every layer x head of a GPT scored as core.analysis.coreference scores BERT's: attention from the pronoun
    (mean over its tokens) to each candidate (sum over its tokens); a head resolves an example when the answer
    gets the most. Sentences go through in right-padded batches: under the causal mask a padding token comes after
    every real one, so no real token can attend to it and each sentence's attention is its own."""
    located, ids, kept = [], [], []
    for example in examples:
        where = _locate(pipeline, example)
        if where is not None:
            located.append(where[0])
            ids.append(where[1])
            kept.append(example)
    attention = []
    for start in range(0, len(ids), batch_size):
        chunk = ids[start:start + batch_size]
        T = max(len(row) for row in chunk)
        batch = torch.tensor([row + [row[-1]] * (T - len(row)) for row in chunk])  # (B, T), padded on the right
        with torch.no_grad():
            trace = pipeline.model(batch)
        for b, where in enumerate(located[start:start + batch_size]):
            attention.append(candidate_attention(trace.attentions, where.pronoun, where.candidates, batch_index=b))
    return score_attention(kept, attention, located, model=pipeline.name)


def _locate(pipeline: GPTPipeline, example: CorefExample) -> tuple[CorefLocated, list[int]] | None:
    """Token positions of the example's pronoun and candidates (after the start token), and the ids; None when a
    word is missing or the sentence is longer than the model reads."""
    words = sentence_words(example.text)
    try:
        pronoun = [w for w in words if w.text.lower() == example.pronoun.lower()][example.pronoun_occurrence]
        candidates = {c: next(w for w in words if w.text.lower() == c.lower()) for c in example.candidates}
    except (IndexError, StopIteration):
        return None
    prompt = encode_prompt(pipeline, example.text)
    if prompt.truncated:
        return None
    shift = len(prompt.ids) - len(pipeline.encode(example.text))
    offsets = pipeline.tokenizer(example.text, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]

    def find(word: Word) -> list[int]:
        return [i + shift for i, (s, e) in enumerate(offsets) if e > s and s < word.end and e > word.start]

    where = CorefLocated(find(pronoun), {c: find(w) for c, w in candidates.items()})
    if not where.pronoun or not all(where.candidates.values()):
        return None
    return where, list(prompt.ids)
