from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "cairn.publishing"
    label = "publishing"
    verbose_name = "Publications, redaction gate and media enquiries"
