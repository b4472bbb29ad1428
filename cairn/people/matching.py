"""Person matching: search before create, so that each child has one record.

``find_candidates`` answers "is this child already known?" for a name and, when known, a date
of birth and a school. It finds misspelt names (trigrams, and letters added, dropped, changed or
swapped), names that sound alike (Double Metaphone), nicknames (``cairn/data/nicknames.yaml``),
first and family names the wrong way round, other names a person is known by (aliases,
nicknames, previous names) and dates of birth with the day and month swapped, a year out or a
few days out. Accents never matter (Zoë is Zoe).

One query does what PostgreSQL does well: within the people the viewer may see
(``people_visible_to``), it keeps those that match by an indexed test (the trigram ``%`` on
unaccented names, the Double Metaphone codes of the family name, the date of birth, the other
names), orders them by a rough similarity and keeps the first ``PREFILTER``, with the figures
scoring needs. Python then scores that small set out of 100 and says why each one matched, in
words a practitioner can check before choosing.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path

import yaml
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import (
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    Lookup,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest, JSONObject, Lower

from cairn.people.functions import (
    DMetaphone,
    DMetaphoneAlt,
    Unaccent,
    Unaccented,
)
from cairn.people.models import ACCENTED, Person, PersonName
from cairn.people.selectors import people_visible_to

NICKNAMES_FILE = Path(__file__).resolve().parent.parent / "data" / "nicknames.yaml"

# Points for each part of the search; a score is the share of the points for what was searched.
FAMILY, GIVEN, DOB, SCHOOL = 35, 30, 25, 10
PREFILTER = 100  # candidates scored in Python, at most
MIN_SCORE = 20  # below this a candidate is noise
STRONG, POSSIBLE = 80, 60  # scores from which a match is called strong or possible
DOB_WINDOW_DAYS = 7  # a date of birth this close is a possible typo
TRIGRAM_THRESHOLD = 0.3  # pg_trgm's default for %
SWAPPED = 0.95  # a record with the names the wrong way round is slightly less likely
NAME_KINDS = {
    "alias": "also known as",
    "nickname": "also known as",
    "previous": "previous name",
    "legal": "legal name",
}


@dataclass
class Candidate:
    """A person who may be the one searched for, how likely (0-100) and why."""

    person: Person
    score: int
    reasons: list[str] = field(default_factory=list)

    @property
    def strength(self) -> str:
        """In words: a family name alone (a brother or sister?) is a weak match."""
        if self.score >= STRONG:
            return "Strong match"
        return "Possible match" if self.score >= POSSIBLE else "Weak match"


def find_candidates(
    *,
    viewer,
    given_name: str,
    family_name: str,
    date_of_birth: date | None = None,
    school=None,
    limit: int = 10,
) -> list[Candidate]:
    """People the viewer may see who may be the person searched for, best first."""
    search = _Search(
        given=given_name.strip(),
        family=family_name.strip(),
        g=normalise(given_name),
        f=normalise(family_name),
        dob=date_of_birth,
        school_id=getattr(school, "pk", school),
    )
    if not (search.g or search.f):
        return []
    candidates = [c for row in _rows(viewer, search) if (c := _score(search, row)) is not None]
    candidates.sort(
        key=lambda c: (-c.score, c.person.family_name, c.person.given_name, c.person.pk)
    )
    return candidates[:limit]


def search_by_name(*, viewer, query: str, limit: int = 20) -> list[Candidate]:
    """For a single search box: "Tom Smith" is first and family name; one word is either."""
    words = query.split()
    if len(words) > 1:
        return find_candidates(
            viewer=viewer, given_name=" ".join(words[:-1]), family_name=words[-1], limit=limit
        )
    if not words:
        return []
    best: dict[int, Candidate] = {}
    for given, family in ((words[0], ""), ("", words[0])):
        for c in find_candidates(viewer=viewer, given_name=given, family_name=family, limit=limit):
            if c.person.pk not in best or best[c.person.pk].score < c.score:
                best[c.person.pk] = c
    ranked = sorted(best.values(), key=lambda c: (-c.score, c.person.family_name, c.person.pk))
    return ranked[:limit]


# Names --------------------------------------------------------------------------------------

_FOLDS = str.maketrans(
    {"ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "’": "'"}
)


def normalise(name: str) -> str:
    """How names are compared: lower case, no accents, single spaces (as ``cairn_unaccent``)."""
    text = unicodedata.normalize("NFKD", (name or "").lower().translate(_FOLDS))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


@cache
def nickname_groups() -> dict[str, frozenset[str]]:
    """Each normalised given name -> the other names it can stand for (data, not code)."""
    forms: dict[str, set[str]] = {}
    for group in yaml.safe_load(NICKNAMES_FILE.read_text())["groups"]:
        names = {normalise(n) for n in group}
        for name in names:
            forms.setdefault(name, set()).update(names - {name})
    return {name: frozenset(others) for name, others in forms.items()}


def other_forms(name: str) -> frozenset[str]:
    return nickname_groups().get(normalise(name), frozenset())


@lru_cache(maxsize=8192)
def edit_distance(a: str, b: str, at_most: int = 3) -> int:
    """Letters added, dropped, changed or swapped with a neighbour to turn ``a`` into ``b``;
    ``at_most`` if it is that many or more (only small differences matter here)."""
    if abs(len(a) - len(b)) >= at_most:
        return at_most
    before, previous = [], list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        before, previous = previous, current
        if min(current) >= at_most:
            return at_most
    return min(previous[-1], at_most)


@lru_cache(maxsize=8192)
def _words(name: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[\s\-']+", name) if w)


# The query ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Search:
    given: str  # as typed, for the reasons
    family: str
    g: str  # normalised
    f: str
    dob: date | None
    school_id: int | None

    @property
    def given_forms(self) -> list[str]:
        """The first name searched and the names it can stand for (Tom: Thomas, Tommy...)."""
        return [self.g, *sorted(other_forms(self.g))] if self.g else []


def nearby_dates(dob: date) -> list[date]:
    """Likely mistypings of a date of birth: day and month swapped, or the year one out."""
    dates = []
    if dob.day <= 12 and dob.day != dob.month:
        dates.append(date(dob.year, dob.day, dob.month))
    for year in (dob.year - 1, dob.year + 1):
        with contextlib.suppress(ValueError):  # 29 February
            dates.append(dob.replace(year=year))
    return dates


def _codes(expression) -> Func:
    """Both Double Metaphone codes of a name, as a two-item array."""
    return Func(
        DMetaphone(expression),
        DMetaphoneAlt(expression),
        template="ARRAY[%(expressions)s]",
        output_field=ArrayField(TextField()),
    )


def _other_names(s: _Search) -> ArraySubquery:
    """Each of the person's other names, with its similarity to what was searched."""
    given, family = Unaccent("given_name"), Unaccent("family_name")
    return ArraySubquery(
        PersonName.objects.filter(person_id=OuterRef("pk"))
        .order_by("pk")
        .values(
            json=JSONObject(
                kind="kind",
                given="given_name",
                family="family_name",
                gn=Lower(given),
                fn=Lower(family),
                sim_g=TrigramSimilarity(given, s.g),
                sim_f=TrigramSimilarity(family, s.f),
                codes_g=_codes(given),
                codes_f=_codes(family),
            )
        )
    )


