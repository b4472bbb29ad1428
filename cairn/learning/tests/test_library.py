"""The practice library loader: the real file loads; a bad file is refused with file, line
and reason, and nothing is loaded."""

import pytest
from django.core.management import call_command

from cairn.learning.library import (
    PRACTICE_LIBRARY,
    LibraryInvalid,
    practice_library_load,
    practice_library_read,
)
from cairn.learning.models import Resource

pytestmark = pytest.mark.django_db

GOOD = """\
resources:
  - key: tool
    title: A tool
    publisher: A publisher
    url: https://www.example.org/tool
    summary: Helps.
    themes: [harmful_sexual_behaviour]
    topics: [hsb_assessment]
"""


def _file(tmp_path, text, name="library.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_the_national_library_file_is_valid_and_covers_the_named_tools():
    titles = " ".join(r.title for r in practice_library_read(path=PRACTICE_LIBRARY))
    for name in ("Keeping children safe", "Working together", "Traffic Light", "AIM3"):
        assert name.lower() in titles.lower()
    assert "Contextual Safeguarding" in titles


def test_loading_the_library_adds_its_resources():
    counts = practice_library_load()
    assert counts["added"] == Resource.objects.filter(partnership__isnull=True).count() >= 8


def test_loading_the_same_file_again_changes_nothing():
    practice_library_load()
    assert practice_library_load() == {"added": 0, "changed": 0, "retired": 0}


def test_a_resource_taken_out_of_the_file_is_taken_out_of_use(tmp_path):
    practice_library_load(path=_file(tmp_path, GOOD))
    practice_library_load(path=_file(tmp_path, "resources: []\n"))
    assert Resource.objects.get(key="tool").is_active is False


def test_an_unknown_theme_is_refused_with_its_line(tmp_path):
    path = _file(tmp_path, GOOD.replace("[harmful_sexual_behaviour]", "[bullying]"))
    with pytest.raises(LibraryInvalid) as excinfo:
        practice_library_load(path=path)
    [error] = excinfo.value.errors
    assert (error.file, error.line) == ("library.yaml", 7)
    assert error.reason.startswith("unknown theme 'bullying' in resource 'tool'")
    assert not Resource.objects.exists()


def test_a_missing_field_and_a_plain_http_address_are_both_reported(tmp_path):
    text = GOOD.replace("    publisher: A publisher\n", "").replace("https://", "http://")
    with pytest.raises(LibraryInvalid) as excinfo:
        practice_library_read(path=_file(tmp_path, text))
    assert [str(e) for e in excinfo.value.errors] == [
        "library.yaml, line 2: missing field 'publisher' in resource 'tool'",
    ]
    text = GOOD.replace("https://", "http://")
    with pytest.raises(LibraryInvalid) as excinfo:
        practice_library_read(path=_file(tmp_path, text))
    assert [str(e) for e in excinfo.value.errors] == [
        "library.yaml, line 5: the url of resource 'tool' must start with https://",
    ]


def test_a_duplicate_key_is_refused(tmp_path):
    text = GOOD + GOOD.split("\n", 1)[1]
    with pytest.raises(LibraryInvalid) as excinfo:
        practice_library_read(path=_file(tmp_path, text))
    assert [str(e) for e in excinfo.value.errors] == [
        "library.yaml, line 9: resource 'tool' is already in the file (line 2)",
    ]


def test_a_file_that_is_not_yaml_is_refused_with_its_line(tmp_path):
    with pytest.raises(LibraryInvalid) as excinfo:
        practice_library_read(path=_file(tmp_path, "resources:\n  - key: [unclosed\n"))
    [error] = excinfo.value.errors
    assert error.line == 3
    assert error.reason.startswith("not valid YAML")


def test_the_command_prints_file_line_and_reason_and_exits_2(tmp_path, capsys):
    path = _file(tmp_path, GOOD.replace("[hsb_assessment]", "[nowhere]"))
    with pytest.raises(SystemExit) as excinfo:
        call_command("load_practice_library", str(path))
    assert excinfo.value.code == 2
    err = capsys.readouterr().err
    assert f"{path}:8: unknown topic 'nowhere' in resource 'tool'" in err
