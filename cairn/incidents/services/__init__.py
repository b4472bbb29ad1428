"""Writes for incidents: import from the submodule that owns them."""

from cairn.incidents.services.incidents import (
    ChildInIncident,
    decision_record,
    decision_sign_off,
    incident_record,
    involvement_add,
    involvement_triage,
    mash_receive,
)

__all__ = [
    "ChildInIncident",
    "decision_record",
    "decision_sign_off",
    "incident_record",
    "involvement_add",
    "involvement_triage",
    "mash_receive",
]
