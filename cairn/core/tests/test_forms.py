"""The GOV.UK date input: three boxes, the design system's error messages, input kept."""

import datetime as dt
import re

import pytest
from django import forms

from cairn.core.forms import GovukDateField


class BirthForm(forms.Form):
    date_of_birth = GovukDateField(label="Date of birth", past=True)


def submit(day="", month="", year=""):
    form = BirthForm(
        {"date_of_birth_day": day, "date_of_birth_month": month, "date_of_birth_year": year}
    )
    form.is_valid()
    return form


def test_three_boxes_make_a_date():
    assert submit("4", "3", "2012").cleaned_data["date_of_birth"] == dt.date(2012, 3, 4)


def test_a_month_may_be_written_as_a_word():
    assert submit("4", "March", "2012").cleaned_data["date_of_birth"] == dt.date(2012, 3, 4)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter date of birth"),
        ("4", "", "2012", "Date of birth must include a month"),
        ("", "", "2012", "Date of birth must include a day and month"),
        ("31", "2", "2012", "Date of birth must be a real date"),
        ("4", "x", "2012", "Date of birth must be a real date"),
        ("4", "3", "12", "Year must include 4 numbers"),
        ("4", "3", "2999", "Date of birth must be today or in the past"),
    ],
)
def test_each_mistake_gets_the_design_systems_message(day, month, year, message):
    assert submit(day, month, year).errors["date_of_birth"] == [message]


def test_what_was_typed_is_kept_when_there_is_an_error():
    assert submit("31", "2", "2012")["date_of_birth"].value() == {
        "day": "31",
        "month": "2",
        "year": "2012",
    }


def test_an_initial_date_fills_the_boxes():
    field = BirthForm(initial={"date_of_birth": dt.date(2012, 3, 4)})["date_of_birth"]
    assert field.value() == {"day": "4", "month": "3", "year": "2012"}


def test_only_the_missing_box_is_marked_as_wrong():
    from django.template import Context, Template

    form = submit("4", "", "2012")
    html = Template("{% load govuk %}{% govuk_field form.date_of_birth %}").render(
        Context({"form": form})
    )
    boxes = re.findall(r'<input class="([^"]*)" id="id_date_of_birth_(\w+)"', html)
    assert [part for classes, part in boxes if "govuk-input--error" in classes] == ["month"]
    assert "Date of birth must include a month" in html
