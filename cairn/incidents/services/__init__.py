"""Writes for incidents: import from the submodule that owns them."""

from cairn.incidents.services.incidents import (
    ChildInIncident,
    decision_record,
    decision_sign_off,
    incident_record,
    involvement_add,
    involvement_triage,
    involvement_update,
    mash_receive,
)

__all__ = [
    "ChildInIncident",
    "decision_record",
    "decision_sign_off",
    "incident_record",
    "involvement_add",
    "involvement_triage",
    "involvement_update",
    "mash_receive",
]

# Strategy discussions, section 47, police, and contexts' own assessments and safety plans.
from cairn.incidents.services.contexts import (  # noqa: E402
    context_assessment_record,
    context_assessment_update,
    context_create,
    context_safety_plan_record,
    context_safety_plan_update,
    context_update,
)
from cairn.incidents.services.strategy import (  # noqa: E402
    Attendee,
    police_investigation_save,
    section47_update,
    strategy_discussion_record,
)

__all__ += [
    "Attendee",
    "context_assessment_record",
    "context_assessment_update",
    "context_create",
    "context_safety_plan_record",
    "context_safety_plan_update",
    "context_update",
    "police_investigation_save",
    "section47_update",
    "strategy_discussion_record",
]

# Each child's plans, reviews and HSB assessments; actions.
from cairn.incidents.services.actions import action_create, action_update_status  # noqa: E402
from cairn.incidents.services.plans import (  # noqa: E402
    hsb_assessment_record,
    plan_record,
    plan_review,
    plan_update,
)

__all__ += [
    "action_create",
    "action_update_status",
    "hsb_assessment_record",
    "plan_record",
    "plan_review",
    "plan_update",
]
