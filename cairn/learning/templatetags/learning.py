"""Template helpers of the learning app.

``{{ briefing.body|briefing_text }}`` renders briefing text safely (``cairn.learning.text``).

``{% practice_links "hsb_assessment" %}`` lists the practice library's resources for a page's
topic (a ``cairn.learning.choices.Topic`` value), as the signed-in user may see them; it shows
nothing for a user without ``learning.view_practice_library`` or when no resource matches.
"""

from django import template

from cairn.learning.selectors import practice_links as _practice_links
from cairn.learning.text import render_briefing_text

register = template.Library()


@register.filter
def briefing_text(text):
    return render_briefing_text(text)


@register.inclusion_tag("learning/_practice_links.html", takes_context=True)
def practice_links(context, topic: str, heading: str = "Practice guidance"):
    request = context.get("request")
    user = getattr(request, "user", None)
    resources = _practice_links(viewer=user, topic=topic) if user is not None else []
    return {"resources": resources, "heading": heading}
