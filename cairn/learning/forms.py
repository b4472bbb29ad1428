"""Forms for briefings and the practice library. They parse and keep what was typed; the rules
live in ``services``."""

from django import forms

from cairn.accounts.choices import Role
from cairn.accounts.models import Agency
from cairn.accounts.permissions import may
from cairn.core.forms import EditForm
from cairn.guidance.models import AuditRun
from cairn.learning.choices import BriefingKind, Theme, Topic
from cairn.learning.models import DEFAULT_FOLLOW_UP_WEEKS, DEFAULT_REMIND_AFTER_DAYS
from cairn.reviews.selectors import reviews_visible_to

NUMBER = forms.TextInput(attrs={"inputmode": "numeric"})


class BriefingForm(EditForm):
    kind = forms.ChoiceField(
        label="What kind of briefing is it?",
        choices=BriefingKind.choices,
        widget=forms.RadioSelect,
        initial=BriefingKind.SEVEN_MINUTE,
        error_messages={"required": "Choose what kind of briefing it is"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="Name no child: use the review's name, for example ‘Child T’",
        error_messages={"required": "Enter a title"},
    )
    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea,
        help_text="One or two sentences: why this matters to the reader",
        error_messages={"required": "Enter a short summary"},
    )
    body = forms.CharField(
        label="Briefing",
        widget=forms.Textarea,
        help_text="Plain text. Leave a blank line between paragraphs; start a line with ## for "
        "a heading or - for a bullet point; put **two stars** round words in bold",
        error_messages={"required": "Enter the briefing"},
    )
    review = forms.ModelChoiceField(
        label="Review it comes from (optional)",
        queryset=None,
        required=False,
        empty_label="None",
    )
    audit_run = forms.ModelChoiceField(
        label="Thematic audit it comes from (optional)",
        queryset=None,
        required=False,
        empty_label="None",
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Which agencies is it for?",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    roles = forms.MultipleChoiceField(
        label="Which roles in those agencies is it for?",
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Everyone in a chosen agency with one of these roles when it is sent",
    )
    remind_after_days = forms.IntegerField(
        label="Remind those who have not read it after (working days)",
        initial=DEFAULT_REMIND_AFTER_DAYS,
        widget=NUMBER,
        error_messages={
            "required": "Enter after how many working days to remind",
            "invalid": "Enter a whole number of working days",
        },
    )
    follow_up_weeks = forms.IntegerField(
        label="Ask the follow-up question after (weeks)",
        initial=DEFAULT_FOLLOW_UP_WEEKS,
        widget=NUMBER,
        error_messages={
            "required": "Enter after how many weeks to ask the follow-up question",
            "invalid": "Enter a whole number of weeks",
        },
    )
    follow_up_question = forms.CharField(
        label="Follow-up question",
        max_length=500,
        error_messages={"required": "Enter the follow-up question"},
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        partnership_id = viewer.partnership_id
        self.fields["review"].queryset = reviews_visible_to(viewer).order_by("title")
        runs = AuditRun.objects.none()
        if may(viewer, "guidance.view_thematic_reports"):
            runs = AuditRun.objects.filter(partnership_id=partnership_id, is_thematic=True)
        self.fields["audit_run"].queryset = runs.order_by("title")
        self.fields["agencies"].queryset = Agency.objects.filter(
            partnership_id=partnership_id, is_active=True
        ).order_by("name")
        if not self.is_bound and "follow_up_question" not in self.initial:
            from cairn.learning.choices import FOLLOW_UP_QUESTION

            self.initial["follow_up_question"] = FOLLOW_UP_QUESTION


class SendForm(EditForm):
    """Check your answers, then send: carries the version that was checked."""


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label="Correction",
        widget=forms.Textarea,
        help_text="What was wrong and what it should say. Recipients see it at the top of the "
        "briefing; the briefing itself does not change",
        error_messages={"required": "Enter the correction"},
    )


class FollowUpForm(forms.Form):
    answer = forms.CharField(
        label="Your answer",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter what has changed in your practice"},
    )


class LibraryFilterForm(forms.Form):
    theme = forms.ChoiceField(
        label="Theme", choices=[("", "All themes"), *Theme.choices], required=False
    )


class ResourceForm(EditForm):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the title"}
    )
    publisher = forms.CharField(
        label="Publisher", max_length=200, error_messages={"required": "Enter who publishes it"}
    )
    url = forms.URLField(
        label="Web address (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Shown as a link; Cairn never opens it itself",
        error_messages={"invalid": "Enter a web address starting https://"},
    )
    summary = forms.CharField(
        label="Summary", widget=forms.Textarea, error_messages={"required": "Enter a summary"}
    )
    themes = forms.MultipleChoiceField(
        label="Themes",
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one theme"},
    )
    topics = forms.MultipleChoiceField(
        label="Pages where it helps (optional)",
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
