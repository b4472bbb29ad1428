from datetime import date

from django.template import Context, Template


def test_dates_are_written_in_full_as_gov_uk_style_asks():
    rendered = Template("{{ day }}|{{ day|date }}").render(Context({"day": date(2026, 1, 5)}))
    assert rendered == "5 January 2026|5 January 2026"
