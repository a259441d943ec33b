"""Reading a drawn Plotly figure back in tests: what a chart builder or a page put in it."""

from __future__ import annotations

from dashboard.charts.beam import FATE_STYLE


def node_traces(fig_dict: dict) -> dict[str, list]:
    """fate -> the customdata rows of that fate's node trace in a beam-search tree figure (a figure dict)."""
    return {trace["meta"]: trace["customdata"] for trace in fig_dict["data"] if trace.get("meta") in FATE_STYLE}
