"""Demo step: about 2,000 synthetic children with names, dates of birth, schools, addresses."""

from __future__ import annotations

from datetime import date, timedelta

from cairn.accounts.models import Agency
from cairn.audit.services import record_bulk_create
from cairn.people.choices import IdentifierKind, NameKind, Sex
from cairn.people.models import Address, Identifier, Person, PersonName

REFERENCE_DATE = date(2026, 9, 1)  # fixed, so the same seed gives the same people
ETHNICITIES = [
    ("White British", 74),
    ("White Other", 5),
    ("Mixed White and Black Caribbean", 3),
    ("Mixed White and Asian", 3),
    ("Asian Pakistani", 3),
    ("Asian Indian", 3),
    ("Black African", 3),
    ("Black Caribbean", 1),
    ("Chinese", 1),
    ("Any other ethnic group", 2),
    ("Not obtained", 2),
]
NICKNAMES = {
    "Thomas": "Tom",
    "William": "Will",
    "James": "Jim",
    "Daniel": "Dan",
    "Samuel": "Sam",
    "Joshua": "Josh",
    "Benjamin": "Ben",
    "Alexander": "Alex",
    "Matthew": "Matt",
    "Jessica": "Jess",
    "Rebecca": "Becky",
    "Elizabeth": "Beth",
    "Katherine": "Kate",
    "Charlotte": "Charlie",
    "Abigail": "Abbie",
    "Victoria": "Tori",
    "Samantha": "Sam",
}


def school_for_age(ctx, age: int) -> Agency | None:
    def of(*words):
        return [s for s in ctx.schools if any(w in s.name for w in words)]

    if age < 4:
        return None
    if age <= 10:
        pool = of("Primary")
    elif age <= 15:
        pool = of("Academy", "High School", "Community College")
    else:
        pool = of("Sixth Form", "Community College", "Academy")
    return ctx.rng.choice(pool or ctx.schools)


def _upn(rng) -> str:
    return rng.choice("ABCDEFGHJKLMNPQRTUVWXYZ") + "".join(
        str(rng.randint(0, 9)) for _ in range(12)
    )


def build(ctx) -> None:
    rng, fake = ctx.rng, ctx.fake
    ethnic_pool = [e for e, weight in ETHNICITIES for _ in range(weight)]
    towns = ["Marlbridge", "Ashcombe", "Kingsmere", "Stourleigh", "Westerby", "Elmstead"]
    people, names, addresses, identifiers = [], [], [], []
    for _ in range(round(2000 * ctx.scale)):
        sex = rng.choice([Sex.FEMALE, Sex.MALE])
        given = fake.first_name_female() if sex == Sex.FEMALE else fake.first_name_male()
        dob = REFERENCE_DATE - timedelta(days=rng.randint(4 * 365, 18 * 365 - 1))
        age = (REFERENCE_DATE - dob).days // 365
        person = Person(
            partnership=ctx.partnership,
            given_name=given,
            family_name=fake.last_name(),
            date_of_birth=dob,
            sex=sex,
            ethnicity=rng.choice(ethnic_pool),
            has_send=rng.random() < 0.15,
            school=school_for_age(ctx, age),
            is_synthetic=True,
        )
        people.append(person)
    Person.objects.bulk_create(people, batch_size=1000)
    for person in people:
        if person.given_name in NICKNAMES and rng.random() < 0.5:
            names.append(
                PersonName(
                    person=person, kind=NameKind.NICKNAME, given_name=NICKNAMES[person.given_name]
                )
            )
        elif rng.random() < 0.05:
            names.append(
                PersonName(
                    person=person,
                    kind=NameKind.PREVIOUS,
                    given_name=person.given_name,
                    family_name=fake.last_name(),
                )
            )
        addresses.append(
            Address(
                person=person,
                line1=fake.street_address().split("\n")[0],
                town=rng.choice(towns),
                postcode=fake.postcode(),
                start_date=person.date_of_birth,
            )
        )
        if person.school_id:
            identifiers.append(Identifier(person=person, kind=IdentifierKind.UPN, value=_upn(rng)))
    PersonName.objects.bulk_create(names, batch_size=2000)
    Address.objects.bulk_create(addresses, batch_size=2000)
    Identifier.objects.bulk_create(identifiers, batch_size=2000)
    pid = ctx.partnership.pk
    for model, rows in (
        (Person, people),
        (PersonName, names),
        (Address, addresses),
        (Identifier, identifiers),
    ):
        record_bulk_create(
            model=model, count=len(rows), note="Synthetic demo data", partnership_id=pid
        )
