"""Template filters for publications: plain text shown as GOV.UK paragraphs, always escaped."""

import re

from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def paragraphs(text: str):
    """Blank lines separate paragraphs; single line breaks are kept. Every character of the
    text is escaped: a publication's text is never HTML."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n"))]
    return format_html_join(
        "\n",
        '<p class="govuk-body">{}</p>',
        ((mark_safe(escape(b).replace("\n", "<br>")),) for b in blocks if b),
    )
