"""Loading guidance libraries: the national file, refusals with file, line and reason, atomic
replacement, and choosing the edition in force on a case's date."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import DatabaseError

from cairn.guidance import library as library_module
from cairn.guidance.checks import CHECKS
from cairn.guidance.library import (
    NATIONAL_LIBRARY,
    LibraryError,
    LibraryInvalid,
    library_load,
    library_load_national,
)
from cairn.guidance.models import (
    GuidanceDocument,
    GuidanceEdition,
    GuidanceLibrary,
    GuidanceRule,
)
from cairn.guidance.selectors import edition_in_force, rules_in_force

# A small library; the tests below change one line of it at a time. Line numbers matter.
SMALL = """\
key: small
title: A small library
documents:
  - key: wt
    title: Working Together
    editions:
      - key: wt2015
        title: Working Together 2015
        from: 2015-03-26
        to: 2018-07-04
        status: unconfirmed
        note: Start date unconfirmed.
      - key: wt2018
        title: Working Together 2018
        from: 2018-07-04
        status: confirmed
rules:
  - key: decision-within-1-working-day
    editions: [wt2015, wt2018]
    title: Decision within 1 working day
    paragraph: "Chapter 1 [U]"
    checks: A decision within one working day.
    severity: high
    mode: automatic
    check: decision_within
    params: {clock: referral_decision}
  - key: parents-informed
    editions: [wt2018]
    title: Parents informed unless unsafe
    paragraph: "Chapter 1 [U]"
    checks: Parents informed unless that puts the child at risk.
    severity: medium
    mode: judgement
