"""GOV.UK Design System form components for Django forms.

``{% govuk_error_summary form %}`` and ``{% govuk_field form.field %}`` render the GOV.UK
markup (labels, hints, error messages linked from the summary) for any field, keeping what
the user typed.
"""

from django import forms, template

from cairn.core.forms import GovukDateInput

register = template.Library()
DATE_PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))


def widget_kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, GovukDateInput):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    return "input"


def input_type(field) -> str:
    return getattr(field.field.widget, "input_type", "text") or "text"


@register.inclusion_tag("govuk/field.html")
def govuk_field(field, width="", autocomplete=""):
    kind = widget_kind(field)
    value = field.value()
    if kind in ("checkboxes",):
        selected = {str(v) for v in (value or [])}
    else:
        selected = {"" if value is None else str(value)}
    return {
        "field": field,
        "kind": kind,
        "type": input_type(field),
        "width": width,
        "autocomplete": autocomplete or field.field.widget.attrs.get("autocomplete", ""),
        "selected": selected,
        "value": "" if value is None else value,
        "parts": date_parts(field, value) if kind == "date" else [],
    }


def date_parts(field, value: dict) -> list[dict]:
    """The day, month and year boxes of a GOV.UK date input, with what was typed in each and
    whether to mark it as wrong: the missing boxes, a short year, else all three."""
    missing = {part for part, _, _ in DATE_PARTS if not value.get(part)}
    if not field.errors:
        wrong = set()
    elif missing and len(missing) < len(DATE_PARTS):
        wrong = missing
    elif len(value.get("year", "")) != 4:
        wrong = {"year"}
    else:
        wrong = {part for part, _, _ in DATE_PARTS}
    return [
        {
            "id": f"{field.auto_id}_{part}",
            "name": f"{field.html_name}_{part}",
            "label": label,
            "width": width,
            "value": value.get(part, ""),
            "error": part in wrong,
        }
        for part, label, width in DATE_PARTS
    ]


@register.inclusion_tag("govuk/error_summary.html")
def govuk_error_summary(form):
    items = []
    for name, errors in form.errors.items():
        # Radios and checkboxes have no id_for_label: link to the first option (auto_id).
        anchor = f"#{form[name].id_for_label or form[name].auto_id}" if name in form.fields else ""
        for error in errors:
            items.append({"href": anchor, "text": error})
    return {"items": items}


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
