"""Controlled vocabularies of the learning app: kinds of briefing, and the themes and topics of
the practice guidance library (the YAML library is checked against these)."""

from django.db import models


class BriefingKind(models.TextChoices):
    SEVEN_MINUTE = "seven_minute", "Seven-minute briefing"
    LEARNING_SUMMARY = "learning_summary", "Learning summary"
    PRACTICE_ALERT = "practice_alert", "Practice alert"


class BriefingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"


class NoticeKind(models.TextChoices):
    """The e-mails a recipient can be sent about one briefing: each goes at most once."""

    NEW = "new", "New briefing"
    NOT_READ = "not_read", "Reminder: not yet read"
    FOLLOW_UP = "follow_up", "Follow-up question"


class Theme(models.TextChoices):
    """What a practice resource is about (the library page filters by these)."""

    HARMFUL_SEXUAL_BEHAVIOUR = "harmful_sexual_behaviour", "Harmful sexual behaviour"
    RISK_ASSESSMENT = "risk_assessment", "Assessment and safety planning"
    CONTEXTUAL_SAFEGUARDING = "contextual_safeguarding", "Contextual safeguarding"
    SCHOOLS = "schools", "Schools and colleges"
    MULTI_AGENCY = "multi_agency", "Multi-agency working"
    ONLINE = "online", "Online harm"
    STATUTORY_GUIDANCE = "statutory_guidance", "Statutory guidance"


class Topic(models.TextChoices):
    """The pages where a resource helps: ``{% practice_links "hsb_assessment" %}`` on them."""

    HSB_ASSESSMENT = "hsb_assessment", "Harmful sexual behaviour assessment"
    CONTEXT = "context", "Contexts and context safety plans"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussions"
    SAFETY_PLAN = "safety_plan", "Risk assessments and safety plans"
    INCIDENT = "incident", "Recording an incident"
    MASH_DECISION = "mash_decision", "MASH decisions"


FOLLOW_UP_QUESTION = "What has changed in your practice since reading this briefing?"
