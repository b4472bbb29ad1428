"""Controlled vocabularies for timescales."""

from django.db import models


class Unit(models.TextChoices):
    WORKING_DAYS = "working_days", "working days"
    CALENDAR_DAYS = "calendar_days", "calendar days"
    MONTHS = "months", "months"


class Status(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed in national guidance"
    UNCONFIRMED = "unconfirmed", "Not confirmed: check against the national text"
    LOCAL = "local", "Local practice or Cairn's default"


class NonWorkingDue(models.TextChoices):
    """Where a calendar-day or month clock lands when its date is not a working day."""

    PREVIOUS_WORKING_DAY = "previous_working_day", "the working day before"
    NEXT_WORKING_DAY = "next_working_day", "the working day after"
    KEEP = "keep", "keep the date"
