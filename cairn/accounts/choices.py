"""Controlled vocabularies for partnerships, agencies and users."""

from django.db import models


class AgencyKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority children's services"
    POLICE = "police", "Police"
    HEALTH = "health", "Health / integrated care board"
    SCHOOL = "school", "School or college"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    VOLUNTARY = "voluntary", "Voluntary sector"
    PARTNERSHIP_TEAM = "partnership_team", "Partnership team"


class Role(models.TextChoices):
    MASH_PRACTITIONER = "mash_practitioner", "MASH practitioner"
    MASH_MANAGER = "mash_manager", "MASH manager"
    AGENCY_PRACTITIONER = "agency_practitioner", "Agency practitioner"
    DSL = "dsl", "Designated safeguarding lead"
    PARTNERSHIP_OFFICER = "partnership_officer", "Partnership officer"
    REVIEW_GROUP_MEMBER = "review_group_member", "Review group member"
    AUDITOR = "auditor", "Auditor"
    ANALYST = "analyst", "Analyst"
    PARTNERSHIP_LEAD = "partnership_lead", "Partnership lead"
    ENGAGEMENT_WORKER = "engagement_worker", "Engagement worker"
    COMMUNICATIONS_OFFICER = "communications_officer", "Communications officer"
    ADMINISTRATOR = "administrator", "Administrator"
