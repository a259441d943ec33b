"""Widgets several pages share: explanation panel, downloads, figures, layer/head/token pickers.

The pickers are mirrored in URL query parameters (``layer``, ``head``, ``token``; layers and heads
1-based as shown, the token as its position), so a copied link reopens the same view.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from dashboard.charts.common import TICK_FONT_PX, plotly_config, projector_fonts
from dashboard.i18n import LABELS, column_label, current_language, explanation, label, localise, t
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

    def axis(ax):  # tickvals that are categories follow the trace's translated categories
        ax.update(title_text=localise(ax.title.text, lang), ticktext=texts(ax.ticktext),
                  tickvals=categories(ax.tickvals))

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
        if "hovertemplate" in trace and isinstance(trace.hovertemplate, str):
            trace.hovertemplate = localise_hover(trace.hovertemplate, lang)
    if fig.layout.coloraxis.colorbar.title.text:
        colorbar(fig.layout.coloraxis.colorbar)
    return fig


@lru_cache(maxsize=1)
def _hover_patterns() -> list[tuple[str, re.Pattern]]:
    """(key, full-match regex) of the "hover." templates: one line of a hover text, ``{v}`` matching the
    Plotly placeholder (``%{z:.4g}``) or the text a builder put there; longest literal text first."""
    patterns = []
    for key in (key for key in LABELS if key.startswith("hover.")):
        parts = re.split(r"\{(\w+)\}", LABELS[key]["en"])
        regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
        patterns.append((key, re.compile(regex, re.DOTALL)))
    return sorted(patterns, key=lambda item: -len(re.sub(r"\{\w+\}", "", LABELS[item[0]]["en"])))


def localise_hover(template: str, lang: str) -> str:
    """A hover template's words in ``lang``, line by line (lines split at <br>): "token %{x}<br>dim %{y}"
    becomes "토큰 %{x}<br>차원 %{y}"; placeholders and lines no template matches stay as they are."""
    if lang == "en" or not template:
        return template
    extra = "<extra></extra>" if template.endswith("<extra></extra>") else ""
    lines = template.removesuffix(extra).split("<br>")
    for index, line in enumerate(lines):
        for key, pattern in _hover_patterns():
            match = pattern.fullmatch(line)
            if match:
                lines[index] = label(key, lang, **match.groupdict())
                break
    return "<br>".join(lines) + extra


def show_figure(fig, name: str, on_click=None) -> None:
    """A Plotly figure at full width, in the page's language, tick labels at least TICK_FONT_PX (a projector),
    its toolbar's camera saving ``name``.png. ``on_click(customdata)``: called (as a widget callback, so it may
    set other widgets' state) with the clicked point's customdata, or None when the click cleared it."""
    figure = projector_fonts(localise_figure(fig, current_language()))
    key = f"chart_{name}"
    if on_click is None:
        st.plotly_chart(figure, width="stretch", config=plotly_config(name), key=key)
        return

    def clicked() -> None:
        event = st.session_state.get(key)
        points = [point for point in (event.selection.points if event else []) if "customdata" in point]
        on_click(points[0]["customdata"] if points else None)

    st.plotly_chart(figure, width="stretch", config=plotly_config(name), key=key, on_select=clicked,
                    selection_mode="points")


def _localise_altair_layer(chart, lang: str) -> None:
    """One Altair chart's axis, legend and tooltip titles, and its legend values, in ``lang`` (in place)."""
    encoding = chart.encoding
    if encoding is alt.Undefined:
        return
    for channel in ("x", "y", "color"):
        if encoding[channel] is not alt.Undefined:
            spec = encoding[channel].to_dict()  # the title the builder set, else the field Altair would show
            if "field" in spec or "title" in spec:
                encoding[channel]["title"] = localise(spec.get("title", spec.get("field", "")), lang)
    if encoding["tooltip"] is not alt.Undefined:
        for tip in encoding["tooltip"]:
            spec = tip.to_dict()
            tip["title"] = localise(spec.get("title", spec.get("field", "")), lang)
    colour = encoding["color"]
    field = colour.to_dict().get("field") if colour is not alt.Undefined else None
    if lang != "en" and isinstance(chart.data, pd.DataFrame) and field in chart.data:
        # legend values the builder wrote ("dim 4 (sin)") are chart tick templates; tokens would stay as typed
        chart.data = chart.data.assign(**{field: chart.data[field].map(lambda v: localise(str(v), lang, tick=True))})


def show_altair(chart) -> None:
    """An Altair chart (or a layer of charts) at full width, its words in the page's language, text at least
    TICK_FONT_PX."""
    lang = current_language()
    for layer in chart.layer if isinstance(chart, alt.LayerChart) else [chart]:
        _localise_altair_layer(layer, lang)
    if isinstance(chart, alt.LayerChart) and isinstance(chart.title, str):
        chart.title = localise(chart.title, lang)
    chart = chart.configure_axis(labelFontSize=TICK_FONT_PX, titleFontSize=TICK_FONT_PX).configure_legend(
        labelFontSize=TICK_FONT_PX, titleFontSize=TICK_FONT_PX).configure_title(fontSize=TICK_FONT_PX + 2)
    st.altair_chart(chart, width="stretch")


