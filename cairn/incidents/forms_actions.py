"""Forms for setting an action and moving it on. The rules live in ``services.actions``."""

from django import forms

from cairn.incidents.forms_plans import OwnedForm, govuk_date
from cairn.incidents.models.actions import ActionStatus
from cairn.incidents.selectors.actions import clock_choices


class ActionForm(OwnedForm):
    description = forms.CharField(
        label="What needs to be done",
        widget=forms.Textarea,
        help_text="One action, written so that anyone can tell when it is done",
        error_messages={"required": "Describe what needs to be done"},
    )
    due_on = govuk_date(
        "Due date", required=False, help_text="For example, 27 3 2026. Or use a timescale below"
    )
    due_clock = forms.ChoiceField(
        label="Or count the due date with a timescale",
        required=False,
        help_text="Counted in working days, skipping weekends, bank holidays and local "
        "closure days",
    )
    due_from = govuk_date("Date the timescale starts from", required=False)

    field_order = [
        "version",
        "description",
        "owner_agency",
        "owner_user",
        "due_on",
        "due_clock",
        "due_from",
    ]

    def __init__(self, *args, user, partnership, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["due_clock"].choices = [
            ("", "No timescale: I chose a due date"),
            *clock_choices(partnership=partnership),
        ]
        self.fields["due_clock"].error_messages["invalid_choice"] = (
            "Choose a timescale from the list"
        )


class ActionStatusForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status of the action"},
    )
    completion_note = forms.CharField(
        label="Note",
        widget=forms.Textarea,
        required=False,
        help_text="Needed when the action is done (what was done, and the evidence) or "
        "cancelled (why)",
    )
