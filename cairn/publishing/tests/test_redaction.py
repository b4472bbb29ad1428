"""The redaction gate's engine: each kind of identifying detail planted in a text is caught, in
the ways people write it, and a clean partnership statement gives no hit. Names are synthetic."""

import datetime as dt
import random

import pytest

from cairn.accounts.tests.factories import SchoolFactory
from cairn.people.choices import IdentifierKind, NameKind
from cairn.people.models import Person
from cairn.people.tests.factories import PersonFactory, PersonNameFactory
from cairn.publishing.redaction import Identifier, Scanner, identifiers_for_person, scan

A, B, C = "Child A (involvement 12)", "Child B (involvement 13)", "Child C (involvement 14)"


def ident(kind, value, label=A, person_id=1, description=""):
    return Identifier(kind, value, label, person_id, description)


CHILD_A = [
    ident("name", "Jayden Vantreese"),
    ident("name", "Jayden"),
    ident("name", "Vantreese"),
    ident("alias", "JJ"),
    ident("date_of_birth", "2011-04-03"),
    ident("address", "14 Quenby Grove"),
    ident("postcode", "QQ4 7ZT"),
    ident("school", "Brackenfold Academy"),
    ident("identifier", "943 476 5919", description="NHS number"),
    ident("identifier", "A123456789012", description="Unique pupil number (UPN)"),
]
CHILD_B = [
    ident("name", "Will Carter", B, 2),
    ident("name", "Will", B, 2),
    ident("name", "Carter", B, 2),
    ident("date_of_birth", "2010-11-21", B, 2),
    ident("address", "2 Mill Lane", B, 2),
    ident("postcode", "QQ9 2RL", B, 2),
    ident("school", "St Aldric's C of E Primary School", B, 2),
]
CHILD_C = [
    ident("name", "April Tennant", C, 3),
    ident("name", "April", C, 3),
    ident("name", "Tennant", C, 3),
    ident("date_of_birth", "2012-06-15", C, 3),
    ident("school", "Hollinsgate High School", C, 3),
]
EVERYONE = CHILD_A + CHILD_B + CHILD_C


def found(text, identifiers=EVERYONE):
    return [(hit.text, hit.kind, hit.how) for hit in scan(text, identifiers)]


# Names ---------------------------------------------------------------------------------------


def test_a_full_name_is_caught_in_any_case_as_one_hit():
    hits = scan("Staff spoke to JAYDEN VANTREESE and to jayden vantreese.", EVERYONE)

    assert [(h.text, h.identifier.value, h.how) for h in hits] == [
        ("JAYDEN VANTREESE", "Jayden Vantreese", "exact"),
        ("jayden vantreese", "Jayden Vantreese", "exact"),
    ]


@pytest.mark.parametrize("spelling", ["Jaden", "Jaydon", "Jaydan", "Jyaden"])
def test_a_misspelt_first_name_is_caught(spelling):
    assert found(f"The review heard from {spelling} at length.") == [
        (spelling, "name", "misspelling")
    ]


def test_a_misspelt_family_name_is_caught():
    assert found("A letter went to the Vantrese family.") == [("Vantrese", "name", "misspelling")]


@pytest.mark.parametrize("written", ["Jayden's", "Jayden’s", "Jaydens'", "Jaydens"])
def test_a_possessive_name_is_caught(written):
    assert found(f"It was {written} phone that was taken.") == [(written, "name", "possessive")]


def test_a_misspelt_possessive_name_is_caught():
    assert found("Jaydon's mother was told.") == [("Jaydon's", "name", "misspelling, possessive")]


def test_a_family_name_alone_is_caught():
    assert found("Mrs Vantreese attended the meeting.") == [("Vantreese", "name", "exact")]


def test_a_short_alias_is_matched_only_exactly():
    assert found("Friends called him JJ; not JK or JJJ.") == [("JJ", "alias", "exact")]


