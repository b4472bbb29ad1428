"""The public site, without sign-in: the list of publications, each publication's current
text with its amendment history and earlier versions, and an Atom feed. Only published
versions are ever read (``selectors.public_*``); text is escaped, never trusted as HTML."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from cairn.accounts.permissions import public
from cairn.publishing import selectors


@public
def public_list(request):
    return render(request, "publishing/public/list.html", {"versions": selectors.public_list()})


def _published(slug):
    found = selectors.public_publication(slug=slug)
    if found is None:
        raise Http404
    return found


@public
def public_detail(request, slug):
    publication, versions = _published(slug)
    return render(
        request,
        "publishing/public/detail.html",
        {
            "publication": publication,
            "shown": versions[0],
            "versions": versions,
            "is_current": True,
        },
    )


@public
def public_version(request, slug, number):
    publication, versions = _published(slug)
    shown = next((v for v in versions if v.number == number), None)
    if shown is None:
        raise Http404
    return render(
        request,
        "publishing/public/detail.html",
        {
            "publication": publication,
            "shown": shown,
            "versions": versions,
            "is_current": shown is versions[0],
        },
    )


@public
def public_feed(request):
    """Atom: one entry for each publication and each amendment."""
    feed = Atom1Feed(
        title="Safeguarding children partnership publications",
        link=request.build_absolute_uri(reverse("public:list")),
        description="Statements, review reports, learning summaries and yearly reports",
        feed_url=request.build_absolute_uri(reverse("public:feed")),
        language="en-gb",
    )
    for version in selectors.public_feed_entries():
        publication = version.publication
        link = request.build_absolute_uri(
            reverse("public:version", args=[publication.slug, version.number])
        )
        amended = version.number > 1
        feed.add_item(
            title=f"{version.title} (amended)" if amended else version.title,
            link=link,
            description=version.amendment_note if amended else version.summary,
            unique_id=link,
            pubdate=version.published_at,
            updateddate=version.published_at,
            author_name=publication.partnership.name,
            categories=[publication.get_kind_display()],
        )
    return HttpResponse(
        feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8"
    )
