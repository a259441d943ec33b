"""The Translation page's pronoun section: the sentence and its twin side by side, the French pronoun each got and
the cross-attention of the step that wrote it (dashboard/views/pronoun.py finds it, dashboard/charts/pronoun.py
draws it)."""

from __future__ import annotations

import streamlit as st

from core.decoding import BEAM_WIDTH, LENGTH_PENALTY
from dashboard import cache
from dashboard.charts.pronoun import pronoun_attention_figure
from dashboard.language import t
from dashboard.views import pronoun as pv
from dashboard.views import translation as tv
from dashboard.widgets import figures
from dashboard.widgets import translator as translator_widgets

TWIN_KEY = "pronoun_twin"
WORLD_GRAMMAR = 3  # the translation grammar whose causal sentences say "it" (core/data/translation_world.py)


def pronoun_of(name: str, translator, source: str) -> tuple[str, pv.PronounView] | None:
    """``source``'s best translation (as text) and its pronoun view, or None after saying why there is none."""
    if not (translator_widgets.source_is_usable(source)
            and translator_widgets.words_are_known(name, translator, source)):
        return None
    result = translator_widgets.run_or_warn(cache.beam_translation, name, source, BEAM_WIDTH, 0, LENGTH_PENALTY)
    if result is None:
        return None
    best = result.candidates[0]
    trace = translator_widgets.run_or_warn(cache.translation_trace, name, source, tuple(best.tokens))
    if trace is None:
        return None
    return best.text, pv.pronoun_view(tv.translation_view(trace))


def describe(pronoun: pv.PronounView) -> None:
    """What the written pronoun says about the antecedent the translator chose, in words."""
    gender = {False: t("pronoun.masculine"), True: t("pronoun.feminine")}
    agreeing = pronoun.agreeing()
    nouns = ", ".join(f"*{c.french}* ({gender[c.feminine]})" for c in agreeing)
    if len(agreeing) == 1:
        st.markdown(t("pronoun.agrees", pronoun=pronoun.pronoun, nouns=nouns, english=agreeing[0].english))
    elif agreeing:
        st.markdown(t("pronoun.agrees_several", pronoun=pronoun.pronoun, nouns=nouns))
    else:
        st.markdown(t("pronoun.agrees_none", pronoun=pronoun.pronoun))
    weights = pv.mean_weights(pronoun)
    looked = ", ".join(f"*{token}* {weight:.2f}" for token, weight in pv.most_attended(pronoun))
    on_nouns = ", ".join(f"*{c.english}* {weights[c.position]:.2f}" for c in pronoun.candidates)
    st.caption(t("pronoun.looked", pronoun=pronoun.pronoun, looked=looked, nouns=on_nouns or "—"))


def one_side(name: str, translator, source: str, heading: str, chart_key: str, best_heads) -> None:
    st.markdown(f"**{heading}**")
    st.text(source)  # the user's words as plain text, never Markdown or HTML
    found = pronoun_of(name, translator, source)
    if found is None:
        return
    translation, pronoun = found
    st.text("→ " + translation)
    if pronoun.row is None:
        st.info(t("pronoun.none"))
        return
    if not pronoun.candidates:
        st.info(t("pronoun.no_nouns"))
    describe(pronoun)
    figures.show_figure(pronoun_attention_figure(
        pronoun.weights, pronoun.source_tokens, [c.position for c in pronoun.candidates],
        t("pronoun.chart_title", pronoun=pronoun.pronoun), figures.chart_words(), best_heads), chart_key)


def recorded_figures(training: dict) -> list[tuple[int, int]]:
    """The held-out pronoun figures of the translator's training record, said in a caption; the best heads."""
    heads = pv.recorded_heads(training)
    accuracy = pv.recorded_accuracy(training)
    by_pronoun = (training.get("pronouns") or {}).get("by_pronoun") or {}
    if accuracy is None or accuracy.get("all") is None:
        st.caption(t("pronoun.not_recorded"))
        return []
    names = ", ".join(f"L{h['layer']} H{h['head']} ({h['score_accuracy']:.0%})" for h in heads)
    st.caption(t("pronoun.recorded", all=accuracy["all"], il=by_pronoun.get("il") or 0.0,
                 elle=by_pronoun.get("elle") or 0.0, heads=names or "—"))
    return [(h["layer"], h["head"]) for h in heads]


def pronoun_section(name: str, translator, source: str) -> None:
    """The section: header, explanation, the recorded figures, then the sentence and its twin side by side (one
    under the other on a narrow screen, as Streamlit's columns do)."""
    st.subheader(t("pronoun.header"))
    st.markdown(t("pronoun.intro"))
    if tv.trained_version(translator) < WORLD_GRAMMAR:  # its grammar has no "it": say so once, translate nothing
        st.info(t("pronoun.other_grammar", model=name, version=tv.trained_version(translator)))
        return
    best_heads = recorded_figures(translator.training)
    default_twin = pv.twin_sentence(source)
    if st.session_state.get(f"{TWIN_KEY}_for") != source:  # a new sentence gets its own twin
        st.session_state[f"{TWIN_KEY}_for"] = source
        st.session_state[TWIN_KEY] = default_twin
    twin = st.text_input(t("pronoun.twin"), key=TWIN_KEY, help=t("pronoun.twin_help")) or ""
    left, right = st.columns(2)
    with left:
        one_side(name, translator, source, t("pronoun.this_sentence"), "pronoun_attention", best_heads)
    with right:
        one_side(name, translator, twin, t("pronoun.twin_sentence"), "pronoun_attention_twin", best_heads)