def test_short_names_are_not_matched_by_a_letter_changed():
    people = [ident("name", "Leah"), ident("name", "Amy")]

    assert scan("Leeds, Lean, Lead, Any and May were mentioned.", people) == []


def test_an_accented_name_matches_without_its_accent():
    people = [ident("name", "Zoë Brontë"), ident("name", "Zoë")]

    assert [h.text for h in scan("Zoe Bronte and ZOË were there.", people)] == [
        "Zoe Bronte",
        "ZOË",
    ]


def test_a_hyphenated_or_apostrophe_family_name_is_caught_written_either_way():
    people = [ident("name", "O'Neil-Marsh")]

    assert [h.text for h in scan("O’Neil-Marsh, ONeilMarsh and O'Neil Marsh.", people)] == [
        "O’Neil-Marsh",
        "ONeilMarsh",
        "O'Neil Marsh",
    ]


def test_everyday_words_close_to_a_name_do_not_trigger():
    text = (
        "Carers were consulted. The carers and a tenant said a grade was given. "
        "Carer feedback was positive."
    )
    people = CHILD_B + CHILD_C + [ident("name", "Grace")]

    assert scan(text, people) == []


def test_a_name_that_is_an_everyday_word_counts_only_with_a_capital():
    assert found("The school will review it. Will said no.") == [("Will", "name", "exact")]


def test_a_month_in_a_date_is_not_a_child_called_april():
    assert found("In April 2011 and on 3 April, and April 14th, the board met.") == []
    assert found("April said she felt safe.") == [("April", "name", "exact")]


def test_the_word_child_and_pseudonyms_do_not_trigger():
    assert found("Child A, Child B and the child's family; children and a childminder.") == []


# Dates of birth --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "3rd April 2011",
        "3 April 2011",
        "3rd of April 2011",
        "April 3, 2011",
        "April 3rd 2011",
        "03/04/11",
        "3/4/2011",
        "03.04.2011",
        "03-04-2011",
        "2011-04-03",
        "3 Apr 2011",
        "3 Apr. 2011",
        "3 APRIL 2011",
    ],
)
def test_a_date_of_birth_is_caught_in_every_common_uk_format(written):
    hits = scan(f"The date {written} was noted.", CHILD_A)

    assert [(h.text, h.kind) for h in hits] == [(written, "date_of_birth")]


def test_a_date_of_birth_hit_says_how_it_was_written():
    assert [h.how for h in scan("2011-04-03; 03/04/11; 3rd April 2011", CHILD_A)] == [
        "exact",
        "date format (two-digit year)",
        "date format",
    ]


def test_a_month_and_year_or_another_year_is_not_a_date_of_birth():
    text = "In April 2011, on 3 April 2012, on 03/04/12 and on 4 April 2011 nothing happened."

    assert scan(text, CHILD_A) == []


def test_a_day_and_month_count_only_near_born_or_birthday():
    text = "The meeting on 3 April went well. Later: her birthday is on 3rd April."

    assert [(h.text, h.how) for h in scan(text, CHILD_A)] == [
        ("3rd April", "day and month (near “born” or “birthday”)")
    ]


def test_a_date_in_american_order_is_not_taken_for_a_uk_one():
    assert scan("Dated 04/03/2011.", CHILD_A) == []


# Addresses and postcodes ----------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["QQ4 7ZT", "qq4 7zt", "QQ47ZT", "qq47zt", "QQ4  7ZT"])
def test_a_postcode_is_caught_with_or_without_its_space_in_any_case(written):
    assert [h.text for h in scan(f"Postcode {written}.", CHILD_A)] == [written]


def test_a_postcode_without_its_space_says_so():
    assert [h.how for h in scan("qq47zt", CHILD_A)] == ["postcode without space"]


