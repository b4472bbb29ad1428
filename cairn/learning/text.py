"""Briefing text: plain text with a little structure, rendered safely.

Everything is HTML-escaped first; then a blank line starts a new paragraph, a line starting
``## `` is a heading, lines starting ``- `` or ``* `` are a bulleted list and ``**words**`` are
bold. Nothing else is interpreted: no links, no HTML.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_BULLET = re.compile(r"^[-*]\s+")


def _inline(text: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", escape(text))


def _block(lines: list[str]) -> str:
    if lines[0].startswith("## ") and len(lines) == 1:
        return f'<h2 class="govuk-heading-m">{_inline(lines[0][3:].strip())}</h2>'
    if all(_BULLET.match(line) for line in lines):
        items = "".join(f"<li>{_inline(_BULLET.sub('', line))}</li>" for line in lines)
        return f'<ul class="govuk-list govuk-list--bullet">{items}</ul>'
    return f'<p class="govuk-body">{"<br>".join(_inline(line) for line in lines)}</p>'


def render_briefing_text(text: str) -> SafeString:
    blocks, current = [], []
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if line.startswith("## ") and current:
            blocks.append(current)
            current = []
        if not line:
            if current:
                blocks.append(current)
            current = []
            continue
        current.append(line)
        if line.startswith("## "):
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return mark_safe("\n".join(_block(b) for b in blocks))  # noqa: S308 (escaped above)
