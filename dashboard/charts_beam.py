"""The beam-search tree as a Plotly figure, and the pure layout that places its nodes.

Pure functions: the tree's nodes (``core.decoding.TreeNode``) in, positions or a figure out; no
Streamlit. x is the decoding step (0 for the root <s>); y is a slot chosen so that every subtree
occupies a contiguous band: leaves take consecutive slots in depth-first order, children sorted by
their rank at their step (best on top), and a parent sits midway between its first and last child.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from dashboard.chart_common import safe_label

FATE_STYLE = {  # colour, marker symbol and legend text of each fate (core.decoding.FATES)
    "root": ("#444444", "diamond", "root &lt;s&gt;"),
    "kept": ("#1f77b4", "circle", "kept in the beam"),
    "finished": ("#2ca02c", "square", "finished (&lt;/s&gt;)"),
    "pruned": ("#b0b0b0", "x", "pruned"),
}
GREEDY_COLOUR = "#ff7f0e"
NBEST_COLOUR = "#d62728"


@dataclass
class TreeLayout:
    """Where each node of a search tree is drawn; arrays are indexed by node id."""

    x: np.ndarray  # (N,) the step, 0 for the root
    y: np.ndarray  # (N,) vertical slot, 0 at the top; leaves are 1 apart
    edges: list[tuple[int, int]]  # (parent id, child id), one per non-root node
    num_leaves: int


def tree_layout(nodes) -> TreeLayout:
    """Tidy left-to-right layout of a search tree (node ids must be 0..N-1, parents before children)."""
    N = len(nodes)
    children: dict[int, list] = {n.id: [] for n in nodes}
    for node in nodes:
        if node.parent is not None:
            children[node.parent].append(node)
    for siblings in children.values():
        siblings.sort(key=lambda n: (n.rank, n.id))
    x = np.array([n.step for n in nodes], dtype=np.float32)
    y = np.zeros(N, dtype=np.float32)
    leaves = 0
    roots = [n for n in nodes if n.parent is None]
    # Iterative post-order: a node is placed after all its children are.
    stack = [(root, False) for root in reversed(roots)]
    while stack:
        node, expanded = stack.pop()
        kids = children[node.id]
        if not kids:
            y[node.id] = leaves
            leaves += 1
        elif expanded:
            y[node.id] = (y[kids[0].id] + y[kids[-1].id]) / 2
        else:
            stack.append((node, True))
            stack.extend((kid, False) for kid in reversed(kids))
    edges = [(n.parent, n.id) for n in nodes if n.parent is not None]
    return TreeLayout(x=x, y=y, edges=edges, num_leaves=leaves)


def _edge_xy(layout: TreeLayout, pairs: list[tuple[int, int]]) -> tuple[list, list]:
    xs, ys = [], []
    for parent, child in pairs:
        xs += [float(layout.x[parent]), float(layout.x[child]), None]
        ys += [float(layout.y[parent]), float(layout.y[child]), None]
    return xs, ys


def beam_tree_figure(nodes, tokens: list[str], layout: TreeLayout, greedy_path: list[int] | None = None,
                     n_best: dict[int, int] | None = None, show_pruned: bool = True, title: str = "") -> go.Figure:
    """Every hypothesis of a beam search: nodes coloured by fate, edges to their parents.

    tokens[i] names node i's token; greedy_path lists node ids (root first) drawn as a thick line;
    n_best maps a finished node id to its final rank (1 = best), circled and labelled.
    Hover gives the token, step, its log-prob, the cumulative log-prob and the length-normalised score.
    """
    visible = [n for n in nodes if show_pruned or n.fate != "pruned"]
    visible_ids = {n.id for n in visible}
    fig = go.Figure()
    for fate in ("kept", "finished", "pruned"):
        pairs = [(n.parent, n.id) for n in visible if n.parent is not None and n.fate == fate]
        if pairs:
            xs, ys = _edge_xy(layout, pairs)
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False, name=f"edges {fate}",
                line={"color": FATE_STYLE[fate][0], "width": 1.2, "dash": "dot" if fate == "pruned" else "solid"}))
    if greedy_path and len(greedy_path) > 1:
        xs, ys = _edge_xy(layout, list(zip(greedy_path[:-1], greedy_path[1:])))
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", name="greedy path",
                                 line={"color": GREEDY_COLOUR, "width": 7}, opacity=0.45))
    for fate, (colour, symbol, label) in FATE_STYLE.items():
        group = [n for n in visible if n.fate == fate]
        if not group:
            continue
        fig.add_trace(go.Scatter(
            x=[float(layout.x[n.id]) for n in group], y=[float(layout.y[n.id]) for n in group],
            mode="markers+text", name=label, meta=fate,
            marker={"color": colour, "symbol": symbol, "size": 9 if fate != "pruned" else 7,
                    "line": {"width": 0.5, "color": "white"}},
            text=[safe_label(tokens[n.id]) for n in group], textposition="top center",
            textfont={"size": 11, "color": "#222" if fate != "pruned" else "#888"},
            customdata=[[n.id, n.step, n.token_log_prob, n.cumulative, n.score, n.rank] for n in group],
            hovertemplate=("<b>%{text}</b> (node %{customdata[0]}, step %{customdata[1]})<br>"
                           f"{fate}<br>token log-prob %{{customdata[2]}}<br>cumulative log-prob %{{customdata[3]}}"
                           "<br>score (length-normalised) %{customdata[4]}<br>rank at its step %{customdata[5]}"
                           "<extra></extra>")))
    if n_best:
        ranked = sorted((rank, node_id) for node_id, rank in n_best.items() if node_id in visible_ids)
        fig.add_trace(go.Scatter(
            x=[float(layout.x[i]) for _, i in ranked], y=[float(layout.y[i]) for _, i in ranked],
            mode="markers+text", name="final n-best (#rank)", hoverinfo="skip",
            marker={"size": 20, "color": "rgba(0,0,0,0)", "line": {"width": 2, "color": NBEST_COLOUR}},
            text=[f"#{rank}" for rank, _ in ranked], textposition="middle right",
            textfont={"color": NBEST_COLOUR, "size": 12}))
    fig.update_xaxes(title_text="step (tokens generated)", dtick=1, zeroline=False,
                     range=[-0.5, float(layout.x.max(initial=0)) + 1.0])
    fig.update_yaxes(visible=False, autorange="reversed")
    rows = len({float(layout.y[i]) for i in visible_ids}) if visible_ids else 1
    fig.update_layout(title=title, height=int(min(2400, max(380, 150 + 26 * rows))),
                      margin={"l": 10, "r": 10, "t": 50, "b": 40}, plot_bgcolor="white",
                      legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0.5, "xanchor": "center"})
    return fig


def node_traces(fig_dict: dict) -> dict[str, list]:
    """fate -> the customdata rows of that fate's node trace, read back from a figure dict (for tests
    and for checking what a page drew)."""
    return {trace["meta"]: trace["customdata"] for trace in fig_dict["data"] if trace.get("meta") in FATE_STYLE}