@pytest.mark.parametrize(
    ("written", "how"),
    [
        ("14 Quenby Grove", "exact"),
        ("14, Quenby Grove", "exact"),
        ("14 Quenbey Grove", "misspelling"),
        ("14 Quenby Gr", "other form"),
    ],
)
def test_an_address_is_caught_by_house_number_and_street(written, how):
    assert found(f"The family lived at {written} until May.") == [(written, "address", how)]


def test_the_street_without_the_house_number_is_still_reported():
    assert found("She was seen on Quenby Grove.") == [
        ("Quenby Grove", "address", "street without house number (exact)")
    ]


def test_a_one_word_street_counts_only_with_its_house_number():
    people = [ident("address", "7 Broadwalk")]

    assert [h.text for h in scan("Broadwalk shops; 7 Broadwalk; 8 Broadwalk.", people)] == [
        "7 Broadwalk"
    ]


# Schools and reference numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["Brackenfold Academy", "Brackenfold", "Brakenfold", "BRACKENFOLD ACADEMY"]
)
def test_a_school_is_caught_by_its_own_name_even_misspelt(written):
    assert [(h.text, h.kind) for h in scan(f"Pupils at {written} were told.", CHILD_A)] == [
        (written, "school")
    ]


def test_a_church_school_is_caught_by_its_saint():
    hits = scan("St. Aldric's Primary School and Saint Aldrics both.", CHILD_B)

    assert [(h.text, h.how) for h in hits] == [
        ("St. Aldric's Primary School", "exact"),
        ("Saint Aldrics", "other form"),
    ]


def test_generic_school_words_alone_do_not_trigger():
    text = "The Academy, a Primary School, a High School and the C of E trust were consulted."

    assert scan(text, EVERYONE) == []


@pytest.mark.parametrize(
    ("written", "how"),
    [
        ("943 476 5919", "exact"),
        ("9434765919", "different spacing"),
        ("943-476-5919", "different spacing"),
    ],
)
def test_an_nhs_number_is_caught_with_or_without_spaces(written, how):
    assert found(f"NHS number {written}.") == [(written, "identifier", how)]


def test_a_reference_inside_a_longer_number_is_not_caught():
    assert scan("Call 01943 476 59190 or 29434765919.", CHILD_A) == []


def test_a_upn_is_caught_in_any_case():
    assert found("UPN a123456789012.") == [("a123456789012", "identifier", "exact")]


# Results --------------------------------------------------------------------------------------------


def test_hits_are_in_order_with_line_snippet_and_offsets():
    text = "Statement\nPostcode QQ4 7ZT.\nJayden was born on 3 April 2011 at home."

    hits = scan(text, CHILD_A)

    assert [(h.text, h.line) for h in hits] == [
        ("QQ4 7ZT", 2),
        ("Jayden", 3),
        ("3 April 2011", 3),
    ]
    assert all(text[h.start : h.end] == h.text for h in hits)
    assert hits[1].snippet == "Statement Postcode QQ4 7ZT. Jayden was born on 3 April 2011 at home."
    assert hits[1].person_label == A


def test_a_first_name_inside_a_full_name_is_one_hit_for_the_full_name():
    hits = scan("Jayden Vantreese's sister", EVERYONE)

    assert [(h.text, h.identifier.value, h.how) for h in hits] == [
        ("Jayden Vantreese's", "Jayden Vantreese", "possessive")
    ]


def test_two_children_with_the_same_date_of_birth_give_one_hit_naming_both():
    twin = ident("date_of_birth", "2011-04-03", label=B, person_id=2)

    hits = scan("born 3 April 2011", [*CHILD_A, twin])

    assert len(hits) == 1
    assert {hits[0].identifier.person_label, *(i.person_label for i in hits[0].also)} == {A, B}


def test_an_exact_match_wins_over_a_misspelling_of_someone_else():
    people = [ident("name", "Jaydon", label=B, person_id=2), *CHILD_A]

    hits = scan("Jaydon spoke.", people)

    assert [(h.identifier.person_label, h.how, h.also) for h in hits] == [(B, "exact", ())]


