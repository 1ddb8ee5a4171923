from django.urls import path

from example_projects.django_project.mysite import views

urlpatterns = [
    path("", views.index),
    path("healthz", views.healthz),
    path("signup", views.signup),
    path("chat", views.chat),
    path("api/items", views.Items.as_view()),
]
