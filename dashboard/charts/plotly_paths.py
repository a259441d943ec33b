"""Plotly's graph objects parse every property path ("xaxis.tickfont.size", "title_text", "marker.color") from
its string again on each read and each update: about 30 % of the CPU that building a page's figures costs
(profiled on the Embeddings page's three figures, 24 tokens of tiny-bert: 78 ms per sentence, 47 ms with the
parse memoised). Graph objects' overhead is plotly.py's known trade-off (issue #5514). The parse,
``plotly.basedatatypes._str_to_dict_path_full``, is a pure function of the string, so it is memoised here, once
per process, when ``dashboard.charts`` is imported: the figures are the same objects with the same JSON
(tests/dashboard/test_plotly_paths.py), built faster for every student who types a new sentence.
"""

from __future__ import annotations

import functools

import plotly.basedatatypes as plotly_base

MEMOISED = "_dashboard_memoised"  # marks the wrapper, so importing twice never wraps it again
DISTINCT_PATHS = 8192  # a page's charts use a few hundred distinct paths


def memoise_path_parsing() -> None:
    """Replace plotly's path parser with a memoised one returning the same values (a fresh list of positions
    each call, since callers receive a list)."""
    original = plotly_base._str_to_dict_path_full
    if getattr(original, MEMOISED, False):
        return
    parse = functools.lru_cache(maxsize=DISTINCT_PATHS)(original)

    def parse_path(key_path_str):
        path, positions = parse(key_path_str)
        return path, list(positions)

    setattr(parse_path, MEMOISED, True)
    parse_path.original = original
    plotly_base._str_to_dict_path_full = parse_path
