"""``{% you_said_we_did recommendation %}`` / ``{% you_said_we_did action=action %}``: the
"you said, we did" evidence attached to a recommendation or plan action, for the signed-in
user, for any page to include. One query; their words only while consent to share is in force
(``cairn.voice.selectors.you_said_we_did_for``)."""

from django import template

from cairn.voice.selectors import you_said_we_did_for

register = template.Library()


@register.inclusion_tag("voice/_you_said_we_did.html", takes_context=True)
def you_said_we_did(context, recommendation=None, action=None):
    viewer = context["request"].user
    links = you_said_we_did_for(viewer=viewer, recommendation=recommendation, action=action)
    return {"voice_evidence": list(links), "show_target": False}
