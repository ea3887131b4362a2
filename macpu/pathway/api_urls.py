from django.urls import path

from macpu.pathway import api

urlpatterns = [
    path("timescales", api.TimescalesApi.as_view(), name="api-timescales"),
    path("timescales/<str:code>", api.TimescaleApi.as_view(), name="api-timescale"),
]
