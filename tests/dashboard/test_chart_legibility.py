"""Every chart's text, styled where figures are shown: sizes and colours of a student's screen and of presenter mode.

The figures are built by the real chart builders (a head grid with numbers in its cells, the step figure with
its subplot titles and colour bar, a scatter with labels, a legend) and read back as the JSON the browser gets.
The witness for colours is WCAG 2's contrast formula (tests/support/legibility.py), not the style's own table.
"""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from dashboard.charts.legibility import PRESENTER, READING, legible_plotly, plotly_config
from dashboard.charts.translation import head_grid, step_figure
from tests.support.legibility import contrast_ratio, parse_colour

WHITE = (255, 255, 255)


def figures():
    rng = np.random.default_rng(0)
    weights = rng.dirichlet(np.ones(4), size=(2, 3)).astype(np.float32)  # (H, T, S)
    grid = head_grid(weights, ["le", "chat", "noir"], ["the", "black", "cat", "</s>"], title="heads")
    grid.update_traces(texttemplate="%{z:.2f}", textfont={"size": 9})  # a builder's small numbers
    step = step_figure(weights[0, 1], weights[1, 1], ["<s>", "le"], ["the", "black", "cat", "</s>"], 2, "chat")
    scatter = go.Figure(go.Scatter(x=[0, 1], y=[1, 0], mode="markers+text", text=["animal (2)", "it"],
                                   textfont={"size": 12}, name="tokens"))
    scatter.update_layout(title="PCA", showlegend=True)
    return [grid, step, scatter]


def texts(spec: dict):
    """(role, size, colour) of every text the figure JSON sets, with the inherited layout font filled in."""
    layout = spec["layout"]
    base = layout.get("font", {})

    def inherit(font: dict) -> tuple:
        return font.get("size", base.get("size")), font.get("color", base.get("color"))

    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")):
            yield ("tick", *inherit(axis.get("tickfont", {})))
    for note in layout.get("annotations", []):
        yield ("annotation", *inherit(note.get("font", {})))
    yield ("title", *inherit(layout.get("title", {}).get("font", {})))
    yield ("legend", *inherit(layout.get("legend", {}).get("font", {})))
    for trace in spec["data"]:
        if "colorbar" in trace:
            yield ("colorbar", *inherit(trace["colorbar"].get("tickfont", {})))
        if trace.get("texttemplate") or trace.get("text") is not None:
            size = trace.get("textfont", {}).get("size", base.get("size"))
            yield ("label" if trace["type"] == "scatter" else "cell_number", size, None)


@pytest.mark.parametrize("style, floors, min_contrast", [
    (READING, {"tick": 14, "annotation": 14, "title": 16, "legend": 14, "colorbar": 14, "label": 14,
               "cell_number": 11}, 4.5),
    (PRESENTER, {"tick": 18, "annotation": 18, "title": 20, "legend": 16, "colorbar": 16, "label": 18,
                 "cell_number": 14}, 7.0),
])
def test_every_text_reaches_the_style_sizes_and_contrast(style, floors, min_contrast):
    for fig in figures():
        spec = json.loads(legible_plotly(fig, style).to_json())
        seen = set()
        for role, size, colour in texts(spec):
            seen.add(role)
            assert size is not None and size >= floors[role], (role, size)
            if colour is not None:
                assert contrast_ratio(parse_colour(colour), WHITE) >= min_contrast, (role, colour)
        assert spec["layout"]["paper_bgcolor"].lower() in ("#ffffff", "white")
    assert contrast_ratio(parse_colour(PRESENTER.colour), WHITE) >= 7.0


def test_sizes_only_grow_and_chosen_colours_stay_where_they_read():
    fig = go.Figure(go.Scatter(x=[0], y=[0], mode="text", text=["rank"], textfont={"size": 30, "color": "#d62728"}))
    fig.update_layout(title={"text": "t", "font": {"size": 40}})
    fig = legible_plotly(fig, READING)
    assert fig.data[0].textfont.size == 30 and fig.data[0].textfont.color == "#d62728"  # 5.0:1 reads on a screen
    assert fig.layout.title.font.size == 40


