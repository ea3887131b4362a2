from django.urls import path

from macpu.pathway import views

app_name = "pathway"

urlpatterns = [
    path("timescales/", views.TimescalesView.as_view(), name="timescales"),
    path("timescales/<str:code>/change/", views.TimescaleChangeView.as_view(), name="timescales-change"),
    path("timescales/<str:code>/reset/", views.TimescaleResetView.as_view(), name="timescales-reset"),
]
