"""Widgets several pages share: explanation panel, downloads, figures, layer/head/token pickers.

The pickers are mirrored in URL query parameters (``layer``, ``head``, ``token``; layers and heads
1-based as shown, the token as its position), so a copied link reopens the same view.
"""

from __future__ import annotations

import json

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from dashboard.charts.common import plotly_config
from dashboard.i18n import column_label, current_language, explanation, localise, t
from dashboard.url_state import url_selectbox


def explanation_panel(page: str, lang: str, expanded: bool = False) -> None:
    with st.expander(t("widgets.explanation"), expanded=expanded):
        st.markdown(explanation(page, lang))


def localise_figure(fig, lang: str):
    """The figure's own words (title, axis, colour-bar and subplot titles, legend names, layer/head tick labels)
    in ``lang``, through the chart templates of the language table; tokens and numbers stay as they are."""
    if lang == "en":
        return fig

    def texts(values, tick: bool = True):
        return None if values is None else [localise(str(v), lang, tick=tick) for v in values]

    def categories(values):  # a trace's x / y: translated only when they are layer/head names, never tokens
        return values if values is None or not all(isinstance(v, str) for v in values) else texts(values)

    def axis(ax):
        ax.update(title_text=localise(ax.title.text, lang), ticktext=texts(ax.ticktext))

    def colorbar(bar):  # colour-bar ticks are levels ("chance 0.50"), never tokens
        bar.update(title_text=localise(bar.title.text, lang), ticktext=texts(bar.ticktext, tick=False))

    fig.update_layout(title_text=localise(fig.layout.title.text, lang))
    fig.for_each_xaxis(axis)
    fig.for_each_yaxis(axis)
    fig.for_each_annotation(lambda note: note.update(text=localise(note.text, lang)))
    for trace in fig.data:
        trace.update(name=localise(trace.name, lang))
        for side in ("x", "y"):
            if side in trace and isinstance(trace[side], tuple):
                trace[side] = categories(trace[side])
        if "colorbar" in trace:
            colorbar(trace.colorbar)
    if fig.layout.coloraxis.colorbar.title.text:
        colorbar(fig.layout.coloraxis.colorbar)
    return fig


def show_figure(fig, name: str) -> None:
    """A Plotly figure at full width, in the page's language, its toolbar's camera saving ``name``.png."""
    st.plotly_chart(localise_figure(fig, current_language()), width="stretch", config=plotly_config(name),
                    key=f"chart_{name}")


def show_altair(chart) -> None:
    """An Altair chart at full width, its axis and legend titles in the page's language."""
    lang = current_language()
    for channel in ("x", "y", "color"):
        encoding = chart.encoding[channel]
        if encoding is not alt.Undefined:
            spec = encoding.to_dict()  # the title the builder set, else the field Altair would show
            encoding["title"] = localise(spec.get("title", spec.get("field", "")), lang)
    st.altair_chart(chart, width="stretch")


def display_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its column headers in the current language, for the screen only (downloads keep
    the stable English keys)."""
    lang = current_language()
    return frame.rename(columns=lambda column: column_label(str(column), lang))


def table(frame: pd.DataFrame, **kwargs) -> None:
    """st.dataframe of ``frame`` with translated column headers, without the index."""
    st.dataframe(display_columns(frame), hide_index=True, **kwargs)


def _jsonable(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, pd.DataFrame):
        return value.to_dict(orient="records")
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def downloads(name: str, frame, payload=None) -> None:
    """CSV of ``frame`` and JSON of ``payload`` (the frame's records when None), side by side.

    Both files are built only when their button is clicked (callable data), so a large table
    costs nothing on the many reruns where nobody downloads; ``frame`` and ``payload`` may be
    callables returning them.
    """
    def table() -> pd.DataFrame:
        return frame() if callable(frame) else frame

    def csv_text() -> str:
        return table().to_csv(index=False)

    def json_text() -> str:
        data = payload() if callable(payload) else payload
        return json.dumps(_jsonable(data if data is not None else table()), ensure_ascii=False)

    left, right = st.columns(2)
    left.download_button(f"{name}.csv", csv_text, file_name=f"{name}.csv", mime="text/csv",
                         key=f"csv_{name}", on_click="ignore", icon=":material/download:")
    right.download_button(f"{name}.json", json_text, file_name=f"{name}.json", mime="application/json",
                          key=f"json_{name}", on_click="ignore", icon=":material/download:")


def layer_head_pickers(num_layers: int, num_heads: int) -> tuple[int, int]:
    """Two sliders, 1-based; returns 0-based (layer, head)."""
    left, right = st.columns(2)
    layer = (left.slider(t("widgets.layer"), 1, num_layers, num_layers, key="layer", bind="query-params")
             if num_layers > 1 else 1)
    head = right.slider(t("widgets.head"), 1, num_heads, 1, key="head", bind="query-params") if num_heads > 1 else 1
    return layer - 1, head - 1


def default_token(tokens: list[str]) -> int:
    """'it' when the sentence has it (the seed notes' coreference example), else the first real token."""
    for index, token in enumerate(tokens):
        if token.lower() == "it":
            return index
    return 1 if len(tokens) > 1 else 0


def token_picker(tokens: list[str], label: str | None = None, key: str = "token") -> int:
    """A token position chosen by its text ("10: it"); the URL keeps the position (``token=10``).

    A new sentence starts the picker again from its default ("it" when there is one)."""
    return url_selectbox(label or t("widgets.token"), list(range(len(tokens))), default_token(tokens), key,
                         format_func=lambda i: f"{i}: {tokens[i]}", context=tuple(tokens))