@pytest.mark.parametrize("style", [READING, PRESENTER])
def test_a_chosen_colour_too_light_for_the_room_is_darkened_keeping_its_hue(style):
    # Beam search's grey for pruned hypotheses (3.5:1) and GPT's red ranks (5.0:1) on a projector: under 7:1.
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1], mode="text", text=["pruned", "#1"],
                               textfont={"color": ["#8a8a8a", "#d62728"]}))
    fig.add_annotation(x=0, y=0, text="note", font={"color": "rgb(138, 138, 138)"})
    fig = legible_plotly(fig, style)
    floor = 7.0 if style is PRESENTER else 4.5
    grey, red = (parse_colour(colour) for colour in fig.data[0].textfont.color)
    assert contrast_ratio(grey, WHITE) >= floor and contrast_ratio(red, WHITE) >= floor
    assert grey[0] == grey[1] == grey[2] and red[0] > 2 * max(red[1], red[2])  # still grey, still red
    assert contrast_ratio(parse_colour(fig.layout.annotations[0].font.color), WHITE) >= floor


def test_log_axes_print_no_small_minor_labels():
    fig = go.Figure(go.Scatter(x=[16, 4096], y=[1e-3, 1]))
    fig.update_xaxes(type="log")
    fig = legible_plotly(fig, READING)
    assert fig.layout.xaxis.minorloglabels == "none"  # Plotly draws them at 3/4 size: 10.5 px of 14


def test_presenter_mode_has_no_toolbar_over_a_title():
    assert plotly_config("x", PRESENTER)["displayModeBar"] is False
    assert plotly_config("x", READING)["displayModeBar"] == "hover"
    assert contrast_ratio((128, 132, 149), WHITE) < 4.5  # Streamlit theme's grey, the colour these replace


def test_step_panels_leave_room_for_their_titles_at_step_one():
    from dashboard.charts.translation import MIN_PANEL_SHARE, step_widths

    for prefix, source in ((1, 25), (1, 3), (30, 2), (10, 10)):  # widths sum to 1, neither under the floor
        widths = step_widths(prefix, source)
        assert abs(sum(widths) - 1) < 1e-9 and min(widths) >= MIN_PANEL_SHARE - 1e-9
    assert step_widths(10, 10) == [0.5, 0.5]


def test_coreference_panels_name_the_layers_once_on_the_left():
    from dashboard.charts.coreference import candidate_attention_figure

    attention = np.random.default_rng(0).random((6, 8, 3)).astype(np.float32)
    fig = candidate_attention_figure(attention, ["animal", "street", "it"], "it")
    shown = [axis.showticklabels is not False for axis in (fig.layout.yaxis, fig.layout.yaxis2, fig.layout.yaxis3)]
    assert shown == [True, False, False]


def test_the_toolbar_gets_a_band_above_the_titles_once():
    fig = go.Figure(go.Bar(x=[1], y=[1]))
    fig.update_layout(margin={"t": 40})
    styled = legible_plotly(fig, READING)
    assert legible_plotly(styled, READING) is styled  # a rerun showing the same figure adds nothing more
    assert styled.layout.margin.t == 40 + READING.top_room_px >= 40 + 26  # Plotly's toolbar is 26 px high
    assert fig.layout.margin.t == 40  # the figure given is left as it was (it may be a cached one)


def test_many_token_labels_stand_upright():
    from dashboard.charts.attention import attention_heatmap
    from dashboard.charts.embeddings import norms_chart

    tokens = [f"w{i}" for i in range(52)]
    parts = {"word_embeddings": np.ones((52, 4), dtype=np.float32)}
    assert norms_chart(parts, tokens).layout.xaxis.tickangle == -90
    assert norms_chart({"word_embeddings": np.ones((6, 4), dtype=np.float32)}, tokens[:6]).layout.xaxis.tickangle == -60
    assert attention_heatmap(np.eye(20, dtype=np.float32), tokens[:20], tokens[:20]).layout.xaxis.tickangle == -90


@pytest.mark.parametrize("style", [READING, PRESENTER])
def test_altair_charts_get_the_same_sizes_and_colour(style):
    import altair as alt
    import pandas as pd

    from dashboard.charts.legibility import legible_altair

    chart = alt.Chart(pd.DataFrame({"position": [0, 1], "value": [0.5, -0.5]})).mark_line().encode(
        x="position", y="value")
    config = legible_altair(chart, style).to_dict()["config"]
    assert config["axis"]["labelFontSize"] == style.chart_px and config["legend"]["labelFontSize"] == style.legend_px
    for colour in (config["axis"]["labelColor"], config["legend"]["labelColor"], config["title"]["color"]):
        assert contrast_ratio(parse_colour(colour), parse_colour(config["background"])) >= 4.5


def test_step_figure_labels_every_source_token():
    from dashboard.charts.translation import step_figure

    source = [f"w{i}" for i in range(26)]
    fig = step_figure(np.ones(1, dtype=np.float32), np.full(26, 1 / 26, dtype=np.float32), ["<s>"], source, 1, "une")
    assert fig.layout.xaxis2.dtick == 1 and fig.layout.xaxis2.tickmode == "linear"  # none dropped by Plotly
    assert fig.layout.xaxis2.tickangle == -90


