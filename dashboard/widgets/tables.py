"""Tables and downloads: a frame on screen with translated headers, and its CSV/JSON files.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.i18n import column_label
from dashboard.language import current_language


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