"""


def write(tmp_path, text, name="small.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def refusal(tmp_path, text) -> list[LibraryError]:
    with pytest.raises(LibraryInvalid) as refused:
        library_load(path=write(tmp_path, text))
    return refused.value.errors


def nothing_loaded():
    return not (
        GuidanceLibrary.objects.exists()
        or GuidanceDocument.objects.exists()
        or GuidanceEdition.objects.exists()
        or GuidanceRule.objects.exists()
    )


# ---- the national library ------------------------------------------------------------------


def test_the_national_library_loads(db):
    library = library_load_national()
    assert library.key == "national" and library.partnership is None and library.version == 1
    assert len(library.sha256) == 64
    assert set(library.documents.values_list("key", flat=True)) == {"wt", "kcsie"}
    rules = GuidanceRule.objects.filter(edition__document__library=library)
    assert set(rules.exclude(check_name="").values_list("check_name", flat=True)) == set(CHECKS)
    assert rules.filter(key="parents-informed", mode="judgement", check_name="").exists()


def test_the_national_library_repeats_a_rule_in_each_working_together_edition(db):
    library_load_national()
    editions = GuidanceRule.objects.filter(key="decision-within-1-working-day").values_list(
        "edition__key", flat=True
    )
    assert sorted(editions) == ["wt2015", "wt2018", "wt2023"]


def test_only_kcsie_2025_has_confirmed_dates_and_the_others_say_why_not(db):
    library_load_national()
    kcsie = GuidanceEdition.objects.filter(document__key="kcsie")
    assert list(kcsie.filter(status="confirmed").values_list("key", flat=True)) == ["kcsie2025"]
    assert not GuidanceEdition.objects.filter(status="unconfirmed", note="").exists()


def test_reloading_the_same_file_changes_nothing(db):
    first = library_load_national()
    again = library_load_national()
    assert again.pk == first.pk and again.version == 1 and again.loaded_at == first.loaded_at


# ---- refusals: file, line, reason; nothing loaded --------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "reason"),
    [
        (
            "    severity: medium\n",
            "    severty: medium\n",
            32,
            "unknown field 'severty' in rule 'parents-informed'",
        ),
        (
            "        from: 2018-07-04\n",
            "        from: 2018-07-03\n",
            13,
            "edition 'wt2018' of document 'wt' overlaps edition 'wt2015' (line 7)",
        ),
        (
            "    check: decision_within\n",
            "    check: decision_by\n",
            25,
            "unknown check 'decision_by'",
        ),
        (
            "    params: {clock: referral_decision}\n",
            "    params: {}\n",
            26,
            "rule 'decision-within-1-working-day': check 'decision_within' needs the parameter 'clock'",
        ),
        (
            "    params: {clock: referral_decision}\n",
            "    params: {clock: referral_decision, within: 2}\n",
            26,
            "rule 'decision-within-1-working-day': unknown parameter 'within' for check 'decision_within'",
        ),
        (
            "    params: {clock: referral_decision}\n",
            "    params: {clock: referal_decision}\n",
            26,
            "rule 'decision-within-1-working-day': unknown clock 'referal_decision'",
        ),
        (
            "    mode: judgement\n",
            "    mode: judgement\n    roles: [victim]\n",
            34,
            "unknown role 'victim' in rule 'parents-informed'",
        ),
        ("    editions: [wt2018]\n", "    editions: [wt2019]\n", 28, "unknown edition 'wt2019'"),
        ("        to: 2018-07-04\n", "        to: 2018-02-30\n", 10, "'to' in edition 'wt2015'"),
        (
            "    severity: medium\n",
            "    severity: medium\n    severity: low\n",
            33,
            "duplicate key 'severity' (first on line 32)",
        ),
        (
            "    title: Parents informed unless unsafe\n",
            "    title: [Parents informed\n",
            30,
            "not valid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence on line 29)",
        ),
        ("    severity: medium\n", "", 27, "missing field 'severity' in rule 'parents-informed'"),
        (
            "    mode: judgement\n",
            "    mode: judgement\n    check: views_recorded\n",
            34,
            "rule 'parents-informed' needs judgement: it takes no 'check'",
        ),
    ],
    ids=[
        "unknown field",
        "overlapping edition",
        "unknown check",
        "missing param",
        "unknown param",
        "unknown clock",
        "unknown role",
        "unknown edition",
        "bad date",
        "duplicate key",
        "syntax error",
        "missing field",
        "judgement with a check",
    ],
)
def test_a_bad_file_is_refused_with_file_line_and_reason(tmp_path, db, old, new, line, reason):
    assert old in SMALL
    errors = refusal(tmp_path, SMALL.replace(old, new, 1))
    assert any(e.file == "small.yaml" and e.line == line and reason in e.reason for e in errors), (
        errors
    )
    assert nothing_loaded()


def test_the_message_names_the_file_and_line(tmp_path, db):
    with pytest.raises(LibraryInvalid) as refused:
        library_load(path=write(tmp_path, SMALL.replace("severity: medium", "severty: medium")))
    assert "small.yaml, line 32: unknown field 'severty' in rule 'parents-informed'" in str(
        refused.value
    )


def test_every_problem_is_reported_not_only_the_first(tmp_path, db):
    text = SMALL.replace("severity: medium", "severty: medium").replace(
        "check: decision_within", "check: nothing"
    )
    reasons = " ".join(e.reason for e in refusal(tmp_path, text))
    assert "severty" in reasons and "unknown check 'nothing'" in reasons


def test_a_bad_file_leaves_the_loaded_version_in_place(tmp_path, db):
    library_load(path=write(tmp_path, SMALL))
    refusal(tmp_path, SMALL.replace("severity: medium", "severty: medium"))
    library = GuidanceLibrary.objects.get()
    assert library.version == 1
    assert GuidanceRule.objects.filter(key="parents-informed").exists()


# ---- replacing a library -----------------------------------------------------------------------


def test_reloading_a_changed_file_replaces_the_old_version(tmp_path, db):
    first = library_load(path=write(tmp_path, SMALL))
    kept = GuidanceRule.objects.get(key="decision-within-1-working-day", edition__key="wt2018")
    changed = SMALL.replace("Decision within 1 working day", "Decision within one working day")
    changed = changed[: changed.index("  - key: parents-informed")]
    second = library_load(path=write(tmp_path, changed))
    assert second.pk == first.pk and second.version == 2 and second.sha256 != first.sha256
    assert not GuidanceRule.objects.filter(key="parents-informed").exists()
    kept.refresh_from_db()
    assert kept.title == "Decision within one working day"


def test_editions_can_move_their_boundary_on_reload(tmp_path, db):
    library_load(path=write(tmp_path, SMALL))
    moved = SMALL.replace("to: 2018-07-04", "to: 2018-08-01").replace(
        "from: 2018-07-04", "from: 2018-08-01"
    )
    library_load(path=write(tmp_path, moved))
    assert edition_in_force("wt", date(2018, 7, 20)).key == "wt2015"


def test_a_database_error_part_way_through_a_reload_leaves_the_old_version(
    tmp_path, db, monkeypatch
):
    library_load(path=write(tmp_path, SMALL))

    def fail(*args, **kwargs):
        raise DatabaseError("the disk is full")

    monkeypatch.setattr(library_module, "_store_rules", fail)
    changed = SMALL.replace("title: Working Together 2018", "title: Working Together (2018)")
    with pytest.raises(DatabaseError):
        library_load(path=write(tmp_path, changed))
    library = GuidanceLibrary.objects.get()
    assert library.version == 1
    assert GuidanceEdition.objects.get(key="wt2018").title == "Working Together 2018"
    assert GuidanceRule.objects.count() == 3


def test_a_failure_during_a_first_load_leaves_nothing(tmp_path, db, monkeypatch):
    monkeypatch.setattr(library_module, "_store_rules", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        library_load(path=write(tmp_path, SMALL))
    assert nothing_loaded()


def test_a_partnership_library_is_kept_apart_from_the_national_one(tmp_path, db, partnership):
    national = library_load(path=write(tmp_path, SMALL))
    local = library_load(path=write(tmp_path, SMALL), partnership=partnership)
    assert local.pk != national.pk and GuidanceLibrary.objects.count() == 2


# ---- choosing an edition by a case's date --------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2015, 3, 25), None),
        (date(2015, 3, 26), "wt2015"),
        (date(2018, 7, 3), "wt2015"),
        (date(2018, 7, 4), "wt2018"),
        (date(2023, 12, 14), "wt2018"),
        (date(2023, 12, 15), "wt2023"),
        (date(2030, 1, 1), "wt2023"),
    ],
)
def test_the_working_together_edition_in_force_on_a_date(db, day, expected):
    library_load_national()
    edition = edition_in_force("wt", day)
    assert (edition.key if edition else None) == expected


def test_kcsie_changes_from_peer_on_peer_to_child_on_child_on_1_september_2022(db):
    library_load_national()
    before = {r.key: r for r in rules_in_force(date(2022, 8, 31))}
    after = {r.key: r for r in rules_in_force(date(2022, 9, 1))}
    assert before["outcome-recorded"].edition.key == "kcsie2021"
    assert "peer on peer" in before["outcome-recorded"].title
    assert after["outcome-recorded"].edition.key == "kcsie2022"
    assert "child-on-child" in after["outcome-recorded"].title


def test_part_five_rules_apply_only_from_kcsie_2018(db):
    library_load_national()
    summer_2018 = {r.key for r in rules_in_force(date(2018, 8, 31))}
    autumn_2018 = {r.key for r in rules_in_force(date(2018, 9, 3))}
    assert "police-informed" not in summer_2018 and "outcome-recorded" in summer_2018
    assert {"police-informed", "every-child-considered", "parents-informed"} <= autumn_2018


def test_rules_in_force_gives_each_rule_once_from_the_edition_of_that_date(db):
    library_load_national()
    rules = rules_in_force(date(2018, 7, 4))
    keys = [r.key for r in rules]
    assert len(keys) == len(set(keys))
    decision = next(r for r in rules if r.key == "decision-within-1-working-day")
    assert decision.edition.key == "wt2018"
    assert next(r for r in rules if r.key == "outcome-recorded").edition.key == "kcsie2016"


def test_a_partnerships_rules_apply_to_it_and_not_to_others(
    tmp_path, db, partnership, other_partnership
):
    local = SMALL.replace("key: small", "key: local").replace("key: wt\n", "key: local-wt\n")
    local = local.replace("decision-within-1-working-day", "local-decision")
    library_load(path=write(tmp_path, local), partnership=partnership)
    day = date(2019, 1, 1)
    assert "local-decision" in {r.key for r in rules_in_force(day, partnership=partnership)}
    assert "local-decision" not in {
        r.key for r in rules_in_force(day, partnership=other_partnership)
    }
    assert "local-decision" not in {r.key for r in rules_in_force(day)}


# ---- the command ----------------------------------------------------------------------------


def test_load_guidance_loads_the_national_library_by_default(db, capsys):
    call_command("load_guidance")
    assert "loaded National guidance (England), version 1" in capsys.readouterr().out
    call_command("load_guidance")
    assert "already loaded" in capsys.readouterr().out


def test_load_guidance_prints_each_problem_and_exits_2(tmp_path, db, capsys):
    path = write(tmp_path, SMALL.replace("severity: medium", "severty: medium"))
    with pytest.raises(SystemExit) as exited:
        call_command("load_guidance", str(path))
    assert exited.value.code == 2
    assert f"{path}:32: unknown field 'severty' in rule 'parents-informed'" in (
        capsys.readouterr().err
    )
    assert nothing_loaded()


def test_load_guidance_loads_a_partnerships_own_library(tmp_path, db, partnership):
    call_command("load_guidance", str(write(tmp_path, SMALL)), partnership=partnership.pk)
    assert GuidanceLibrary.objects.get().partnership == partnership


def test_the_national_file_is_where_the_loader_looks():
    assert NATIONAL_LIBRARY.name == "national.yaml" and NATIONAL_LIBRARY.exists()


def test_a_new_partnership_gets_the_national_library(db):
    call_command("create_partnership", name="Anyshire SCP", admin_email="admin@anyshire.example")
    assert GuidanceLibrary.objects.filter(key="national", partnership=None).exists()


def test_a_rule_with_audit_findings_cannot_be_dropped(tmp_path, db, partnership):
    from cairn.guidance.models import AuditRun, RuleFinding
    from cairn.incidents.tests.factories import IncidentFactory

    library_load(path=write(tmp_path, SMALL))
    run = AuditRun.objects.create(partnership=partnership, title="One case")
    RuleFinding.objects.create(
        run=run,
        rule=GuidanceRule.objects.get(key="parents-informed"),
        incident=IncidentFactory(partnership=partnership),
        result="needs_judgement",
    )
    errors = refusal(tmp_path, SMALL[: SMALL.index("  - key: parents-informed")])
    assert "rule 'parents-informed' of edition 'wt2018' has audit findings" in errors[0].reason
    assert GuidanceLibrary.objects.get().version == 1
    assert GuidanceRule.objects.filter(key="parents-informed").exists()