def display_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its column headers in the current language, for the screen only (downloads keep
    the stable English keys)."""
    lang = current_language()
    return frame.rename(columns=lambda column: column_label(str(column), lang))


TABLE_NUMBER_FORMAT = "%.4g"  # 4 significant digits in every table (downloads keep full precision)


def table(frame: pd.DataFrame, **kwargs) -> None:
    """st.dataframe of ``frame`` with translated column headers, without the index, floats to 4 significant
    digits."""
    shown = display_columns(frame)
    floats = {column: st.column_config.NumberColumn(format=TABLE_NUMBER_FORMAT)
              for column, dtype in shown.dtypes.items() if pd.api.types.is_float_dtype(dtype)}
    st.dataframe(shown, hide_index=True, column_config={**floats, **kwargs.pop("column_config", {})}, **kwargs)


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


def downloads(name: str, frame, payload=None, key: tuple | None = None) -> None:
    """CSV of ``frame`` and JSON of ``payload`` (the frame's records when None), side by side.

    With ``key`` (everything the files depend on: page, model, sentence, options), both files are built
    once per (name, key) on this server (``cache.download_files``) and handed to the buttons as text, so
    the file belongs to the session's run. A button given a callable instead builds its file on the
    click, and Streamlit 1.67 does not tie that file to the session: the second run of ANY session after
    the click deletes it, so under a classroom's load 0-60 % of first clicks got a 404 (README,
    "Downloads under load"). Without ``key`` the files stay deferred (callables), for pages whose files
    would be too large to build on every visit; ``frame`` and ``payload`` may be callables returning them.
    """
    def table() -> pd.DataFrame:
        return frame() if callable(frame) else frame

    def csv_text() -> str:
        return table().to_csv(index=False)

    def json_text() -> str:
        data = payload() if callable(payload) else payload
        return json.dumps(_jsonable(data if data is not None else table()), ensure_ascii=False)

    if key is None:
        csv_data, json_data = csv_text, json_text
    else:
        from dashboard import cache  # imported here: cache loads the models' modules, widgets is imported early

        csv_data, json_data = cache.download_files(name, key, lambda: (csv_text(), json_text()))
    left, right = st.columns(2)
    left.download_button(f"{name}.csv", csv_data, file_name=f"{name}.csv", mime="text/csv",
                         key=f"csv_{name}", on_click="ignore", icon=":material/download:")
    right.download_button(f"{name}.json", json_data, file_name=f"{name}.json", mime="application/json",
                          key=f"json_{name}", on_click="ignore", icon=":material/download:")


def show_shared_figure(name: str, key: tuple, build) -> None:
    """``show_figure`` for a figure every session asking for the same ``key`` (model, text, options) shares:
    built, localised and given projector fonts once per (name, key, language) on this server
    (``cache.shared``), then only sent. Nothing here changes it after it is cached (st.plotly_chart
    serialises it without changing it; tests/pages/test_page_cost.py checks)."""
    from dashboard import cache

    lang = current_language()
    figure = cache.shared(f"figure:{name}", (*key, lang),
                          lambda: projector_fonts(localise_figure(build(), lang)))
    st.plotly_chart(figure, width="stretch", config=plotly_config(name), key=f"chart_{name}")


def layer_head_pickers(num_layers: int, num_heads: int, layer: bool = True, head: bool = True) -> tuple[int, int]:
    """Sliders, 1-based, only for what the view uses (``layer`` / ``head`` False: no slider, the URL's value
    or the default is used); returns 0-based (layer, head)."""
    left, right = st.columns(2) if layer and head else (st, st)
    chosen_layer = _slider(left if layer else None, "widgets.layer", "layer", num_layers, num_layers)
    chosen_head = _slider(right if head else None, "widgets.head", "head", num_heads, 1)
    return chosen_layer - 1, chosen_head - 1


def _slider(where, label_key: str, key: str, count: int, default: int) -> int:
    """A 1-based slider bound to the URL parameter ``key``; without ``where``, the URL's value (or default)."""
    if where is None or count <= 1:
        try:
            value = int(st.query_params.get(key, default))
        except ValueError:
            value = default
        return min(max(value, 1), count)
    return where.slider(t(label_key), 1, count, default, key=key, bind="query-params")


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


def domain_note(model_name: str) -> None:
    """For a model pre-trained only on the generated stories (tiny-bert): say so, with sentences it knows."""
    from dashboard.views import bert as views

    examples = views.domain_examples(model_name)
    if examples:  # generated sentences, never user text: safe as Markdown list items
        st.info(t("masked_lm.domain", model=model_name) + "\n\n" + "\n".join(f"- {line}" for line in examples))
