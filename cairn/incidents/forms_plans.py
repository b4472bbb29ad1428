"""Forms for a child's plans, plan reviews and harmful sexual behaviour assessments.

They parse and keep what was typed; the rules (dates against today, the child's birth and each
other; the owner's agency; what each tool needs; AIM3's age range) live in
``services.plans`` and come back as field errors.
"""

from django import forms

from cairn.accounts.models import Agency, User
from cairn.clocks.selectors import clock_book
from cairn.core.forms import GovukDateField
from cairn.incidents.models.plans import (
    HackettCategory,
    HsbTool,
    PlanKind,
    TltAgeBand,
    TrafficLight,
)
from cairn.incidents.selectors.plans import REVIEW_CLOCK


def govuk_date(label: str, *, required_message: str = "", **kwargs) -> GovukDateField:
    field = GovukDateField(label=label, **kwargs)
    if required_message:
        field.error_messages["required"] = required_message
    return field


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj}, {obj.agency}"


class OwnedForm(forms.Form):
    """An owner agency in the partnership and a named person who works there."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    owner_agency = forms.ModelChoiceField(
        label="Owner agency",
        queryset=Agency.objects.none(),
        empty_label="Choose an agency",
        error_messages={
            "required": "Choose the agency that owns this",
            "invalid_choice": "Choose an agency from the list",
        },
    )
    owner_user = OwnerChoiceField(
        label="Named owner",
        queryset=User.objects.none(),
        empty_label="Choose a person",
        help_text="They must work for the owner agency",
        error_messages={
            "required": "Choose the named person who owns this",
            "invalid_choice": "Choose a person from the list",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = Agency.objects.filter(
            partnership_id=user.partnership_id, is_active=True
        )
        self.fields["owner_user"].queryset = (
            User.objects.filter(agency__partnership_id=user.partnership_id, is_active=True)
            .select_related("agency")
            .order_by("agency__name", "last_name", "first_name")
        )

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class PlanForm(OwnedForm):
    kind = forms.ChoiceField(
        label="Kind of plan",
        choices=PlanKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of plan"},
    )
    victim_support = forms.CharField(
        label="Protection and support for the victim",
        widget=forms.Textarea,
        required=False,
        help_text="Including whether there may be other victims",
    )
    alleged_perpetrator = forms.CharField(
        label="The alleged perpetrator or perpetrators",
        widget=forms.Textarea,
        required=False,
        help_text="Support for them, and any measures such as separate classes or supervision",
    )
    other_children = forms.CharField(
        label="All other children",
        widget=forms.Textarea,
        required=False,
        help_text="And, where relevant, adult students and staff: especially protecting them "
        "from the alleged perpetrator",
    )
    time_and_place = forms.CharField(
        label="The time and place of the incident",
        widget=forms.Textarea,
        required=False,
        help_text="What will be done to make that place safer",
    )
    summary = forms.CharField(
        label="Summary of the plan",
        widget=forms.Textarea,
        help_text="What will happen, who is involved (the child, parents or carers, "
        "professionals) and how the child's views were taken into account",
        error_messages={"required": "Enter a summary of the plan"},
    )
    agreed_on = govuk_date(
        "Date the plan was agreed",
        past=True,
        help_text="For example, 27 3 2026",
        required_message="Enter the date the plan was agreed",
    )
    next_review_on = govuk_date("Next review date", required=False)

    field_order = [
        "version",
        "kind",
        "victim_support",
        "alleged_perpetrator",
        "other_children",
        "time_and_place",
        "summary",
        "owner_agency",
        "owner_user",
        "agreed_on",
        "next_review_on",
    ]

    def __init__(self, *args, user, partnership, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        duration = clock_book(partnership=partnership).timescale(REVIEW_CLOCK).duration
        self.fields[
            "next_review_on"
        ].help_text = f"Leave it empty to review the plan {duration} after it was agreed"

    @staticmethod
    def initial_for(plan) -> dict:
        return {
            "version": plan.version,
            "kind": plan.kind,
            "victim_support": plan.victim_support,
            "alleged_perpetrator": plan.alleged_perpetrator,
            "other_children": plan.other_children,
            "time_and_place": plan.time_and_place,
            "summary": plan.summary,
            "owner_agency": plan.owner_agency_id,
            "owner_user": plan.owner_user_id,
            "agreed_on": plan.agreed_on,
            "next_review_on": plan.next_review_on,
        }


REVIEW_OUTCOMES = [("keep", "Keep the plan in place"), ("close", "Close the plan")]


class PlanReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reviewed_on = govuk_date(
        "Date of the review",
        past=True,
        help_text="For example, 27 3 2026",
        required_message="Enter the date of the review",
    )
    notes = forms.CharField(
        label="What the review found",
        widget=forms.Textarea,
        help_text="What has changed, what the child and their parents or carers said, and "
        "what changes in the plan",
        error_messages={"required": "Enter what the review found and what changes"},
    )
    outcome = forms.ChoiceField(
        label="After this review",
        choices=REVIEW_OUTCOMES,
        widget=forms.RadioSelect,
        initial="keep",
        error_messages={"required": "Choose whether to keep the plan in place or close it"},
    )
    next_review_on = govuk_date("Next review date", required=False)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        duration = clock_book(partnership=partnership).timescale(REVIEW_CLOCK).duration
        self.fields["next_review_on"].help_text = (
            f"If the plan stays in place. Leave it empty to review it again {duration} "
            "after this review"
        )

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "reviewed_on": data["reviewed_on"],
            "notes": data["notes"],
            "next_review_on": data["next_review_on"],
            "close": data["outcome"] == "close",
        }


YES_NO = [("yes", "Yes"), ("no", "No")]


class HsbAssessmentForm(forms.Form):
    tool = forms.ChoiceField(
        label="Assessment tool",
        choices=HsbTool.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the assessment tool used"},
    )
    assessed_on = govuk_date(
        "Date of the assessment",
        past=True,
        help_text="For example, 27 3 2026",
        required_message="Enter the date of the assessment",
    )
    hackett_category = forms.ChoiceField(
        label="Where the behaviour sits on the Hackett continuum",
        choices=HackettCategory.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    traffic_light = forms.ChoiceField(
        label="Traffic light colour",
        choices=TrafficLight.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    tlt_age_band = forms.ChoiceField(
        label="Age band used",
        choices=TltAgeBand.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="The bands overlap on purpose. The 13 to 17 band may guide work with "
        "vulnerable young people up to 25",
    )
    aim3_assessor_name = forms.CharField(
        label="AIM3 assessor", max_length=200, required=False, help_text="Name and agency"
    )
    aim3_trained = forms.TypedChoiceField(
        label="Is the assessor trained in AIM3?",
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )
    aim3_domains_summary = forms.CharField(
        label="Concerns and strengths in the five domains",
        widget=forms.Textarea,
        required=False,
        help_text="Sexual behaviours; non-sexual behaviours; developmental; environmental and "
        "family; self-regulation",
    )
    aim3_formulation = forms.CharField(
        label="Case formulation", widget=forms.Textarea, required=False
    )
    aim3_supervision_level = forms.CharField(
        label="Supervision level", max_length=120, required=False
    )
    aim3_review_on = govuk_date("AIM3 review date", required=False)
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
