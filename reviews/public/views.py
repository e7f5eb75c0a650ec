"""Public views of the reviews app: the download of published reports."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views import View

from ..models import DocumentVersion
from ..papers.downloads import attachment


class PublicDocumentView(View):
    """Anyone may download a published report: its public copy, the checked PDF made at
    publication, under the copy's generated name. Everything else is a 404: a version
    that is not public, a version published before public copies existed (until
    `manage.py regenerate_public_copies` makes its copy), and any other file name."""

    def get(self, request, version_pk, filename):
        version = get_object_or_404(
            DocumentVersion.objects.public().with_public_copy(), pk=version_pk
        )
        copy = version.public_copy
        if filename != copy.filename:
            raise Http404
        return attachment(copy.file.open("rb"), copy.filename, copy.content_type, private=False)
