"""Tables and downloads: a frame on screen with translated headers, and its CSV/JSON files.
"""

from __future__ import annotations

import functools
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
    """CSV of ``frame`` and JSON of ``payload`` (the frame's records when None), side by side; ``frame`` and
    ``payload`` may be callables returning them.

    Each file is built when its button is clicked, not on every run: a new sentence costs its files only
    for the students who download them. ``deferred_files.keep_clicked_files`` makes the built file belong to
    the session that clicked (Streamlit 1.67 alone deletes it after any two other runs, a 404 at the first
    click under a classroom's load). With ``key`` (everything the files depend on: page, model, sentence,
    options), a file is built once per (name, key) on this server (``cache.download_file``) and every
    student clicking it gets that copy. Where the keeper cannot be installed (another Streamlit), keyed files
    are built with the page, as before.
    """
    def table() -> pd.DataFrame:
        return frame() if callable(frame) else frame

    def csv_text() -> str:
        return table().to_csv(index=False)

    def json_text() -> str:
        data = payload() if callable(payload) else payload
        return json.dumps(_jsonable(data if data is not None else table()), ensure_ascii=False)

    from dashboard import cache  # imported here: cache loads the models' modules, widgets is imported early
    from dashboard.deferred_files import keep_clicked_files

    kept = keep_clicked_files()
    csv_data, json_data = csv_text, json_text
    if key is not None:
        csv_data = functools.partial(cache.download_file, f"{name}.csv", key, csv_text)
        json_data = functools.partial(cache.download_file, f"{name}.json", key, json_text)
        if not kept:
            csv_data, json_data = csv_data(), json_data()
    # One horizontal block, not st.columns(2): three blocks each run (the row and two columns), and every block
    # Streamlit opens costs a cursor and a delta, a tenth of a revisit's CPU on the four rows of Attention.
    row = st.container(horizontal=True)
    row.download_button(f"{name}.csv", csv_data, file_name=f"{name}.csv", mime="text/csv",
                        key=f"csv_{name}", on_click="ignore", icon=":material/download:")
    row.download_button(f"{name}.json", json_data, file_name=f"{name}.json", mime="application/json",
                        key=f"json_{name}", on_click="ignore", icon=":material/download:")
