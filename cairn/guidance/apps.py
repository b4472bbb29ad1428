from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "cairn.guidance"
    label = "guidance"
    verbose_name = "Guidance rules and case audit"
