"""Finding a person and adding one: search before create, GOV.UK forms that keep input."""

import datetime as dt
import re

import pytest
from django.test import Client

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import SchoolFactory
from cairn.audit.models import AuditEvent
from cairn.people.models import Person
from cairn.people.tests.factories import PersonFactory

FIND = "/people/find/"
NEW = "/people/new/"


@pytest.fixture
def mash(make_user):
    return make_user(Role.MASH_PRACTITIONER)


@pytest.fixture
def mash_client(client, signed_in, mash):
    return signed_in(client, mash)


@pytest.fixture
def another_users_search(make_user, signed_in):
    """A search token issued to another user."""
    other = signed_in(Client(), make_user(Role.MASH_PRACTITIONER))
    return search_token(other, given_name="Ada", family_name="Lovelace")


def search_token(client, **search):
    """Search as the user would, and return the token the "None of these" link carries."""
    response = client.get(FIND, {"given_name": "", "family_name": "", **search})
    assert response.status_code == 200
    return response.context["token"]


def new_person(token, **fields):
    return {
        "search": token,
        "given_name": "Ada",
        "family_name": "Lovelace",
        "date_of_birth_day": "10",
        "date_of_birth_month": "12",
        "date_of_birth_year": "2013",
        "sex": "F",
        "school": "",
        **fields,
    }


def test_the_find_page_ranks_candidates_with_reasons_in_a_fixed_number_of_queries(
    mash_client, partnership, school, django_assert_max_num_queries
):
    for n in range(8):
        PersonFactory(partnership=partnership, given_name="Thomas", family_name=f"Smith{n}")
    PersonFactory(
        partnership=partnership,
        given_name="Thomas",
        family_name="Smith",
        date_of_birth=dt.date(2012, 3, 4),
        school=school,
    )
    # A signed-in page's own queries, the chosen school, the school list and one query for
    # the search itself: none per candidate.
    with django_assert_max_num_queries(12):
        response = mash_client.get(
            FIND,
            {
                "given_name": "Tom",
                "family_name": "Smyth",
                "date_of_birth_day": "4",
                "date_of_birth_month": "3",
                "date_of_birth_year": "2012",
                "school": school.pk,
            },
        )
    html = response.content.decode()
    assert response.context["candidates"][0].person.family_name == "Smith"
    assert "family name sounds like &#x27;Smyth&#x27;" in html
    assert "Choose this person" in html
    assert "None of these: this is a new person" in html
    assert 'value="Tom"' in html and 'value="2012"' in html


def test_choose_this_person_leads_to_their_record(mash_client, partnership):
    person = PersonFactory(partnership=partnership, given_name="Ada", family_name="Lovelace")
    html = mash_client.get(FIND, {"given_name": "Ada", "family_name": "Lovelace"}).content
    assert f'href="/people/{person.pk}/">Choose this person'.encode() in html


