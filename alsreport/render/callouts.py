"""Quarto callouts (``::: {.callout-note}``) as Quarto's HTML structure and class names."""

from __future__ import annotations

from typing import Any

from alsreport.render.pandoc_ast import attr, attr_classes, attr_id, attr_kv, raw_block, text_inlines, walk

__all__ = ["CALLOUT_TYPES", "transform_callouts"]

CALLOUT_TYPES = ("note", "warning", "important", "tip", "caution")
_APPEARANCES = ("default", "simple", "minimal")


def _callout_type(classes: list[str]) -> str | None:
    for cls in classes:
        if cls.startswith("callout-") and cls[len("callout-"):] in CALLOUT_TYPES:
            return cls[len("callout-"):]
    return None


def _build(node: dict[str, Any]) -> list[dict[str, Any]] | None:
    if node["t"] != "Div":
        return None
    a, blocks = node["c"]
    kind = _callout_type(attr_classes(a))
    if kind is None or "callout" in attr_classes(a):
        return None
    kv = attr_kv(a)
    blocks = list(blocks)
    # As Quarto: an explicit title is preceded by the type's name for screen readers
    # (``<span class="screen-reader-only">Note</span>``); without one, the type's name is the title.
    screen_reader = [{"t": "Span", "c": [attr(classes=["screen-reader-only"]), text_inlines(kind.capitalize())]}]
    if "title" in kv:
        title = screen_reader + text_inlines(kv["title"])
    elif blocks and blocks[0]["t"] == "Header":
        title = screen_reader + blocks.pop(0)["c"][2]
    else:
        title = text_inlines(kind.capitalize())
    appearance = kv.get("appearance", "default")
    appearance = appearance if appearance in _APPEARANCES else "default"
    icon = kv.get("icon", "true").lower() != "false" and appearance != "minimal"
    header: list[dict[str, Any]] = []
    if icon:
        header.append(raw_block('<div class="callout-icon-container"><i class="callout-icon"></i></div>'))
    header.append({"t": "Div", "c": [attr(classes=["callout-title-container"]), [{"t": "Plain", "c": title}]]})
    extra = [c for c in attr_classes(a) if c != f"callout-{kind}"]
    classes = ["callout", f"callout-style-{appearance}", f"callout-{kind}", "callout-titled", *extra]
    if not icon:
        classes.append("no-icon")
    return [{
        "t": "Div",
        "c": [
            attr(attr_id(a), classes),
            [
                {"t": "Div", "c": [attr(classes=["callout-header"]), header]},
                {"t": "Div", "c": [attr(classes=["callout-body-container", "callout-body"]), blocks]},
            ],
        ],
    }]


def transform_callouts(blocks: list[dict[str, Any]]) -> None:
    """Rewrite every callout div in ``blocks`` (in place) as header + body divs."""
    walk(blocks, _build)
