"""Walking an AppTest page's main area: every text a student reads, outside the "How this was made" expander."""

from __future__ import annotations

import re

# What a student's page should not show outside "How this was made": commands, files, library versions.
DEVELOPER_TEXT = re.compile(r"python -m |\b[\w./-]+\.(?:json|py|safetensors)\b|\bcore/|\bmodels/|\btorch \d|"
                            r"benchmarks\b|training\.json")
TEXT_KINDS = ("markdown", "caption", "info", "warning", "success", "error", "text", "code", "latex")


# The expanders where such text goes ("How this was made", the operator's note on adding a model).
HOW_MADE = {"How this was made", "만든 방법", "For the operator: adding a model", "운영자용: 모델 추가하기"}


def texts_outside_expanders(at) -> list[str]:
    """Texts of the page's main area (not the sidebar), except those inside a "How this was made" expander."""
    found: list[str] = []

    def walk(node) -> None:
        if getattr(node, "type", None) == "expander" and node.label in HOW_MADE:
            return
        children = getattr(node, "children", None)
        if children:
            for child in children.values():
                walk(child)
            return
        if getattr(node, "type", None) in TEXT_KINDS:
            found.append(str(getattr(node, "value", "")))

    walk(at.main)
    return found


def developer_texts(at) -> list[str]:
    return [text for text in texts_outside_expanders(at) if DEVELOPER_TEXT.search(text)]
