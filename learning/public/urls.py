from django.urls import path

from . import api

urlpatterns = [
    path("reviews/", api.reviews, name="open_data_reviews"),
    path("schema/<str:version>.json", api.schema, name="open_data_schema"),
]
