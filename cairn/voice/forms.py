"""Forms for listening: engagements step by step, what they said, "you said, we did", themes
and family feedback. They parse and keep what was typed; the rules live in ``services``."""

from django import forms

from cairn.accounts.models import User
from cairn.accounts.roles import capabilities_of, role_table
from cairn.core.forms import EditForm, GovukDateField
from cairn.incidents.selectors.incidents import incidents_visible_to
from cairn.people.selectors import people_visible_to
from cairn.reviews.selectors import recommendations_visible_to, reviews_visible_to
from cairn.voice import selectors
from cairn.voice.choices import (
    CheckOutcome,
    ClosureReason,
    ConsentKind,
    ContactMethod,
    EngagementStage,
    FeedbackFrom,
    FeedbackOutcome,
    InvitationReply,
    ParticipantKind,
)
from cairn.voice.models import VoiceTheme


def past_date(label: str, *, required: bool = True, **kwargs) -> GovukDateField:
    return GovukDateField(label=label, required=required, past=True, **kwargs)


def _radios(label, choices, required_message, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
        **kwargs,
    )


def _optional_choice(label, queryset, empty_label, help_text=""):
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        empty_label=empty_label,
        help_text=help_text,
        error_messages={"invalid_choice": "Choose from the list"},
    )


class EngagementFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label="Stage", choices=[("", "Any stage"), *EngagementStage.choices], required=False
    )
    participant_kind = forms.ChoiceField(
        label="With", choices=[("", "Anyone"), *ParticipantKind.choices], required=False
    )
    theme = forms.ModelChoiceField(
        label="Theme", queryset=VoiceTheme.objects.none(), required=False, empty_label="Any theme"
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = VoiceTheme.objects.filter(partnership=partnership)


class EngagementForm(EditForm):
    title = forms.CharField(
        label="Name for this engagement",
        max_length=120,
        help_text="A name that identifies no one, for example ‘Young person A’",
        error_messages={"required": "Enter a name that identifies no one"},
    )
    participant_kind = _radios(
        "Who is it with?", ParticipantKind.choices, "Choose who the engagement is with"
    )
    person = _optional_choice(
        "The person in Cairn", None, "Not chosen", "Only people you may see are listed"
    )
    participant_description = forms.CharField(
        label="Or describe them",
        max_length=200,
        required=False,
        help_text="For someone not in Cairn: no name or other identifying detail, for example "
        "‘parent of a Year 9 pupil’",
    )
    incident = _optional_choice("Incident it is about", None, "None")
    review = _optional_choice("Review it is about", None, "None")
    recommendation = _optional_choice("Recommendation it is about", None, "None")

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        choices = {
            "person": people_visible_to(viewer),
            "incident": incidents_visible_to(viewer),
            "review": reviews_visible_to(viewer),
            "recommendation": recommendations_visible_to(viewer),
        }
        for name, queryset in choices.items():
            if queryset.exists():
                self.fields[name].queryset = queryset
            else:
                del self.fields[name]


class CheckForm(forms.Form):
    checked_on = past_date("Date of the check")
    outcome = _radios(
        "Is it safe to contact them?", CheckOutcome.choices, "Choose whether the check passed"
    )
    note = forms.CharField(
        label="Notes",
        widget=forms.Textarea,
        required=False,
        help_text="Who was consulted; if contact is not safe, why, and what would change that",
    )


class InvitationForm(EditForm):
    invited_on = past_date("Date of the invitation")
    invitation_how = _radios(
        "How were they invited?", ContactMethod.choices, "Choose how they were invited"
    )


class ReplyForm(EditForm):
    reply = _radios("Their reply", InvitationReply.choices, "Choose their reply")
    replied_on = past_date("Date of their reply", required=False)


class ConsentForm(forms.Form):
    kind = _radios(
        "What did they consent to?", ConsentKind.choices, "Choose what they consented to"
    )
    given_on = past_date("Date they gave consent")


class WithdrawForm(forms.Form):
    withdrawn_on = past_date("Date they withdrew consent")
    withdrawal_note = forms.CharField(
        label="Notes", widget=forms.Textarea, required=False, help_text="How they told you"
    )


class SessionForm(forms.Form):
    held_on = past_date("Date of the session")
    facilitator = forms.CharField(
        label="Facilitator",
        max_length=200,
        error_messages={"required": "Enter who facilitated the session"},
    )
    how = _radios("How was it held?", ContactMethod.choices, "Choose how the session was held")


def roles_with(capability: str) -> list[str]:
    return [role for role in role_table() if capability in capabilities_of([role])]


def _themes(partnership):
    return VoiceTheme.objects.filter(partnership=partnership, is_active=True)


class ContributionForm(forms.Form):
    text = forms.CharField(
        label="What they said",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Seen only by the engagement team; each time it is read is logged",
        error_messages={"required": "Enter what they said"},
    )
    shared_text = forms.CharField(
        label="Their views to share, anonymised",
        widget=forms.Textarea,
        required=False,
        help_text="Only with their consent to share. No names, places or details that could "
        "identify anyone. Shown with ‘you said, we did’ evidence until they withdraw consent",
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes",
        queryset=VoiceTheme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = _themes(partnership)


class ResponseForm(forms.Form):
    text = forms.CharField(
        label="What was agreed with them",
        widget=forms.Textarea,
        error_messages={"required": "Enter what was agreed"},
    )
    theme = forms.ModelChoiceField(
        label="Theme", queryset=VoiceTheme.objects.none(), required=False, empty_label="None"
    )
    agreed_on = past_date("Date it was agreed")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = _themes(partnership)


class FollowUpForm(EditForm):
    followed_up_on = past_date("Date they were told what was done")
    follow_up_note = forms.CharField(
        label="What they were told",
        widget=forms.Textarea,
        error_messages={"required": "Say what they were told was done"},
    )


class CloseForm(EditForm):
    closed_on = past_date("Date it closed")
    closure_reason = _radios(
        "Why is it closing?", ClosureReason.choices, "Choose why the engagement is closing"
    )
    closure_note = forms.CharField(label="Notes", widget=forms.Textarea, required=False)


class YouSaidWeDidForm(forms.Form):
    theme = forms.ModelChoiceField(
        label="Theme", queryset=VoiceTheme.objects.none(), required=False, empty_label="None"
    )
    response = forms.ModelChoiceField(
        label="Agreed response", queryset=None, required=False, empty_label="None"
    )
    contribution = forms.ModelChoiceField(
        label="Their words, anonymised",
        queryset=None,
        required=False,
        empty_label="Do not include their words",
        help_text="Only what they agreed to share, while their consent to share is in force",
    )
    recommendation = forms.ModelChoiceField(
        label="Recommendation", queryset=None, required=False, empty_label="None"
    )
    action = forms.ModelChoiceField(
        label="Or a plan action", queryset=None, required=False, empty_label="None"
    )
    what_we_did = forms.CharField(
        label="What was done in answer",
        widget=forms.Textarea,
        error_messages={"required": "Say what was done in answer"},
    )
    linked_on = past_date("Date of the evidence")

    def __init__(self, *args, engagement, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = VoiceTheme.objects.filter(
            partnership_id=engagement.partnership_id
        )
        self.fields["response"].queryset = selectors.responses_of(engagement)
        self.fields["contribution"].queryset = selectors.shareable_contributions(engagement)
        self.fields["contribution"].label_from_instance = lambda c: (
            f"What they agreed to share in the session on {c.session.held_on:%-d %B %Y}"
        )
        recommendations, actions = selectors.link_targets(viewer)
        self.fields["recommendation"].queryset = recommendations
        self.fields["action"].queryset = actions
        self.fields["action"].label_from_instance = lambda a: f"{a.plan.title}: action {a.number}"


class ThemeForm(forms.Form):
    name = forms.CharField(
        label="Theme", max_length=120, error_messages={"required": "Enter the name of the theme"}
    )
    description = forms.CharField(label="Description", widget=forms.Textarea, required=False)


class FeedbackFilterForm(forms.Form):
    state = forms.ChoiceField(
        label="Show",
        choices=[
            ("", "All feedback"),
            ("open", "Waiting for a response"),
            ("late", "Late"),
            ("responded", "Responded to"),
        ],
        required=False,
    )


class FeedbackForm(forms.Form):
    received_on = past_date("Date it was received")
    from_kind = _radios("Who is it from?", FeedbackFrom.choices, "Choose who the feedback is from")
    from_description = forms.CharField(
        label="About them",
        max_length=200,
        required=False,
        help_text="Only what you need to know, for example ‘mother of the child harmed’. "
        "No names or addresses",
    )
    incident = _optional_choice("Incident it is about", None, "None")
    review = _optional_choice("Review it is about", None, "None")
    summary = forms.CharField(
        label="What they raised",
        widget=forms.Textarea,
        error_messages={"required": "Enter what they raised"},
    )
    owner = forms.ModelChoiceField(
        label="Owner",
        queryset=None,
        empty_label="Choose an owner",
        error_messages={"required": "Choose an owner"},
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incident"].queryset = incidents_visible_to(viewer)
        self.fields["review"].queryset = reviews_visible_to(viewer)
        self.fields["owner"].queryset = User.objects.filter(
            agency__partnership_id=viewer.partnership_id,
            is_active=True,
            roles__overlap=roles_with("voice.manage_feedback"),
        ).order_by("last_name", "first_name")
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.email
        if not self.fields["incident"].queryset.exists():
            del self.fields["incident"]


class AcknowledgeForm(EditForm):
    acknowledged_on = past_date("Date it was acknowledged")


class RespondForm(EditForm):
    outcome = _radios("Outcome", FeedbackOutcome.choices, "Choose the outcome")
    response_text = forms.CharField(
        label="The response sent to them",
        widget=forms.Textarea,
        error_messages={"required": "Enter the response sent to them"},
    )
    responded_on = past_date("Date of the response")
