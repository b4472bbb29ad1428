from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "cairn.voice"
    label = "voice"
    verbose_name = "Listening to young people and families"
