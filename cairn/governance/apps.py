from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "cairn.governance"
    label = "governance"
    verbose_name = "Governance bodies and meetings"

    def ready(self):
        from cairn.governance import selectors  # noqa: F401  (registers the object rules)
