"""Public views of the reviews app: the download of published reports."""

from django.shortcuts import get_object_or_404
from django.views import View

from ..models import DocumentVersion
from ..papers.downloads import attachment


class PublicDocumentView(View):
    """Anyone may download a published report; everything else is a 404."""

    def get(self, request, version_pk, filename):
        version = get_object_or_404(DocumentVersion.objects.public(), pk=version_pk)
        return attachment(
            version.file.open("rb"), version.original_filename, version.content_type, private=False
        )
