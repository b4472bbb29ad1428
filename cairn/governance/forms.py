"""Forms for bodies, seats, meetings, agenda items and decisions. They parse and keep what
was typed; the rules live in ``services``."""

from django import forms

from cairn.accounts.models import Agency, User
from cairn.core.forms import EditForm as VersionedForm
from cairn.core.forms import GovukDateField
from cairn.governance.models import (
    AgendaItemKind,
    BodyKind,
    MeetingStatus,
    MemberRole,
)


class BodyForm(VersionedForm):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the name of the body"}
    )
    kind = forms.ChoiceField(
        label="Kind of body",
        choices=BodyKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of body it is"},
    )
    purpose = forms.CharField(label="Purpose", widget=forms.Textarea, required=False)
    chair_name = forms.CharField(label="Chair", max_length=200, required=False)
    chair_is_independent = forms.BooleanField(
        label="The chair is independent of the partners", required=False
    )
    meets_every_months = forms.IntegerField(
        label="Meets every (months)",
        min_value=1,
        max_value=24,
        initial=1,
        error_messages={
            "required": "Enter how often the body meets, in months",
            "invalid": "How often the body meets must be a number of months, like 2",
            "min_value": "How often the body meets must be at least every 1 month",
            "max_value": "How often the body meets must be at most every 24 months",
        },
    )
    is_active = forms.BooleanField(label="The body is active", required=False, initial=True)


class MemberForm(VersionedForm):
    user = forms.ModelChoiceField(
        label="Cairn user",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not a Cairn user: I will give their name",
        error_messages={"invalid_choice": "Choose a person from the list"},
    )
    name = forms.CharField(
        label="Name",
        max_length=200,
        required=False,
        help_text="For someone outside Cairn, such as a councillor or an independent chair",
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )
    agency = forms.ModelChoiceField(
        label="Agency represented",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="None, or the user's own agency",
        error_messages={"invalid_choice": "Choose an agency from the list"},
    )
    role = forms.ChoiceField(
        label="Role on the body",
        choices=MemberRole.choices,
        widget=forms.RadioSelect,
        initial=MemberRole.MEMBER,
        error_messages={"required": "Choose the member's role on the body"},
    )
    joined_on = GovukDateField(label="Date they joined", required=False)
    left_on = GovukDateField(label="Date they left", required=False)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(agency__partnership=partnership, is_active=True)
            .select_related("agency")
            .order_by("last_name", "first_name")
        )
        self.fields["agency"].queryset = Agency.objects.filter(
            partnership=partnership, is_active=True
        )


class MeetingForm(VersionedForm):
    held_on = GovukDateField(label="Date of the meeting", help_text="For example, 12 3 2026")
    location = forms.CharField(label="Where", max_length=200, required=False)


class MeetingRecordForm(MeetingForm):
    status = forms.ChoiceField(
        label="Status",
        choices=MeetingStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the meeting was held"},
    )
    minutes = forms.CharField(label="Minutes", widget=forms.Textarea, required=False)
    minutes_approved_on = GovukDateField(label="Date the minutes were approved", required=False)


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=300,
        error_messages={"required": "Enter the title of the agenda item"},
    )
    kind = forms.ChoiceField(
        label="Kind of item",
        choices=AgendaItemKind.choices,
        widget=forms.RadioSelect,
        initial=AgendaItemKind.OTHER,
        error_messages={"required": "Choose what kind of item it is"},
    )
    presenter = forms.CharField(label="Presented by", max_length=200, required=False)


class DecisionForm(VersionedForm):
    decided_on = GovukDateField(label="Date of the decision", past=True)
    reference = forms.CharField(
        label="Decision reference",
        max_length=60,
        required=False,
        help_text="For example CAB/2020/045",
    )
    summary = forms.CharField(
        label="What was decided",
        widget=forms.Textarea,
        error_messages={"required": "Say what was decided"},
    )
    meeting = forms.ModelChoiceField(
        label="Meeting",
        queryset=None,
        required=False,
        empty_label="Not at a meeting",
        error_messages={"invalid_choice": "Choose a meeting from the list"},
    )
    agenda_item = forms.ModelChoiceField(
        label="Agenda item",
        queryset=None,
        required=False,
        empty_label="No particular item",
        error_messages={"invalid_choice": "Choose an agenda item from the list"},
    )

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        from cairn.governance.models import AgendaItem

        self.fields["meeting"].queryset = body.meetings.exclude(status=MeetingStatus.CANCELLED)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(
            meeting__body=body
        ).select_related("meeting")
        self.fields["agenda_item"].label_from_instance = lambda item: (
            f"{item.meeting.held_on:%-d %b %Y}: {item.order}. {item.title}"
        )
