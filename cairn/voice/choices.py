"""Controlled vocabularies of listening (defined with the models, listed here by convention)."""

from cairn.voice.models import (
    CheckOutcome,
    ClosureReason,
    ConsentKind,
    ContactMethod,
    EngagementStage,
    EscalationKind,
    FeedbackFrom,
    FeedbackOutcome,
    InvitationReply,
    ParticipantKind,
)

__all__ = [
    "CheckOutcome",
    "ClosureReason",
    "ConsentKind",
    "ContactMethod",
    "EngagementStage",
    "EscalationKind",
    "FeedbackFrom",
    "FeedbackOutcome",
    "InvitationReply",
    "ParticipantKind",
]
