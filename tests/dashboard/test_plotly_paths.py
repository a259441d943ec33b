"""The memoised plotly path parser (dashboard/charts/plotly_paths.py) returns what plotly's own returns, and the
figures built with it serialise to the same JSON."""

from __future__ import annotations

import plotly.basedatatypes as plotly_base
import plotly.io as pio

import dashboard.charts  # noqa: F401  (importing the package memoises the parser)
from dashboard.charts.plotly_paths import MEMOISED, memoise_path_parsing

PATHS = ["", "xaxis", "xaxis.tickfont.size", "title_text", "layout.xaxis2.title.font.color", "marker.color",
         "error_x.thickness", "annotations[3].text", "yaxis_autorange", "a__b", "_leading", "trailing_", "data[0].z"]


def test_the_parser_is_memoised_once_and_returns_what_plotly_returns():
    parser = plotly_base._str_to_dict_path_full
    assert getattr(parser, MEMOISED)
    memoise_path_parsing()
    assert plotly_base._str_to_dict_path_full is parser  # not wrapped twice
    for path in PATHS:
        for _ in range(2):  # the second call comes from the cache
            got = parser(path)
            assert got == parser.original(path), path
            assert isinstance(got[1], list)
    first = parser("xaxis.tickfont.size")[1]
    first.append(99)  # a caller changing its list changes no later answer
    assert parser("xaxis.tickfont.size") == parser.original("xaxis.tickfont.size")


def test_a_figure_built_with_the_memoised_parser_has_the_same_json():
    import numpy as np

    from dashboard.charts.pronoun import pronoun_attention_figure

    weights = np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 24
    figure = pronoun_attention_figure(weights, ["the", "cat", "it", "</s>"], [1], "title")
    fast = pio.to_json(figure)
    parser = plotly_base._str_to_dict_path_full
    plotly_base._str_to_dict_path_full = parser.original
    try:
        slow = pio.to_json(pronoun_attention_figure(weights, ["the", "cat", "it", "</s>"], [1], "title"))
    finally:
        plotly_base._str_to_dict_path_full = parser
    assert fast == slow
