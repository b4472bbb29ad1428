"""Reads for incidents: import from the submodule that owns them."""

from cairn.incidents.selectors.incidents import (
    decision_clock,
    incident_for,
    incidents_visible_to,
    involvement_scope,
    involvements_of,
    involvements_visible_to,
)

__all__ = [
    "decision_clock",
    "incident_for",
    "incidents_visible_to",
    "involvement_scope",
    "involvements_of",
    "involvements_visible_to",
]

# Strategy discussions, section 47, police and contexts (registers their object rules too).
from cairn.incidents.selectors.contexts import (  # noqa: E402
    context_for,
    context_list_for,
    context_page_for,
    contexts_visible_to,
)
from cairn.incidents.selectors.strategy import (  # noqa: E402
    child_protection_for,
    discussion_for,
    police_view_for,
    section47_clocks,
    section47_for,
    strategy_discussions_visible_to,
)

__all__ += [
    "child_protection_for",
    "context_for",
    "context_list_for",
    "context_page_for",
    "contexts_visible_to",
    "discussion_for",
    "police_view_for",
    "section47_clocks",
    "section47_for",
    "strategy_discussions_visible_to",
]

# Each child's plans and HSB assessments; actions and the lists of work (registers their object
# rules and chronology entries too).
from cairn.incidents.selectors.actions import (  # noqa: E402
    action_for,
    action_lists_for,
    actions_for_involvement,
    actions_visible_to,
    my_actions,
    overdue_actions,
    team_actions,
)
from cairn.incidents.selectors.plans import (  # noqa: E402
    hsb_assessment_for,
    next_review_due,
    plan_for,
    plans_for,
    plans_visible_to,
)

__all__ += [
    "action_for",
    "action_lists_for",
    "actions_for_involvement",
    "actions_visible_to",
    "hsb_assessment_for",
    "my_actions",
    "next_review_due",
    "overdue_actions",
    "plan_for",
    "plans_for",
    "plans_visible_to",
    "team_actions",
]
