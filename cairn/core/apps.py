from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cairn.core"
    label = "core"
    verbose_name = "Shared pages and building blocks"
