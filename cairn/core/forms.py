"""Form fields shared by every app.

``GovukDateField`` is the GOV.UK date input: separate day, month and year boxes, with the
design system's error messages ("Date of birth must include a month", "... must be a real
date"). ``{% govuk_field form.field %}`` renders it; what the user typed is kept as typed.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

PARTS = ("day", "month", "year")
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


class GovukDateInput(forms.MultiWidget):
    """Three text boxes named ``<name>_day``, ``<name>_month`` and ``<name>_year``."""

    def __init__(self, attrs=None):
        super().__init__({part: forms.TextInput for part in PARTS}, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else ""  # the error summary links to the day box


class GovukDateField(forms.Field):
    widget = GovukDateInput

    def __init__(self, *, label: str, required: bool = True, past: bool = False, **kwargs):
        self.past = past
        super().__init__(label=label, required=required, **kwargs)
        self.error_messages["required"] = f"Enter {label[0].lower()}{label[1:]}"

    def prepare_value(self, value) -> dict:
        """The three boxes' contents: as typed when the form is bound, else from a date."""
        if isinstance(value, str) and value:
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                value = None
        if isinstance(value, dt.date):
            value = [value.day, value.month, value.year]
        if not isinstance(value, list | tuple) or len(value) != len(PARTS):
            value = ["", "", ""]
        return {
            part: "" if v is None else str(v).strip() for part, v in zip(PARTS, value, strict=True)
        }

    def to_python(self, value) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        typed = self.prepare_value(value)
        missing = [part for part in PARTS if not typed[part]]
        if len(missing) == 3:
            return None
        if missing:
            raise forms.ValidationError(f"{self.label} must include a {' and '.join(missing)}")
        month = MONTHS.get(typed["month"].lower(), typed["month"])
        try:
            day, month, year = int(typed["day"]), int(month), int(typed["year"])
        except ValueError:
            raise forms.ValidationError(f"{self.label} must be a real date") from None
        if len(typed["year"]) != 4:
            raise forms.ValidationError("Year must include 4 numbers")
        try:
            date = dt.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(f"{self.label} must be a real date") from None
        if self.past and date > timezone.localdate():
            raise forms.ValidationError(f"{self.label} must be today or in the past")
        return date


class EditForm(forms.Form):
    """A form that edits a versioned record: carries the version the user started from, so a
    service can refuse an edit made against an older one (``update_versioned``)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data
