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
