"""GOV.UK Design System form components for Django forms.

``{% govuk_error_summary form %}`` and ``{% govuk_field form.field %}`` render the GOV.UK
markup (labels, hints, error messages linked from the summary) for any field, keeping what
the user typed.
"""

from django import forms, template

register = template.Library()


def widget_kind(field) -> str:
    widget = field.field.widget
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
    }


@register.inclusion_tag("govuk/error_summary.html")
def govuk_error_summary(form):
    items = []
    for name, errors in form.errors.items():
        anchor = f"#{form[name].id_for_label}" if name in form.fields else ""
        for error in errors:
            items.append({"href": anchor, "text": error})
    return {"items": items}


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