def edge_figures() -> list[go.Figure]:
    """Figures setting what the pass reads: log axes, colour axes, a marker's colour bar, a hidden scale, per-point
    text colours, coloured annotations, a legend title, a top margin, numbers on bars, a heatmap's texttemplate."""
    log = go.Figure(go.Scatter(x=[16, 4096], y=[1e-3, 1], text=["a", "b"], textfont={"color": ["#8a8a8a", "red"]}))
    log.update_xaxes(type="log")
    log.update_layout(legend_title_text="kind", margin={"t": 40}, hoverlabel={"font": {"size": 20}})
    log.add_annotation(x=1, y=0, text="note", font={"color": "rgb(138, 138, 138)", "size": 9})
    shared = go.Figure([go.Heatmap(z=[[0, 1], [1, 0]], coloraxis="coloraxis2", texttemplate="%{z}"),
                        go.Heatmap(z=[[1, 2]], showscale=False),
                        go.Scatter(x=[0, 1], y=[0, 1], mode="markers", marker={"color": [0, 1], "showscale": True}),
                        go.Bar(x=["a"], y=[1], text=["1.0"], textfont={"size": 8, "family": "serif"})])
    shared.update_layout(coloraxis2={"colorscale": "Viridis"}, xaxis2={"domain": [0.5, 1]},
                         title={"text": "t", "font": {"color": "#999999"}})
    return [log, shared]


def builder_figures() -> list[go.Figure]:
    """The Embeddings page's three figures, Coreference's candidate panels and an attention heatmap."""
    from dashboard.charts.attention import attention_heatmap
    from dashboard.charts.coreference import candidate_attention_figure
    from dashboard.charts.embeddings import embedding_parts_heatmaps, norms_chart, pca_scatter

    rng = np.random.default_rng(1)
    tokens = ["[CLS]", "the", "animal", "didn", "'", "t", "cross", "it", "[SEP]"]
    parts = {name: rng.normal(size=(len(tokens), 8)).astype(np.float32)
             for name in ("word_embeddings", "token_type_embeddings", "position_embeddings", "embedding_sum")}
    panels = {0: (rng.normal(size=(len(tokens), 2)), np.array([0.4, 0.2])),
              2: (rng.normal(size=(len(tokens), 2)), np.array([0.5, 0.1]))}
    return [embedding_parts_heatmaps(parts, tokens), norms_chart(parts, tokens),
            pca_scatter(panels, tokens, np.zeros(len(tokens))),
            candidate_attention_figure(rng.random((2, 4, 3)).astype(np.float32), ["animal", "street", "it"], "it"),
            attention_heatmap(rng.dirichlet(np.ones(5), size=5).astype(np.float32), tokens[:5], tokens[:5])]


@pytest.mark.parametrize("style", [READING, PRESENTER])
def test_the_dict_pass_gives_the_json_the_graph_object_updates_gave(style):
    """The witness is the pass as first written (tests/support/reference_legibility.py), each text set through
    Plotly's own ``update`` calls on a twin of the figure; the figure given is left as it was."""
    from tests.support.reference_legibility import legible_plotly as by_updates

    for fig in figures() + edge_figures() + builder_figures():
        before = fig.to_json()
        expected = json.loads(by_updates(go.Figure(fig.to_dict()), style).to_json())
        assert json.loads(legible_plotly(fig, style).to_json()) == expected, fig.layout.title.text
        assert fig.to_json() == before


def test_a_figure_with_its_own_template_keeps_it():
    fig = go.Figure(go.Bar(x=[1], y=[1]), layout={"template": "plotly_dark"})
    assert legible_plotly(fig, READING).layout.template == fig.layout.template
    assert legible_plotly(go.Figure(go.Bar(x=[1], y=[1])), READING).layout.template == go.Figure().layout.template


@pytest.mark.parametrize("style", [READING, PRESENTER])
def test_the_unchecked_copy_is_the_json_a_checked_copy_gives(style):
    """The styled copy is built without Plotly's value checks; built from the same dict with them, it gives
    the same JSON, every key and value (so the checks had nothing to coerce or refuse; they only put a font's keys
    in the schema's order, which JSON does not read)."""
    for fig in figures() + edge_figures() + builder_figures():
        styled = legible_plotly(fig, style)
        checked = go.Figure(styled.to_dict())
        assert json.loads(styled.to_json()) == json.loads(checked.to_json()), fig.layout.title.text
