"""Disclosure control: small counts hidden, and nothing hidden can be worked out again.

The property tests at the end generate random tables and attack each one as a reader would:
for every suppressed figure, linear programming finds the least and the most it could be,
given everything published. The attacker knows more than non-negativity: a suppressed figure
is at least 1 (a 0 is always shown) unless the whole table is suppressed, and a rounded total
was not 1 to 5 (that would have been ``c``).
"""

import csv
import io
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from cairn.insights.disclosure import (
    NOT_APPLICABLE,
    NOT_AVAILABLE,
    PRIMARY,
    SECONDARY,
    Cell,
    ControlledTable,
    DisclosureRules,
    control_count,
    control_rate,
    control_series,
    control_table,
    disclosure_rules,
    parse_rules,
)

DFE = DisclosureRules()


def shown(table):
    return table.rows()


def suppressed_values(table):
    return sorted(c.value for row in table.cells for c in row if c.suppressed)


# The rules file ----------------------------------------------------------------------------


def test_the_rules_file_holds_dfe_practice():
    assert disclosure_rules() == DisclosureRules(
        suppress_from=1, suppress_to=5, round_totals_to=10, symbol="c", decimal_places=1
    )


def test_the_rules_file_is_read_once():
    assert disclosure_rules() is disclosure_rules()


def test_rules_with_an_unknown_field_are_refused():
    with pytest.raises(ValueError, match="unknown fields"):
        parse_rules({"suppress_from": 1, "supress_to": 5})


def test_rules_that_would_suppress_zero_are_refused():
    with pytest.raises(ValueError, match="suppress_from must be at least 1"):
        parse_rules({"suppress_from": 0})


def test_rules_with_an_empty_range_are_refused():
    with pytest.raises(ValueError, match="suppress_to must not be less"):
        parse_rules({"suppress_from": 6, "suppress_to": 5})


def test_rules_with_a_numeric_symbol_are_refused():
    with pytest.raises(ValueError, match="symbol"):
        parse_rules({"symbol": "0"})


# A lone count --------------------------------------------------------------------------------


def test_zero_is_shown_as_zero():
    assert control_count(0, rules=DFE) == Cell(value=0, shown="0")


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_counts_from_one_to_five_are_shown_as_c(n):
    cell = control_count(n, rules=DFE)
    assert (cell.shown, cell.suppressed, cell.reason) == ("c", True, PRIMARY)


def test_six_is_shown():
    assert control_count(6, rules=DFE).shown == "6"


def test_a_cell_prints_as_what_may_be_shown():
    assert f"{control_count(3, rules=DFE)}" == "c"


def test_the_repr_of_a_cell_does_not_give_its_value_away():
    assert "3" not in repr(control_count(3, rules=DFE))


def test_a_count_that_is_not_available_is_shown_as_a_colon():
    assert control_count(None, rules=DFE).shown == NOT_AVAILABLE


def test_a_partnership_may_suppress_a_wider_range():
    assert control_count(9, rules=DisclosureRules(suppress_to=9)).shown == "c"


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="negative"):
        control_count(-1, rules=DFE)


def test_true_is_not_a_count():
    with pytest.raises(TypeError):
        control_count(True, rules=DFE)


# Tables --------------------------------------------------------------------------------------


def test_a_table_without_small_counts_is_shown_as_it_is():
    table = control_table([[10, 20], [30, 40]], rules=DFE, round_totals=False)
    assert shown(table) == [["10", "20", "30"], ["30", "40", "70"], ["40", "60", "100"]]


def test_totals_are_rounded_to_the_nearest_ten_half_up():
    table = control_table([[15, 20], [10, 30]], rules=DFE)
    assert [c.shown for c in table.row_totals] == ["40", "40"]
    assert [c.shown for c in table.column_totals] == ["30", "50"]
    assert table.grand_total.shown == "80"


def test_cells_are_never_rounded():
    table = control_table([[15, 21], [17, 33]], rules=DFE)
    assert [c.shown for row in table.cells for c in row] == ["15", "21", "17", "33"]


