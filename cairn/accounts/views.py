"""Sign-in, two-factor set-up and the administration area. Thin: forms in, services out."""

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts import selectors, services
from cairn.accounts.choices import Role
from cairn.accounts.forms import AgencyForm, CodeForm, PartnershipForm, SignInForm, UserForm
from cairn.accounts.middleware import allow_before_two_factor
from cairn.accounts.permissions import permission, public, signed_in
from cairn.accounts.roles import needs_two_factor
from cairn.core.services import EditConflict


def _next_url(request, default="core:home"):
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return nxt
    return reverse(default)


@public
def sign_in(request):
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=form.cleaned_data["email"], password=form.cleaned_data["password"]
        )
        if user is not None:
            login(request, user)
            request.session["cairn_next"] = _next_url(request)
            if needs_two_factor(user.roles):
                return redirect("accounts:two_factor")
            return redirect(request.session.pop("cairn_next"))
        if not getattr(request, "axes_locked_out", False):
            form.add_error(None, "Enter a correct email address and password")
            form.add_error("email", "Check your email address and password")
    return render(
        request, "accounts/sign_in.html", {"form": form, "next": request.GET.get("next", "")}
    )


@allow_before_two_factor
@signed_in
def two_factor(request):
    """Ask for the code from the user's authenticator (set one up first if they have none)."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("accounts:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(request.session.pop("cairn_next", reverse("core:home")))
        form.add_error(
            "code",
            "The code is not right. Check your authenticator app and enter the newest code"
            if allowed
            else "Too many wrong codes. Wait a minute, then enter the newest code",
        )
    return render(request, "accounts/two_factor.html", {"form": form})


@allow_before_two_factor
@signed_in
def two_factor_setup(request):
    if request.user.is_verified():
        return redirect("core:home")
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("accounts:two_factor")
    device = services.two_factor_device_start(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.two_factor_device_confirm(
            user=request.user, device=device, code=form.cleaned_data["code"]
        ):
            otp_login(request, device)
            messages.success(request, "Two-factor sign-in is set up")
            return redirect(request.session.pop("cairn_next", reverse("core:home")))
        form.add_error(
            "code", "The code is not right. Scan the QR code again and enter the newest code"
        )
    qr = segno.make(device.config_url, error="m")
    key = device.config_url.split("secret=")[1].split("&")[0]
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": qr.svg_data_uri(scale=4),
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        },
    )


@require_POST
@allow_before_two_factor
@signed_in
def sign_out(request):
    logout(request)
    messages.success(request, "You have signed out")
    return redirect("accounts:sign_in")


# Administration -------------------------------------------------------------------------


@permission("accounts.manage_users")
def admin_home(request):
    return render(
        request, "accounts/admin_home.html", {"figures": selectors.admin_figures(request.user)}
    )


def _save_versioned(request, form, save, success, redirect_to):
    """Run ``save`` for a valid form; on a conflicting edit keep the input and explain."""
    try:
        save(form.cleaned_data)
    except EditConflict as conflict:
        form.add_error(None, str(conflict))
        return None
    messages.success(request, success)
    return redirect(redirect_to)


@permission("accounts.manage_partnership")
def partnership_edit(request):
    partnership = request.user.partnership
    initial = {
        "version": partnership.version,
        "name": partnership.name,
        "short_name": partnership.short_name,
        "local_authority_code": partnership.local_authority_code,
        "local_closure_days": "\n".join(
            d.strftime("%d/%m/%Y") for d in partnership.local_closure_days
        ),
    }
    form = PartnershipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():

        def save(data):
            version = data.pop("version")
            services.partnership_update(
                by=request.user, partnership=partnership, expected_version=version, **data
            )

        done = _save_versioned(
            request, form, save, "Partnership settings saved", "accounts:admin_home"
        )
        if done:
            return done
    return render(
        request, "accounts/partnership_form.html", {"form": form, "partnership": partnership}
    )


@permission("accounts.manage_agencies")
def agency_list(request):
    return render(
        request,
        "accounts/agency_list.html",
        {"agencies": selectors.agencies_for_admin(request.user)},
    )


def _agency_or_404(request, pk):
    try:
        return selectors.agencies_for_admin(request.user).get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


@permission("accounts.manage_agencies")
def agency_form(request, pk=None):
    agency = _agency_or_404(request, pk) if pk else None
    initial = {}
    if agency:
        initial = {
            f: getattr(agency, f)
            for f in ("name", "kind", "is_statutory_partner", "urn", "is_active")
        }
        initial["version"] = agency.version
    form = AgencyForm(
        request.POST or None, initial=initial, partnership=request.user.partnership, instance=agency
    )
    if request.method == "POST" and form.is_valid():

        def save(data):
            version = data.pop("version")
            if agency:
                services.agency_update(
                    by=request.user, agency=agency, expected_version=version, **data
                )
            else:
                services.agency_create(by=request.user, **data)

        done = _save_versioned(
            request, form, save, f"{form.cleaned_data['name']} saved", "accounts:agency_list"
        )
        if done:
            return done
    return render(request, "accounts/agency_form.html", {"form": form, "agency": agency})


@permission("accounts.manage_users")
def user_list(request):
    query = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    users = selectors.users_for_admin(
        request.user, query=query, role=role if role in Role.values else ""
    )
    users = list(users[:500])
    locked = selectors.locked_out_emails(u.email for u in users)
    return render(
        request,
        "accounts/user_list.html",
        {"users": users, "locked": locked, "q": query, "role": role, "roles": Role.choices},
    )


def _user_or_404(request, pk):
    try:
        return selectors.user_for_admin(request.user, pk)
    except ObjectDoesNotExist:
        raise Http404 from None


@permission("accounts.manage_users")
def user_detail(request, pk):
    subject = _user_or_404(request, pk)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "subject": subject,
            "locked": subject.email in selectors.locked_out_emails([subject.email]),
            "has_two_factor": selectors.has_two_factor(subject),
        },
    )


USER_FIELDS = ("first_name", "last_name", "email", "job_title", "agency", "roles", "is_active")


@permission("accounts.manage_users")
def user_form(request, pk=None):
    subject = _user_or_404(request, pk) if pk else None
    initial = (
        {f: getattr(subject, f) for f in USER_FIELDS} | {"version": subject.version}
        if subject
        else {}
    )
    form = UserForm(
        request.POST or None,
        initial=initial,
        partnership=request.user.partnership,
        instance=subject,
    )
    if request.method == "POST" and form.is_valid():

        def save(data):
            version, password = data.pop("version"), data.pop("password")
            if subject:
                user = services.user_update(
                    by=request.user, user=subject, expected_version=version, **data
                )
                if password:
                    services.user_set_password(by=request.user, user=user, password=password)
            else:
                data.pop("is_active")
                services.user_create(by=request.user, password=password, **data)

        done = _save_versioned(
            request, form, save, f"{form.cleaned_data['email']} saved", "accounts:user_list"
        )
        if done:
            return done
    return render(request, "accounts/user_form.html", {"form": form, "subject": subject})


@require_POST
@permission("accounts.manage_users")
def user_unlock(request, pk):
    subject = _user_or_404(request, pk)
    services.user_unlock(by=request.user, user=subject)
    messages.success(request, f"{subject.email} can sign in again")
    return redirect("accounts:user_detail", pk=pk)


@require_POST
@permission("accounts.manage_users")
def user_two_factor_reset(request, pk):
    subject = _user_or_404(request, pk)
    services.two_factor_reset(by=request.user, user=subject)
    messages.success(
        request, f"{subject.email} will set up two-factor sign-in again when they next sign in"
    )
    return redirect("accounts:user_detail", pk=pk)
