from django.db import models


class Sex(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    UNKNOWN = "U", "Not known"


class NameKind(models.TextChoices):
    LEGAL = "legal", "Legal name"
    ALIAS = "alias", "Also known as"
    NICKNAME = "nickname", "Nickname"
    PREVIOUS = "previous", "Previous name"


class IdentifierKind(models.TextChoices):
    UPN = "upn", "Unique pupil number (UPN)"
    NHS = "nhs", "NHS number"
    LOCAL = "local", "Local authority child ID"
    POLICE = "police", "Police national computer ID"
