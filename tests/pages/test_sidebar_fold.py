"""The shared sidebar folds BERT's model and sentences away on pages that have an input of their own."""

from __future__ import annotations

import pytest

from tests.support.apptest import run_page


@pytest.mark.parametrize("page", ["rnn_lstm", "translation"])
def test_pages_with_their_own_input_fold_the_bert_controls(dashboard_env, page):
    at = run_page(page, {"text": "Mary gave John the book."})
    assert not at.exception, [e.value for e in at.exception]
    folded = [e for e in at.sidebar.expander if e.label == "BERT pages: model and sentences"]
    assert len(folded) == 1
    # still drawn inside the fold, so the typed sentence survives the visit and stays in the link
    assert [box.value for box in folded[0].text_input][:1] == ["Mary gave John the book."]
    assert at.query_params["text"] == "Mary gave John the book."


def test_bert_pages_keep_the_controls_in_view(dashboard_env):
    at = run_page("attention", {"text": "Mary gave John the book."})
    assert not at.exception, [e.value for e in at.exception]
    assert not [e for e in at.sidebar.expander if e.label.startswith("BERT pages")]
    assert at.sidebar.text_input(key="text").value == "Mary gave John the book."