def _other_name_matches(s: _Search, names):
    """Other names (aliases, nicknames, previous names) that match the search (the same tests
    as in ``_matching_ids``)."""
    family = Unaccented("family_name")
    names = names.alias(u_given=Unaccented("given_name"), u_family=family)
    if s.f:
        codes = [DMetaphone(Value(s.f)), DMetaphoneAlt(Value(s.f))]
        return names.alias(dm=DMetaphone(family)).filter(
            Q(u_family__trigram_similar=s.f) | Q(dm__in=codes)
        )
    return names.filter(u_given__trigram_similar=s.g)


_IDS = ArrayField(IntegerField())


class _AnyOf(Lookup):
    """``lhs = ANY(rhs)``, for ``rhs`` an array."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


def _matching_ids(partnership_id: int, s: _Search) -> _AnyOf:
    """Ids of the partnership's people who pass at least one indexed test. Each test is its
    own SELECT, joined by UNION, so that each reads only its own index's rows. The expressions
    are those of the indexes (migrations people 0002 and 0003); ``%%`` is the trigram operator.
    """
    person, other_name = Person._meta.db_table, PersonName._meta.db_table
    given = "cairn_unaccent(given_name)"
    family = "cairn_unaccent(family_name)"
    sounds_like = "IN (dmetaphone(%s), dmetaphone_alt(%s))"
    close_family = "levenshtein_less_equal(lower(unaccent(family_name)), %s, 2) <= 2"
    tests: list[str] = []
    params: list = []

    def test(condition: str, *values) -> None:
        tests.append(f"SELECT id FROM {person} WHERE partnership_id = %s AND {condition}")
        params.extend([partnership_id, *values])

    def similar(pairs: list[tuple[str, str]], and_also: str = "", *also_values) -> None:
        """The unaccented name in each (column, value) pair is similar (``%``) to the value.

        A name in plain ASCII is its own unaccented form, so it is tested on the column itself
        (index ``person_<column>_trgm``): PostgreSQL rechecks the index's candidates without
        calling ``cairn_unaccent`` for each, three times faster at 100,000 people. The few names
        with any other character are tested unaccented (partial index
        ``person_<column>_accented_trgm``), so accents still never matter."""
        values = [value for _, value in pairs]
        extra = [and_also] if and_also else []
        test(" AND ".join([f"{c} %% %s" for c, _ in pairs] + extra), *values, *also_values)
        for column, _ in pairs:
            conditions = [f"cairn_unaccent({c}) %% %s" for c, _ in pairs]
            conditions.append(f"{column}::text ~ '{ACCENTED}'")
            test(" AND ".join(conditions + extra), *values, *also_values)

    if s.f:
        similar([("family_name", s.f)])
        test(f"dmetaphone({family}) {sounds_like}", s.f, s.f)
        test(f"dmetaphone_alt({family}) {sounds_like}", s.f, s.f)
        tests.append(
            f"SELECT n.person_id FROM {other_name} n JOIN {person} p ON p.id = n.person_id "
            f"WHERE p.partnership_id = %s AND (cairn_unaccent(n.family_name) %% %s "
            f"OR dmetaphone(cairn_unaccent(n.family_name)) {sounds_like})"
        )
        params.extend([partnership_id, s.f, s.f, s.f])
    if s.g and s.f:
        similar([("given_name", s.g)], close_family, s.f)  # Mlils for Mills
        test(f"lower({given}) = ANY(%s) AND {close_family}", s.given_forms, s.f)
        # names the wrong way round: both, so that the two trigram indexes are read together
        # (either alone matches thousands of people at 100,000)
        similar([("given_name", s.f), ("family_name", s.g)])
    if s.g and not s.f:
        similar([("given_name", s.g)])
        test(f"lower({given}) = ANY(%s)", s.given_forms)
        tests.append(
            f"SELECT n.person_id FROM {other_name} n JOIN {person} p ON p.id = n.person_id "
            f"WHERE p.partnership_id = %s AND cairn_unaccent(n.given_name) %% %s"
        )
        params.extend([partnership_id, s.g])
    if s.dob:
        window = timedelta(days=DOB_WINDOW_DAYS)
        test("date_of_birth BETWEEN %s AND %s", s.dob - window, s.dob + window)
        test("date_of_birth = ANY(%s)", nearby_dates(s.dob))
    if s.school_id and s.g:  # a pupil of the school with a similar first name
        similar([("given_name", s.g)], "school_id = %s", s.school_id)
    if s.school_id and s.f:  # or a family name two letters out
        test(f"school_id = %s AND {close_family}", s.school_id, s.f)
    union = " UNION ".join(f"({t})" for t in tests)
    # ``id = ANY(ARRAY(...))``, not ``id IN (...)``: the ids are gathered once and each person
    # is read through the primary key, where ``IN`` led PostgreSQL to read every person in the
    # partnership and hash-join them (a third of the time at 100,000 people).
    return _AnyOf(F("pk"), RawSQL(f"ARRAY({union})", params, output_field=_IDS))


def _rough_similarity(s: _Search):
    """Orders the pre-filtered people so that the most similar ``PREFILTER`` are scored.
    Needs ``l_given`` (the lower-case, unaccented first name) on the queryset."""
    given, family = Unaccent("given_name"), Unaccent("family_name")
    rough = Greatest(
        TrigramSimilarity(given, s.g) + TrigramSimilarity(family, s.f),
        TrigramSimilarity(given, s.f) + TrigramSimilarity(family, s.g),
    )
    bonuses = [
        When(l_given__in=s.given_forms[1:] or [""], then=Value(0.6)),  # a nickname
        # Uncorrelated: the matching other names are found once, not once per person.
        When(
            pk__in=_other_name_matches(s, PersonName.objects.all()).values("person_id"),
            then=Value(1.0),
        ),
    ]
    if s.dob:
        bonuses += [
            When(date_of_birth=s.dob, then=Value(1.0)),
            When(date_of_birth__in=nearby_dates(s.dob), then=Value(0.6)),
        ]
    for bonus in bonuses:
        rough += Case(bonus, default=Value(0.0), output_field=FloatField())
    return rough


def _rows(viewer, s: _Search) -> list[Person]:
    """The visible people who pass an indexed test, the ``PREFILTER`` most similar of them,
    with the figures scoring needs. One query."""
    given, family = Unaccent("given_name"), Unaccent("family_name")
    visible = people_visible_to(viewer)
    shortlist = (
        visible.filter(_matching_ids(viewer.partnership_id, s))
        .alias(l_given=Lower(given))
        .annotate(rough=_rough_similarity(s))
        .order_by("-rough", "pk")
        .values("pk")[:PREFILTER]
    )
    people = (
        visible.filter(pk__in=shortlist)
        .annotate(
            gn=Lower(given),
            fn=Lower(family),
            sim_g=TrigramSimilarity(given, s.g),
            sim_f=TrigramSimilarity(family, s.f),
            sim_gf=TrigramSimilarity(given, s.f),
            sim_fg=TrigramSimilarity(family, s.g),
            codes_g=_codes(given),
            codes_f=_codes(family),
            searched_g=_codes(Value(s.g)),
            searched_f=_codes(Value(s.f)),
            other=_other_names(s),
        )
        .select_related("school")
        .order_by()
    )
    return list(people)


# Scoring ------------------------------------------------------------------------------------


def _spelling(distance: int, shortest: int) -> float:
    """How much a few letters' difference counts: less in a short name."""
    if distance == 1:
        return 0.8 if shortest >= 4 else 0.55 if shortest == 3 else 0.0
    if distance == 2:
        return 0.65 if shortest >= 6 else 0.5 if shortest == 5 else 0.0
    return 0.0


