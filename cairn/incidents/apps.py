from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "cairn.incidents"
    label = "incidents"
    verbose_name = "Incidents, involvements and MASH decisions"

    def ready(self):
        from cairn.incidents import selectors  # noqa: F401  (registers the object rules)
