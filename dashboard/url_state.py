"""Widgets whose URL parameter holds a code, not the label the widget shows.

Streamlit's ``bind="query-params"`` writes a widget's *displayed* option into the URL, so a token
picker showing "10: it" gave ``token=10%3A+it`` and the language radio ``lang=한국어``. These
helpers keep the label on screen and a short code in the URL (``token=10``, ``mask=3,7``,
``lang=ko``): the widget is not bound; its first value comes from the URL, and every run writes
the current value back (the parameter is dropped when the value is the default, as bound
widgets do).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

T = TypeVar("T")


def widget_key(key: str) -> str:
    """The Session State key of the widget behind URL parameter ``key`` (its value is the option, not the label)."""
    return f"{key}_choice"


def _prime(key: str, context: object, initial: Callable[[list[str] | None], object]) -> str:
    """The widget's key, its value set through Session State when the widget is new to this session
    or ``context`` (say, the sentence's tokens) changed. ``initial`` gets the URL's codes (None
    when there are none, or when the context changed: a position chosen in another sentence means
    nothing in this one, so the picker starts again from its default).

    The value goes through Session State, not the widget's ``index``/``default``, because only a
    value set there reaches a widget the browser already shows; otherwise a new sentence left the
    old choice on screen while the page used the default."""
    state_key, marker = widget_key(key), f"{key}_context"
    stale = context is not None and marker in st.session_state and st.session_state[marker] != context
    if context is not None:
        st.session_state[marker] = context
    if stale or state_key not in st.session_state:
        codes = None
        if not stale and key in st.query_params:
            raw = st.query_params.get(key) or ""
            codes = [part.strip() for part in str(raw).split(",") if part.strip()]
        st.session_state[state_key] = initial(codes)
    return state_key


def _write(key: str, code: str | None) -> None:
    """Set the URL parameter (None removes it); only when it changes, so a rerun sends nothing new."""
    url = _url_this_run()
    if code is None:
        if key in url:
            del st.query_params[key]
            url.pop(key, None)
    elif url.get(key) != code:
        st.query_params[key] = code
        url[key] = code


def _url_this_run() -> dict[str, str]:
    """The URL's parameters as this run found them, with this module's own writes since: read once per run.

    Every URL-backed widget compares its code with the URL's on every run, and each ``st.query_params`` lookup
    goes through Session State's lock and proxies (a missing key by way of a KeyError): about a tenth of a
    revisit's CPU. A parameter is written here only by its own widget, so the copy stays true within the run."""
    return once_per_run("url", st.query_params.to_dict)


def once_per_run(name: str, make: Callable[[], T]) -> T:
    """``make()`` once per script run (or fragment rerun), kept on the run's context under ``name``; outside a
    run (a plain test) made at each call. The context's ``cursors`` dict is made anew when each run starts, so
    the kept value belongs to the run that made it."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return make()
    attribute = f"_dashboard_{name}"
    kept = getattr(ctx, attribute, None)
    if kept is not None and kept[0] is ctx.cursors:
        return kept[1]
    value = make()
    setattr(ctx, attribute, (ctx.cursors, value))
    return value


def _url_single(make, label: str, options: Sequence[T], default: T, key: str, format_func: Callable[[T], str],
                context: object, kwargs: dict) -> T:
    """One choice among ``options``: starts from the URL's code, writes the current one back."""
    by_code = {str(option): option for option in options}
    state_key = _prime(key, context, lambda codes: by_code.get(codes[0], default) if codes else default)
    value = make(label, list(options), key=state_key, format_func=format_func, **kwargs)
    _write(key, None if value == default else str(value))
    return value


def url_selectbox(label: str, options: Sequence[T], default: T, key: str,
                  format_func: Callable[[T], str] = str, widget=None, context: object = None, **kwargs) -> T:
    """st.selectbox showing ``format_func(option)``, the URL parameter ``key`` holding ``str(option)``."""
    return _url_single((widget or st).selectbox, label, options, default, key, format_func, context, kwargs)


def url_radio(label: str, options: Sequence[T], default: T, key: str,
              format_func: Callable[[T], str] = str, widget=None, context: object = None, **kwargs) -> T:
    """st.radio showing ``format_func(option)``, the URL parameter ``key`` holding ``str(option)``."""
    return _url_single((widget or st).radio, label, options, default, key, format_func, context, kwargs)


def url_multiselect(label: str, options: Sequence[T], default: list[T], key: str, *, placeholder: str,
                    format_func: Callable[[T], str] = str, widget=None, context: object = None,
                    **kwargs) -> list[T]:
    """st.multiselect showing labels, the URL parameter ``key`` holding the codes joined by commas.

    ``placeholder`` is required: Streamlit's own ("Choose options") is English."""
    by_code = {str(option): option for option in options}
    # An explicit empty value (mask=) means "none chosen".
    state_key = _prime(key, context, lambda codes: list(default) if codes is None else
                        list(dict.fromkeys(by_code[code] for code in codes if code in by_code)))
    values = (widget or st).multiselect(label, list(options), key=state_key, format_func=format_func,
                                        placeholder=placeholder, **kwargs)
    _write(key, None if list(values) == list(default) else ",".join(str(v) for v in values))
    return values


def url_tabs(key: str, codes: Sequence[str], format_func: Callable[[str], str]):
    """st.tabs showing ``format_func(code)`` (a translated name), the URL parameter ``key`` holding the code.

    ``st.tabs(bind="query-params")`` would put the shown label in the URL, so a link copied in Korean
    would not open the same tab in English. The open tab is kept as its label in Session State
    (``{key}_tab``); after a language switch that label is no longer among the names, so the tab
    comes back from the URL's code, which every run writes."""
    labels = [format_func(code) for code in codes]
    code_of = dict(zip(labels, codes))
    state_key = f"{key}_tab"
    chosen = st.session_state.get(state_key)
    if chosen in code_of:
        code = code_of[chosen]
    else:
        url_code = st.query_params.get(key)
        code = url_code if url_code in codes else codes[0]
    st.session_state[state_key] = labels[codes.index(code)]
    containers = st.tabs(labels, key=state_key, on_change="rerun")
    _write(key, None if code == codes[0] else code)
    return containers
