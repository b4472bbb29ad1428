from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "cairn.reviews"
    label = "reviews"
    verbose_name = "Reviews, findings and recommendations"
