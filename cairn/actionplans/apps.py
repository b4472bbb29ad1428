from django.apps import AppConfig


class ActionPlansConfig(AppConfig):
    name = "cairn.actionplans"
    label = "actionplans"
    verbose_name = "Action plans and improvement plans"
