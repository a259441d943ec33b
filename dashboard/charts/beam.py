"""The beam-search tree as a Plotly figure, and the pure layout that places its nodes.

Pure functions: the tree's nodes (``core.decoding.TreeNode``) in, positions or a figure out; no
Streamlit. x is the decoding step (0 for the root <s>). Nodes are drawn in layers, one column per
step holding at most the 2K extensions compared at that step, so the figure stays as tall as the
beam is wide however long the search runs. Rows start at the top (the root on row 0). Within a
column the hypotheses that live on (kept, finished, cut by the length limit) come first, in their
parents' order and then by rank, so their edges never cross and the best path runs along the top; the pruned ones follow
below them, again in their parents' order. Pruned nodes are leaves, so hiding them hides no edge of
the survivors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.common import hover, margins, safe_label
from dashboard.i18n import ENGLISH, Words

FATE_STYLE = {  # colour and marker symbol of each fate (TreeNode.fate in core.decoding); its words are
    "root": ("#444444", "diamond"),  # "chart.beam_<fate>" (legend) and "hover.beam_<fate>" (hover line)
    "kept": ("#1f77b4", "circle"),
    "finished": ("#2ca02c", "square"),
    "cut": ("#8c564b", "square-x"),  # </s> forced at the maximum length: stopped, not finished
    "pruned": ("#b0b0b0", "x"),
}
GREEDY_COLOUR = "#ff7f0e"
PATH_COLOUR = "#9467bd"
NBEST_COLOUR = "#d62728"
TICK_FONT = {"size": 14}  # projector default: no tick label under 14 px
def node_hover(fate: str, words: Words = ENGLISH) -> str:
    """A node's hover: token, node id and step, its fate, the three log-probs (4 significant digits) and its
    rank at its step (customdata: id, step, token log-prob, cumulative, score, rank + 1)."""
    return hover(words("hover.beam_node", token="<b>%{text}</b>", node="%{customdata[0]}", step="%{customdata[1]}"),
                 words(f"hover.beam_{fate}"), words("hover.token_log_prob", v="%{customdata[2]:.4g}"),
                 words("hover.cumulative_log_prob", v="%{customdata[3]:.4g}"),
                 words("hover.score_normalised", v="%{customdata[4]:.4g}"),
                 words("hover.rank_at_step", v="%{customdata[5]}"))


@dataclass
class TreeLayout:
    """Where each node of a search tree is drawn; arrays are indexed by node id (NaN: not placed)."""

    x: np.ndarray  # (N,) the step, 0 for the root
    y: np.ndarray  # (N,) row within its step's column, 0 at the top; rows are 1 apart
    edges: list[tuple[int, int]]  # (parent id, child id) for every placed node with a placed parent
    max_rows: int  # the tallest column


def tree_layout(nodes) -> TreeLayout:
    """Layered layout of a search tree, or of any subset of its nodes that is closed under parents
    (e.g. without the pruned ones). Node ids index the arrays; a parent's step is below its child's."""
    size = max((n.id for n in nodes), default=-1) + 1
    x = np.full(size, np.nan, dtype=np.float32)
    y = np.full(size, np.nan, dtype=np.float32)
    by_step: dict[int, list] = {}
    for node in nodes:
        by_step.setdefault(node.step, []).append(node)

    def order(node):  # survivors first, each group in its parents' order, then by rank
        parent_row = -np.inf if node.parent is None else float(y[node.parent])
        return node.fate == "pruned", parent_row, node.rank, node.id

    max_rows = 0
    for step in sorted(by_step):
        column = sorted(by_step[step], key=order)
        max_rows = max(max_rows, len(column))
        for row, node in enumerate(column):
            x[node.id], y[node.id] = step, row
    placed = {n.id for n in nodes}
    edges = [(n.parent, n.id) for n in nodes if n.parent is not None and n.parent in placed]
    return TreeLayout(x=x, y=y, edges=edges, max_rows=max_rows)


def _edge_xy(layout: TreeLayout, pairs: list[tuple[int, int]]) -> tuple[list, list]:
    xs, ys = [], []
    for parent, child in pairs:
        xs += [float(layout.x[parent]), float(layout.x[child]), None]
        ys += [float(layout.y[parent]), float(layout.y[child]), None]
    return xs, ys


def visible_nodes(nodes, show_pruned: bool, up_to_step: int | None = None) -> list:
    """The nodes to draw: all, or all but the pruned ones (pruned nodes are leaves, so parents stay),
    and only those of steps up to ``up_to_step`` when given (the step slider)."""
    return [n for n in nodes if (show_pruned or n.fate != "pruned") and (up_to_step is None or n.step <= up_to_step)]


def path_to(nodes, node_id: int) -> list[int]:
    """Node ids from the root to ``node_id`` (root first), following parents among ``nodes``."""
    by_id = {n.id: n for n in nodes}
    path = []
    current = node_id
    while current is not None:
        path.append(current)
        current = by_id[current].parent
    return path[::-1]


def _band(layout: TreeLayout, path: list[int], ids: set[int], name: str, colour: str, width: int) -> go.Scatter | None:
    """A thick translucent band along a root-first path of node ids (the part of it that is drawn)."""
    path = [i for i in path if i in ids]
    if len(path) < 2:
        return None
    xs, ys = _edge_xy(layout, list(zip(path[:-1], path[1:])))
    return go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", name=name, line={"color": colour, "width": width},
                      opacity=0.45)


def _node_trace(nodes, fate: str, tokens: list[str], layout: TreeLayout, words: Words) -> go.Scatter:
    colour, symbol = FATE_STYLE[fate]
    pruned = fate == "pruned"
    return go.Scatter(
        x=[float(layout.x[n.id]) for n in nodes], y=[float(layout.y[n.id]) for n in nodes],
        mode="markers+text", name=words(f"chart.beam_{fate}"), meta=fate,
        marker={"color": colour, "symbol": symbol, "size": 8 if pruned else 11,
                "line": {"width": 0.5, "color": "white"}},
        text=[safe_label(tokens[n.id]) for n in nodes], textposition="top center",
        textfont={"size": 13 if pruned else 15, "color": "#8a8a8a" if pruned else "#222"},
        customdata=[[n.id, n.step, n.token_log_prob, n.cumulative, n.score, n.rank + 1] for n in nodes],
        hovertemplate=node_hover(fate, words))


def beam_tree_figure(nodes, tokens: list[str], layout: TreeLayout, greedy_path: list[int] | None = None,
                     n_best: dict[int, int] | None = None, title: str = "", highlight: list[int] | None = None,
                     last_step: int | None = None, window: int | None = None, words: Words = ENGLISH) -> go.Figure:
    """Every hypothesis of a beam search: nodes coloured by fate, edges to their parents.

    nodes: those to draw, placed by ``layout`` (which may place more: the layout of the whole tree keeps
    positions still while the step slider reveals it); tokens[i] names node i's token, drawn on every node
    (pruned ones in grey); greedy_path and highlight list node ids (root first) drawn as thick bands,
    orange and purple; n_best maps a finished (or cut) node id to its final rank (1 = best), circled and labelled.
    Hover: token, step, token log-prob, cumulative log-prob and score to 4 significant digits, and the
    node's 1-based rank among the extensions scored at its step (customdata: id, step, the three
    log-probs exactly, rank + 1). ``last_step`` fixes the x range (default: the last drawn step); with
    ``window``, only the last ``window`` steps up to it are in view (pan to see the rest), so the words of a
    long search stay apart.
    """
    ids = {n.id for n in nodes}
    fig = go.Figure()
    for fate in ("kept", "finished", "cut", "pruned"):
        pairs = [(n.parent, n.id) for n in nodes if n.parent in ids and n.fate == fate]
        if pairs:
            xs, ys = _edge_xy(layout, pairs)
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False, name=words("chart.beam_edges", fate=fate),
                line={"color": FATE_STYLE[fate][0], "width": 0.8 if fate == "pruned" else 1.6,
                      "dash": "dot" if fate == "pruned" else "solid"}))
    for band in (_band(layout, greedy_path or [], ids, words("chart.beam_greedy"), GREEDY_COLOUR, 9),
                 _band(layout, highlight or [], ids, words("chart.beam_path"), PATH_COLOUR, 6)):
        if band is not None:
            fig.add_trace(band)
    for fate in FATE_STYLE:
        group = [n for n in nodes if n.fate == fate]
        if group:
            fig.add_trace(_node_trace(group, fate, tokens, layout, words))
    ranked = sorted((rank, node_id) for node_id, rank in (n_best or {}).items() if node_id in ids)
    if ranked:
        fig.add_trace(go.Scatter(
            x=[float(layout.x[i]) for _, i in ranked], y=[float(layout.y[i]) for _, i in ranked],
            mode="markers+text", name=words("chart.beam_n_best"), hoverinfo="skip",
            marker={"size": 24, "color": "rgba(0,0,0,0)", "line": {"width": 2, "color": NBEST_COLOUR}},
            text=[f"#{rank}" for rank, _ in ranked], textposition="middle right",
            textfont={"color": NBEST_COLOUR, "size": 15}))
    if last_step is None:
        last_step = int(np.nanmax([layout.x[i] for i in ids])) if ids else 0
    rows = int(np.nanmax([layout.y[i] for i in ids])) + 1 if ids else 1
    first_step = max(0, last_step - window + 1) if window else 0  # a long search: its last ``window`` steps
    fig.update_xaxes(title_text=words("chart.beam_step"), dtick=1, zeroline=False,
                     range=[first_step - 0.5, last_step + 0.9], showgrid=True, gridcolor="#eeeeee", tickfont=TICK_FONT)
    fig.update_yaxes(visible=False, autorange=False, range=[rows - 0.4, -0.8])  # row 0 at the top
    fig.update_layout(title=title, height=int(min(1600, max(360, 190 + 52 * rows))),
                      margin=margins(90, 40), plot_bgcolor="white", font={"size": 14},
                      legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0.5, "xanchor": "center",
                              "font": {"size": 14}})
    return fig
