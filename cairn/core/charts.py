"""Charts a person reads at a glance, as SVG text: the same picture on a page and in a PDF.

Horizontal bars, one per row, each labelled in words above its bar and with its figure printed
beside it, so the chart never depends on colour alone. A row whose figure is withheld (by
disclosure control, ``value`` None) keeps its label and prints its symbol instead of a bar.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django.utils.html import escape

FONT = 'font-family="Liberation Sans, Arial, sans-serif"'
INK = "#0b0c0c"
BLUE = "#1d70b8"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    shown: str
    colour: str = BLUE


def bar_chart(bars: list[Bar], *, title: str, top: float | None = None, width: int = 640) -> str:
    """SVG of ``bars`` scaled to ``top`` (default: the largest value)."""
    row, bar_h, label_h, figure_w = 46, 18, 20, 70
    bar_w = width - figure_w
    top = top or max((b.value or 0 for b in bars), default=0) or 1
    height = row * len(bars) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = 2 + i * row
        parts.append(
            f'<text x="0" y="{y + 15}" {FONT} font-size="15" fill="{INK}">{escape(bar.label)}</text>'
        )
        length = 0 if bar.value is None else max(round(bar_w * bar.value / top), 1)
        if length:
            parts.append(
                f'<rect x="0" y="{y + label_h}" width="{length}" height="{bar_h}" '
                f'fill="{bar.colour}" stroke="{INK}" stroke-width="1"/>'
            )
        parts.append(
            f'<text x="{length + 8}" y="{y + label_h + 14}" {FONT} font-size="15" '
            f'font-weight="bold" fill="{INK}">{escape(bar.shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def data_uri(svg: str) -> str:
    """An SVG as a ``data:`` URI, for an ``<img>`` in a PDF (WeasyPrint fetches nothing else)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def column_chart(bars: list[Bar], *, title: str, height: int = 220) -> str:
    """SVG of a time series: one column per period, labelled below, figure above each column.

    Labels are thinned when there are many periods so they never overlap (every period keeps
    its figure in the table beside the chart).
    """
    count = max(len(bars), 1)
    slot = max(min(640 // count, 64), 18)
    width = slot * count + 8
    plot_h, label_h = height - 44, 22
    top = max((b.value or 0 for b in bars), default=0) or 1
    every = max(1, -(-count * 54 // width))  # show a label at most every ~54 px
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="0" y1="{plot_h + 18}" x2="{width}" y2="{plot_h + 18}" stroke="{INK}"/>',
    ]
    for i, bar in enumerate(bars):
        x = 4 + i * slot
        length = 0 if bar.value is None else max(round(plot_h * bar.value / top), 1)
        y = plot_h + 18 - length
        if length:
            parts.append(
                f'<rect x="{x + 2}" y="{y}" width="{slot - 4}" height="{length}" '
                f'fill="{bar.colour}" stroke="{INK}" stroke-width="1"/>'
            )
        if slot >= 30 or bar.value is None:
            parts.append(
                f'<text x="{x + slot / 2}" y="{y - 4}" text-anchor="middle" {FONT} '
                f'font-size="13" fill="{INK}">{escape(bar.shown)}</text>'
            )
        if i % every == 0:
            parts.append(
                f'<text x="{x + slot / 2}" y="{plot_h + 18 + label_h - 4}" text-anchor="middle" '
                f'{FONT} font-size="13" fill="{INK}">{escape(bar.label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
