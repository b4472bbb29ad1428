"""Forms for contexts and their own assessments and safety plans. The rules live in
``services.contexts`` and come back as field errors."""

from django import forms

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.models import Agency, User
from cairn.incidents.choices import ContextKind
from cairn.incidents.forms import UkDateField
from cairn.incidents.forms_strategy import uk_date
from cairn.incidents.models.strategy import ContextPlanStatus


class ContextFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of context",
        choices=[("", "All kinds"), *ContextKind.choices],
        required=False,
    )


class ContextForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="What people who work there call it, for example 'Riverside Park skate area'",
        error_messages={"required": "Enter the name of the context"},
    )
    kind = forms.ChoiceField(
        label="Kind of context",
        choices=ContextKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of context"},
    )
    school = forms.ModelChoiceField(
        label="School or college",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="None",
        help_text="Required for a school or college; for other kinds, the school it is linked to",
    )
    platform = forms.CharField(
        label="App, site or game",
        max_length=100,
        required=False,
        help_text="Online spaces only, for example a group chat on a named app",
    )
    area = forms.CharField(
        label="Town or neighbourhood", max_length=100, required=False, help_text="If it has one"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        schools = Agency.objects.filter(
            partnership_id=user.partnership_id, kind=AgencyKind.SCHOOL, is_active=True
        )
        if not user.has_role(Role.MASH_PRACTITIONER, Role.MASH_MANAGER, Role.PARTNERSHIP_OFFICER):
            # A DSL records contexts for their own school only.
            schools = schools.filter(pk=user.agency_id)
            self.fields["school"].required = True
            self.fields["school"].empty_label = None
            self.fields["school"].help_text = "You can record contexts for your school"
        self.fields["school"].queryset = schools

    @staticmethod
    def initial_for(context) -> dict:
        return {
            "version": context.version,
            "name": context.name,
            "kind": context.kind,
            "school": context.school_id,
            "platform": context.platform,
            "area": context.area,
        }

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        return data


class OwnedForm(forms.Form):
    """An owner agency (any in the partnership, not only children's services) and a person."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    owner_agency = forms.ModelChoiceField(
        label="Owner agency",
        queryset=Agency.objects.none(),
        empty_label="Choose an agency",
        help_text="The agency that can make the change: a school, the police neighbourhood "
        "team, a youth service, a platform liaison...",
        error_messages={"required": "Choose the agency that owns this"},
    )
    owner_user = forms.ModelChoiceField(
        label="Named owner",
        queryset=User.objects.none(),
        required=False,
        empty_label="No one named yet",
    )
    review_on = UkDateField(label="Review date")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = Agency.objects.filter(
            partnership_id=user.partnership_id, is_active=True
        )
        self.fields["owner_user"].queryset = User.objects.filter(
            agency__partnership_id=user.partnership_id, is_active=True
        ).select_related("agency")
        self.fields["owner_user"].label_from_instance = lambda u: f"{u}, {u.agency}"

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        return data


class ContextAssessmentForm(OwnedForm):
    assessed_on = UkDateField(label="Date of the assessment")
    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea,
        help_text="What makes this context unsafe or safe for children, and who influences it",
        error_messages={"required": "Enter a summary of the assessment"},
    )

    field_order = ["version", "assessed_on", "summary", "owner_agency", "owner_user", "review_on"]

    @staticmethod
    def initial_for(assessment) -> dict:
        return {
            "version": assessment.version,
            "assessed_on": uk_date(assessment.assessed_on),
            "summary": assessment.summary,
            "owner_agency": assessment.owner_agency_id,
            "owner_user": assessment.owner_user_id,
            "review_on": uk_date(assessment.review_on),
        }


class ContextSafetyPlanForm(OwnedForm):
    measures = forms.CharField(
        label="What will be done",
        widget=forms.Textarea,
        help_text="Changes to the place, supervision, lighting, staffing, moderation...",
        error_messages={"required": "Enter what will be done to make the context safer"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ContextPlanStatus.choices,
        widget=forms.RadioSelect,
        initial=ContextPlanStatus.ACTIVE,
        error_messages={"required": "Choose the status of the safety plan"},
    )

    field_order = ["version", "measures", "owner_agency", "owner_user", "review_on", "status"]

    @staticmethod
    def initial_for(plan) -> dict:
        return {
            "version": plan.version,
            "measures": plan.measures,
            "owner_agency": plan.owner_agency_id,
            "owner_user": plan.owner_user_id,
            "review_on": uk_date(plan.review_on),
            "status": plan.status,
        }
