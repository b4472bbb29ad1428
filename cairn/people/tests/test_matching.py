"""Person matching: who find_candidates finds, how it ranks them and why."""

import datetime as dt

import pytest

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import AgencyFactory, SchoolFactory
from cairn.people.choices import NameKind
from cairn.people.matching import (
    edit_distance,
    find_candidates,
    nickname_groups,
    search_by_name,
)
from cairn.people.tests.factories import PersonFactory, PersonNameFactory

DOB = dt.date(2012, 3, 4)


@pytest.fixture
def mash(make_user):
    return make_user(Role.MASH_PRACTITIONER)


@pytest.fixture
def person(partnership):
    def make(given, family, dob=None, **fields):
        return PersonFactory(
            partnership=partnership,
            given_name=given,
            family_name=family,
            date_of_birth=dob,
            **fields,
        )

    return make


def found(viewer, given_name, family_name, **search):
    """The candidates by person, for a search."""
    candidates = find_candidates(
        viewer=viewer, given_name=given_name, family_name=family_name, **search
    )
    return {c.person: c for c in candidates}


def test_a_typo_in_the_family_name_is_found(mash, person):
    johnson = person("Thomas", "Johnson")
    candidate = found(mash, "Thomas", "Jonhson")[johnson]
    assert "family name spelt similarly to 'Jonhson' (trigram 0.33, 1 letter different)" in (
        candidate.reasons
    )


def test_a_family_name_that_sounds_alike_is_found(mash, person):
    smith = person("Ella", "Smith")
    assert "family name sounds like 'Smyth'" in found(mash, "Ella", "Smyth")[smith].reasons


def test_a_first_name_that_sounds_alike_is_found(mash, person):
    kathryn = person("Kathryn", "Oduya")
    reasons = found(mash, "Catherine", "Oduya")[kathryn].reasons
    assert "first name sounds like 'Catherine'" in reasons


def test_a_family_name_with_letters_in_the_wrong_order_and_a_different_sound_is_found(mash, person):
    khan = person("Aisha", "Khan")
    assert khan in found(mash, "Aisha", "Kahn")


def test_a_nickname_finds_the_full_name(mash, person):
    thomas = person("Thomas", "Walker")
    candidate = found(mash, "Tom", "Walker")[thomas]
    assert "first name has the nickname 'Tom'" in candidate.reasons


def test_a_full_name_finds_the_nickname_it_was_recorded_under(mash, person):
    becky = person("Becky", "Lyons")
    candidate = found(mash, "Rebecca", "Lyons")[becky]
    assert "first name is a nickname of 'Rebecca'" in candidate.reasons


def test_a_stored_alias_is_found(mash, person):
    jamal = person("Jamal", "Okafor")
    PersonNameFactory(person=jamal, kind=NameKind.ALIAS, given_name="Jay", family_name="Richards")
    candidate = found(mash, "Jay", "Richards")[jamal]
    assert candidate.reasons[0] == "also known as 'Jay Richards'"


def test_a_previous_family_name_is_found(mash, person):
    aisha = person("Aisha", "Khan")
    PersonNameFactory(person=aisha, kind=NameKind.PREVIOUS, family_name="Okafor")
    candidate = found(mash, "Aisha", "Okafor")[aisha]
    assert candidate.reasons[:3] == [
        "previous name 'Okafor'",
        "same family name",
        "same first name",
    ]


def test_a_stored_nickname_beats_the_nickname_list(mash, person):
    thomas = person("Thomas", "Walker")
    PersonNameFactory(person=thomas, kind=NameKind.NICKNAME, given_name="Tommo")
    candidate = found(mash, "Tommo", "Walker")[thomas]
    assert candidate.reasons[0] == "also known as 'Tommo'"


def test_first_and_family_names_swapped_are_found(mash, person):
    ali = person("Ali", "Hassan")
    candidate = found(mash, "Hassan", "Ali")[ali]
    assert candidate.reasons == ["names swapped"]
    assert candidate.score >= 80


