"""Forms for strategy discussions, section 47 enquiries and police investigations.

They parse and keep what was typed; the rules (dates against each other, against today and
against the incident) live in ``services.strategy`` and come back as field errors.
"""

from django import forms

from cairn.accounts.choices import AgencyKind
from cairn.accounts.models import Agency, User
from cairn.incidents.forms import UkDateField
from cairn.incidents.models.strategy import (
    CategoryOfAbuse,
    PoliceOutcome,
    PoliceRole,
    SgiiCategory,
    StrategyOutcome,
)


def error_items(form, formset=None) -> list[dict]:
    """Every error on the page for the GOV.UK error summary, each linked to its field."""
    items = []
    for bound in [form, *(formset.forms if formset is not None else [])]:
        for name, errors in bound.errors.items():
            href = f"#{bound[name].id_for_label}" if name in bound.fields else ""
            items.extend({"href": href, "text": e} for e in errors)
    if formset is not None:
        items.extend({"href": "", "text": e} for e in formset.non_form_errors())
    return items


class ChildChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person} ({obj.get_role_display().lower()})"


class StrategyDiscussionForm(forms.Form):
    held_on = UkDateField(label="Date of the strategy discussion")
    involvements = ChildChoiceField(
        label="Which children was it about?",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select every child discussed. Each child gets their own section 47 "
        "enquiry and clocks.",
        error_messages={"required": "Choose at least one child the strategy discussion was about"},
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=StrategyOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome of the strategy discussion"},
    )
    outcome_notes = forms.CharField(
        label="What was agreed",
        widget=forms.Textarea,
        required=False,
        help_text="Actions, who will do them, and what the children and families will be told",
    )
    chaired_by = forms.ModelChoiceField(
        label="Chaired by",
        queryset=User.objects.none(),
        empty_label="Choose who chaired it",
        error_messages={"required": "Choose who chaired the strategy discussion"},
    )

    def __init__(self, *args, user, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["involvements"].queryset = children
        self.fields["chaired_by"].queryset = User.objects.filter(
            agency__partnership_id=user.partnership_id,
            agency__kind=AgencyKind.LOCAL_AUTHORITY,
            is_active=True,
        ).select_related("agency")


class AttendeeForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), required=False, empty_label="Choose"
    )
    name = forms.CharField(label="Name", max_length=200, required=False)
    role = forms.CharField(label="Role", max_length=120, required=False)

    def __init__(self, *args, user, agency_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.queryset = Agency.objects.filter(partnership_id=user.partnership_id, is_active=True)
        if agency_choices is not None:
            field.choices = agency_choices  # read once for every row, not once a row

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("agency"):
            self.add_error("agency", f"Choose the agency {data['name']} is from")
        if data.get("agency") and not data.get("name", "").strip():
            self.add_error("name", f"Enter the name of the person from {data['agency']}")
        return data


class BaseAttendeeFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not self.attendees():
            raise forms.ValidationError("Add at least one person who took part")

    def attendees(self) -> list[dict]:
        return [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data.get("agency") and f.cleaned_data.get("name")
        ]


AttendeeFormSet = forms.formset_factory(
    AttendeeForm, formset=BaseAttendeeFormSet, extra=6, max_num=30
)


def attendee_formset(data, *, user) -> BaseAttendeeFormSet:
    """The "who took part" rows, with the partnership's agencies read once for all of them."""
    choices = list(AttendeeForm(user=user).fields["agency"].choices)
    return AttendeeFormSet(
        data, prefix="attendees", form_kwargs={"user": user, "agency_choices": choices}
    )


def uk_date(day) -> str:
    """A date as the user types it (27/3/2026 style), for a form's initial value."""
    return day.strftime("%d/%m/%Y") if day else ""


YES_NO_UNKNOWN = [("", "Not decided yet"), ("yes", "Yes"), ("no", "No")]


class Section47Form(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    assessment_started_on = UkDateField(label="Date the assessment started", required=False)
    assessment_completed_on = UkDateField(label="Date the assessment completed", required=False)
    icpc_held_on = UkDateField(
        label="Date of the initial child protection conference",
        required=False,
        help_text="Leave blank until it has been held",
    )
    cp_plan = forms.ChoiceField(
        label="Did the conference decide on a child protection plan?",
        choices=YES_NO_UNKNOWN,
        widget=forms.RadioSelect,
        required=False,
    )
    category_of_abuse = forms.ChoiceField(
        label="Category of abuse",
        choices=CategoryOfAbuse.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Only with a child protection plan",
    )
    first_review_held_on = UkDateField(
        label="Date of the first review conference",
        required=False,
        help_text="Leave blank until it has been held",
    )

    @staticmethod
    def initial_for(enquiry) -> dict:
        return {
            "version": enquiry.version,
            "assessment_started_on": uk_date(enquiry.assessment_started_on),
            "assessment_completed_on": uk_date(enquiry.assessment_completed_on),
            "icpc_held_on": uk_date(enquiry.icpc_held_on),
            "cp_plan": {None: "", True: "yes", False: "no"}[enquiry.cp_plan],
            "category_of_abuse": enquiry.category_of_abuse,
            "first_review_held_on": uk_date(enquiry.first_review_held_on),
        }

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        data["cp_plan"] = {"": None, "yes": True, "no": False}[data["cp_plan"]]
        return data


class PoliceInvestigationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    crime_reference = forms.CharField(label="Crime reference", max_length=40, required=False)
    offence_code = forms.CharField(
        label="Home Office offence code",
        max_length=20,
        required=False,
        help_text="For example, 086/02",
    )
    police_role = forms.ChoiceField(
        label="How the police recorded this child",
        choices=PoliceRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the police recorded this child"},
    )
    outcome = forms.ChoiceField(
        label="Outcome for this child",
        choices=PoliceOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome of the investigation for this child"},
    )
    outcome_on = UkDateField(
        label="Date of the outcome", required=False, help_text="Leave blank while ongoing"
    )
    sgii_category = forms.ChoiceField(
        label="Self-generated indecent imagery category",
        choices=SgiiCategory.choices,
        widget=forms.RadioSelect,
        initial=SgiiCategory.NOT_APPLICABLE,
        help_text="Nude and semi-nude image cases only. In non-aggravated cases NPCC guidance "
        "records children as a person involved rather than a suspect.",
        error_messages={"required": "Choose the self-generated indecent imagery category"},
    )
    bail_conditions = forms.CharField(
        label="Bail conditions", widget=forms.Textarea, required=False
    )

    FIELDS = (
        "crime_reference",
        "offence_code",
        "police_role",
        "outcome",
        "outcome_on",
        "sgii_category",
        "bail_conditions",
    )

    @classmethod
    def initial_for(cls, investigation) -> dict:
        if investigation is None:
            return {"outcome": PoliceOutcome.ONGOING, "sgii_category": SgiiCategory.NOT_APPLICABLE}
        initial = {f: getattr(investigation, f) for f in cls.FIELDS}
        initial["outcome_on"] = uk_date(investigation.outcome_on)
        return initial | {"version": investigation.version}

    def changes(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.FIELDS}
