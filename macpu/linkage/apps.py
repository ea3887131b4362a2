from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "macpu.linkage"
    label = "linkage"
    verbose_name = "Record linkage"