def test_a_scanner_compiled_once_scans_many_texts():
    scanner = Scanner(CHILD_A)

    assert [len(scanner.scan(t)) for t in ("Jayden", "nothing here", "QQ47ZT Jaden")] == [1, 0, 2]


def test_an_unknown_kind_of_identifier_is_refused():
    with pytest.raises(ValueError, match="Unknown kind"):
        Identifier("shoe_size", "9", A)


# The planted document and the clean statement ------------------------------------------------------------

PLANTED = """\
Learning review: summary for publication

In the autumn term Jaden (Year 8) disclosed to a teacher at Brakenfold that an older pupil
had shared images of him. Jaydens' mother said the family had moved from 14 Quenbey Grove,
qq47zt, the previous spring. His date of birth, 3rd April 2011, was recorded as 03/04/11 on
the referral. The GP gave the NHS number 9434765919 as 943 476 5919.

Will Carter's school, St Aldrics, held a meeting.
"""


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("name", "Jaden"),
        ("name", "Jaydens'"),
        ("school", "Brakenfold"),
        ("address", "14 Quenbey Grove"),
        ("postcode", "qq47zt"),
        ("date_of_birth", "3rd April 2011"),
        ("date_of_birth", "03/04/11"),
        ("identifier", "9434765919"),
        ("identifier", "943 476 5919"),
        ("name", "Will Carter's"),
        ("school", "St Aldrics"),
    ],
)
def test_each_identifier_planted_in_a_report_is_caught(kind, text):
    assert (text, kind) in [(h.text, h.kind) for h in scan(PLANTED, EVERYONE)]


def test_the_planted_report_gives_no_other_hits():
    assert len(scan(PLANTED, EVERYONE)) == 11


CLEAN_STATEMENT = """\
Testbridge Safeguarding Children Partnership
Statement on the local child safeguarding practice review: Child A and Child B

Published 21 November 2024

In April 2011 the partnership's predecessor board first set out how schools, police and
health services should respond when a child harms another child. In June 2023 we began a
local child safeguarding practice review after a serious incident involving two pupils at a
secondary school in the east of Testbridge. Child A was harmed; Child B had caused harm and
was also a child in need of support. The review was completed on 14 March 2024 and approved
by the partnership executive on 2 May 2024.

The review found that the school, the police and children's social care each held part of
the picture, but no one brought it together. Carers told us they were not kept informed.
The carers of both children, and a tenant of the flat where one meeting took place, will be
offered a copy of this statement. A grade was given to each agency's response.

What we will do
1. Every Academy and Primary School in Testbridge will have a designated safeguarding lead
   trained in child-on-child abuse by September 2025 (see Keeping Children Safe in Education
   2024, paragraph 3.4).
2. Police and the MASH will meet within one working day of a report (Working Together to
   Safeguard Children 2023).
3. The partnership will publish its action plan, ref. CSPR 2024/03, and report progress in
   April 2025 and April 2026.

Contact the partnership business unit on 0161 496 0000 or at the Town Hall, High Street,
Testbridge TB1 (Monday to Friday, 9am to 5pm). The Mill Road and Lane End community centres
host our learning events. Summer term briefings will follow; May 2025 dates are on our site.
"""


def test_a_clean_partnership_statement_gives_no_hits():
    assert scan(CLEAN_STATEMENT, EVERYONE) == []


# Reading a person's record ----------------------------------------------------------------------------------