def test_names_swapped_and_one_misspelt_are_found(mash, person):
    ali = person("Ali", "Hassan")
    candidate = found(mash, "Hasan", "Ali")[ali]
    assert candidate.reasons[0] == "names swapped"
    assert candidate.score >= 80


def test_a_date_of_birth_with_day_and_month_swapped_is_found_and_outranks_another_date(
    mash, person
):
    swapped = person("Leah", "Price", dt.date(2012, 4, 3))
    other = person("Leah", "Price", dt.date(2010, 8, 20))
    candidates = find_candidates(
        viewer=mash, given_name="Leah", family_name="Price", date_of_birth=DOB
    )
    assert [c.person for c in candidates] == [swapped, other]
    assert "date of birth with day and month swapped" in candidates[0].reasons


def test_jaden_smyth_born_4_march_is_found_for_jayden_smith_born_3_april(mash, person):
    """The issue's own example: two spellings and the day and month of birth swapped."""
    jaden = person("Jaden", "Smyth", dt.date(2011, 3, 4))
    person("Jayden", "Smith", dt.date(2009, 10, 12))  # same names, another child
    candidates = find_candidates(
        viewer=mash, given_name="Jayden", family_name="Smith", date_of_birth=dt.date(2011, 4, 3)
    )
    assert candidates[0].person == jaden
    assert "family name sounds like 'Smith'" in candidates[0].reasons
    assert "first name sounds like 'Jayden'" in candidates[0].reasons
    assert "date of birth with day and month swapped" in candidates[0].reasons


def test_jaden_smyth_is_found_through_the_search_page(client, signed_in, mash, person):
    jaden = person("Jaden", "Smyth", dt.date(2011, 3, 4))
    signed_in(client, mash)
    html = client.get(
        "/people/find/",
        {
            "given_name": "Jayden",
            "family_name": "Smith",
            "date_of_birth_day": "03",
            "date_of_birth_month": "04",
            "date_of_birth_year": "2011",
        },
    ).content.decode()
    assert f"/people/{jaden.pk}/" in html
    assert "date of birth with day and month swapped" in html


def test_a_date_of_birth_with_a_typo_and_a_misspelt_name_is_still_found(mash, person):
    swapped = person("Leah", "Pryce-Edwards", dt.date(2012, 4, 3))
    assert swapped in found(mash, "Lea", "Price", date_of_birth=DOB)


def test_a_date_of_birth_a_few_days_out_is_found_but_scores_lower(mash, person):
    exact = person("Noah", "Bennett", DOB)
    close = person("Noah", "Bennett", DOB + dt.timedelta(days=2))
    candidates = found(mash, "Noah", "Bennett", date_of_birth=DOB)
    assert candidates[exact].score > candidates[close].score
    assert "date of birth 2 days out" in candidates[close].reasons


def test_a_date_of_birth_on_29_february_is_searched_like_any_other(mash, person):
    leap = person("Noah", "Bennett", dt.date(2012, 2, 29))
    candidates = found(mash, "Noah", "Bennett", date_of_birth=dt.date(2012, 2, 29))
    assert candidates[leap].score == 100


def test_the_same_school_raises_the_score(mash, person, school):
    at_school = person("Mia", "Clarke", DOB, school=school)
    elsewhere = person("Mia", "Clarke", DOB)
    candidates = found(mash, "Mia", "Clarke", date_of_birth=DOB, school=school)
    assert candidates[at_school].score > candidates[elsewhere].score
    assert "same school" in candidates[at_school].reasons
    assert "same school" not in candidates[elsewhere].reasons


def test_an_exact_match_ranks_first(mash, person):
    person("Tom", "Smith", DOB)
    person("Thomas", "Smyth", DOB)
    person("Thomas", "Smith", dt.date(2009, 11, 30))
    exact = person("Thomas", "Smith", DOB)
    candidates = find_candidates(
        viewer=mash, given_name="Thomas", family_name="Smith", date_of_birth=DOB
    )
    assert candidates[0].person == exact
    assert candidates[0].score == 100
    assert len(candidates) == 4 and all(c.score < 100 for c in candidates[1:])