def test_a_small_cell_in_a_two_by_two_table_hides_the_whole_body():
    table = control_table([[3, 10], [20, 30]], rules=DFE)
    assert [[c.reason for c in row] for row in table.cells] == [
        [PRIMARY, SECONDARY],
        [SECONDARY, SECONDARY],
    ]


def test_secondary_suppression_prefers_the_smallest_cells():
    table = control_table([[2, 40, 8], [30, 50, 60], [9, 70, 80]], rules=DFE)
    assert suppressed_values(table) == [2, 8, 9, 80]


def test_secondary_suppression_never_hides_a_zero():
    table = control_table([[3, 0, 10], [0, 0, 12], [7, 0, 20]], rules=DFE)
    zeros = [c for row in table.cells for c in row if c.value == 0]
    assert all(c.shown == "0" for c in zeros)


def test_secondary_suppression_leaves_totals_alone_when_cells_will_do():
    table = control_table([[3, 10], [20, 30]], rules=DFE, round_totals=False)
    totals = [*table.row_totals, *table.column_totals, table.grand_total]
    assert not any(c.suppressed for c in totals)


def test_a_small_row_total_is_suppressed():
    table = control_table([[2, 3, 0], [10, 20, 30]], rules=DFE)
    assert table.row_totals[0].shown == "c"


def test_a_table_whose_total_is_small_is_suppressed_whole():
    table = control_table([[1, 2], [0, 0]], rules=DFE)
    assert table.suppressed_whole
    assert {text for row in shown(table) for text in row} == {"c"}


def test_a_table_of_zeros_is_shown():
    assert shown(control_table([[0, 0]], rules=DFE)) == [["0", "0", "0"], ["0", "0", "0"]]


def test_an_empty_table_has_a_total_of_zero():
    assert control_table([], rules=DFE).grand_total.shown == "0"


def test_suppressed_ones_are_protected_although_a_reader_knows_c_is_never_zero():
    # Hiding only the four 1s would give them away: each row and column holds two "c" that
    # add up to 2, and neither can be 0.
    counts = [[1, 1, 10], [1, 1, 10], [10, 10, 10]]
    table = control_table(counts, rules=DFE, round_totals=False)
    assert all(low < high for low, high, _ in attack_table(table, rounded=False))


def test_a_ragged_table_is_refused():
    with pytest.raises(ValueError, match="same number of cells"):
        control_table([[1, 2], [3]], rules=DFE)


def test_rows_give_labels_a_heading_and_totals_for_a_csv():
    table = control_table([[10, 3], [20, 30]], rules=DFE)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        table.rows(row_labels=["School", "Online"], column_labels=["Harmed", "Witness"])
    )
    assert out.getvalue() == (
        ",Harmed,Witness,Total\nSchool,c,c,10\nOnline,c,c,50\nTotal,30,30,60\n"
    )


def test_rows_refuse_the_wrong_number_of_labels():
    with pytest.raises(ValueError, match="row labels"):
        control_table([[10]], rules=DFE).rows(row_labels=["a", "b"])


# Series --------------------------------------------------------------------------------------


def test_a_lone_small_category_takes_the_next_smallest_with_it():
    series = control_series({"school": 3, "online": 10, "street": 40}, rules=DFE)
    assert [c.shown for c in series.values()] == ["c", "c", "40"]


def test_a_series_keeps_its_total_apart_from_its_categories():
    series = control_series({"Total": 12, "other": 30}, rules=DFE, round_totals=False)
    assert (series["Total"].shown, series.total.shown) == ("12", "42")


def test_a_series_of_ones_hides_a_larger_category_too():
    series = control_series({"a": 1, "b": 1, "c": 10}, rules=DFE)
    assert series["c"].suppressed


def test_a_series_whose_total_is_small_is_suppressed_whole():
    series = control_series({"a": 2, "b": 0}, rules=DFE)
    assert [c.shown for c in [*series.values(), series.total]] == ["c", "c", "c"]


