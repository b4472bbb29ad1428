"""Statistical disclosure control: the one place a count becomes a figure that may be shown.

Every figure that leaves case-level roles (reports, dashboards, the yearly report, exports)
goes through this module. The rules follow DfE practice and are data
(``cairn/data/disclosure.yaml``):

- a count from 1 to 5 is suppressed and shown as ``c`` (a 0 is shown as 0);
- secondary suppression hides further cells, so that no suppressed figure can be worked out
  from the published cells and totals, even when the totals are exact;
- totals are rounded to the nearest 10 when a report asks for it;
- percentages and rates have 1 decimal place, and are ``c`` when their numerator or
  denominator is suppressed; ``:`` means not available and ``z`` not applicable.

How secondary suppression works, and why: ``docs/decisions/0014-disclosure-control.md``.

A ``Cell`` carries the true ``value`` for code that needs it (a chart's scale, a test); only
``shown`` (which is also what ``str(cell)`` gives) may be published.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from numbers import Integral
from pathlib import Path

import yaml

__all__ = [
    "NOT_APPLICABLE",
    "NOT_AVAILABLE",
    "PRIMARY",
    "SECONDARY",
    "Cell",
    "ControlledSeries",
    "ControlledTable",
    "DisclosureRules",
    "control_count",
    "control_rate",
    "control_series",
    "control_table",
    "disclosure_rules",
    "parse_rules",
]

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "disclosure.yaml"

NOT_AVAILABLE = ":"  # Government Statistical Service symbol: the figure is not available
NOT_APPLICABLE = "z"  # ... the figure does not apply (e.g. a rate out of nothing)
PRIMARY = "primary"  # suppressed because the count itself is small
SECONDARY = "secondary"  # suppressed so that a small count cannot be worked out


@dataclass(frozen=True)
class DisclosureRules:
    """The thresholds, as read from ``cairn/data/disclosure.yaml``."""

    suppress_from: int = 1
    suppress_to: int = 5
    round_totals_to: int = 10
    symbol: str = "c"
    decimal_places: int = 1

    def is_small(self, n: int) -> bool:
        """True when a count of ``n`` must not be published."""
        return self.suppress_from <= n <= self.suppress_to

    def rounded(self, n: int) -> int:
        """``n`` to the nearest multiple of ``round_totals_to``, half up (15 -> 20)."""
        step = self.round_totals_to
        if step <= 1:
            return n
        return (n + step // 2) // step * step


def parse_rules(data: object) -> DisclosureRules:
    """Check and convert the parsed YAML document; raise ValueError naming what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("disclosure.yaml must be a mapping")
    known = {f.name for f in fields(DisclosureRules)}
    unknown = set(data) - known - {"version"}
    if unknown:
        raise ValueError(f"disclosure.yaml: unknown fields {sorted(unknown)}")
    rules = DisclosureRules(**{k: v for k, v in data.items() if k in known})
    problems = []
    for name in ("suppress_from", "suppress_to", "round_totals_to", "decimal_places"):
        if type(getattr(rules, name)) is not int or getattr(rules, name) < 0:
            problems.append(f"{name} must be a whole number, 0 or more")
    if not problems:
        if rules.suppress_from < 1:
            problems.append("suppress_from must be at least 1 (a 0 is always shown)")
        if rules.suppress_to < rules.suppress_from:
            problems.append("suppress_to must not be less than suppress_from")
    if not isinstance(rules.symbol, str) or not rules.symbol.strip() or rules.symbol.isdigit():
        problems.append("symbol must be a short text that is not a number")
    if problems:
        raise ValueError(f"disclosure.yaml: {'; '.join(problems)}")
    return rules


@cache
def disclosure_rules() -> DisclosureRules:
    """The rules in ``cairn/data/disclosure.yaml`` (read once)."""
    return parse_rules(yaml.safe_load(RULES_FILE.read_text()))


