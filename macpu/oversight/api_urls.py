from django.urls import path

from macpu.oversight import api

urlpatterns = [
    path("children/<uuid:child_id>/access-log", api.ChildAccessLogApi.as_view(), name="api-child-access-log"),
    path("subject-access", api.SubjectAccessApi.as_view(), name="api-subject-access"),
    path("children/<uuid:child_id>/emergency-access", api.EmergencyAccessApi.as_view(), name="api-emergency-access"),
    path("emergency-access/reviews", api.EmergencyReviewsApi.as_view(), name="api-emergency-reviews"),
    path("emergency-access/<uuid:grant_id>/review", api.EmergencyReviewApi.as_view(), name="api-emergency-review"),
    path("audit/children/lookup", api.AuditChildLookupApi.as_view(), name="api-audit-child-lookup"),
    path(
        "audit/children/<uuid:child_id>/access-log",
        api.AuditChildAccessLogApi.as_view(),
        name="api-audit-child-access-log",
    ),
    path(
        "audit/users/<uuid:user_id>/access-log", api.AuditUserAccessLogApi.as_view(), name="api-audit-user-access-log"
    ),
]
