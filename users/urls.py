from django.urls import path

from . import views

app_name = "users"

urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("language/", views.set_language, name="set-language"),
]
