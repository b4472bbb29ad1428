"""People known to the partnership: one person, one record."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Lower

from cairn.accounts.models import Agency, Partnership
from cairn.core.models import Versioned
from cairn.people.choices import IdentifierKind, NameKind, Sex
from cairn.people.functions import DMetaphone, DMetaphoneAlt, Unaccented

# A character outside printable ASCII: the name may have accents (Zoë, Brontë, O’Neil).
ACCENTED = "[^ -~]"


def trigram_index(field: str, name: str) -> GinIndex:
    """A GIN trigram index on the unaccented name, for ``%`` and ``similarity`` (matching)."""
    return GinIndex(OpClass(Unaccented(field), name="gin_trgm_ops"), name=name)


def plain_trigram_index(field: str, name: str) -> GinIndex:
    """A GIN trigram index on the name as it is: for names in plain ASCII, which are their own
    unaccented form (matching tests them here, without a ``cairn_unaccent`` call for each)."""
    return GinIndex(fields=[field], opclasses=["gin_trgm_ops"], name=name)


def accented_trigram_index(field: str, name: str) -> GinIndex:
    """A GIN trigram index on the unaccented name, only for the few names not in plain ASCII."""
    return GinIndex(
        OpClass(Unaccented(field), name="gin_trgm_ops"),
        name=name,
        condition=models.Q(**{f"{field}__regex": ACCENTED}),
    )


class Person(Versioned):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="people")
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    ethnicity = models.CharField(max_length=60, blank=True)
    has_send = models.BooleanField("special educational needs or disability", default=False)
    school = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pupils",
        limit_choices_to={"kind": "school"},
    )
    is_synthetic = models.BooleanField(default=False, help_text="Generated demo or test person")

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["partnership", "family_name", "given_name"]),
            models.Index(fields=["partnership", "date_of_birth"], name="person_dob"),
            plain_trigram_index("given_name", "person_given_trgm"),
            plain_trigram_index("family_name", "person_family_trgm"),
            accented_trigram_index("given_name", "person_given_accented_trgm"),
            accented_trigram_index("family_name", "person_family_accented_trgm"),
            models.Index(
                "partnership", Lower(Unaccented("given_name")), name="person_given_name_lower"
            ),
            models.Index(
                "partnership",
                DMetaphone(Unaccented("family_name")),
                name="person_family_name_dm",
            ),
            models.Index(
                "partnership",
                DMetaphoneAlt(Unaccented("family_name")),
                name="person_family_name_dm_alt",
            ),
        ]

    def __str__(self):
        return f"{self.given_name} {self.family_name}"

    @property
    def full_name(self) -> str:
        return str(self)


class PersonName(models.Model):
    """Other names a person is known by: aliases, nicknames, previous names."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(max_length=12, choices=NameKind.choices)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)

    class Meta:
        indexes = [
            trigram_index("given_name", "personname_given_name_trgm"),
            trigram_index("family_name", "personname_family_name_trgm"),
            models.Index(DMetaphone(Unaccented("family_name")), name="personname_family_dm"),
        ]

    @property
    def partnership_id(self):
        return self.person.partnership_id

    def __str__(self):
        return f"{self.given_name} {self.family_name}".strip()


class Address(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line1 = models.CharField(max_length=200)
    line2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=10)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name_plural = "addresses"

    @property
    def partnership_id(self):
        return self.person.partnership_id

    def __str__(self):
        return f"{self.line1}, {self.town} {self.postcode}"


class Identifier(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=10, choices=IdentifierKind.choices)
    value = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "value"], name="identifier_unique")
        ]

    @property
    def partnership_id(self):
        return self.person.partnership_id

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"
