"""From a beam search (``core.transformer.translator.TranslationResult``) to what the beam-search page shows.

No Streamlit, no figures. Shape legend: L layers, H heads, T generated tokens, S source tokens.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.decoding import SearchTree
from core.transformer.translator import Candidate, TranslationResult


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


def n_best_frame(result: TranslationResult, greedy: Candidate | None = None) -> pd.DataFrame:
    """The n-best list (and, for comparison, the greedy translation) with scores."""
    rows = [{"hypothesis": f"beam #{rank}", "translation": c.text, "score": c.score, "log_prob": c.log_prob,
             "tokens (with </s>)": len(c.hypothesis.token_ids), "node": c.hypothesis.node_id}
            for rank, c in enumerate(result.candidates, start=1)]
    if greedy is not None:
        rows.append({"hypothesis": "greedy", "translation": greedy.text, "score": greedy.score,
                     "log_prob": greedy.log_prob, "tokens (with </s>)": len(greedy.hypothesis.token_ids), "node": None})
    return pd.DataFrame(rows)


def candidate_cross_attention(candidate: Candidate) -> np.ndarray:
    """(L, H, T, S) cross-attention recorded while beam search chose each of the candidate's tokens."""
    return np.stack([layer.float().numpy() for layer in candidate.hypothesis.cross_attentions()])


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

    @property
    def greedy_inside(self) -> bool:
        return self.greedy_followed == self.greedy_length


def tree_counts(result: TranslationResult, greedy_path: list[int], greedy: Candidate) -> TreeCounts:
    """Count the search tree for the caption; ``greedy_path`` is greedy_path_in_tree's node list (root first)."""
    tree = result.search.tree
    fates = Counter(node.fate for node in tree.nodes)
    return TreeCounts(nodes=len(tree.nodes), steps=result.search.steps, kept=fates["kept"],
                      finished=fates["finished"], pruned=fates["pruned"], scored=tree.num_scored(),
                      greedy_followed=len(greedy_path) - 1, greedy_length=len(greedy.hypothesis.token_ids))
