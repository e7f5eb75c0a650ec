from django.urls import path

from . import views

urlpatterns = [path("", views.public_search, name="search")]
