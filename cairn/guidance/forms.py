"""Forms of thematic audits: the cohort, an auditor's grade, a moderator's answer, and the
suggestions chosen for a review. Thin: field checks only; the rules are in ``thematic``."""

from django import forms

from cairn.core.forms import EditForm, GovukDateField
from cairn.guidance.models import Grade, Moderation
from cairn.incidents.choices import AbuseForm
from cairn.reviews.models import Review, ReviewKind


class CohortForm(forms.Form):
    title = forms.CharField(
        label="Title of the audit",
        max_length=200,
        help_text="For example 'Child-on-child sexual abuse referrals, 2017 to 2019'",
        error_messages={"required": "Enter a title for the audit"},
    )
    reported_from = GovukDateField(label="First day the incidents were reported", past=True)
    reported_to = GovukDateField(label="Last day the incidents were reported", past=True)
    abuse_forms = forms.MultipleChoiceField(
        label="Forms of abuse",
        choices=AbuseForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty for every form",
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Reported by",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty for every agency",
    )
    contexts = forms.ModelMultipleChoiceField(
        label="Contexts (schools, places, online spaces)",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty for every context",
    )
    mash_only = forms.BooleanField(
        label="Only incidents referred to the MASH", required=False, initial=True
    )
    review = forms.ModelChoiceField(
        label="Thematic review it is for",
        queryset=None,
        required=False,
        empty_label="Not for a review",
        error_messages={"invalid_choice": "Choose a thematic review from the list"},
    )

    def __init__(self, *args, agencies, contexts, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies
        self.fields["contexts"].queryset = contexts
        self.fields["review"].queryset = Review.objects.filter(
            partnership=partnership, kind=ReviewKind.THEMATIC
        )


class GradeForm(EditForm):
    grade = forms.ChoiceField(
        label="Was the handling of this case in line with guidance?",
        choices=Grade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the handling was in line with guidance"},
    )
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea,
        help_text="What the records show, naming the rules and records you relied on",
        error_messages={"required": "Enter the reasons for the grade"},
    )
    learning_points = forms.CharField(
        label="Learning points", widget=forms.Textarea, required=False
    )
    themes = forms.ModelMultipleChoiceField(
        label="Learning themes",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes


class ModerationForm(EditForm):
    moderation = forms.ChoiceField(
        label="Do you agree with the auditor's grade?",
        choices=Moderation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you agree with the grade"},
    )
    moderated_grade = forms.ChoiceField(
        label="Your grade, if you changed it",
        choices=[("", "Choose a grade"), *Grade.choices],
        required=False,
    )
    note = forms.CharField(
        label="Moderation note",
        widget=forms.Textarea,
        required=False,
        help_text="Needed when you change the grade",
    )


class DraftsForm(forms.Form):
    suggestions = forms.MultipleChoiceField(
        label="Suggested recommendations to add",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one suggested recommendation"},
    )
    review = forms.ModelChoiceField(
        label="Add them as draft recommendations of",
        queryset=None,
        empty_label="Choose a review",
        error_messages={
            "required": "Choose the review to add them to",
            "invalid_choice": "Choose a review from the list",
        },
    )

    def __init__(self, *args, suggestions, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggestions"].choices = [(s.key, s.text) for s in suggestions]
        self.fields["review"].queryset = reviews
