from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "macpu.audit"
    label = "audit"
    verbose_name = "Audit"
