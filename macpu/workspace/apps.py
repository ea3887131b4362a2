from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "macpu.workspace"
    label = "workspace"
    verbose_name = "Workspace"
