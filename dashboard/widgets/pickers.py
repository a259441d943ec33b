"""Layer, head and token pickers mirrored in URL query parameters (``layer``, ``head``, ``token``; layers and
heads 1-based as shown, the token as its position), so a copied link reopens the same view.
"""

from __future__ import annotations

import streamlit as st

from dashboard.language import t
from dashboard.url_state import url_selectbox


def layer_head_pickers(num_layers: int, num_heads: int, layer: bool = True, head: bool = True,
                       start: tuple[int, int] | None = None) -> tuple[int, int]:
    """Sliders, 1-based, only for what the view uses (``layer`` / ``head`` False: no slider, the URL's value
    or the default is used); returns 0-based (layer, head). ``start``: the 0-based head to open on (the
    model's teaching head, ``views.bert.teaching_head``); else the last layer's first head."""
    left, right = st.columns(2) if layer and head else (st, st)
    first_layer, first_head = (start[0] + 1, start[1] + 1) if start else (num_layers, 1)
    chosen_layer = _slider(left if layer else None, "widgets.layer", "layer", num_layers, first_layer)
    chosen_head = _slider(right if head else None, "widgets.head", "head", num_heads, first_head)
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
