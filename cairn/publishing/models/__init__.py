"""Publications and their versions, the redaction gate's scans and hits, media enquiries."""

from cairn.publishing.models.gate import GateHit, GateScan
from cairn.publishing.models.media import MediaEnquiry
from cairn.publishing.models.publications import (
    AdvanceCopy,
    Publication,
    PublicationVersion,
    VersionDocument,
)

__all__ = [
    "AdvanceCopy",
    "GateHit",
    "GateScan",
    "MediaEnquiry",
    "Publication",
    "PublicationVersion",
    "VersionDocument",
]