@pytest.fixture
def jayden(partnership):
    person = PersonFactory(
        partnership=partnership,
        given_name="Jayden Lee",
        family_name="Vantreese",
        date_of_birth=dt.date(2011, 4, 3),
        school=SchoolFactory(partnership=partnership, name="Brackenfold Academy"),
    )
    PersonNameFactory(person=person, kind=NameKind.NICKNAME, given_name="JJ")
    PersonNameFactory(
        person=person, kind=NameKind.PREVIOUS, given_name="Jayden", family_name="Orme"
    )
    person.addresses.create(line1="14 Quenby Grove", town="Testbridge", postcode="QQ4 7ZT")
    person.addresses.create(
        line1="Flat 2", line2="9 Sallow Road", town="Testbridge", postcode="QQ4 1AB"
    )
    person.identifiers.create(kind=IdentifierKind.NHS, value="943 476 5919")
    return person


@pytest.mark.django_db
def test_identifiers_for_person_reads_every_detail_held(jayden):
    details = identifiers_for_person(jayden, label=A)

    assert {(i.kind, i.value) for i in details} == {
        ("name", "Jayden Lee Vantreese"),
        ("name", "Jayden"),
        ("name", "Lee"),
        ("name", "Vantreese"),
        ("alias", "JJ"),
        ("alias", "Jayden Orme"),
        ("alias", "Jayden"),
        ("alias", "Orme"),
        ("date_of_birth", "2011-04-03"),
        ("address", "14 Quenby Grove"),
        ("address", "Flat 2"),
        ("address", "9 Sallow Road"),
        ("postcode", "QQ4 7ZT"),
        ("postcode", "QQ4 1AB"),
        ("school", "Brackenfold Academy"),
        ("identifier", "943 476 5919"),
    }
    assert {i.person_label for i in details} == {A}
    assert {i.person_id for i in details} == {jayden.pk}


@pytest.mark.django_db
def test_identifiers_from_a_person_record_catch_the_planted_report(jayden):
    kinds = {h.kind for h in scan(PLANTED, identifiers_for_person(jayden, label=A))}

    assert kinds == {"name", "school", "address", "postcode", "date_of_birth", "identifier"}


@pytest.mark.django_db
def test_identifiers_for_people_prefetched_read_in_a_fixed_number_of_queries(
    partnership, django_assert_max_num_queries
):
    for n in range(10):
        person = PersonFactory(
            partnership=partnership, school=SchoolFactory(partnership=partnership)
        )
        person.addresses.create(line1=f"{n} Sallow Road", town="Testbridge", postcode="QQ4 1AB")
        PersonNameFactory(person=person, given_name=f"Nick{n}")

    with django_assert_max_num_queries(4):
        people = Person.objects.select_related("school").prefetch_related(
            "other_names", "addresses", "identifiers"
        )
        details = [i for p in people for i in identifiers_for_person(p, label=f"Child {p.pk}")]

    assert len({i.person_id for i in details}) == 10


# A long report (its speed is measured in bench/redaction_scan.py, not here) --------------


def test_a_300k_character_report_against_50_people_finds_only_the_planted_details():
    rng = random.Random(7)
    people = []
    for n in range(50):
        label = f"Child {n}"
        given, family = f"Zarek{chr(97 + n % 26)}nda", f"Quillby{n:02d}ton"
        people += [
            ident("name", f"{given} {family}", label, n),
            ident("name", given, label, n),
            ident("name", family, label, n),
            ident("date_of_birth", dt.date(2010, 1 + n % 12, 1 + n % 28).isoformat(), label, n),
            ident("address", f"{n + 1} Varrow{n} Close", label, n),
            ident("postcode", f"QQ{n % 10} {n % 10}ZZ", label, n),
            ident("school", f"Fenwold{n} Academy", label, n),
            ident("identifier", f"{9000000000 + n * 7919}", label, n),
        ]
    paragraphs = CLEAN_STATEMENT.split("\n\n")
    text = "\n\n".join(rng.choice(paragraphs) for _ in range(1200))[:300_000]
    text += "\nZarekanda Quillby00ton was born on 1 January 2010."

    hits = scan(text, people)

    assert len(text) > 290_000
    assert [h.kind for h in hits] == ["name", "date_of_birth"]
