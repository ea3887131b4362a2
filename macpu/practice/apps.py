from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "macpu.practice"
    label = "practice"
    verbose_name = "Practice profiles and the shared glossary"
