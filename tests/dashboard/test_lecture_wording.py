"""Wording a class reads: Streamlit's developer menu hidden, no "0단계에서" for none of the steps."""

from __future__ import annotations

import tomllib
from pathlib import Path

from dashboard.i18n import label

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def test_streamlit_toolbar_is_minimal_for_every_visitor():
    from streamlit import config

    mode = tomllib.loads(CONFIG.read_text())["client"]["toolbarMode"]
    assert mode == "minimal"
    assert "minimal" in config._config_options_template["client.toolbarMode"].description  # this version has it


def test_no_step_zero_when_no_step_differs():
    text = label("s2s.forcing_caption", "ko", model="tiny-seq2seq", steps=5, reference="x", origin="y", wrong=0)
    assert "0단계에서" not in text and "5개 중 0개" in text