def test_series_rows_end_with_the_total():
    series = control_series({"a": 10, "b": 20}, rules=DFE, round_totals=False)
    assert series.rows() == [["a", "10"], ["b", "20"], ["Total", "30"]]


# Rates ---------------------------------------------------------------------------------------


def test_a_percentage_has_one_decimal_place():
    assert control_rate(7, 20, rules=DFE) == "35.0"


def test_a_percentage_rounds_half_up():
    assert control_rate(10, 160, rules=DFE) == "6.3"


def test_a_rate_per_ten_thousand():
    assert control_rate(7, 1234, per=10_000, rules=DFE) == "56.7"


def test_a_percentage_of_a_small_numerator_is_c():
    assert control_rate(3, 100, rules=DFE) == "c"


def test_a_percentage_of_a_suppressed_cell_is_c():
    table = control_table([[3, 10], [20, 30]], rules=DFE)
    assert control_rate(table.cells[0][1], table.row_totals[0], rules=DFE) == "c"


def test_a_percentage_of_nothing_is_not_applicable():
    assert control_rate(0, 0, rules=DFE) == NOT_APPLICABLE


def test_a_percentage_of_a_missing_figure_is_not_available():
    assert control_rate(None, 40, rules=DFE) == NOT_AVAILABLE


def test_a_zero_percentage_is_shown():
    assert control_rate(0, 40, rules=DFE) == "0.0"


# The attacker ----------------------------------------------------------------------------------


def knowledge(cell, *, is_total, rounded, floor):
    """What a reader knows about one figure from what is shown: (low, high)."""
    if cell.shown == DFE.symbol:
        return (floor, None)
    n = int(cell.shown)
    if not (is_total and rounded):
        return (n, n)
    half = DFE.round_totals_to // 2
    if n == 0:  # 1 to 4 would have been "c"
        return (0, 0)
    return (max(n - half, DFE.suppress_to + 1), n + half - 1)


def attack(figures, equations, *, totals, rounded, floor):
    """For each suppressed figure, the least and most it can be: [(low, high, true)].

    ``equations`` are (parts, whole) index lists: the parts add up to the whole.
    """
    bounds = [
        knowledge(cell, is_total=k in totals, rounded=rounded, floor=floor)
        for k, cell in enumerate(figures)
    ]
    a_eq = []
    for parts, whole in equations:
        row = [0] * len(figures)
        for k in parts:
            row[k] += 1
        row[whole] -= 1
        a_eq.append(row)
    b_eq = [0] * len(a_eq)
    found = []
    for k, cell in enumerate(figures):
        if not cell.suppressed:
            continue
        ends = []
        for sense in (1, -1):
            objective = [0] * len(figures)
            objective[k] = sense
            result = linprog(objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds)
            assert result.status in (0, 3), result.message
            ends.append(math.inf if result.status == 3 else sense * result.fun)
        found.append((ends[0], ends[1], cell.value))
    return found


def attack_table(table, *, rounded):
    m, n = len(table.cells), len(table.column_totals)
    figures = [c for row in table.cells for c in row]
    figures += [*table.row_totals, *table.column_totals, table.grand_total]
    row_total, column_total, grand = m * n, m * n + m, m * n + m + n
    equations = [([i * n + j for j in range(n)], row_total + i) for i in range(m)]
    equations += [([i * n + j for i in range(m)], column_total + j) for j in range(n)]
    equations.append(([row_total + i for i in range(m)], grand))
    equations.append(([column_total + j for j in range(n)], grand))
    floor = 0 if table.suppressed_whole else 1
    totals = set(range(m * n, len(figures)))
    return attack(figures, equations, totals=totals, rounded=rounded, floor=floor)


def attack_series(series, *, rounded):
    figures = [*series.values(), series.total]
    whole = all(c.suppressed for c in figures)
    equations = [(list(range(len(series))), len(series))]
    return attack(
        figures, equations, totals={len(series)}, rounded=rounded, floor=0 if whole else 1
    )


