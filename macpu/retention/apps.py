from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "macpu.retention"
    label = "retention"
    verbose_name = "Retention and disposal"
