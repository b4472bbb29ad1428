"""The guidance catalogue: the rules Cairn audits cases against, read-only.
Thin: parse, call a selector, render."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.shortcuts import render

from cairn.accounts.permissions import permission
from cairn.guidance import selectors
from cairn.guidance.models import RuleMode

VIEW = "guidance.view_rules"


def _date(text: str) -> tuple[date | None, str]:
    """A date typed as YYYY-MM-DD, and an error message when it is not one."""
    if not text:
        return None, ""
    try:
        return date.fromisoformat(text), ""
    except ValueError:
        return None, "Enter a real date, for example 2018-11-05"


@permission(VIEW)
def rule_list(request):
    chosen = {k: request.GET.get(k, "").strip() for k in ("document", "edition", "mode", "on")}
    on_date, date_error = _date(chosen["on"])
    groups = selectors.catalogue_for(
        viewer=request.user,
        document=chosen["document"],
        edition=chosen["edition"],
        mode=chosen["mode"],
        on_date=on_date,
    )
    return render(
        request,
        "guidance/rule_list.html",
        {
            "groups": groups,
            "rule_count": sum(len(g.rules) for g in groups),
            "chosen": chosen,
            "date_error": date_error,
            "modes": RuleMode.choices,
            **selectors.catalogue_filters_for(viewer=request.user),
        },
    )


@permission(VIEW)
def rule_detail(request, pk):
    page = selectors.rule_page_for(viewer=request.user, pk=pk)
    if page is None:
        raise Http404
    return render(request, "guidance/rule_detail.html", {"page": page, "rule": page.rule})
