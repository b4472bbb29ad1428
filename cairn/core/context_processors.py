"""What every page needs: the navigation the user may use and whether this is demo data."""

from django.urls import reverse

from cairn.accounts.permissions import may

NAVIGATION = [
    ("Home", "core:home", None),
    ("MASH", "incidents:mash_queue", "incidents.decide"),
    ("Record an incident", "incidents:new", "incidents.record_incident"),
    ("Your actions", "incidents:actions", "incidents.view_actions"),
    ("Contexts", "incidents:context_list", "incidents.view_context"),
    ("People", "people:search", "people.search_people"),
    ("Reviews", "reviews:list", "reviews.view_reviews"),
    ("Action plans", "actionplans:list", "actionplans.view_plans"),
    ("Governance", "governance:body_list", "governance.view_governance"),
    ("Guidance", "guidance:rule_list", "guidance.view_rules"),
    ("Thematic audits", "guidance:audit_list", "guidance.view_thematic_reports"),
    ("Insights", "insights:home", "insights.view_dashboards"),
    ("Listening", "voice:list", "voice.view_engagements"),
    ("Publications", "publishing:list", "publishing.view_publications"),
    ("Media enquiries", "publishing:enquiry_list", "publishing.view_media"),
    ("Briefings", "learning:my_briefings", "learning.read_briefings"),
    ("Administration", "accounts:admin_home", "accounts.manage_users"),
    ("Audit trail", "audit:search", "audit.view_trail"),
]


def cairn(request):
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        path = request.path
        for label, name, action in NAVIGATION:
            if action is None or may(user, action):
                href = reverse(name)
                current = path == href if href == "/" else path.startswith(href)
                nav.append({"text": label, "href": href, "current": current})
    partnership = user.partnership if user is not None and user.is_authenticated else None
    return {
        "cairn_nav": nav,
        "cairn_partnership": partnership,
        "cairn_demo": bool(partnership and partnership.is_demo),
    }
