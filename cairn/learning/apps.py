from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "cairn.learning"
    label = "learning"
    verbose_name = "Learning briefings and the practice guidance library"
