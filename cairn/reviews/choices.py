"""Controlled vocabularies of reviews (defined with the models, listed here by convention)."""

from cairn.incidents.choices import AbuseForm
from cairn.reviews.models import (
    CASE_REVIEW_KINDS,
    NEEDS_RATIONALE,
    HarmNature,
    MilestoneKind,
    PanelResponse,
    RecommendationResponse,
    RecommendationScope,
    RecommendationSource,
    ReviewDecision,
    ReviewKind,
    ReviewStatus,
)

SEXUAL_ABUSE_FORMS = (
    AbuseForm.SEXUAL_VIOLENCE,
    AbuseForm.SEXUAL_HARASSMENT,
    AbuseForm.CAUSING_SEXUAL_ACTIVITY,
    AbuseForm.IMAGE_SHARING,
    AbuseForm.UPSKIRTING,
)
"""The forms of child-on-child *sexual* abuse (a common thematic cohort)."""

STARTING_KINDS = (
    ReviewKind.SERIOUS_INCIDENT_NOTIFICATION,
    ReviewKind.THEMATIC,
    ReviewKind.SCRUTINY,
)
"""A review starts as one of these: a case review moves on to a rapid review and a local
CSPR along the statutory route, never by being created as one."""

__all__ = [
    "CASE_REVIEW_KINDS",
    "NEEDS_RATIONALE",
    "SEXUAL_ABUSE_FORMS",
    "STARTING_KINDS",
    "HarmNature",
    "MilestoneKind",
    "PanelResponse",
    "RecommendationResponse",
    "RecommendationScope",
    "RecommendationSource",
    "ReviewDecision",
    "ReviewKind",
    "ReviewStatus",
]
