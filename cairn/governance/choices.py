"""Controlled vocabularies of governance (defined with the models, listed here by convention)."""

from cairn.governance.models import AgendaItemKind, BodyKind, MeetingStatus, MemberRole

__all__ = ["AgendaItemKind", "BodyKind", "MeetingStatus", "MemberRole"]
