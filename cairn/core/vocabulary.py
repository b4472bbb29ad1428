"""A partnership's own controlled vocabulary (learning themes, listening themes, ...).

The defaults come from a YAML file in ``cairn/data`` (``themes:`` with ``name`` and
``description``); each partnership gets its own copy to extend and retire. A retired term
stays on what is already tagged with it. The services of the owning app check permissions and
call these functions; the vocabulary model needs ``partnership``, ``name``, ``description``
and ``is_active``.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction

from cairn.audit.context import acting_as


def default_terms(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)["themes"]


def terms_seed(model: type[models.Model], *, partnership, path: Path) -> int:
    """Give ``partnership`` the default terms it does not have yet (by name). Idempotent: a
    term the partnership retired is never added again. Returns how many were added."""
    existing = {
        n.lower()
        for n in model.objects.filter(partnership=partnership).values_list("name", flat=True)
    }
    added = 0
    with transaction.atomic():
        for term in default_terms(path):
            if term["name"].lower() in existing:
                continue
            model.objects.create(
                partnership=partnership, name=term["name"], description=term.get("description", "")
            )
            added += 1
    return added


def term_add(model: type[models.Model], *, by, partnership, name: str, description: str, noun: str):
    """A new term, refused when empty or when the partnership already has one by that name."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": f"Enter the name of the {noun}"})
    if model.objects.filter(partnership=partnership, name__iexact=name).exists():
        raise ValidationError({"name": f"There is already a {noun} called {name}"})
    with transaction.atomic(), acting_as(by):
        return model.objects.create(
            partnership=partnership, name=name, description=description.strip()
        )


def term_set_active(*, by, term, is_active: bool):
    """Retire a term (it stays on what is already tagged with it) or bring it back."""
    with transaction.atomic(), acting_as(by):
        term.is_active = is_active
        term.save(update_fields=["is_active", "updated_at"])
    return term
