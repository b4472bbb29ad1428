"""Forms for reviews, the steps of the route, links, findings, themes and recommendations.
They parse and keep what was typed; the rules live in ``services``."""

from django import forms

from cairn.accounts.models import Agency
from cairn.core.forms import EditForm as VersionedForm
from cairn.core.forms import GovukDateField
from cairn.governance.models import BodyKind, GovernanceBody
from cairn.governance.selectors import decision_choices
from cairn.incidents.choices import AbuseForm
from cairn.reviews.choices import (
    STARTING_KINDS,
    HarmNature,
    MilestoneKind,
    PanelResponse,
    RecommendationResponse,
    RecommendationScope,
    RecommendationSource,
    ReviewDecision,
    ReviewKind,
    ReviewStatus,
)
from cairn.reviews.models import Finding, LearningTheme, Review


def past_date(label: str, *, required: bool = False, **kwargs) -> GovukDateField:
    return GovukDateField(label=label, required=required, past=True, **kwargs)


class ReviewFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of review", choices=[("", "All kinds"), *ReviewKind.choices], required=False
    )
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any status"), *ReviewStatus.choices], required=False
    )


class StartForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of review is it?",
        choices=[(k.value, k.label) for k in STARTING_KINDS],
        widget=forms.RadioSelect,
        help_text="A serious incident starts with its notification; the rapid review and any "
        "local child safeguarding practice review follow on the same record",
        error_messages={"required": "Choose what kind of review to start"},
    )


class ReviewBaseForm(VersionedForm):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="A name that identifies no child, for example ‘Child Q’ or ‘Review 2019/3’",
        error_messages={
            "required": "Enter a title that identifies no child, for example ‘Child Q’"
        },
    )
    summary = forms.CharField(label="Summary", widget=forms.Textarea, required=False)


