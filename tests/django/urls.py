from django.urls import path

from tests.django import views

urlpatterns = [
    path("", views.index),
    path("slow/", views.slow),
    path("async/", views.aindex),
    path("health/", views.index),
    path("echo/", views.echo),
    path("async/echo/", views.aecho),
    path("stream/", views.stream),
    path("signup/", views.signup),
    path("async/signup/", views.asignup),
    path("limited/", views.LimitedView.as_view()),
    path("async/limited/", views.ALimitedView.as_view()),
    path("drf/items/", views.DRFItems.as_view()),
]
