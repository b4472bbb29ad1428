"""URL arguments of the insights pages for the permission walk."""


def records(world):
    return None


def url_kwargs(world):
    return {
        "insights:dashboard": {"slug": "timeliness"},
        "insights:dashboard_csv": {"slug": "incidents"},
    }
