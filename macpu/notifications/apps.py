from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "macpu.notifications"
    label = "notifications"
    verbose_name = "Notifications"