def _sounds_alike(searched: list[str], found: list[str], distance: int) -> bool:
    common = set(searched) & set(found) - {""}
    # A two-letter code (John, Jane, Joan: JN) says little unless the spelling is close too.
    return any(len(code) >= 3 for code in common) or bool(common and distance <= 2)


def _nickname_reason(label: str, typed: str, searched: str, found: str) -> str:
    if len(found) < len(searched):
        return f"{label} is a nickname of '{typed}'"
    if len(found) > len(searched):
        return f"{label} has the nickname '{typed}'"
    return f"{label} is another form of '{typed}'"


def _part(label, typed, searched, searched_codes, found, similarity, found_codes, given=False):
    """How well one part of a name matches (0 to 1), and why."""
    if not searched or not found:
        return 0.0, []
    if found == searched:
        return 1.0, [f"same {label}"]
    options = []
    if given and found in other_forms(searched):
        options.append((0.85, _nickname_reason(label, typed, searched, found)))
    if given and len(searched) == 1 and found.startswith(searched):
        options.append((0.5, f"{label} starts with '{typed}'"))
    if searched in _words(found) or found in _words(searched):
        options.append((0.7, f"{label} shares a name with '{typed}'"))
    distance = edit_distance(searched, found)
    spelt = _spelling(distance, min(len(searched), len(found)))
    similar = similarity >= TRIGRAM_THRESHOLD
    if spelt or similar:
        details = [f"trigram {similarity:.2f}"] if similar else []
        if spelt:
            details.append(f"{distance} letter{'s' if distance > 1 else ''} different")
        fraction = max(spelt, min(similarity, 0.8) if similar else 0.0)
        options.append((fraction, f"{label} spelt similarly to '{typed}' ({', '.join(details)})"))
    if _sounds_alike(searched_codes, found_codes, distance):
        options.append((0.75, f"{label} sounds like '{typed}'"))
    options.sort(key=lambda option: -option[0])
    return (options[0][0], [reason for _, reason in options]) if options else (0.0, [])


