from django.apps import AppConfig


class ClocksConfig(AppConfig):
    name = "cairn.clocks"
    label = "clocks"
    verbose_name = "Clocks"
