from django.urls import path

from macpu.gaps import api

urlpatterns = [
    path("gap-rules", api.GapRulesApi.as_view(), name="api-gap-rules"),
    path("gap-rules/<str:rule_id>", api.GapRuleApi.as_view(), name="api-gap-rule"),
    path("findings", api.FindingsApi.as_view(), name="api-findings"),
    path("findings/<uuid:finding_id>/responses", api.FindingResponseApi.as_view(), name="api-finding-respond"),
    path("children/<uuid:child_id>/findings", api.ChildFindingsApi.as_view(), name="api-child-findings"),
]