def _reading(s: _Search, row, given, family, prefix=(), weight=1.0):
    """Points and reasons for one reading of the record's names against the search."""
    g_part, g_reasons = _part("first name", s.given, s.g, row.searched_g, *given, given=True)
    f_part, f_reasons = _part("family name", s.family, s.f, row.searched_f, *family)
    points = weight * (GIVEN * g_part + FAMILY * f_part)
    return points, [*prefix, *f_reasons, *g_reasons]


def _name_match(s: _Search, row) -> tuple[float, list[str]]:
    """The best reading: as recorded, as one of the other names, or the names swapped."""
    given = (" ".join(row.gn.split()), row.sim_g, row.codes_g)
    family = (" ".join(row.fn.split()), row.sim_f, row.codes_f)
    readings = [_reading(s, row, given, family)]
    for other in row.other or []:
        name = f"{other['given']} {other['family']}".strip()
        readings.append(
            _reading(
                s,
                row,
                (" ".join(other["gn"].split()), other["sim_g"], other["codes_g"])
                if other["gn"]
                else given,
                (" ".join(other["fn"].split()), other["sim_f"], other["codes_f"])
                if other["fn"]
                else family,
                prefix=[f"{NAME_KINDS.get(other['kind'], 'also known as')} '{name}'"],
            )
        )
    if s.g and s.f:
        swapped_given = (" ".join(row.fn.split()), row.sim_fg, row.codes_f)
        swapped_family = (" ".join(row.gn.split()), row.sim_gf, row.codes_g)
        points, reasons = _reading(
            s, row, swapped_given, swapped_family, prefix=["names swapped"], weight=SWAPPED
        )
        readings.append((points, [r for r in reasons if not r.startswith("same ")]))
    return max(readings, key=lambda reading: reading[0])


