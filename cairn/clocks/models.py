"""A partnership's own timescales: changes to national ones, and local clocks of its own."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from cairn.accounts.models import Partnership
from cairn.clocks.choices import NonWorkingDue, Unit
from cairn.clocks.timescales import KEY_PATTERN, national_timescales, override_problem


class LocalTimescale(models.Model):
    """One partnership's timescale for one clock.

    With the key of a national timescale it replaces that timescale's amount and unit for this
    partnership (a confirmed one may only be shortened); with a new key it is a local clock.
    """

    cairn_audited = True

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="local_timescales"
    )
    key = models.CharField(
        max_length=60,
        validators=[RegexValidator(KEY_PATTERN, "Use lower case letters, digits and underscores.")],
        help_text="The clock's key: a national one to change it, a new one to add a clock.",
    )
    label = models.CharField(
        max_length=200, blank=True, help_text="Leave blank to keep the national label."
    )
    amount = models.IntegerField(help_text="Negative for a deadline before the start event.")
    unit = models.CharField(max_length=16, choices=Unit.choices)
    starts_from = models.CharField(
        max_length=300, blank=True, help_text="Leave blank to keep the national wording."
    )
    if_not_a_working_day = models.CharField(
        max_length=24,
        choices=NonWorkingDue.choices,
        default=NonWorkingDue.PREVIOUS_WORKING_DAY,
        help_text="Calendar-day and month clocks only.",
    )
    reason = models.TextField(
        blank=True, help_text="Why this partnership's timescale differs, and who agreed it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partnership", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "key"], name="local_timescale_key_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(amount=0), name="local_timescale_amount_not_zero"
            ),
            models.CheckConstraint(
                condition=models.Q(unit__in=Unit.values), name="local_timescale_unit_valid"
            ),
        ]

    def __str__(self):
        return f"{self.partnership}: {self.label or self.key}"

    def clean(self):
        national = national_timescales().get(self.key)
        if national is None:
            missing = {
                name: "A local clock needs this."
                for name in ("label", "starts_from")
                if not getattr(self, name)
            }
            if missing:
                raise ValidationError(missing)
        elif self.amount:
            problem = override_problem(national, amount=self.amount, unit=self.unit)
            if problem:
                raise ValidationError({"amount": problem})
        if self.amount == 0:
            raise ValidationError({"amount": "A timescale cannot be 0."})
