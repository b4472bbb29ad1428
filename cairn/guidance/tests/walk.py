"""Records and URL arguments for the permission walk (cairn/core/tests/test_permission_walk.py).

The walk's rule belongs to a library of the walk's partnership, so another partnership's user
must not find it (national rules are shared by every partnership)."""

import tempfile
from pathlib import Path

from cairn.guidance.library import library_load

LOCAL_LIBRARY = """\
key: local
title: Local procedures
documents:
  - key: local-procedures
    title: Local safeguarding procedures
    editions:
      - key: local2024
        title: Local safeguarding procedures 2024
        from: 2024-04-01
        status: confirmed
rules:
  - key: parents-informed-locally
    editions: [local2024]
    title: Parents told of the outcome
    paragraph: "Section 4.2"
    checks: Parents or carers are told the outcome, unless that would put a child at risk.
    severity: low
    mode: judgement
"""


def records(world):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "local.yaml"
        path.write_text(LOCAL_LIBRARY)
        library = library_load(path=path, partnership=world["partnership"])
    world["guidance_rule"] = library.documents.get().editions.get().rules.get()


def url_kwargs(world):
    return {
        "guidance:rule_detail": {"pk": world["guidance_rule"].pk},
        "guidance:incident_audit": {"pk": world["incident"].pk},
    }
