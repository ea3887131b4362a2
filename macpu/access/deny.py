"""DRF's default permission: an API view that declares nothing lets nobody in.

Its own module, because DRF imports its default permission classes while
`rest_framework.views` is still loading.
"""

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request


class DenyAll(permissions.BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return False
