"""Public URLs of the reviews app: published reports, downloadable by anyone."""

from django.urls import path

from .views import PublicDocumentView

app_name = "reviews_public"

urlpatterns = [
    path("<int:version_pk>/<str:filename>", PublicDocumentView.as_view(), name="document"),
]