def _date_of_birth(searched: date | None, found: date | None) -> tuple[float, str | None]:
    if not searched or not found:
        return 0.0, None
    if found == searched:
        return 1.0, "same date of birth"
    if searched.day <= 12 and found == date(searched.year, searched.day, searched.month):
        return 0.8, "date of birth with day and month swapped"
    same_day = (found.month, found.day) == (searched.month, searched.day)
    if same_day and abs(found.year - searched.year) == 1:
        return 0.5, "date of birth a year out"
    days = abs((found - searched).days)
    if days <= DOB_WINDOW_DAYS:
        return 0.6 - 0.05 * (days - 1), f"date of birth {days} day{'s' if days > 1 else ''} out"
    return 0.0, None


def _score(s: _Search, row) -> Candidate | None:
    name_points, reasons = _name_match(s, row)
    if name_points <= 0:
        return None  # a date of birth or school alone is not a match
    possible = (GIVEN if s.g else 0) + (FAMILY if s.f else 0)
    points = name_points
    if s.dob:
        possible += DOB
        fraction, reason = _date_of_birth(s.dob, row.date_of_birth)
        points += DOB * fraction
        reasons += [reason] if reason else []
    if s.school_id:
        possible += SCHOOL
        if row.school_id == s.school_id:
            points += SCHOOL
            reasons.append("same school")
    score = round(100 * points / possible)
    return Candidate(person=row, score=score, reasons=reasons) if score >= MIN_SCORE else None
