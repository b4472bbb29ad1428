"""The dashboards' filter: a period (two dates) and an optional area (a town)."""

from django import forms

from cairn.core.forms import GovukDateField


class DashboardFilterForm(forms.Form):
    reported_from = GovukDateField(label="Reported from", past=True)
    reported_to = GovukDateField(label="Reported to", past=True)
    area = forms.ChoiceField(label="Area (town)", required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "Every area"), *[(a, a) for a in areas]]

    def clean(self):
        data = super().clean()
        start, end = data.get("reported_from"), data.get("reported_to")
        if start and end and end < start:
            self.add_error(
                "reported_to", "‘Reported to’ must be the same as or after ‘Reported from’"
            )
        return data
