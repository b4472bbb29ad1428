"""Partnerships (tenants), agencies and users."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.postgres.fields import ArrayField
from django.db import models

from cairn.accounts.choices import AgencyKind, Role
from cairn.core.models import Versioned


class Partnership(Versioned):
    """A local safeguarding children partnership: the tenant. Nothing crosses between two."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True)
    local_authority_code = models.CharField(
        "local authority code", max_length=3, blank=True, help_text="DfE LA number, e.g. 850"
    )
    local_closure_days = ArrayField(
        models.DateField(),
        default=list,
        blank=True,
        help_text="Days the partnership's offices are closed besides weekends and bank holidays.",
    )
    is_demo = models.BooleanField(default=False, help_text="Holds synthetic demo data only.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Agency(Versioned):
    """An organisation in the partnership: council, police, ICB, a school, a charity..."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=AgencyKind.choices)
    is_statutory_partner = models.BooleanField(
        default=False, help_text="Local authority, ICB or police: one of the three partners."
    )
    urn = models.CharField(
        "unique reference number", max_length=10, blank=True, help_text="Schools only (DfE URN)"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="agency_name_unique")
        ]

    def __str__(self):
        return self.name


class CairnUserManager(UserManager):
    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser, Versioned):
    """A person who signs in. Belongs to one agency; roles grant capabilities."""

    email = models.EmailField("email address", unique=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    roles = ArrayField(models.CharField(max_length=32, choices=Role.choices), default=list)
    job_title = models.CharField(max_length=120, blank=True)

    objects = CairnUserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def partnership_id(self):
        return self.agency.partnership_id if self.agency_id else None

    @property
    def partnership(self):
        return self.agency.partnership if self.agency_id else None

    def has_role(self, *roles: str) -> bool:
        return any(r in self.roles for r in roles)

    def role_labels(self) -> list[str]:
        return [Role(r).label for r in self.roles if r in Role.values]
