"""Forms for recording an incident. Errors are specific and in plain English."""

import datetime as dt

from django import forms
from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.accounts.models import Agency
from cairn.incidents.choices import (
    AbuseForm,
    DecisionOutcome,
    InvolvementRole,
    Rag,
    ReferralSource,
    ReportOutcome,
    SexualViolenceKind,
)
from cairn.incidents.models import Context

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d %m %Y"]


class UkDateField(forms.DateField):
    def __init__(self, *, label, required=True, **kwargs):
        super().__init__(
            label=label,
            required=required,
            input_formats=DATE_FORMATS,
            help_text=kwargs.pop("help_text", "For example, 27/3/2026"),
            error_messages={
                "required": f"Enter {label.lower()}",
                "invalid": f"{label} must be a real date, like 27/3/2026",
            },
            **kwargs,
        )


class IncidentDetailsForm(forms.Form):
    reported_on = UkDateField(label="Date it was reported")
    reported_time = forms.TimeField(
        label="Time it was reported",
        help_text="24-hour clock, for example 14:30",
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        error_messages={
            "required": "Enter the time it was reported",
            "invalid": "Time it was reported must be like 14:30",
        },
    )
    occurred_on = UkDateField(
        label="Date it happened", required=False, help_text="Leave blank if not known"
    )
    forms_of_abuse = forms.MultipleChoiceField(
        label="Forms of abuse",
        choices=AbuseForm.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Select at least one form of abuse"},
    )
    sexual_violence_kinds = forms.MultipleChoiceField(
        label="If sexual violence, which kinds",
        choices=SexualViolenceKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    online_element = forms.BooleanField(label="It had an online element", required=False)
    narrative = forms.CharField(
        label="What happened",
        widget=forms.Textarea,
        help_text="Facts as reported: who, what, where, when. Use the children's own words where you can.",
        error_messages={"required": "Describe what happened"},
    )
    reporting_agency = forms.ModelChoiceField(
        label="Who reported it",
        queryset=Agency.objects.none(),
        empty_label="Choose an agency",
        error_messages={"required": "Choose the agency that reported it"},
    )
    reporter_role = forms.CharField(
        label="Role of the person who reported it", required=False, max_length=120
    )
    referral_source = forms.ChoiceField(
        label="Referral source (CIN code)",
        choices=[("", "Choose a referral source"), *ReferralSource.choices],
        error_messages={"required": "Choose the referral source"},
    )
    referred_to_police = forms.BooleanField(
        label="It has been reported to the police", required=False
    )
    contexts = forms.ModelMultipleChoiceField(
        label="Where it happened (contexts)",
        queryset=Context.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(partnership_id=user.partnership_id, is_active=True)
        if not user.has_role(Role.MASH_PRACTITIONER, Role.MASH_MANAGER):
            agencies = agencies.filter(pk=user.agency_id)
        self.fields["reporting_agency"].queryset = agencies
        self.fields["contexts"].queryset = Context.objects.filter(
            partnership_id=user.partnership_id
        )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        if data.get("reported_on") and data["reported_on"] > today:
            self.add_error("reported_on", "Date it was reported must be today or in the past")
        if data.get("occurred_on") and data["occurred_on"] > today:
            self.add_error("occurred_on", "Date it happened must be today or in the past")
        if (
            data.get("occurred_on")
            and data.get("reported_on")
            and data["occurred_on"] > data["reported_on"]
        ):
            self.add_error(
                "occurred_on", "Date it happened must be on or before the date it was reported"
            )
        if data.get("sexual_violence_kinds") and AbuseForm.SEXUAL_VIOLENCE not in data.get(
            "forms_of_abuse", []
        ):
            self.add_error(
                "sexual_violence_kinds",
                "Only choose kinds of sexual violence if sexual violence is selected",
            )
        return data

    def reported_at(self) -> dt.datetime:
        d = self.cleaned_data
        return timezone.make_aware(dt.datetime.combine(d["reported_on"], d["reported_time"]))


class ChildSearchForm(forms.Form):
    given_name = forms.CharField(label="First name", max_length=100, required=False)
    family_name = forms.CharField(label="Last name", max_length=100, required=False)
    date_of_birth = UkDateField(
        label="Date of birth", required=False, help_text="If known, for example 3/4/2011"
    )

    def clean(self):
        data = super().clean()
        if not (data.get("given_name") or data.get("family_name")):
            raise forms.ValidationError("Enter a first name or a last name to search for the child")
        return data


class TriageForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    rag = forms.ChoiceField(
        label="Priority",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a priority"},
    )
    stage = forms.ChoiceField(
        label="Stage",
        choices=[("screening", "Screening"), ("decision", "Ready for a decision")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the stage"},
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Decision for this child",
        choices=DecisionOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision for this child"},
    )
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea,
        help_text="Why this decision, for this child: the risks, the child's views, what other agencies said",
        error_messages={"required": "Give the reasons for the decision"},
    )


class InvolvementForm(forms.Form):
    """One child's own part of an incident. Nothing here is shared with another child."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    views_and_wishes = forms.CharField(
        label="The child's views and wishes",
        widget=forms.Textarea,
        required=False,
        help_text="In the child's own words where you can: what they told you, what they want "
        "to happen",
    )
    carer_views = forms.CharField(
        label="Their parents' or carers' views",
        widget=forms.Textarea,
        required=False,
    )
    vulnerabilities = forms.CharField(
        label="SEND and other vulnerabilities",
        widget=forms.Textarea,
        required=False,
        help_text="Special educational needs and disabilities, and anything else that makes "
        "this child more vulnerable",
    )
    outcome = forms.CharField(
        label="Outcome for this child",
        widget=forms.Textarea,
        required=False,
    )
    report_outcome = forms.ChoiceField(
        label="Outcome of the report",
        choices=[("", "Not decided yet"), *ReportOutcome.choices],
        required=False,
        error_messages={"invalid_choice": "Choose an outcome of the report from the list"},
    )

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        return data


ROLE_CHOICES = InvolvementRole.choices
