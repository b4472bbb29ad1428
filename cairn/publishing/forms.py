"""Forms for publications, the redaction gate and media enquiries. They parse and keep what
was typed; the rules live in ``services``."""

import datetime as dt

from django import forms
from django.utils import timezone

from cairn.core.forms import EditForm, GovukDateField
from cairn.publishing.choices import EnquiryStatus, PublicationKind
from cairn.publishing.extract import MAX_BYTES
from cairn.reviews.models import Review

MB = 1024 * 1024


def _review_choices(partnership):
    reviews = Review.objects.filter(partnership=partnership).order_by("title")
    return [("", "Not linked to a review"), *[(str(r.pk), r.title) for r in reviews]]


def _review(form, partnership):
    pk = form.cleaned_data.get("review")
    return Review.objects.filter(partnership=partnership, pk=pk).first() if pk else None


class PublicationForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of publication is it?",
        choices=PublicationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of publication it is"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="Shown on the public site. It must not identify any child.",
        error_messages={"required": "Enter the title"},
    )
    review = forms.ChoiceField(
        label="Review it is about",
        required=False,
        help_text="The redaction check looks for the details of every child linked to this "
        "review and its incidents",
    )
    planned_on = GovukDateField(
        label="Planned publication date",
        required=False,
        help_text="For a review report, the advance copy deadline counts back from this date",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["review"].choices = _review_choices(partnership)

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data["review"] = _review(self, self.partnership)
        return data


class PublicationSettingsForm(EditForm):
    review = PublicationForm.base_fields["review"]
    planned_on = PublicationForm.base_fields["planned_on"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["review"].choices = _review_choices(partnership)

    def changes(self) -> dict:
        data = super().changes()
        data["review"] = _review(self, self.partnership)
        return data


class VersionForm(EditForm):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the title"}
    )
    summary = forms.CharField(
        label="Summary",
        max_length=300,
        required=False,
        help_text="One or two sentences for the list of publications and the feed",
    )
    text = forms.CharField(
        label="Text",
        widget=forms.Textarea,
        required=False,
        help_text="Leave a blank line between paragraphs. Or upload a document below: its "
        "text replaces what is here.",
    )
    document = forms.FileField(
        label="Upload a PDF or Word document (optional)",
        required=False,
        help_text=f"A .pdf or .docx file, up to {MAX_BYTES // MB} MB. Its text is checked for "
        "identifying details and kept with the file.",
    )
    amendment_note = forms.CharField(
        label="Amendment note",
        widget=forms.Textarea,
        required=False,
        help_text="Shown to the public with this version. For example, ‘Amended on 22 February "
        "2022 to include a link to the multi-agency guidance’.",
    )

    def __init__(self, *args, amendment: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not amendment:
            del self.fields["amendment_note"]

    def document_upload(self) -> tuple[str, bytes] | None:
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        # Read one byte more than allowed: extract_text then says the file is too large.
        return upload.name, upload.read(MAX_BYTES + 1)

    def changes(self) -> dict:
        data = super().changes()
        data.pop("document", None)
        data.setdefault("amendment_note", "")
        return data


class JustifyForm(forms.Form):
    reason = forms.CharField(
        label="Why may this stay in the publication?",
        widget=forms.Textarea,
        help_text="For example, ‘Another person of the same name, not linked to this review’. "
        "Your name is recorded with the reason.",
        error_messages={"required": "Enter why this detail may stay in the publication"},
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="What needs to change?",
        widget=forms.Textarea,
        error_messages={"required": "Enter what needs to change"},
    )


class ApproveForm(forms.Form):
    when = forms.ChoiceField(
        label="When should it be published?",
        choices=[("now", "Publish now"), ("later", "Publish on a date")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose when it should be published"},
    )
    publish_on = GovukDateField(
        label="Publication date",
        required=False,
        help_text="It is published at 9am on this day",
    )

    def clean(self):
        data = super().clean()
        if data.get("when") == "later" and not data.get("publish_on"):
            self.add_error("publish_on", "Enter the publication date")
        return data

    def publish_at(self) -> dt.datetime | None:
        if self.cleaned_data["when"] != "later":
            return None
        day = self.cleaned_data["publish_on"]
        return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


class AdvanceCopyForm(forms.Form):
    sent_to = forms.CharField(
        label="Who was it sent to?",
        max_length=200,
        help_text="For example, the Child Safeguarding Practice Review Panel",
        error_messages={"required": "Enter who the copy was sent to"},
    )
    sent_on = GovukDateField(label="Date it was sent", past=True)


# Media enquiries -------------------------------------------------------------------------


def _moment(day: dt.date, time_text: str) -> dt.datetime:
    hours, minutes = (int(p) for p in time_text.split(":"))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hours, minutes)))


