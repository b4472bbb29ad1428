"""URL arguments of the insights pages for the permission walk."""

# Dashboards are chosen by name, not by a record: every partnership has the same ones, each
# showing only its own figures (tested in test_dashboards).
NOT_RECORDS = {"insights:dashboard", "insights:dashboard_csv"}


def records(world):
    return None


def url_kwargs(world):
    return {
        "insights:dashboard": {"slug": "timeliness"},
        "insights:dashboard_csv": {"slug": "incidents"},
    }
