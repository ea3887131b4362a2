from django.apps import AppConfig


class WorkingDaysConfig(AppConfig):
    name = "macpu.workingdays"
    label = "workingdays"
    verbose_name = "Working days"
