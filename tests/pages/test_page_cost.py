"""What cuts a page run's cost for a class (shared figures, downloads built at the click), and what must not change
with it.

The model view is built with its layout given at construction (its JSON equal to the figure the
update_* calls built); figures, tables and download files the same for every student are built once
per server and shared, so no page may change a shared figure after it is cached; download files are built
at the click, those with a key once per server, with the same CSV and JSON as before.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.charts.attention import model_view
from tests.support.apptest import run_page

TEXT = "The animal didn't cross the street because it was too tired."
# fig.to_json() of model_view before its layout was given at construction (update_xaxes / update_yaxes /
# update_layout), on the inputs of _fixed_attention: one figure with token rows, one with layer rows.
BEFORE = Path(__file__).with_name("model_view_before_layout_change.json")


def _fixed_attention(L: int, H: int, T: int) -> tuple[np.ndarray, list[str]]:
    """The inputs the saved JSON was made from: seed-0 uniform weights normalised per row, (L, H, T, T) weights."""
    rng = np.random.default_rng(0)
    cases = {}
    for shape in [(2, 3, 5), (6, 8, 16), (2, 2, 40), (12, 12, 200)]:  # drawn in this order when saved
        a = rng.random((*shape[:2], shape[2], shape[2])).astype(np.float32)
        cases[shape] = a / a.sum(-1, keepdims=True)
    return cases[(L, H, T)], [f"t{i}" for i in range(T)]


@pytest.mark.parametrize("case", ["2,3,5,False", "2,2,40,True"])
def test_model_view_json_equals_the_figure_built_with_update_calls(case):
    L, H, T, fixed = case.split(",")
    attentions, tokens = _fixed_attention(int(L), int(H), int(T))
    before = json.loads(BEFORE.read_text())[case]
    figure = model_view(attentions, tokens, fixed_unit=fixed == "True")
    # Plotly's default template, as any new figure gets it (Streamlit changes the default once it has drawn a
    # chart, so the template is compared with a new figure's, the rest with the saved JSON)
    assert figure.layout.template == go.Figure().layout.template
    # the same figure; only the order of the layout's keys differs. Compared as sorted JSON text, since the
    # separators' NaN never equals itself as a parsed float
    assert without_template(figure.to_json()) == without_template(before)


def without_template(text: str) -> str:
    figure = json.loads(text)
    figure["layout"].pop("template")
    return json.dumps(figure, sort_keys=True)


def _recording_model_view(monkeypatch) -> list:
    """Every figure model_view builds, in order (the page imports it from the module on each run)."""
    import dashboard.charts.attention as charts

    built = []

    def recording(*args, **kwargs):
        built.append(charts_model_view(*args, **kwargs))
        return built[-1]

    charts_model_view = charts.model_view
    monkeypatch.setattr(charts, "model_view", recording)
    return built


def as_held(figure) -> str:
    """The figure's own state as JSON, made afresh (a shared figure's ``to_dict`` is made once, when built)."""
    import plotly.io as pio

    return pio.to_json(type(figure).to_dict(figure), validate=False)


def as_sent(figure) -> str:
    """The figure as st.plotly_chart sends it: through ``figure.to_dict()``."""
    import plotly.io as pio

    return pio.to_json(figure.to_dict(), validate=False)


def test_model_view_is_built_once_and_no_page_changes_it(dashboard_env, monkeypatch):
    """Two students on the same link get one figure; showing it (English, then a Korean session that builds
    its own) leaves the cached figure as it was built."""
    from dashboard import cache

    cache._shared.clear()
    built = _recording_model_view(monkeypatch)
    first = run_page("attention", {"text": TEXT})
    assert not first.exception, [e.value for e in first.exception]
    assert len(built) == 1
    shown = as_held(built[0])
    second = run_page("attention", {"text": TEXT})
    assert not second.exception
    assert len(built) == 1, "the second session built the model view again"
    korean = run_page("attention", {"text": TEXT, "lang": "ko"})
    assert not korean.exception
    assert len(built) == 2, "Korean needs its own figure (its words are translated in the cached copy)"
    assert as_held(built[0]) == shown, "a page changed the shared English figure"
    assert as_sent(built[0]) == shown, "what is sent is not the figure as built"
    assert built[1].layout.title.text != built[0].layout.title.text
    other = run_page("attention", {"text": TEXT, "fixed_scale": "true"})
    assert not other.exception
    assert len(built) == 3, "a view option is part of the figure's key"


def test_coreference_per_model_figures_are_built_once(dashboard_env, monkeypatch):
    import dashboard.charts.coreference as charts
    from dashboard import cache

    cache._shared.clear()
    built = []
    original = charts.accuracy_heatmap
    monkeypatch.setattr(charts, "accuracy_heatmap", lambda *a, **k: built.append(original(*a, **k)) or built[-1])
    first = run_page("coreference", {"text": TEXT})
    assert not first.exception, [e.value for e in first.exception]
    assert len(built) == 1
    shown = as_held(built[0])
    second = run_page("coreference", {"text": "The trophy didn't fit in the suitcase because it was too big."})
    assert not second.exception
    assert len(built) == 1, "the accuracy heatmap is per model: another sentence must not build it again"
    assert as_held(built[0]) == shown
    assert as_sent(built[0]) == shown


def _recording_buttons(monkeypatch) -> dict:
    from streamlit.delta_generator import DeltaGenerator

    seen = {}

    def download_button(self, label, data, **kwargs):
        seen[label] = data
        return False

    monkeypatch.setattr(DeltaGenerator, "download_button", download_button)
    return seen


def test_keyed_downloads_are_built_at_the_first_click_once_with_the_same_contents(monkeypatch):
    """No run builds a file; the first click on a keyed file builds it, later clicks (any session) reuse it;
    the keyed and unkeyed files hold the same bytes."""
    from streamlit.testing.v1 import AppTest

    from dashboard import cache
    from dashboard.widgets import tables

    seen = _recording_buttons(monkeypatch)
    calls = []
    frame = pd.DataFrame({"token": ["나", "<script>", "it"], "weight": [0.125, 1e-9, np.float32(0.5)]})

    def build_frame():
        calls.append(1)
        return frame

    def script():
        import numpy as np

        from tests.pages import test_page_cost as here

        here.WIDGETS.downloads("keyed", here.BUILD, lambda: {"w": np.arange(3)}, key=("page", "model", "text"))
        here.WIDGETS.downloads("deferred", here.BUILD, lambda: {"w": np.arange(3)})

    globals().update(WIDGETS=tables, BUILD=build_frame)
    cache._download_files.clear()
    clicks = []
    for _ in range(2):
        at = AppTest.from_function(script)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        clicks.append(seen["keyed.csv"])
    assert not calls, "no file is built before a click"
    assert all(callable(seen[label]) for label in ("keyed.csv", "keyed.json", "deferred.csv", "deferred.json"))
    assert clicks[0]() == clicks[1]() == frame.to_csv(index=False)
    assert len(calls) == 1, "the keyed CSV is built once, whichever run's button is clicked"
    assert seen["deferred.csv"]() == frame.to_csv(index=False)
    assert seen["keyed.json"]() == seen["deferred.json"]() == '{"w": [0, 1, 2]}'


def test_attention_page_downloads_keep_their_contents(dashboard_env, monkeypatch):
    """The page's files, built at the click, are the view's frame and payload."""
    from dashboard import cache
    from dashboard.views import bert as views
    from dashboard.widgets.tables import _jsonable

    seen = _recording_buttons(monkeypatch)
    cache._download_files.clear()
    at = run_page("attention", {"text": TEXT})
    assert not at.exception, [e.value for e in at.exception]
    trace, encoded = cache.trace(dashboard_env["default"], TEXT, None)
    view = views.attention_view(trace, encoded.tokens, False, False)
    assert seen["attention_all_heads.csv"]() == views.attention_frame(view).to_csv(index=False)
    expected = json.dumps(_jsonable(views.attention_payload(view)), ensure_ascii=False)
    assert seen["attention_all_heads.json"]() == expected
