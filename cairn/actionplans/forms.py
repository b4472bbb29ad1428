"""Forms for plans, actions, progress and evidence. They parse and keep what was typed; the
rules (dates in order, the lead works for the lead agency, closure only on evidence) live in
``cairn.actionplans.services`` and come back as field errors."""

from django import forms

from cairn.accounts.models import Agency, User
from cairn.actionplans.models import EvidenceKind, EvidenceSource, PlanKind
from cairn.actionplans.selectors import recommendations_for
from cairn.core.forms import EditForm as VersionedForm
from cairn.core.forms import GovukDateField
from cairn.governance.models import BodyDecision, GovernanceBody
from cairn.incidents.models import Context
from cairn.reviews.models import Review


def govuk_date(label: str, *, required: bool = True, message: str = "", **kwargs):
    field = GovukDateField(label=label, required=required, **kwargs)
    if message:
        field.error_messages["required"] = message
    return field


def _choice(model_field_label: str, **kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=model_field_label,
        queryset=Agency.objects.none(),
        error_messages={"invalid_choice": "Choose from the list"},
        **kwargs,
    )


class PlanForm(VersionedForm):
    kind = forms.ChoiceField(
        label="Kind of plan",
        choices=PlanKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of plan"},
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title for the plan"}
    )
    purpose = forms.CharField(label="Purpose", widget=forms.Textarea, required=False)
    review = _choice(
        "Review it answers",
        required=False,
        empty_label="No review",
        help_text="Needed for a multi-agency plan",
    )
    agency = _choice(
        "Agency whose plan it is",
        required=False,
        empty_label="No single agency",
        help_text="Needed for a single-agency plan",
    )
    monitoring_body = _choice(
        "Monitored by",
        empty_label="Choose a governance body",
        help_text="The body that agrees the plan, monitors it and decides when it closes",
    )
    monitor_every_months = forms.IntegerField(
        label="Monitored every (months)",
        min_value=1,
        max_value=24,
        initial=2,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter how often the plan is monitored, in months",
            "invalid": "Enter how often the plan is monitored as a number of months",
            "min_value": "Enter how often it is monitored, from 1 to 24 months",
            "max_value": "Enter how often it is monitored, from 1 to 24 months",
        },
    )
    context = _choice(
        "Context it is about",
        required=False,
        empty_label="No context",
        help_text="Prevention plans: the school, place or online space",
    )
    pattern = forms.CharField(
        label="Pattern it answers",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Prevention plans: what was seen, for example a rise in image sharing on one app",
    )
    starts_on = govuk_date("Start date", required=False, help_text="For example, 1 4 2026")
    ends_on = govuk_date(
        "End date", required=False, help_text="Improvement plans run over years: give both dates"
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].queryset = Review.objects.filter(partnership=partnership)
        self.fields["agency"].queryset = Agency.objects.filter(
            partnership=partnership, is_active=True
        )
        self.fields["monitoring_body"].queryset = GovernanceBody.objects.filter(
            partnership=partnership, is_active=True
        )
        self.fields["monitoring_body"].error_messages["required"] = (
            "Choose the body that will monitor the plan"
        )
        self.fields["context"].queryset = Context.objects.filter(partnership=partnership)


class DecisionForm(VersionedForm):
    """A decision of the plan's monitoring body: chosen, or recorded here."""

    decision = forms.ModelChoiceField(
        label="Decision already recorded",
        queryset=BodyDecision.objects.none(),
        required=False,
        empty_label="None: record the decision below",
        error_messages={"invalid_choice": "Choose a decision from the list"},
    )
    decided_on = govuk_date("Date of the decision", required=False, past=True)
    reference = forms.CharField(
        label="Decision reference",
        max_length=60,
        required=False,
        help_text="For example RG/2026/14",
    )
    summary = forms.CharField(label="What was decided", widget=forms.Textarea, required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = BodyDecision.objects.filter(
            partnership_id=plan.partnership_id, body_id=plan.monitoring_body_id
        ).select_related("body")


class MonitoringForm(VersionedForm):
    monitored_on = govuk_date(
        "Date the plan was monitored", past=True, help_text="The date of the body's meeting"
    )


class WorkstreamForm(forms.Form):
    title = forms.CharField(
        label="Workstream", max_length=200, error_messages={"required": "Enter the title"}
    )
    lead_name = forms.CharField(label="Lead", max_length=200, required=False)


class LeadChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj}, {obj.agency}"


