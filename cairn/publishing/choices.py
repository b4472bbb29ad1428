"""Controlled vocabularies for publications, the redaction gate and media enquiries."""

from django.db import models


class PublicationKind(models.TextChoices):
    STATEMENT = "statement", "Statement"
    REVIEW_REPORT = "review_report", "Review report"
    LEARNING_SUMMARY = "learning_summary", "Learning summary"
    YEARLY_REPORT = "yearly_report", "Yearly report"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for approval"
    APPROVED = "approved", "Approved, waiting to be published"
    PUBLISHED = "published", "Published"


class VersionSource(models.TextChoices):
    TYPED = "typed", "Typed in Cairn"
    UPLOADED = "uploaded", "Uploaded document"


class EnquiryStatus(models.TextChoices):
    OPEN = "open", "Waiting for a response"
    ANSWERED = "answered", "Answered"
