"""Incidents app models, one module per part of the casework (NetBox-style package)."""

from cairn.incidents.models.incidents import Context, Decision, Incident, Involvement

__all__ = ["Context", "Decision", "Incident", "Involvement"]
