"""The beam-search tree as a Plotly figure, and the pure layout that places its nodes.

Pure functions: the tree's nodes (``core.decoding.TreeNode``) in, positions or a figure out; no
Streamlit. x is the decoding step (0 for the root <s>). Nodes are drawn in layers, one column per
step holding at most the 2K extensions compared at that step, so the figure stays as tall as the
beam is wide however long the search runs. Within a column, nodes are ordered by their parent's
row and then by their rank at the step (best first): children stay next to their parent and
edges rarely cross. Columns are centred on the root's row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.common import margins, safe_label

FATE_STYLE = {  # colour, marker symbol and legend text of each fate (TreeNode.fate in core.decoding)
    "root": ("#444444", "diamond", "root &lt;s&gt;"),
    "kept": ("#1f77b4", "circle", "kept in the beam"),
    "finished": ("#2ca02c", "square", "finished (&lt;/s&gt;)"),
    "pruned": ("#b0b0b0", "x", "pruned"),
}
GREEDY_COLOUR = "#ff7f0e"
NBEST_COLOUR = "#d62728"


@dataclass
class TreeLayout:
    """Where each node of a search tree is drawn; arrays are indexed by node id (NaN: not placed)."""

    x: np.ndarray  # (N,) the step, 0 for the root
    y: np.ndarray  # (N,) row within its step's column, centred on 0; rows are 1 apart
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
    def order(node):  # a step's nodes sit in their parents' order, then by rank
        return -np.inf if node.parent is None else float(y[node.parent]), node.rank, node.id

    max_rows = 0
    for step in sorted(by_step):
        column = sorted(by_step[step], key=order)
        max_rows = max(max_rows, len(column))
        for row, node in enumerate(column):
            x[node.id], y[node.id] = step, row - (len(column) - 1) / 2
    placed = {n.id for n in nodes}
    edges = [(n.parent, n.id) for n in nodes if n.parent is not None and n.parent in placed]
    return TreeLayout(x=x, y=y, edges=edges, max_rows=max_rows)


def _edge_xy(layout: TreeLayout, pairs: list[tuple[int, int]]) -> tuple[list, list]:
    xs, ys = [], []
    for parent, child in pairs:
        xs += [float(layout.x[parent]), float(layout.x[child]), None]
        ys += [float(layout.y[parent]), float(layout.y[child]), None]
    return xs, ys


def visible_nodes(nodes, show_pruned: bool) -> list:
    """The nodes to draw: all, or all but the pruned ones (pruned nodes are leaves, so parents stay)."""
    return [n for n in nodes if show_pruned or n.fate != "pruned"]


def beam_tree_figure(nodes, tokens: list[str], layout: TreeLayout, greedy_path: list[int] | None = None,
                     n_best: dict[int, int] | None = None, title: str = "") -> go.Figure:
    """Every hypothesis of a beam search: nodes coloured by fate, edges to their parents.

    nodes: those to draw, placed by ``layout``; tokens[i] names node i's token; greedy_path lists
    node ids (root first) drawn as a thick band; n_best maps a finished node id to its final rank
    (1 = best), circled and labelled. Pruned nodes carry their token on hover only, to keep the
    picture legible. Hover gives token, step, token log-prob, cumulative log-prob and score.
    """
    ids = {n.id for n in nodes}
    fig = go.Figure()
    for fate in ("kept", "finished", "pruned"):
        pairs = [(n.parent, n.id) for n in nodes if n.parent in ids and n.fate == fate]
        if pairs:
            xs, ys = _edge_xy(layout, pairs)
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False, name=f"edges {fate}",
                line={"color": FATE_STYLE[fate][0], "width": 1.2, "dash": "dot" if fate == "pruned" else "solid"}))
    path = [i for i in (greedy_path or []) if i in ids]
    if len(path) > 1:
        xs, ys = _edge_xy(layout, list(zip(path[:-1], path[1:])))
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", name="greedy path",
                                 line={"color": GREEDY_COLOUR, "width": 8}, opacity=0.4))
    for fate, (colour, symbol, label) in FATE_STYLE.items():
        group = [n for n in nodes if n.fate == fate]
        if not group:
            continue
        labels = [safe_label(tokens[n.id]) for n in group]
        fig.add_trace(go.Scatter(
            x=[float(layout.x[n.id]) for n in group], y=[float(layout.y[n.id]) for n in group],
            mode="markers" if fate == "pruned" else "markers+text", name=label, meta=fate,
            marker={"color": colour, "symbol": symbol, "size": 7 if fate == "pruned" else 10,
                    "line": {"width": 0.5, "color": "white"}},
            text=labels, textposition="top center", textfont={"size": 11, "color": "#222"},
            customdata=[[n.id, n.step, n.token_log_prob, n.cumulative, n.score, n.rank] for n in group],
            hovertemplate=("<b>%{text}</b> (node %{customdata[0]}, step %{customdata[1]})<br>"
                           f"{fate}<br>token log-prob %{{customdata[2]}}<br>cumulative log-prob %{{customdata[3]}}"
                           "<br>score (length-normalised) %{customdata[4]}<br>rank at its step %{customdata[5]}"
                           "<extra></extra>")))
    ranked = sorted((rank, node_id) for node_id, rank in (n_best or {}).items() if node_id in ids)
    if ranked:
        fig.add_trace(go.Scatter(
            x=[float(layout.x[i]) for _, i in ranked], y=[float(layout.y[i]) for _, i in ranked],
            mode="markers+text", name="final n-best (#rank)", hoverinfo="skip",
            marker={"size": 22, "color": "rgba(0,0,0,0)", "line": {"width": 2, "color": NBEST_COLOUR}},
            text=[f"#{rank}" for rank, _ in ranked], textposition="middle right",
            textfont={"color": NBEST_COLOUR, "size": 12}))
    last_step = float(np.nanmax(layout.x)) if ids else 0.0
    fig.update_xaxes(title_text="step (tokens generated)", dtick=1, zeroline=False, range=[-0.5, last_step + 0.8],
                     showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(visible=False, autorange="reversed")
    fig.update_layout(title=title, height=int(min(1400, max(360, 170 + 46 * layout.max_rows))),
                      margin=margins(60, 40), plot_bgcolor="white",
                      legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0.5, "xanchor": "center"})
    return fig


def node_traces(fig_dict: dict) -> dict[str, list]:
    """fate -> the customdata rows of that fate's node trace, read back from a figure dict (for tests
    and for checking what a page drew)."""
    return {trace["meta"]: trace["customdata"] for trace in fig_dict["data"] if trace.get("meta") in FATE_STYLE}
