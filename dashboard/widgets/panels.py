"""Panels several pages share: the explanation of a page, the note on a model trained only on generated stories."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import explanation
from dashboard.language import t


def explanation_panel(page: str, lang: str, expanded: bool = False) -> None:
    with st.expander(t("widgets.explanation"), expanded=expanded):
        st.markdown(explanation(page, lang))


def domain_note(model_name: str, pipeline) -> None:
    """For a model pre-trained only on the generated stories (tiny-bert): say so, with what it answers inside
    and outside the stories (computed once per server) and sentences it knows."""
    from dashboard import cache
    from dashboard.views import bert as views

    examples = views.domain_examples(model_name)
    if not examples or pipeline is None or not pipeline.model.has_mlm:
        return
    (inside, inside_top), (outside, outside_top) = cache.shared("domain_probes", (model_name,),
                                                                lambda: views.domain_probes(pipeline))
    # generated sentences and the model's own tokens, never user text: safe as Markdown
    st.info(t("masked_lm.domain", model=model_name, inside=inside, inside_top=", ".join(inside_top),
              outside=outside, outside_top=", ".join(outside_top))
            + "\n\n" + "\n".join(f"- {line}" for line in examples))
