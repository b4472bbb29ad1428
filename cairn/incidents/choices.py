"""Controlled vocabularies for child-on-child incidents (shared/reference/guidance.md s2, s4)."""

from django.db import models


class AbuseForm(models.TextChoices):
    """The nine forms of child-on-child abuse named in KCSIE Part one."""

    BULLYING = "bullying", "Bullying (including cyberbullying, prejudice-based and discriminatory)"
    RELATIONSHIP = "relationship", "Abuse in intimate personal relationships between children"
    PHYSICAL = "physical", "Physical abuse"
    SEXUAL_VIOLENCE = "sexual_violence", "Sexual violence"
    SEXUAL_HARASSMENT = "sexual_harassment", "Sexual harassment"
    CAUSING_SEXUAL_ACTIVITY = (
        "causing_sexual_activity",
        "Causing someone to engage in sexual activity without consent",
    )
    IMAGE_SHARING = "image_sharing", "Sharing nude and semi-nude images or videos"
    UPSKIRTING = "upskirting", "Upskirting"
    INITIATION = "initiation", "Initiation or hazing-type violence and rituals"


class SexualViolenceKind(models.TextChoices):
    RAPE = "rape", "Rape"
    ASSAULT_BY_PENETRATION = "assault_by_penetration", "Assault by penetration"
    SEXUAL_ASSAULT = "sexual_assault", "Sexual assault"


class ContextKind(models.TextChoices):
    SCHOOL = "school", "School or college"
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhood place"
    ONLINE = "online", "Online space"
    PEER_GROUP = "peer_group", "Peer group"


class InvolvementRole(models.TextChoices):
    HARMED = "harmed", "Harmed"
    HARMED_OTHERS = "harmed_others", "Allegedly harmed others"
    BOTH = "both", "Both harmed and allegedly harmed others"
    WITNESS = "witness", "Witness"
    OTHER_AFFECTED = "other_affected", "Other affected"


class ReferralSource(models.TextChoices):
    """CIN census referral source codes."""

    FAMILY = "1A", "Individual: family member, relative or carer"
    ACQUAINTANCE = "1B", "Individual: acquaintance"
    SELF = "1C", "Individual: self"
    INDIVIDUAL_OTHER = "1D", "Individual: other"
    SCHOOLS = "2A", "Schools"
    EDUCATION_SERVICES = "2B", "Education services"
    GP = "3A", "Health: GP"
    HEALTH_VISITOR = "3B", "Health: health visitor"
    SCHOOL_NURSE = "3C", "Health: school nurse"
    PRIMARY_HEALTH_OTHER = "3D", "Health: other primary health services"
    A_AND_E = "3E", "Health: A&E"
    HEALTH_OTHER = "3F", "Health: other"
    HOUSING = "4", "Housing"
    LA_SOCIAL_CARE = "5A", "LA services: social care"
    LA_OTHER_INTERNAL = "5B", "LA services: other internal"
    LA_EXTERNAL = "5C", "LA services: external"
    LA_EARLY_HELP = "5D", "LA services: early help"
    POLICE = "6", "Police"
    OTHER_LEGAL = "7", "Other legal agency"
    OTHER = "8", "Other"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Unknown"


class MashStage(models.TextChoices):
    CONTACT = "contact", "Contact"
    SCREENING = "screening", "Screening"
    DECISION = "decision", "Awaiting decision"
    DECIDED = "decided", "Decided"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class DecisionOutcome(models.TextChoices):
    NFA = "nfa", "No further action"
    UNIVERSAL = "universal", "Universal services or signposting"
    EARLY_HELP = "early_help", "Early help"
    ASSESSMENT = "assessment", "Child and family assessment"
    STRATEGY = "strategy", "Strategy discussion / section 47"
    POLICE = "police", "Police investigation"
    SCHOOL_SUPPORT = "school_support", "School to manage with support"


class ReportOutcome(models.TextChoices):
    """Outcome of the report (KCSIE Part four definitions, commonly borrowed)."""

    SUBSTANTIATED = "substantiated", "Substantiated"
    UNSUBSTANTIATED = "unsubstantiated", "Unsubstantiated"
    UNFOUNDED = "unfounded", "Unfounded"
    FALSE = "false", "False"
    MALICIOUS = "malicious", "Malicious"
