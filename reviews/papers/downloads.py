"""How a stored case paper is sent: always as an attachment, never rendered."""

from django.http import FileResponse


def attachment(file, filename, content_type, private=True):
    response = FileResponse(file, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser render the file anyway, it gets no script and no origin.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response