def test_find_form_errors_show_the_summary_and_keep_the_input(mash_client):
    response = mash_client.get(
        FIND,
        {
            "given_name": "Tom",
            "family_name": "Smith",
            "date_of_birth_day": "31",
            "date_of_birth_month": "2",
            "date_of_birth_year": "2012",
        },
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#id_date_of_birth_day">Date of birth must be a real date</a>' in html
    assert 'value="Tom"' in html and 'value="31"' in html and 'value="2"' in html
    assert "None of these" not in html


def test_a_search_needs_a_name(mash_client):
    html = mash_client.get(FIND, {"given_name": "", "family_name": ""}).content.decode()
    assert '<a href="#id_given_name">Enter a first name or a last name to search for</a>' in html


def test_a_date_of_birth_missing_its_month_says_so(mash_client):
    html = mash_client.get(
        FIND,
        {
            "given_name": "Tom",
            "family_name": "",
            "date_of_birth_day": "4",
            "date_of_birth_year": "2012",
        },
    ).content.decode()
    assert "Date of birth must include a month" in html


def test_the_find_page_shows_nothing_before_a_search(mash_client):
    response = mash_client.get(FIND)
    assert response.status_code == 200
    assert "There is a problem" not in response.content.decode()
    assert response.context["candidates"] == []


def test_the_create_page_without_a_prior_search_redirects_to_search(mash_client):
    response = mash_client.get(NEW)
    assert response.status_code == 302 and response["Location"].startswith(FIND)
    response = mash_client.post(NEW, new_person(""))
    assert response.status_code == 302 and response["Location"].startswith(FIND)
    assert not Person.objects.exists()


def test_a_forged_or_another_users_search_is_refused(mash_client, another_users_search):
    forged = another_users_search[:-2] + "xx"
    for token in (forged, another_users_search):
        response = mash_client.post(NEW, new_person(token))
        assert response.status_code == 302 and response["Location"].startswith(FIND)
    assert not Person.objects.exists()


def test_the_incident_journeys_link_goes_to_a_search_for_the_same_names(mash_client):
    response = mash_client.get(
        NEW, {"given_name": "Ada", "family_name": "Lovelace", "next": "/incidents/new/children/"}
    )
    location = response["Location"]
    assert location.startswith(FIND)
    assert "given_name=Ada" in location and "family_name=Lovelace" in location
    assert "next=%2Fincidents%2Fnew%2Fchildren%2F" in location


def test_the_new_person_form_starts_with_what_was_searched(mash_client, school):
    token = search_token(
        mash_client,
        given_name="Ada",
        family_name="Lovelace",
        date_of_birth_day="10",
        date_of_birth_month="12",
        date_of_birth_year="2013",
        school=school.pk,
    )
    html = mash_client.get(NEW, {"search": token}).content.decode()
    assert 'value="Ada"' in html and 'value="Lovelace"' in html
    assert 'name="date_of_birth_month" type="text" inputmode="numeric" value="12"' in html
    assert f'<option value="{school.pk}" selected>' in html


def test_creating_a_new_person_after_a_search_works_and_is_audited(mash_client, mash, school):
    token = search_token(mash_client, given_name="Ada", family_name="Lovelace")
    response = mash_client.post(NEW, new_person(token, school=school.pk))
    person = Person.objects.get(given_name="Ada", family_name="Lovelace")
    assert response.status_code == 302 and response["Location"] == f"/people/{person.pk}/"
    assert person.date_of_birth == dt.date(2013, 12, 10) and person.school == school
    assert person.sex == "F" and person.partnership_id == mash.partnership_id
    event = AuditEvent.objects.get(object_type="people.person", object_id=str(person.pk))
    assert event.action == "create" and event.actor == mash


def test_after_adding_a_person_you_go_back_where_you_came_from(mash_client):
    token = search_token(mash_client, given_name="Ada", family_name="Lovelace")
    response = mash_client.post(NEW, new_person(token, next="/incidents/new/children/"))
    assert response["Location"] == "/incidents/new/children/"


def test_a_next_address_on_another_site_is_ignored(mash_client):
    token = search_token(mash_client, given_name="Ada", family_name="Lovelace")
    response = mash_client.post(NEW, new_person(token, next="https://evil.example/"))
    assert response["Location"].startswith("/people/")


def test_create_form_errors_show_the_summary_and_keep_the_input(mash_client):
    token = search_token(mash_client, given_name="Ada", family_name="Lovelace")
    response = mash_client.post(
        NEW, new_person(token, sex="", date_of_birth_month="", family_name="Lovelace")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert '<a href="#id_date_of_birth_day">Date of birth must include a month</a>' in html
    assert "Select their sex, or ‘Not known’" in html
    assert 'value="Ada"' in html and 'value="10"' in html and 'value="2013"' in html
    assert f'value="{token}"' in html
    assert not Person.objects.exists()


def test_changing_the_name_after_the_search_sends_you_to_search_again(mash_client):
    token = search_token(mash_client, given_name="Ada", family_name="Lovelace")
    response = mash_client.post(NEW, new_person(token, family_name="Byron"))
    assert response.status_code == 302
    assert response["Location"].startswith(FIND) and "family_name=Byron" in response["Location"]
    assert not Person.objects.exists()


def test_a_dsl_can_add_pupils_to_their_own_school_only(client, signed_in, make_user, school):
    dsl = make_user(Role.DSL, agency=school)
    signed_in(client, dsl)
    elsewhere = SchoolFactory(partnership=school.partnership)
    token = search_token(client, given_name="Ada", family_name="Lovelace")
    response = client.post(NEW, new_person(token, school=elsewhere.pk))
    assert "Choose a school from the list" in response.content.decode()
    response = client.post(NEW, new_person(token, school=school.pk))
    assert Person.objects.get().school == school


def test_an_auditor_may_search_but_not_add_people(client, signed_in, make_user):
    signed_in(client, make_user(Role.AUDITOR))
    html = client.get(FIND, {"given_name": "Ada", "family_name": "Lovelace"}).content.decode()
    assert "None of these" not in html
    assert client.get(NEW).status_code == 403


def test_the_people_search_box_ranks_with_matching(mash_client, partnership):
    PersonFactory(partnership=partnership, given_name="Thomas", family_name="Smith")
    html = mash_client.get("/people/", {"q": "Tom Smyth"}).content.decode()
    assert re.search(r">Thomas Smith</a>", html)
    assert "family name sounds like &#x27;Smyth&#x27;" in html