def test_reasons_are_listed_in_plain_english_for_every_candidate(mash, person):
    person("Thomas", "Smith", DOB)
    person("Tommy", "Smyth", DOB)
    candidates = find_candidates(
        viewer=mash, given_name="Thomas", family_name="Smith", date_of_birth=DOB
    )
    assert candidates[0].reasons == ["same family name", "same first name", "same date of birth"]
    assert candidates[1].reasons == [
        "family name spelt similarly to 'Smith' (trigram 0.33, 1 letter different)",
        "family name sounds like 'Smith'",
        "first name is a nickname of 'Thomas'",
        "same date of birth",
    ]


def test_accents_and_case_do_not_matter(mash, person):
    zoe = person("Zoë", "Brontë")
    candidate = found(mash, "zoe", "BRONTE")[zoe]
    assert candidate.score == 100


def test_an_accented_name_is_found_when_misspelt_without_its_accent(mash, person):
    """Names with accents are matched unaccented (index ``person_given_accented_trgm``)."""
    zoe = person("Zoë", "Brontë")
    assert zoe in found(mash, "Zoey", "")


def test_a_person_in_another_partnership_is_never_returned(mash, other_partnership):
    PersonFactory(partnership=other_partnership, given_name="Thomas", family_name="Smith")
    assert find_candidates(viewer=mash, given_name="Thomas", family_name="Smith") == []


def test_a_dsl_only_sees_candidates_on_their_schools_roll(make_user, person, school, partnership):
    dsl = make_user(Role.DSL, agency=school)
    pupil = person("Thomas", "Smith", school=school)
    person("Thomas", "Smith", school=SchoolFactory(partnership=partnership))
    person("Thomas", "Smith")
    assert list(found(dsl, "Thomas", "Smith")) == [pupil]


def test_someone_who_may_not_search_people_finds_nobody(make_user, person):
    person("Thomas", "Smith")
    analyst = make_user(Role.ANALYST)
    assert find_candidates(viewer=analyst, given_name="Thomas", family_name="Smith") == []


def test_a_date_of_birth_alone_is_not_a_match(mash, person):
    person("Priya", "Shah", DOB)
    assert (
        find_candidates(viewer=mash, given_name="Oliver", family_name="Grant", date_of_birth=DOB)
        == []
    )


def test_an_empty_search_finds_nobody_without_asking_the_database(
    mash, person, django_assert_num_queries
):
    person("Thomas", "Smith")
    with django_assert_num_queries(0):
        assert find_candidates(viewer=mash, given_name=" ", family_name="") == []


def test_a_search_is_one_query_however_many_candidates(mash, person, django_assert_num_queries):
    for n in range(15):
        PersonNameFactory(
            person=person(
                "Thomas", "Smith", school=AgencyFactory(partnership=mash.agency.partnership)
            ),
            family_name=f"Smyth{n}",
        )
    with django_assert_num_queries(1):
        candidates = find_candidates(viewer=mash, given_name="Tom", family_name="Smith", limit=12)
        assert [str(c.person.school) for c in candidates]
    assert len(candidates) == 12


def test_a_one_word_search_finds_first_and_family_names(mash, person):
    thomas = person("Thomas", "Reid")
    ava = person("Ava", "Thomas")
    assert {c.person for c in search_by_name(viewer=mash, query="Thomas")} == {thomas, ava}


def test_a_two_word_search_is_first_then_family_name(mash, person):
    thomas = person("Thomas", "Reid")
    assert search_by_name(viewer=mash, query="Tom Reed")[0].person == thomas


def test_nickname_groups_come_from_the_data_file():
    groups = nickname_groups()
    assert {"tom", "tommy"} <= groups["thomas"]
    assert {"william", "will"} <= groups["liam"]
    assert {"samuel", "samantha"} <= groups["sam"]


def test_swapping_two_neighbouring_letters_counts_as_one_letter_different():
    assert edit_distance("jonhson", "johnson") == 1
    assert edit_distance("smith", "smyth") == 1
    assert edit_distance("ann", "anne") == 1
