"""Contexts and peer networks, for case-level roles only (decision 0020).

*The context map* places each context (school, neighbourhood place, online space, peer group)
as a circle sized by the number of incidents linked to it in the period, in a band per kind,
largest first: hotspots stand out at a glance, and each circle links to the context's page.
Cairn holds no map coordinates for contexts, so the "map" is schematic, not geographic.

*The peer network* links children and contexts through incidents: two children are linked when
they were in the same incident, a child and a context when the child was in an incident linked
to it. Groups (connected parts) of three or more are drawn with a force-directed layout
computed here (deterministic: the same data draws the same picture) and listed in a table for
those who do not use the picture. Only the children the viewer may see are drawn.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.html import escape

from cairn.incidents.choices import ContextKind, InvolvementRole
from cairn.incidents.models import Context, Incident
from cairn.incidents.selectors import involvements_visible_to
from cairn.insights.dashboards import Filters, incidents_in

MAX_GROUPS = 12
MIN_GROUP = 3
MAX_NODES = 160
KIND_COLOURS = {
    ContextKind.SCHOOL: "#1d70b8",
    ContextKind.NEIGHBOURHOOD: "#00703c",
    ContextKind.ONLINE: "#912b88",
    ContextKind.PEER_GROUP: "#f47738",
}
CHILD_COLOUR = "#ffffff"
INK = "#0b0c0c"
FONT = 'font-family="Liberation Sans, Arial, sans-serif"'


# --- the context map --------------------------------------------------------------------------


@dataclass
class ContextSpot:
    context: Context
    incidents: int
    x: float = 0
    y: float = 0
    r: float = 0


@dataclass
class ContextBand:
    kind: str
    label: str
    spots: list[ContextSpot]
    y: float = 0


def context_map(*, viewer, filters: Filters) -> tuple[list[ContextBand], str]:
    incidents = incidents_in(partnership=viewer.partnership, filters=filters)
    rows = (
        Context.objects.filter(partnership=viewer.partnership, incidents__in=incidents)
        .annotate(n=Count("incidents", distinct=True))
        .order_by("-n", "name")
    )
    by_kind: dict[str, list[ContextSpot]] = defaultdict(list)
    for context in rows:
        by_kind[context.kind].append(ContextSpot(context=context, incidents=context.n))
    bands = [
        ContextBand(kind=k, label=label, spots=by_kind[k])
        for k, label in ContextKind.choices
        if by_kind.get(k)
    ]
    return bands, _map_svg(bands)


def _map_svg(bands: list[ContextBand]) -> str:
    top = max((s.incidents for b in bands for s in b.spots), default=1)
    width, max_r, y = 960, 34, 10
    parts = []
    for band in bands:
        parts.append(
            f'<text x="0" y="{y + 16}" {FONT} font-size="16" font-weight="bold" fill="{INK}">'
            f"{escape(band.label)}</text>"
        )
        y += 28
        x, row_h = 0, 0
        for spot in band.spots:
            spot.r = max(6, max_r * math.sqrt(spot.incidents / top))
            cell = max(2 * spot.r + 8, 96)
            if x + cell > width:
                x, y = 0, y + row_h
                row_h = 0
            spot.x, spot.y = x + cell / 2, y + spot.r + 4
            row_h = max(row_h, 2 * spot.r + 34)
            x += cell
        y += row_h + 10
        for spot in band.spots:
            url = reverse("incidents:context_detail", args=[spot.context.pk])
            name = spot.context.name
            parts.append(
                f'<a href="{url}"><title>{escape(name)}: {spot.incidents} incident'
                f"{'s' if spot.incidents != 1 else ''}</title>"
                f'<circle cx="{spot.x:.0f}" cy="{spot.y:.0f}" r="{spot.r:.1f}" '
                f'fill="{KIND_COLOURS.get(band.kind, "#505a5f")}" stroke="{INK}"/>'
                f'<text x="{spot.x:.0f}" y="{spot.y + spot.r + 15:.0f}" text-anchor="middle" '
                f'{FONT} font-size="12" fill="{INK}">{escape(_short(name))} ({spot.incidents})'
                "</text></a>"
            )
    height = max(y, 40)
    # A group, not an img: an img's content is presentational, which would hide its links.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" role="group" '
        'aria-label="Contexts by number of incidents">'
        "<title>Contexts by number of incidents (the table below lists the same figures)</title>"
        + "".join(parts)
        + "</svg>"
    )


def _short(text: str, n: int = 16) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# --- the peer network -------------------------------------------------------------------------


@dataclass
class Node:
    key: str
    label: str
    url: str
    kind: str  # "child" or a context kind
    incidents: set[int] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    x: float = 0
    y: float = 0

    @property
    def roles_text(self) -> str:
        labels = dict(InvolvementRole.choices)
        return ", ".join(labels[r].lower() for r in sorted(self.roles))


@dataclass
class Group:
    number: int
    nodes: list[Node]
    edges: list[tuple[str, str, int]]
    incidents: int

    @property
    def children(self) -> list[Node]:
        return [n for n in self.nodes if n.kind == "child"]

    @property
    def contexts(self) -> list[Node]:
        return [n for n in self.nodes if n.kind != "child"]


def peer_network(*, viewer, filters: Filters) -> tuple[list[Group], str, list[tuple[int, int]]]:
    """The groups of children and contexts linked through incidents, largest first; their
    drawing; and (children, contexts) of each group too large to draw with them, largest
    first (a busy school or platform can join most children of a long period in one group)."""
    incidents = incidents_in(partnership=viewer.partnership, filters=filters)
    involvements = (
        involvements_visible_to(viewer)
        .filter(incident__in=incidents.values("pk"))
        .select_related("person")
        .only("incident_id", "role", "person__given_name", "person__family_name", "person_id")
    )
    nodes: dict[str, Node] = {}
    by_incident: dict[int, list[str]] = defaultdict(list)
    for inv in involvements:
        key = f"p{inv.person_id}"
        node = nodes.setdefault(
            key,
            Node(
                key=key,
                label=f"{inv.person.given_name} {inv.person.family_name}",
                url=reverse("people:detail", args=[inv.person_id]),
                kind="child",
            ),
        )
        node.incidents.add(inv.incident_id)
        node.roles.add(inv.role)
        by_incident[inv.incident_id].append(key)
    links = Incident.contexts.through.objects.filter(
        incident_id__in=involvements.values("incident_id")
    ).select_related("context")
    for link in links:
        key = f"c{link.context_id}"
        node = nodes.setdefault(
            key,
            Node(
                key=key,
                label=link.context.name,
                url=reverse("incidents:context_detail", args=[link.context_id]),
                kind=link.context.kind,
            ),
        )
        node.incidents.add(link.incident_id)
        by_incident[link.incident_id].append(key)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for members in by_incident.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a != b:
                    weights[tuple(sorted((a, b)))] += 1
    groups, too_large = _groups(nodes, weights)
    return groups, _network_svg(groups), too_large


def _groups(
    nodes: dict[str, Node], weights: dict[tuple[str, str], int]
) -> tuple[list[Group], list[tuple[int, int]]]:
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in weights:
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen: set[str] = set()
    parts = []
    for key in sorted(nodes):
        if key in seen:
            continue
        stack, part = [key], []
        seen.add(key)
        while stack:
            current = stack.pop()
            part.append(current)
            for nxt in neighbours[current]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        if len(part) >= MIN_GROUP and any(nodes[k].kind == "child" for k in part):
            parts.append(sorted(part))
    parts.sort(key=lambda p: (-len(p), p[0]))
    groups, too_large, total = [], [], 0
    for part in parts:
        if len(groups) == MAX_GROUPS:
            break
        if total + len(part) > MAX_NODES:
            children = sum(1 for k in part if nodes[k].kind == "child")
            too_large.append((children, len(part) - children))
            continue
        number = len(groups) + 1
        total += len(part)
        members = set(part)
        edges = [(a, b, w) for (a, b), w in weights.items() if a in members and b in members]
        incidents = set().union(*(nodes[k].incidents for k in part))
        groups.append(
            Group(
                number=number, nodes=[nodes[k] for k in part], edges=edges, incidents=len(incidents)
            )
        )
    return groups, too_large


def _layout(group: Group, size: float, seed: int) -> None:
    """Fruchterman-Reingold in a ``size`` square; deterministic for the same group."""
    rng = random.Random(seed)
    nodes = group.nodes
    for node in nodes:
        node.x, node.y = rng.uniform(0, size), rng.uniform(0, size)
    if len(nodes) == 1:
        nodes[0].x = nodes[0].y = size / 2
        return
    k = size / math.sqrt(len(nodes)) * 0.8
    index = {n.key: n for n in nodes}
    temperature = size / 8
    for _ in range(80):
        shift = {n.key: [0.0, 0.0] for n in nodes}
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                dx, dy = a.x - b.x, a.y - b.y
                d = math.hypot(dx, dy) or 0.01
                push = k * k / d
                shift[a.key][0] += dx / d * push
                shift[a.key][1] += dy / d * push
                shift[b.key][0] -= dx / d * push
                shift[b.key][1] -= dy / d * push
        for a_key, b_key, _w in group.edges:
            a, b = index[a_key], index[b_key]
            dx, dy = a.x - b.x, a.y - b.y
            d = math.hypot(dx, dy) or 0.01
            pull = d * d / k
            shift[a.key][0] -= dx / d * pull
            shift[a.key][1] -= dy / d * pull
            shift[b.key][0] += dx / d * pull
            shift[b.key][1] += dy / d * pull
        for node in nodes:
            dx, dy = shift[node.key]
            d = math.hypot(dx, dy) or 0.01
            node.x = min(size - 14, max(14, node.x + dx / d * min(d, temperature)))
            node.y = min(size - 14, max(14, node.y + dy / d * min(d, temperature)))
        temperature *= 0.95


def _network_svg(groups: list[Group]) -> str:
    if not groups:
        return ""
    cell, columns = 300, 3
    rows = math.ceil(len(groups) / columns)
    width, height = cell * columns, (cell + 24) * rows
    parts = []
    for i, group in enumerate(groups):
        ox, oy = (i % columns) * cell, (i // columns) * (cell + 24)
        _layout(group, cell - 20, seed=i + len(group.nodes))
        index = {n.key: n for n in group.nodes}
        parts.append(
            f'<text x="{ox + 4}" y="{oy + 16}" {FONT} font-size="14" font-weight="bold" '
            f'fill="{INK}">Group {group.number}: {len(group.children)} children, '
            f"{group.incidents} incidents</text>"
        )
        for a_key, b_key, weight in group.edges:
            a, b = index[a_key], index[b_key]
            parts.append(
                f'<line x1="{ox + 10 + a.x:.0f}" y1="{oy + 24 + a.y:.0f}" '
                f'x2="{ox + 10 + b.x:.0f}" y2="{oy + 24 + b.y:.0f}" stroke="#505a5f" '
                f'stroke-width="{min(1 + weight, 5)}"/>'
            )
        for node in group.nodes:
            x, y = ox + 10 + node.x, oy + 24 + node.y
            title = escape(f"{node.label}: {len(node.incidents)} incident(s)")
            if node.kind == "child":
                harming = node.roles & {InvolvementRole.HARMED_OTHERS, InvolvementRole.BOTH}
                shape = (
                    f'<circle cx="{x:.0f}" cy="{y:.0f}" r="9" fill="{CHILD_COLOUR}" '
                    f'stroke="{INK}" stroke-width="{3 if harming else 1.5}"/>'
                )
            else:
                shape = (
                    f'<rect x="{x - 9:.0f}" y="{y - 9:.0f}" width="18" height="18" '
                    f'fill="{KIND_COLOURS.get(node.kind, "#505a5f")}" stroke="{INK}"/>'
                )
            parts.append(
                f'<a href="{node.url}"><title>{title}</title>{shape}'
                f'<text x="{x + 12:.0f}" y="{y + 4:.0f}" {FONT} font-size="11" fill="{INK}">'
                f"{escape(_short(node.label, 14))}</text></a>"
            )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="group" aria-label="Peer network groups">'
        "<title>Groups of children and contexts linked through incidents (listed in the "
        "table below)</title>" + "".join(parts) + "</svg>"
    )


__all__ = ["context_map", "peer_network"]
