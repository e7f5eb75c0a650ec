from django.urls import path

from . import views

app_name = "search_admin"
urlpatterns = [
    path("", views.admin_search, name="search"),
    path("similar/", views.similar, name="similar_text"),
    path("similar/<int:pk>/", views.similar, name="similar"),
    path("recurring-lessons/", views.recurring, name="recurring"),
]
