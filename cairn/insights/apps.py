from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "cairn.insights"
    label = "insights"
    verbose_name = "Insights and disclosure control"