class ActionForm(VersionedForm):
    number = forms.CharField(
        label="Number",
        max_length=12,
        help_text="For example 1.3",
        error_messages={"required": "Enter the action's number, for example 1.3"},
    )
    description = forms.CharField(
        label="What will be done",
        widget=forms.Textarea,
        error_messages={"required": "Describe what will be done"},
    )
    outcome_sought = forms.CharField(
        label="What difference it should make", widget=forms.Textarea, required=False
    )
    recommendations = forms.ModelMultipleChoiceField(
        label="Recommendations it answers",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The review's own recommendations are listed first",
        error_messages={"invalid_choice": "Choose recommendations from the list"},
    )
    workstream = forms.ModelChoiceField(
        label="Workstream",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="No workstream",
    )
    lead_agency = _choice("Lead agency", empty_label="Choose an agency")
    lead_name = forms.CharField(
        label="Named lead",
        max_length=200,
        required=False,
        help_text="Their name and role. Leave empty to use the Cairn user chosen below",
    )
    lead_user = LeadChoiceField(
        label="Named lead's Cairn account (optional)",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not a Cairn user",
        help_text="They get reminders and see the action under their plan actions",
        error_messages={"invalid_choice": "Choose a person from the list"},
    )
    starts_on = govuk_date("Start date", help_text="For example, 1 4 2026")
    due_on = govuk_date("Due date")

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendations"].queryset = recommendations_for(plan)
        self.fields["workstream"].queryset = plan.workstreams.all()
        if not plan.workstreams.exists():
            del self.fields["workstream"]
        self.fields["lead_agency"].queryset = Agency.objects.filter(
            partnership_id=plan.partnership_id, is_active=True
        )
        self.fields["lead_agency"].error_messages["required"] = "Choose the lead agency"
        self.fields["lead_user"].queryset = (
            User.objects.filter(agency__partnership_id=plan.partnership_id, is_active=True)
            .select_related("agency")
            .order_by("agency__name", "last_name", "first_name")
        )


class ProgressForm(VersionedForm):
    text = forms.CharField(
        label="Progress since the last update",
        widget=forms.Textarea,
        error_messages={"required": "Describe the progress made"},
    )
    percent_complete = forms.IntegerField(
        label="How complete is the action (per cent)",
        min_value=0,
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter how complete the action is, from 0 to 100 per cent",
            "invalid": "Enter how complete the action is as a number, from 0 to 100",
            "min_value": "Enter how complete the action is, from 0 to 100 per cent",
            "max_value": "Enter how complete the action is, from 0 to 100 per cent",
        },
    )


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(
        label="What it is evidence of",
        choices=EvidenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether this is evidence of completion or of impact"},
    )
    source = forms.ChoiceField(
        label="Where it comes from",
        choices=EvidenceSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the evidence comes from"},
    )
    description = forms.CharField(
        label="What the evidence shows",
        widget=forms.Textarea,
        error_messages={"required": "Describe what the evidence shows"},
    )
    location = forms.CharField(
        label="Where it is kept",
        max_length=300,
        required=False,
        help_text="A document reference or link. Do not name children",
    )
    received_on = govuk_date("Date of the evidence", past=True)


class CompleteForm(VersionedForm):
    completed_on = govuk_date("Date the action was completed", past=True)


class ConfirmForm(VersionedForm):
    pass


class WithdrawForm(VersionedForm):
    reason = forms.CharField(
        label="Why the action is withdrawn",
        widget=forms.Textarea,
        help_text="For example, the monitoring body agreed it is superseded by action 2.1",
        error_messages={"required": "Enter why the action is withdrawn"},
    )