def test_the_attacker_recovers_a_cell_hidden_alone():
    naive = control_table([[10, 20], [30, 40]], rules=DFE, round_totals=False)
    leaky = [[Cell(value=10, shown="c", suppressed=True), naive.cells[0][1]], naive.cells[1]]
    table = ControlledTable(leaky, naive.row_totals, naive.column_totals, naive.grand_total)
    (low, high, true), *_ = attack_table(table, rounded=False)
    assert low == high == true


def test_the_attacker_recovers_ones_hidden_only_by_each_other():
    ones = [[Cell(value=1, shown="c", suppressed=True)] * 2] * 2
    totals = [Cell(value=2, shown="2")] * 2
    table = ControlledTable(ones, totals, totals, Cell(value=4, shown="4"))
    assert all(low == high == 1 for low, high, _ in attack_table(table, rounded=False))


# Properties ----------------------------------------------------------------------------------

counts = st.one_of(st.integers(0, 5), st.integers(0, 60))


@st.composite
def tables(draw, max_side=8):
    m = draw(st.integers(1, max_side))
    n = draw(st.integers(1, max_side))
    return draw(st.lists(st.lists(counts, min_size=n, max_size=n), min_size=m, max_size=m))


def every_figure(table):
    return [
        *(c for row in table.cells for c in row),
        *table.row_totals,
        *table.column_totals,
        table.grand_total,
    ]


@settings(max_examples=200, deadline=None)
@given(tables(), st.booleans())
def test_no_figure_from_one_to_five_is_ever_shown(grid, round_totals):
    table = control_table(grid, rules=DFE, round_totals=round_totals)
    assert not any(c.shown.isdigit() and 1 <= int(c.shown) <= 5 for c in every_figure(table))


@settings(max_examples=120, deadline=None)
@given(tables(), st.booleans())
def test_no_suppressed_figure_can_be_worked_out(grid, round_totals):
    table = control_table(grid, rules=DFE, round_totals=round_totals)
    for low, high, true in attack_table(table, rounded=round_totals):
        assert low - 1e-6 <= true <= high + 1e-6
        assert high - low >= 1 - 1e-6  # at least two whole numbers are possible


@settings(max_examples=200, deadline=None)
@given(tables())
def test_figures_that_are_shown_are_true(grid):
    table = control_table(grid, rules=DFE, round_totals=False)
    assert all(c.shown == str(c.value) for c in every_figure(table) if not c.suppressed)


@settings(max_examples=200, deadline=None)
@given(tables())
def test_shown_totals_are_the_true_totals_rounded(grid):
    table = control_table(grid, rules=DFE)
    totals = [*table.row_totals, *table.column_totals, table.grand_total]
    assert all(
        abs(int(c.shown) - c.value) <= 5 and int(c.shown) % 10 == 0
        for c in totals
        if not c.suppressed
    )


@settings(max_examples=200, deadline=None)
@given(tables())
def test_only_small_counts_are_primary_and_zeros_are_never_secondary(grid):
    table = control_table(grid, rules=DFE)
    for c in every_figure(table):
        assert (c.reason == PRIMARY) == DFE.is_small(c.value)
        if c.reason == SECONDARY and not table.suppressed_whole:
            assert c.value > 0


@settings(max_examples=100, deadline=None)
@given(tables())
def test_tables_are_deterministic(grid):
    as_tuples = tuple(tuple(row) for row in grid)
    assert control_table(grid, rules=DFE) == control_table(as_tuples, rules=DFE)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefghijkl"), counts, max_size=12), st.booleans())
def test_no_suppressed_category_of_a_series_can_be_worked_out(data, round_totals):
    series = control_series(data, rules=DFE, round_totals=round_totals)
    assert not any(c.shown.isdigit() and 1 <= int(c.shown) <= 5 for c in series.values())
    for low, high, true in attack_series(series, rounded=round_totals):
        assert low - 1e-6 <= true <= high + 1e-6
        assert high - low >= 1 - 1e-6
