"""Incidents app models, one module per part of the casework (NetBox-style package)."""

from cairn.incidents.models.incidents import Context, Decision, Incident, Involvement

__all__ = ["Context", "Decision", "Incident", "Involvement"]

from cairn.incidents.models.strategy import (  # noqa: E402
    ContextAssessment,
    ContextSafetyPlan,
    PoliceInvestigation,
    Section47Enquiry,
    StrategyAttendee,
    StrategyDiscussion,
)

__all__ += [
    "ContextAssessment",
    "ContextSafetyPlan",
    "PoliceInvestigation",
    "Section47Enquiry",
    "StrategyAttendee",
    "StrategyDiscussion",
]

# Each child's plans and HSB assessments; actions (cairn.incidents.models.plans and .actions).
from cairn.incidents.models.actions import Action  # noqa: E402
from cairn.incidents.models.plans import HsbAssessment, Plan, PlanReview  # noqa: E402

__all__ += ["Action", "HsbAssessment", "Plan", "PlanReview"]
