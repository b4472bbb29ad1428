"""Demo step: the Marlshire partnership (fictional), its agencies and a user for every role."""

from __future__ import annotations

import hashlib

from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.models import Agency, Partnership, User

TOWNS = [
    "Marlbridge",
    "Ashcombe",
    "Kingsmere",
    "Fenwick Down",
    "Stourleigh",
    "Westerby",
    "Thornbury Vale",
    "Elmstead",
    "Brackenford",
    "Hollins Cross",
    "Saltmarsh",
    "Redhaven",
]
SCHOOL_KINDS = [
    ("Primary School", 9),
    ("Church of England Primary School", 4),
    ("Academy", 5),
    ("High School", 3),
    ("Community College", 2),
    ("Sixth Form College", 1),
]

CORE_AGENCIES = [
    ("la", "Marlshire County Council Children's Services", AgencyKind.LOCAL_AUTHORITY, True),
    ("police", "Marlshire Police", AgencyKind.POLICE, True),
    ("icb", "NHS Marlshire Integrated Care Board", AgencyKind.HEALTH, True),
    ("trust", "Marlshire Community Health NHS Trust", AgencyKind.HEALTH, False),
    ("yjs", "Marlshire Youth Justice Service", AgencyKind.YOUTH_JUSTICE, False),
    ("vcs", "Marlshire Young People's Trust", AgencyKind.VOLUNTARY, False),
    ("sass", "Marlshire Sexual Abuse Support Service", AgencyKind.VOLUNTARY, False),
    (
        "team",
        "Marlshire Safeguarding Children Partnership Team",
        AgencyKind.PARTNERSHIP_TEAM,
        False,
    ),
]

# (email local part, agency key, roles, job title)
DEMO_USERS = [
    ("mash.practitioner", "la", [Role.MASH_PRACTITIONER], "MASH social worker"),
    ("mash.manager", "la", [Role.MASH_MANAGER], "MASH team manager"),
    ("police.officer", "police", [Role.AGENCY_PRACTITIONER], "MASH police researcher"),
    ("health.nurse", "trust", [Role.AGENCY_PRACTITIONER], "Safeguarding nurse"),
    ("yjs.worker", "yjs", [Role.AGENCY_PRACTITIONER], "Youth justice officer"),
    ("partnership.officer", "team", [Role.PARTNERSHIP_OFFICER], "Partnership business manager"),
    ("review.chair", "la", [Role.REVIEW_GROUP_MEMBER], "Joint Case Review Group chair"),
    ("auditor", "team", [Role.AUDITOR], "Independent scrutineer"),
    ("auditor2", "team", [Role.AUDITOR], "Moderating auditor"),
    ("partnership.lead", "team", [Role.PARTNERSHIP_LEAD], "Independent scrutineer and lead"),
    ("engagement.worker", "team", [Role.ENGAGEMENT_WORKER], "Participation and engagement worker"),
    ("comms", "la", [Role.COMMUNICATIONS_OFFICER], "Council communications officer"),
    ("analyst", "team", [Role.ANALYST], "Performance analyst"),
    ("admin", "team", [Role.ADMINISTRATOR], "Cairn administrator"),
]
DOMAIN = "marlshire.example"


def totp_key(seed: int, email: str) -> str:
    return hashlib.sha256(f"cairn-demo:{seed}:{email}".encode()).hexdigest()[:40]


def _user(ctx, email, agency, roles, job_title, first=None, last=None):
    from cairn.demo import DEMO_PASSWORD

    first = first or ctx.fake.first_name()
    last = last or ctx.fake.last_name()
    user = User(
        email=email,
        username=email,
        first_name=first,
        last_name=last,
        agency=agency,
        roles=[str(r) for r in roles],
        job_title=job_title,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    key = totp_key(ctx.seed, email)
    TOTPDevice.objects.create(user=user, name="Demo authenticator", key=key, confirmed=True)
    ctx.users.append((user, key))
    return user


def _school_names(ctx, count):
    names, rng = [], ctx.rng
    kinds = [k for k, weight in SCHOOL_KINDS for _ in range(weight)]
    while len(names) < count:
        kind = rng.choice(kinds)
        stem = rng.choice(TOWNS) if rng.random() < 0.6 else f"{ctx.fake.last_name()}"
        name = f"{stem} {kind}"
        if name not in names:
            names.append(name)
    return names


def build(ctx) -> None:
    p = Partnership.objects.create(
        name="Marlshire Safeguarding Children Partnership",
        short_name="Marlshire SCP",
        local_authority_code="990",
        is_demo=True,
    )
    ctx.partnership = p
    for key, name, kind, statutory in CORE_AGENCIES:
        ctx.agencies[key] = Agency.objects.create(
            partnership=p, name=name, kind=kind, is_statutory_partner=statutory
        )
    n_schools = max(4, round(40 * ctx.scale))
    for i, name in enumerate(_school_names(ctx, n_schools)):
        ctx.schools.append(
            Agency.objects.create(
                partnership=p, name=name, kind=AgencyKind.SCHOOL, urn=str(140000 + i * 7)
            )
        )
    for local, agency_key, roles, title in DEMO_USERS:
        _user(ctx, f"{local}@{DOMAIN}", ctx.agencies[agency_key], roles, title)
    for i, school in enumerate(ctx.schools[:5], 1):
        _user(
            ctx,
            f"dsl{i}@{DOMAIN}",
            school,
            [Role.DSL],
            f"Designated safeguarding lead, {school.name}",
        )

    # A neighbouring partnership, to show that nothing crosses between tenants.
    other = Partnership.objects.create(
        name="Eastmarsh Safeguarding Children Partnership",
        short_name="Eastmarsh SCP",
        local_authority_code="991",
        is_demo=True,
    )
    ctx.other_partnership = other
    la = Agency.objects.create(
        partnership=other,
        name="Eastmarsh Borough Council Children's Services",
        kind=AgencyKind.LOCAL_AUTHORITY,
        is_statutory_partner=True,
    )
    _user(
        ctx,
        "mash.practitioner@eastmarsh.example",
        la,
        [Role.MASH_PRACTITIONER],
        "MASH social worker",
    )
    _user(ctx, "admin@eastmarsh.example", la, [Role.ADMINISTRATOR], "Cairn administrator")
