"""Forms for finding and adding people. Errors are specific and in plain English."""

from django import forms

from cairn.accounts.models import Agency
from cairn.core.forms import GovukDateField
from cairn.people.choices import Sex
from cairn.people.selectors import (
    WHOLE_PARTNERSHIP_ROLES,
    partnership_schools,
    schools_for_new_people,
)


class FindPersonForm(forms.Form):
    given_name = forms.CharField(label="First name", max_length=100, required=False)
    family_name = forms.CharField(label="Last name", max_length=100, required=False)
    date_of_birth = GovukDateField(
        label="Date of birth",
        required=False,
        past=True,
        help_text="If you know it. For example, 27 3 2012",
    )
    school = forms.ModelChoiceField(
        label="School or college",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Any school, or not known",
        error_messages={"invalid_choice": "Choose a school from the list"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = partnership_schools(user)

    def clean(self):
        data = super().clean()
        if not (data.get("given_name", "").strip() or data.get("family_name", "").strip()):
            self.add_error("given_name", "Enter a first name or a last name to search for")
        return data


class NewPersonForm(forms.Form):
    given_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter their first name"},
    )
    family_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter their last name"},
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        required=False,
        past=True,
        help_text="For example, 27 3 2012. Leave it blank if nobody knows it yet",
    )
    sex = forms.ChoiceField(
        label="Sex",
        choices=Sex.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select their sex, or ‘Not known’"},
    )
    school = forms.ModelChoiceField(
        label="School or college",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Not known, or not at school",
        error_messages={"invalid_choice": "Choose a school from the list"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        school = self.fields["school"]
        school.queryset = schools_for_new_people(user)
        if not user.has_role(*WHOLE_PARTNERSHIP_ROLES):  # a DSL adds their own pupils
            school.required, school.empty_label = True, None
            school.help_text = "You can add pupils on your school's roll"
            school.error_messages["required"] = "Choose your school"
