from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "cairn.reviews"
    label = "reviews"
    verbose_name = "Reviews, findings and recommendations"

    def ready(self):
        from cairn.reviews import selectors  # noqa: F401  (registers the object rules)