class SeriousIncidentForm(ReviewBaseForm):
    incident_on = past_date("Date of the incident")
    aware_on = past_date(
        "Date the local authority became aware",
        required=True,
        help_text="The notification and rapid review clocks count from this day",
    )
    harm_nature = forms.ChoiceField(
        label="What happened to the child",
        choices=HarmNature.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    notifying_authority = forms.CharField(label="Notifying local authority", required=False)
    home_authority = forms.CharField(label="Child's home local authority", required=False)


class ThematicForm(ReviewBaseForm):
    cohort_description = forms.CharField(
        label="Cohort",
        widget=forms.Textarea,
        required=False,
        help_text="For example, all child-on-child sexual abuse referrals to the MASH in 2023",
    )
    cohort_from = GovukDateField(label="First date of the cohort")
    cohort_to = GovukDateField(label="Last date of the cohort")
    cohort_forms = forms.MultipleChoiceField(
        label="Forms of abuse in the cohort",
        choices=AbuseForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty for every form",
    )
    cohort_mash_only = forms.BooleanField(
        label="Only incidents referred to the MASH", required=False, initial=True
    )


class ScrutinyForm(ReviewBaseForm):
    scrutiny_body = forms.ModelChoiceField(
        label="Scrutiny committee",
        queryset=GovernanceBody.objects.none(),
        empty_label="Choose a committee",
        error_messages={
            "required": "Choose the committee carrying out the scrutiny review",
            "invalid_choice": "Choose a committee from the list",
        },
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scrutiny_body"].queryset = GovernanceBody.objects.filter(
            partnership=partnership, kind=BodyKind.SCRUTINY_COMMITTEE
        )


KIND_FORMS = {
    ReviewKind.SERIOUS_INCIDENT_NOTIFICATION: SeriousIncidentForm,
    ReviewKind.RAPID_REVIEW: SeriousIncidentForm,
    ReviewKind.LOCAL_CSPR: SeriousIncidentForm,
    ReviewKind.THEMATIC: ThematicForm,
    ReviewKind.SCRUTINY: ScrutinyForm,
}


def review_form_for(kind: str, *args, partnership, **kwargs) -> ReviewBaseForm:
    form_class = KIND_FORMS[kind]
    if form_class is ScrutinyForm:
        return form_class(*args, partnership=partnership, **kwargs)
    return form_class(*args, **kwargs)


class NotificationForm(VersionedForm):
    notified_on = past_date("Date the national panel was notified", required=True)
    partners_told_on = past_date("Date the safeguarding partners were told")
    harm_nature = forms.ChoiceField(
        label="What happened to the child",
        choices=HarmNature.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    notifying_authority = forms.CharField(label="Notifying local authority", required=False)
    home_authority = forms.CharField(label="Child's home local authority", required=False)
    child_age_group = forms.CharField(label="Child's age group", required=False, max_length=20)
    child_gender = forms.CharField(label="Child's gender", required=False, max_length=20)
    child_ethnicity = forms.CharField(label="Child's ethnicity", required=False, max_length=60)


class RapidReviewForm(VersionedForm):
    rapid_review_held_on = past_date("Date the rapid review was held", required=True)
    rapid_review_sent_on = past_date("Date it was sent to the panel")


class DecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label="What did the rapid review decide?",
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the rapid review decided"},
    )
    decided_on = past_date("Date of the decision", required=True)
    decision_rationale = forms.CharField(
        label="Reasons for the decision",
        widget=forms.Textarea,
        error_messages={"required": "Give the reasons for the decision"},
    )
    panel_response = forms.ChoiceField(
        label="The panel's response",
        choices=[("", "No response yet"), *PanelResponse.choices],
        required=False,
    )
    panel_responded_on = past_date("Date the panel responded")


class CommissioningForm(VersionedForm):
    commissioned_on = past_date("Date the review was commissioned", required=True)
    reviewer = forms.CharField(label="Independent reviewer", required=False, max_length=200)
    terms_of_reference = forms.CharField(
        label="Terms of reference", widget=forms.Textarea, required=False
    )


class CompletionForm(VersionedForm):
    completed_on = past_date("Date the review was completed")
    publication_planned_on = GovukDateField(label="Planned publication date", required=False)


class PublicationForm(VersionedForm):
    advance_copy_sent_on = past_date(
        "Date the advance copy was sent to the panel and Secretary of State"
    )
    published_on = past_date("Date published")
    publication_url = forms.URLField(
        assume_scheme="https",
        label="Web address of the published review",
        required=False,
        error_messages={"invalid": "Enter a web address like https://example.org/review"},
    )


STEPS = {
    "notification": ("Record the notification", NotificationForm, "review_record_notification"),
    "rapid-review": ("Record the rapid review", RapidReviewForm, "review_record_rapid_review"),
    "decision": ("Record the decision", DecisionForm, "review_record_decision"),
    "commissioning": ("Record the commissioning", CommissioningForm, "review_record_commissioning"),
    "completion": ("Record the completion", CompletionForm, "review_record_completion"),
    "publication": ("Record the publication", PublicationForm, "review_record_publication"),
}
"""Each step of the route: its page title, its form and its service (in ``services``)."""


class MilestoneForm(VersionedForm):
    kind = forms.ChoiceField(
        label="Kind",
        choices=MilestoneKind.choices,
        widget=forms.RadioSelect,
        initial=MilestoneKind.MILESTONE,
        error_messages={"required": "Choose what kind of milestone it is"},
    )
    title = forms.CharField(
        label="What", max_length=200, error_messages={"required": "Enter what the milestone is"}
    )
    due_on = GovukDateField(label="Due date", required=False)
    done_on = past_date("Date done")
    note = forms.CharField(label="Note", widget=forms.Textarea, required=False)


class IncidentNumbersField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        numbers = []
        for part in value.replace(",", " ").split():
            if not part.isdigit():
                raise forms.ValidationError(
                    "Enter incident numbers only, separated by commas or spaces, like 12, 15"
                )
            numbers.append(int(part))
        return numbers


class LinkIncidentsForm(forms.Form):
    incident_ids = IncidentNumbersField(
        label="Incident numbers",
        help_text="Separate numbers with commas or spaces, for example 12, 15",
        error_messages={"required": "Enter at least one incident number"},
    )
    unlink = forms.BooleanField(required=False, widget=forms.HiddenInput)


class FindingForm(VersionedForm):
    text = forms.CharField(
        label="Finding", widget=forms.Textarea, error_messages={"required": "Enter the finding"}
    )
    themes = forms.ModelMultipleChoiceField(
        label="Learning themes",
        queryset=LearningTheme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose learning themes from the list"},
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = LearningTheme.objects.filter(
            partnership=partnership, is_active=True
        )


class ThemeForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=120,
        error_messages={"required": "Enter the name of the learning theme"},
    )
    description = forms.CharField(label="Description", widget=forms.Textarea, required=False)


class RecommendationFilterForm(forms.Form):
    response = forms.ChoiceField(
        label="Response",
        choices=[("", "Any response"), *RecommendationResponse.choices],
        required=False,
    )
    source = forms.ChoiceField(
        label="Source",
        choices=[("", "Any source"), *RecommendationSource.choices],
        required=False,
    )


class RecommendationForm(VersionedForm):
    source = forms.ChoiceField(
        label="Where did the recommendation come from?",
        choices=RecommendationSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the recommendation came from"},
    )
    review = forms.ModelChoiceField(
        label="Review",
        queryset=Review.objects.none(),
        required=False,
        empty_label="Not from a review",
        error_messages={"invalid_choice": "Choose a review from the list"},
    )
    reference = forms.CharField(
        label="Reference",
        max_length=30,
        help_text="For example R3 or SC/2020/2",
        error_messages={"required": "Enter a reference, for example R3"},
    )
    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea,
        error_messages={"required": "Enter the recommendation"},
    )
    scope = forms.ChoiceField(
        label="Who is it for?",
        choices=RecommendationScope.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Say whether the recommendation is for several agencies or one"
        },
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies addressed",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="One for a single-agency recommendation; none means every partner",
    )
    findings = forms.ModelMultipleChoiceField(
        label="Findings it answers",
        queryset=Finding.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    made_on = past_date("Date made", required=True)
    is_draft = forms.BooleanField(
        label="This is a draft: suggested, not yet agreed by the review",
        required=False,
    )

    def __init__(self, *args, partnership, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].queryset = Review.objects.filter(partnership=partnership)
        self.fields["agencies"].queryset = Agency.objects.filter(
            partnership=partnership, is_active=True
        )
        self.fields["findings"].queryset = (
            review.findings.all() if review is not None else Finding.objects.none()
        )
        self.fields["findings"].label_from_instance = lambda f: f"{f.number}. {f.text[:120]}"
        if review is None:
            del self.fields["findings"]


class ResponseForm(VersionedForm):
    response = forms.ChoiceField(
        label="The partnership's response",
        choices=RecommendationResponse.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the partnership's response"},
    )
    response_rationale = forms.CharField(
        label="Rationale",
        widget=forms.Textarea,
        required=False,
        help_text="Needed when the recommendation is accepted in part or not accepted",
    )
    responded_on = past_date("Date of the response")
    agreed_by = forms.ModelChoiceField(
        label="Agreed by (an existing decision)",
        queryset=None,
        required=False,
        empty_label="None, or a new decision below",
        error_messages={"invalid_choice": "Choose a decision from the list"},
    )
    agreement_body = forms.ModelChoiceField(
        label="Or: the body that agreed it",
        queryset=None,
        required=False,
        empty_label="No new decision",
    )
    agreement_decided_on = past_date("Date it agreed")
    agreement_reference = forms.CharField(label="Decision reference", required=False)
    approved_by = forms.ModelChoiceField(
        label="Approved by (an existing decision)",
        queryset=None,
        required=False,
        empty_label="None, or a new decision below",
        error_messages={"invalid_choice": "Choose a decision from the list"},
    )
    approval_body = forms.ModelChoiceField(
        label="Or: the body that approved it",
        queryset=None,
        required=False,
        empty_label="No new decision",
    )
    approval_decided_on = past_date("Date it approved")
    approval_reference = forms.CharField(
        label="Decision reference", required=False, help_text="For example CAB/2020/045"
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        decisions = decision_choices(partnership=partnership)
        bodies = GovernanceBody.objects.filter(partnership=partnership, is_active=True)
        for name in ("agreed_by", "approved_by"):
            self.fields[name].queryset = decisions
        for name in ("agreement_body", "approval_body"):
            self.fields[name].queryset = bodies

    def route(self, recommendation) -> dict:
        """The service's arguments: the response, and any decision to record here."""
        data = self.cleaned_data
        args = {
            "response": data["response"],
            "response_rationale": data["response_rationale"],
            "responded_on": data["responded_on"],
            "agreed_by": data["agreed_by"],
            "approved_by": data["approved_by"],
        }
        for step, key in (("agreement", "new_agreement"), ("approval", "new_approval")):
            body = data[f"{step}_body"]
            if body is not None:
                verb = "agreed" if step == "agreement" else "approved"
                args[key] = {
                    "body": body,
                    "decided_on": data[f"{step}_decided_on"],
                    "reference": data[f"{step}_reference"],
                    "summary": f"Recommendation {recommendation.reference} {verb}: "
                    f"{RecommendationResponse(data['response']).label.lower()}",
                }
        return args
