"""Running a dashboard page in Streamlit's AppTest and reading its figures and message boxes back."""

from __future__ import annotations

from pathlib import Path

DASHBOARD_APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
DASHBOARD_PAGES = ("home", "embeddings", "attention", "attention_arithmetic", "positional_encoding", "masked_lm")


def run_page(page: str, query: dict[str, str] | None = None, timeout: float = 120):
    """Run the dashboard on ``page`` (a DASHBOARD_PAGES name) with URL query parameters; returns the AppTest."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "home":
        at.switch_page(f"../pages/{page}.py")
        at.run()
    return at


def decode_plotly_array(value):
    """A Plotly JSON array, plain list or base64 typed array ({"dtype", "bdata", "shape"}) -> NumPy."""
    import base64

    import numpy as np

    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if shape:
            array = array.reshape([int(s) for s in str(shape).split(",")])
        return array
    return np.asarray(value)


def plotly_specs(at) -> list[dict]:
    """The figure JSON of every Plotly chart the AppTest run drew, in page order."""
    import json

    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def figure_by_key(at, key: str) -> dict:
    """The Plotly figure JSON the page drew with ``figures.show_figure(..., key)`` (exactly one such chart)."""
    import json

    charts = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"chart_{key}")]
    assert len(charts) == 1, [c.proto.id for c in at.get("plotly_chart")]
    return json.loads(charts[0].proto.spec)


def page_texts(at, kind: str) -> list[str]:
    """Texts of st.info / st.warning / st.error / st.success boxes ("info", "warning", "error", "success")."""
    return [element.value for element in getattr(at, kind)]




def on_dashboard_worker(work, *args, **kwargs):
    """``work(*args, **kwargs)`` on the dashboard's worker thread, where the pages run every model pass.

    The worker sets its own torch thread count (1 by default; OpenMP's count is per thread), so a pass the test
    thread makes with the machine's count may round differently in the last bit on a machine with several cores.
    An expected value computed here is what the page computed, and can be compared bit for bit."""
    from dashboard.worker import run

    return run(work, *args, **kwargs)