class TimeField(forms.CharField):
    """A time as 24-hour ‘14:30’."""

    def to_python(self, value):
        value = super().to_python(value).strip().replace(".", ":")
        if not value:
            return value
        try:
            hours, minutes = (int(p) for p in value.split(":"))
            dt.time(hours, minutes)
        except ValueError:
            raise forms.ValidationError(
                f"{self.label} must be a real time, like 09:30 or 14:00"
            ) from None
        return f"{hours:02d}:{minutes:02d}"


class EnquiryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "All"), ("overdue", "Overdue"), *EnquiryStatus.choices],
        required=False,
    )
    mine = forms.BooleanField(label="Only enquiries I answer", required=False)


class EnquiryForm(EditForm):
    outlet = forms.CharField(
        label="Outlet", max_length=200, error_messages={"required": "Enter the outlet"}
    )
    journalist = forms.CharField(
        label="Journalist",
        max_length=200,
        error_messages={"required": "Enter the journalist's name"},
    )
    contact = forms.CharField(label="Journalist's email or phone", max_length=200, required=False)
    received_on = GovukDateField(label="Date received", past=True)
    received_time = TimeField(label="Time received", help_text="For example, 09:30")
    deadline_on = GovukDateField(label="Deadline date")
    deadline_time = TimeField(label="Deadline time", help_text="For example, 16:00")
    topic = forms.CharField(
        label="What they asked",
        widget=forms.Textarea,
        error_messages={"required": "Enter what they asked"},
    )
    publication = forms.ChoiceField(label="Publication it is about", required=False)
    owner = forms.ChoiceField(label="Who answers it", required=False)

    def __init__(self, *args, publications, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.publications = {str(p.pk): p for p in publications}
        self.owners = {str(u.pk): u for u in owners}
        self.fields["publication"].choices = [
            ("", "None"),
            *[(k, p.title) for k, p in self.publications.items()],
        ]
        self.fields["owner"].choices = [
            ("", "Not yet assigned"),
            *[(k, u.get_full_name() or u.email) for k, u in self.owners.items()],
        ]
        self.fields["received_time"].error_messages["required"] = "Enter the time received"
        self.fields["deadline_time"].error_messages["required"] = "Enter the deadline time"

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "outlet": data["outlet"],
            "journalist": data["journalist"],
            "contact": data["contact"],
            "received_at": _moment(data["received_on"], data["received_time"]),
            "deadline": _moment(data["deadline_on"], data["deadline_time"]),
            "topic": data["topic"],
            "publication": self.publications.get(data.get("publication") or ""),
            "owner": self.owners.get(data.get("owner") or ""),
        }


class ResponseForm(EditForm):
    response = forms.CharField(
        label="What was said in response",
        widget=forms.Textarea,
        error_messages={"required": "Enter what was said in response"},
    )
    responded_on = GovukDateField(label="Date of the response", past=True)
    responded_time = TimeField(label="Time of the response", help_text="For example, 15:45")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responded_time"].error_messages["required"] = "Enter the time of the response"

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "response": data["response"],
            "responded_at": _moment(data["responded_on"], data["responded_time"]),
        }
