"""The guidance catalogue pages: who may read them, grouping, filters, one rule's page."""

import pytest
from django.urls import reverse

from cairn.accounts.choices import Role
from cairn.guidance.library import library_load_national
from cairn.guidance.models import GuidanceRule
from conftest import sign_in


@pytest.fixture
def auditor(client, make_user):
    library_load_national()
    return sign_in(client, make_user(Role.AUDITOR))


def test_the_catalogue_groups_rules_by_edition(auditor, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = auditor.get(reverse("guidance:rule_list")).content.decode()
    assert "Working Together to Safeguard Children 2015" in page
    assert "Keeping Children Safe in Education 2025" in page
    assert f"{GuidanceRule.objects.count()} rules." in page


def test_the_catalogue_filters_by_the_date_a_case_is_judged_on(auditor):
    page = auditor.get(reverse("guidance:rule_list"), {"on": "2018-07-04"}).content.decode()
    heading = '<h2 class="govuk-heading-m">{}</h2>'
    assert heading.format("Working Together to Safeguard Children 2018") in page
    assert heading.format("Working Together to Safeguard Children 2015") not in page
    assert heading.format("Keeping Children Safe in Education 2016") in page


def test_the_catalogue_filters_by_document_and_mode(auditor):
    page = auditor.get(
        reverse("guidance:rule_list"), {"document": "kcsie", "mode": "judgement"}
    ).content.decode()
    assert "Parents or carers informed" in page
    assert "Decision within 1 working day" not in page


def test_a_date_that_is_not_a_date_is_explained(auditor):
    page = auditor.get(reverse("guidance:rule_list"), {"on": "2018-02-30"}).content.decode()
    assert "Enter a real date" in page


def test_a_rule_page_says_where_it_comes_from_and_its_other_editions(auditor):
    rule = GuidanceRule.objects.get(key="outcome-recorded", edition__key="kcsie2022")
    page = auditor.get(reverse("guidance:rule_detail", args=[rule.pk])).content.decode()
    assert "1 September 2022 to 31 August 2023" in page
    assert "check <code>outcome_recorded</code>" in page
    assert "Keeping Children Safe in Education 2016" in page  # the same rule, earlier wording
    assert "peer on peer" in page


def test_a_mash_practitioner_may_not_read_the_catalogue(client, make_user):
    sign_in(client, make_user(Role.MASH_PRACTITIONER))
    assert client.get(reverse("guidance:rule_list")).status_code == 403
