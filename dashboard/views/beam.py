"""From a beam search (``core.transformer.translator.TranslationResult``) to what the beam-search page shows.

No Streamlit, no figures. Shape legend: L layers, H heads, T generated tokens, S source tokens.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from core.cli.beam_examples import EXAMPLES_FILE  # the file that command writes
from core.decoding import SearchTree
from core.transformer.translator import Candidate, TranslationResult, tokenize_english


def node_tokens(tree: SearchTree, vocabulary: list[str]) -> list[str]:
    """The token of each node, by node id (the root's is <s>)."""
    return [vocabulary[node.token_id] for node in tree.nodes]


def greedy_path_in_tree(tree: SearchTree, greedy_token_ids: list[int]) -> list[int]:
    """Node ids (root first) that spell the greedy translation, as far as the tree holds it.

    Only the 2K extensions compared at each step are nodes here (the ones drawn), so from some step
    on the greedy continuation may be missing: it ranked below 2K (it is among the pruned
    extensions of ``tree.all_nodes()``), or its prefix had left the beam and it was never scored.
    The path then stops there.
    """
    root = next(node for node in tree.nodes if node.parent is None)
    children: dict[int, dict[int, int]] = {}
    for node in tree.nodes:
        if node.parent is not None:
            children.setdefault(node.parent, {}).setdefault(node.token_id, node.id)
    path = [root.id]
    for token_id in greedy_token_ids:
        child = children.get(path[-1], {}).get(token_id)
        if child is None:
            break
        path.append(child)
    return path


def n_best_ranks(result: TranslationResult) -> dict[int, int]:
    """Final node id of each n-best candidate -> its rank (1 = best)."""
    return {c.hypothesis.node_id: rank for rank, c in enumerate(result.candidates, start=1)
            if c.hypothesis.node_id is not None}


def tree_frame(result: TranslationResult) -> pd.DataFrame:
    """One row per hypothesis ever scored, with its token and the text of the path that ends in it."""
    vocabulary = result.target_vocabulary
    rows = result.search.tree.to_dict(vocabulary)  # parents always come before their children
    paths: dict[int, str] = {}
    for row in rows:
        parent = row["parent"]
        paths[row["id"]] = "" if parent is None else f"{paths[parent]} {row['token']}".strip()
        row["path"] = paths[row["id"]]
    return pd.DataFrame(rows)


def significant(value: float, digits: int = 4) -> float:
    """``value`` rounded to ``digits`` significant digits (projector default for tables): -6.765149 -> -6.765."""
    if value == 0 or not np.isfinite(value):
        return value
    return round(value, digits - 1 - int(np.floor(np.log10(abs(value)))))


def n_best_frame(result: TranslationResult, greedy: Candidate | None = None, empty: str = "(empty)",
                 greedy_node: int | None = None) -> pd.DataFrame:
    """The n-best list (and, for comparison, the greedy translation), scores to 4 significant digits.

    A hypothesis that is only </s> (it wins at α = 0, where nothing favours length) has no words: its
    translation reads ``empty`` rather than a blank cell. ``greedy_node``: the tree node where the greedy
    translation ends, when the tree holds it whole. Exact scores are in the downloads."""
    def row(name: str, c: Candidate, node) -> dict:
        return {"hypothesis": name, "translation": c.text or empty, "score": significant(c.score),
                "log_prob": significant(c.log_prob), "tokens (with </s>)": len(c.hypothesis.token_ids), "node": node}

    rows = [row(f"beam #{rank}", c, c.hypothesis.node_id) for rank, c in enumerate(result.candidates, start=1)]
    if greedy is not None:
        rows.append(row("greedy", greedy, greedy_node))
    return pd.DataFrame(rows).astype({"node": "Int64"})


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (a chart title must fit its chart)."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def path_text(tree: SearchTree, vocabulary: list[str], node_id: int) -> str:
    """The words of the hypothesis ending at ``node_id`` (no <s>)."""
    return " ".join(vocabulary[n.token_id] for n in tree.path(node_id)[1:])


def step_choices(tree: SearchTree, step: int) -> list[int]:
    """Node ids of one step that lived on (kept, finished or cut by the maximum length), best rank first: the
    paths worth highlighting."""
    return [n.id for n in sorted(tree.nodes, key=lambda n: n.rank)
            if n.step == step and n.fate in ("kept", "finished", "cut")]


def beam_at_step(tree: SearchTree, vocabulary: list[str], step: int, empty: str = "(empty)") -> pd.DataFrame:
    """What the search holds after ``step``: each surviving hypothesis of that step with its fate and scores
    (a hypothesis that is only </s> reads ``empty``)."""
    rows = [{"rank": tree.nodes[i].rank + 1, "hypothesis": path_text(tree, vocabulary, i) or empty,
             "beam_fate": tree.nodes[i].fate,
             "log_prob": significant(tree.nodes[i].cumulative), "score": significant(tree.nodes[i].score), "node": i}
            for i in step_choices(tree, step)]
    return pd.DataFrame(rows, columns=["rank", "hypothesis", "beam_fate", "log_prob", "score", "node"])


def beam_examples(model_name: str, path: Path = EXAMPLES_FILE) -> dict | None:
    """What ``python -m core eval beam-examples`` found for one translator: {"wins": [...], counts, "beam",
    "length_penalty", "command"}; None when the file does not cover this model (e.g. an operator's folder)."""
    try:
        data = json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return None
    for model in data.get("models", []):
        if model.get("model") == model_name:
            return {**model, "beam": data["beam"], "length_penalty": data["length_penalty"],
                    "command": data.get("command", ""), "test_split": data.get("test_split", {})}
    return None


def candidate_cross_attention(candidate: Candidate) -> np.ndarray | None:
    """(L, H, T, S) cross-attention recorded while beam search chose each of the candidate's tokens; None for a
    model without attention (the plain seq2seq decoder reads one context vector, not the source positions)."""
    layers = candidate.hypothesis.cross_attentions()
    return np.stack([layer.float().numpy() for layer in layers]) if layers else None


def candidate_output_tokens(candidate: Candidate) -> list[str]:
    """The T tokens the candidate's rows chose: its words, then </s> when it finished with one."""
    return list(candidate.tokens) + ["</s>"] * (len(candidate.hypothesis.token_ids) - len(candidate.tokens))


def beam_payload(result: TranslationResult, greedy: Candidate | None) -> dict:
    """JSON export: settings, n-best, greedy and every node of the tree."""
    out = result.to_dict(with_tree=True)
    if greedy is not None:
        out["greedy"] = {"text": greedy.text, "tokens": greedy.tokens, "score": greedy.score,
                         "log_prob": greedy.log_prob}
    return out


@dataclass(frozen=True)
class TreeCounts:
    """What the beam page's caption counts: the tree's nodes by fate, steps, scored hypotheses, and how far
    the greedy translation runs inside the tree."""

    nodes: int
    steps: int
    kept: int
    finished: int
    pruned: int
    scored: int
    greedy_followed: int  # greedy tokens whose node is in the tree
    greedy_length: int  # greedy tokens in all, </s> included
    cut: int = 0  # hypotheses whose </s> the maximum length forced

    @property
    def greedy_inside(self) -> bool:
        return self.greedy_followed == self.greedy_length


def tree_counts(result: TranslationResult, greedy_path: list[int], greedy: Candidate) -> TreeCounts:
    """Count the search tree for the caption; ``greedy_path`` is greedy_path_in_tree's node list (root first)."""
    tree = result.search.tree
    fates = Counter(node.fate for node in tree.nodes)
    return TreeCounts(nodes=len(tree.nodes), steps=result.search.steps, kept=fates["kept"],
                      finished=fates["finished"], pruned=fates["pruned"], scored=tree.num_scored(), cut=fates["cut"],
                      greedy_followed=len(greedy_path) - 1, greedy_length=len(greedy.hypothesis.token_ids))


def examples_frame(wins: list[dict]) -> pd.DataFrame:
    """The shipped examples as a table: source, reference (= the beam's translation), greedy's translation."""
    return pd.DataFrame([{"example_source": w["source"], "example_reference": w["reference"],
                          "example_greedy": w["greedy"]} for w in wins],
                        columns=["example_source", "example_reference", "example_greedy"])


def example_for(wins: list[dict], source: str) -> dict | None:
    """The example whose English is ``source`` (as the translator tokenizes it), else None."""
    words = tokenize_english(source)
    return next((w for w in wins if w["source"].split() == words), None)


def example_outcome(example: dict, beam_tokens: list[str], greedy_tokens: list[str]) -> str:
    """Who matches the held-out reference with the page's current settings: "beam_wins", "both_right",
    "greedy_wins" or "both_wrong" (a width or α other than the file's may change the finding)."""
    reference = example["reference"].split()
    beam_right, greedy_right = list(beam_tokens) == reference, list(greedy_tokens) == reference
    return {(True, False): "beam_wins", (True, True): "both_right", (False, True): "greedy_wins",
            (False, False): "both_wrong"}[beam_right, greedy_right]
