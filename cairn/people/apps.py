from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "cairn.people"
    label = "people"
    verbose_name = "People"

    def ready(self):
        from cairn.people import selectors  # noqa: F401  (registers the object rules)
