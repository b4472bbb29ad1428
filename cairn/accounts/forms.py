"""Forms for signing in and for the administration area. Errors are in plain English."""

from django import forms
from django.contrib.auth.password_validation import validate_password

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.models import Agency, User


class SignInForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code, for example 123456",
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the code as 6 digits, for example 123456")
        return code


class VersionedForm(forms.Form):
    """Carries the version the user started editing, to refuse silent overwrites."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class PartnershipForm(VersionedForm):
    name = forms.CharField(
        max_length=200, error_messages={"required": "Enter the partnership's name"}
    )
    short_name = forms.CharField(label="Short name", max_length=60, required=False)
    local_authority_code = forms.CharField(
        label="Local authority code",
        max_length=3,
        required=False,
        help_text="The DfE local authority number, for example 850",
    )
    local_closure_days = forms.CharField(
        label="Local closure days",
        required=False,
        widget=forms.Textarea,
        help_text="Days the offices close besides weekends and bank holidays: one date a line, "
        "as 24/12/2026",
    )

    def clean_local_authority_code(self):
        code = self.cleaned_data["local_authority_code"].strip()
        if code and not (code.isdigit() and len(code) == 3):
            raise forms.ValidationError("Local authority code must be 3 digits, like 850")
        return code

    def clean_local_closure_days(self):
        days, field = [], forms.DateField(input_formats=["%d/%m/%Y", "%Y-%m-%d"])
        for n, line in enumerate(self.cleaned_data["local_closure_days"].splitlines(), 1):
            if line.strip():
                try:
                    days.append(field.clean(line.strip()))
                except forms.ValidationError:
                    raise forms.ValidationError(
                        f"Line {n}: '{line.strip()}' is not a date. Write dates like 24/12/2026"
                    ) from None
        return sorted(set(days))


class AgencyForm(VersionedForm):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the agency's name"})
    kind = forms.ChoiceField(
        label="Kind of agency",
        choices=AgencyKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of agency"},
    )
    is_statutory_partner = forms.BooleanField(
        label="Statutory safeguarding partner", required=False
    )
    urn = forms.CharField(
        label="School URN",
        max_length=10,
        required=False,
        help_text="Schools and colleges only: the 6-digit DfE unique reference number",
    )
    is_active = forms.BooleanField(label="Active", required=False, initial=True)

    def __init__(self, *args, partnership=None, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership, self.instance = partnership, instance
        self.fields["version"].required = instance is not None

    def clean_urn(self):
        urn = self.cleaned_data["urn"].strip()
        if urn and not (urn.isdigit() and len(urn) == 6):
            raise forms.ValidationError("School URN must be 6 digits, like 123456")
        return urn

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Agency.objects.filter(partnership=self.partnership, name__iexact=name)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"There is already an agency called {name}")
        return name


class UserForm(VersionedForm):
    first_name = forms.CharField(
        label="First name",
        max_length=150,
        error_messages={"required": "Enter the user's first name"},
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter the user's last name"}
    )
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter the user's email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    job_title = forms.CharField(label="Job title", max_length=120, required=False)
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        empty_label="Choose an agency",
        error_messages={"required": "Choose the user's agency"},
    )
    roles = forms.MultipleChoiceField(
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one role"},
    )
    is_active = forms.BooleanField(label="Can sign in", required=False, initial=True)
    password = forms.CharField(
        label="Initial password",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. Give it to the user in person; they set up two-factor "
        "sign-in when they first sign in.",
    )

    def __init__(self, *args, partnership=None, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields["agency"].queryset = Agency.objects.filter(
            partnership=partnership, is_active=True
        )
        if instance is None:
            self.fields["password"].required = True
            self.fields["password"].error_messages["required"] = "Enter an initial password"
            self.fields["version"].required = False
        else:
            self.fields["password"].label = "New password"
            self.fields["password"].help_text = "Leave blank to keep the current password."

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        clash = User.objects.filter(email__iexact=email)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("A user with this email address already exists")
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        if password:
            validate_password(password, self.instance)
        return password