@dataclass(frozen=True)
class Cell:
    """One figure: its true ``value`` (never to be published) and what may be ``shown``."""

    value: int | None = field(repr=False)
    shown: str
    suppressed: bool = False
    reason: str = ""  # "", PRIMARY or SECONDARY

    def __str__(self) -> str:
        return self.shown


def control_count(n: int | None, *, rules: DisclosureRules | None = None) -> Cell:
    """A lone count as it may be shown: ``c`` if small, ``:`` if not available (None)."""
    rules = rules or disclosure_rules()
    if n is None:
        return Cell(value=None, shown=NOT_AVAILABLE)
    n = _count(n)
    if rules.is_small(n):
        return Cell(value=n, shown=rules.symbol, suppressed=True, reason=PRIMARY)
    return Cell(value=n, shown=str(n))


def control_rate(
    numerator: Cell | int | None,
    denominator: Cell | int | None,
    *,
    per: int = 100,
    rules: DisclosureRules | None = None,
) -> str:
    """A percentage (or a rate ``per`` 1,000, 10,000, ...) as it may be shown.

    ``z`` when the denominator is 0, ``:`` when either figure is not available, ``c`` when
    either is suppressed (a bare int is suppressed if it is small), otherwise the rate to the
    rules' decimal places, half up ("12.5", not "12.50%": the caller adds the unit).
    """
    rules = rules or disclosure_rules()
    top, bottom = (_as_cell(x, rules) for x in (numerator, denominator))
    if top.value is None or bottom.value is None:
        return NOT_AVAILABLE
    if bottom.value == 0:
        return NOT_APPLICABLE
    if top.suppressed or bottom.suppressed:
        return rules.symbol
    rate = Decimal(top.value * per) / Decimal(bottom.value)
    places = Decimal(1).scaleb(-rules.decimal_places)
    return str(rate.quantize(places, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ControlledTable:
    """A two-way table of counts after disclosure control, with its totals.

    ``suppressed_whole`` is True when the whole table is ``c`` (its total is small).
    """

    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    grand_total: Cell
    suppressed_whole: bool = False

    def rows(
        self,
        *,
        row_labels: Sequence[str] | None = None,
        column_labels: Sequence[str] | None = None,
        total_label: str = "Total",
    ) -> list[list[str]]:
        """The table as rows of text, ready for a template or ``csv.writer``.

        Each row ends with its total and a last row holds the column totals. With
        ``column_labels`` the first row is a heading; with ``row_labels`` each row starts with
        its label (and the heading with an empty corner).
        """
        body = [[*row, total] for row, total in zip(self.cells, self.row_totals, strict=True)]
        body.append([*self.column_totals, self.grand_total])
        lines = [[c.shown for c in line] for line in body]
        if row_labels is not None:
            labels = [*row_labels, total_label]
            if len(labels) != len(lines):
                raise ValueError(f"{len(self.cells)} rows but {len(row_labels)} row labels")
            lines = [[label, *line] for label, line in zip(labels, lines, strict=True)]
        if column_labels is not None:
            if len(column_labels) != len(self.column_totals):
                raise ValueError(
                    f"{len(self.column_totals)} columns but {len(column_labels)} column labels"
                )
            corner = [""] if row_labels is not None else []
            lines.insert(0, [*corner, *column_labels, total_label])
        return lines


class ControlledSeries(dict[str, Cell]):
    """A one-way breakdown after disclosure control: category -> Cell, with ``total``."""

    def __init__(self, cells: Mapping[str, Cell], *, total: Cell) -> None:
        super().__init__(cells)
        self.total = total

    def rows(self, *, total_label: str = "Total") -> list[list[str]]:
        """``[category, shown]`` per category, then ``[total_label, total]``."""
        return [[str(k), c.shown] for k, c in self.items()] + [[total_label, self.total.shown]]


def control_table(
    counts: Sequence[Sequence[int]],
    *,
    rules: DisclosureRules | None = None,
    round_totals: bool = True,
) -> ControlledTable:
    """Control a table of counts (a list of rows) and its row, column and grand totals.

    Small counts (totals included) are primary suppressions; further non-zero cells are
    suppressed until no suppressed figure can be worked out from the rest, even with exact
    totals. A table whose total is small is suppressed whole. With ``round_totals`` the
    published totals are rounded to the rules' ``round_totals_to``; cells never are.
    """
    rules = rules or disclosure_rules()
    grid = [[_count(n) for n in row] for row in counts]
    width = len(grid[0]) if grid else 0
    if any(len(row) != width for row in grid):
        raise ValueError("every row of a table must have the same number of cells")
    extended = [[*row, sum(row)] for row in grid]
    extended.append([sum(column) for column in zip(*extended, strict=True)] if grid else [0])
    grand = extended[-1][-1]
    positions = [(i, j) for i, row in enumerate(extended) for j in range(len(row))]
    primary = {(i, j) for i, j in positions if rules.is_small(extended[i][j])}
    whole = rules.is_small(grand)
    # A table of 1 to 5 children shows nothing, not even where its zeros are.
    secondary = set(positions) - primary if whole else _secondary_suppressions(extended, primary)
    last_row, last_col = len(grid), width

    def cell(i: int, j: int) -> Cell:
        n = extended[i][j]
        if (i, j) in primary:
            return Cell(value=n, shown=rules.symbol, suppressed=True, reason=PRIMARY)
        if (i, j) in secondary:
            return Cell(value=n, shown=rules.symbol, suppressed=True, reason=SECONDARY)
        is_total = i == last_row or j == last_col
        return Cell(value=n, shown=str(rules.rounded(n) if is_total and round_totals else n))

    return ControlledTable(
        cells=[[cell(i, j) for j in range(width)] for i in range(last_row)],
        row_totals=[cell(i, last_col) for i in range(last_row)],
        column_totals=[cell(last_row, j) for j in range(width)],
        grand_total=cell(last_row, last_col),
        suppressed_whole=whole,
    )


def control_series(
    counts: Mapping[str, int],
    *,
    rules: DisclosureRules | None = None,
    round_totals: bool = True,
) -> ControlledSeries:
    """Control a one-way breakdown (category -> count) and its total.

    The same rules as a table with one column: when one category is suppressed, the next
    smallest non-zero one is too, so that the total does not give it away.
    """
    table = control_table([[n] for n in counts.values()], rules=rules, round_totals=round_totals)
    cells = {key: row[0] for key, row in zip(counts, table.cells, strict=True)}
    return ControlledSeries(cells, total=table.grand_total)


# Secondary suppression ---------------------------------------------------------------------
#
# The table with its totals is an (m+1) x (n+1) grid: row totals in the last column, column
# totals in the last row, the grand total in the corner. Write y = the count for a cell of the
# table or the grand total, y = -the count for a row or column total: then every row and every
# column of y adds up to 0, and those are all the equations a reader of the table has.
#
# Rows and columns are the nodes of a graph; each non-zero figure is an edge between its row
# and its column. Moving counts round a cycle of suppressed figures (+1, -1, +1, ... in y)
# keeps every published figure and total as it is, so each figure on such a cycle can take at
# least two values. A reader knows a suppressed figure is at least 1 (a 0 is always shown),
# so a figure of exactly 1 may only go up: its edge is one-way (an arc), and the cycle must be
# a directed one. A suppressed figure is safe when it lies on a directed cycle of suppressed
# figures; for each one that does not, we suppress the cheapest path that closes a cycle
# through it (shortest path, preferring table cells to totals, then the smallest counts).

Position = tuple[int, int]
Cost = tuple[int, int, int, int]  # (grand totals, row/column totals, sum of counts, cells)
_FREE: Cost = (0, 0, 0, 0)
_KNOWN_FLOOR = 1  # what a reader knows about a suppressed figure: it is not 0


def _secondary_suppressions(extended: list[list[int]], primary: set[Position]) -> set[Position]:
    """The positions to suppress besides ``primary`` so that every suppressed one is safe."""
    graph = _Graph(extended)
    suppressed = set(primary)
    for position in sorted(primary):
        suppressed |= graph.cheapest_cycle_through(position, suppressed=suppressed)
    return suppressed - primary


class _Graph:
    """Rows and columns of the extended table, joined by arcs for each non-zero figure."""

    def __init__(self, extended: list[list[int]]) -> None:
        self.extended = extended
        self.last_row, self.last_col = len(extended) - 1, len(extended[0]) - 1
        self.arcs: dict[int, list[tuple[int, Position]]] = {}
        for i, row in enumerate(extended):
            for j, n in enumerate(row):
                if n:
                    for tail, head in self.directions((i, j)):
                        self.arcs.setdefault(tail, []).append((head, (i, j)))

    def directions(self, position: Position) -> list[tuple[int, int]]:
        """The (tail, head) arcs of a figure: both ways, or one way for a figure of 1."""
        i, j = position
        row, column = i, len(self.extended) + j
        if self.extended[i][j] > _KNOWN_FLOOR:
            return [(row, column), (column, row)]
        # y may only move the way that raises the count: up for a cell or the grand total
        # (row -> column), down for a row or column total (column -> row).
        if (i == self.last_row) == (j == self.last_col):
            return [(row, column)]
        return [(column, row)]

    def weight(self, position: Position) -> Cost:
        i, j = position
        grand = i == self.last_row and j == self.last_col
        total = (i == self.last_row or j == self.last_col) and not grand
        return (int(grand), int(total), self.extended[i][j], 1)

    def cheapest_cycle_through(
        self, position: Position, *, suppressed: set[Position]
    ) -> set[Position]:
        """The unsuppressed figures that close the cheapest directed cycle through
        ``position``; empty when suppressed figures already close one."""
        best: tuple[Cost, set[Position]] | None = None
        for tail, head in self.directions(position):
            found = self._cheapest_path(head, tail, avoid=position, suppressed=suppressed)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
            if best is not None and best[0] == _FREE:
                break
        if best is None:  # cannot happen: the totals always close a cycle
            raise RuntimeError(f"no secondary suppression protects {position}")
        return best[1] - suppressed

    def _cheapest_path(
        self, start: int, goal: int, *, avoid: Position, suppressed: set[Position]
    ) -> tuple[Cost, set[Position]] | None:
        """Dijkstra from ``start`` to ``goal``, not using ``avoid``; suppressed figures are free."""
        cost: dict[int, Cost] = {start: _FREE}
        came_by: dict[int, tuple[int, Position]] = {}
        queue: list[tuple[Cost, int]] = [(_FREE, start)]
        done: set[int] = set()
        while queue:
            so_far, node = heapq.heappop(queue)
            if node in done:
                continue
            if node == goal:
                return so_far, _path_positions(came_by, start, goal)
            done.add(node)
            for nxt, position in self.arcs.get(node, ()):
                if position == avoid or nxt in done:
                    continue
                step = _FREE if position in suppressed else self.weight(position)
                candidate = _add(so_far, step)
                if nxt not in cost or candidate < cost[nxt]:
                    cost[nxt] = candidate
                    came_by[nxt] = (node, position)
                    heapq.heappush(queue, (candidate, nxt))
        return None


def _add(a: Cost, b: Cost) -> Cost:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3])


def _path_positions(
    came_by: dict[int, tuple[int, Position]], start: int, goal: int
) -> set[Position]:
    positions, node = set(), goal
    while node != start:
        node, position = came_by[node]
        positions.add(position)
    return positions


def _count(n: object) -> int:
    """A count: a whole number, 0 or more (True and False are not counts)."""
    if isinstance(n, bool) or not isinstance(n, Integral):
        raise TypeError(f"a count must be a whole number, not {n!r}")
    if n < 0:
        raise ValueError(f"a count cannot be negative: {n}")
    return int(n)


def _as_cell(x: Cell | int | None, rules: DisclosureRules) -> Cell:
    return x if isinstance(x, Cell) else control_count(x, rules=rules)
