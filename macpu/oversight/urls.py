from django.urls import path

from macpu.oversight import views

app_name = "oversight"

urlpatterns = [
    path("children/<uuid:child_id>/access-log/", views.ChildAccessLogView.as_view(), name="child-access-log"),
    path("audit/", views.AuditHomeView.as_view(), name="audit-home"),
    path("audit/children/<uuid:child_id>/", views.AuditChildAccessLogView.as_view(), name="audit-child"),
    path("subject-access/", views.SubjectAccessView.as_view(), name="subject-access"),
    path("children/<uuid:child_id>/emergency-access/", views.EmergencyAccessView.as_view(), name="emergency-access"),
    path("emergency-access/reviews/", views.EmergencyReviewsView.as_view(), name="emergency-reviews"),
    path("audit/users/<uuid:user_id>/", views.AuditUserAccessLogView.as_view(), name="audit-user"),
]
