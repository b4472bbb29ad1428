"""Filters for the list of plans: kind, status, monitoring body, agency (GET parameters)."""

from django import forms
from django.db.models import Q, QuerySet

from cairn.accounts.models import Agency
from cairn.actionplans.models import ActionPlan, PlanKind, PlanStatus
from cairn.governance.models import GovernanceBody


class PlanFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind", choices=[("", "Any kind"), *PlanKind.choices], required=False
    )
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any status"), *PlanStatus.choices], required=False
    )
    body = forms.ModelChoiceField(
        label="Monitored by",
        queryset=GovernanceBody.objects.none(),
        required=False,
        empty_label="Any body",
    )
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Any agency",
        help_text="Its own plans, and plans with an action it leads",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = GovernanceBody.objects.filter(partnership=partnership)
        self.fields["agency"].queryset = Agency.objects.filter(partnership=partnership)

    def filter(self, plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
        if not self.is_valid():
            return plans
        data = self.cleaned_data
        if data["kind"]:
            plans = plans.filter(kind=data["kind"])
        if data["status"]:
            plans = plans.filter(status=data["status"])
        if data["body"]:
            plans = plans.filter(monitoring_body=data["body"])
        if data["agency"]:
            agency = data["agency"]
            led = ActionPlan.objects.filter(actions__lead_agency=agency).values("pk")
            plans = plans.filter(Q(agency=agency) | Q(pk__in=led))
        return plans
