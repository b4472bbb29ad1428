"""How django-axes names the account being signed in to: the e-mail address, lower-cased,
so that 'Name@X' and 'name@x' count towards one lock-out."""


def account_name(request, credentials) -> str | None:
    name = (credentials or {}).get("username") or request.POST.get("email")
    return name.strip().lower() if name else None
