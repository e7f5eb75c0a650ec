"""System check: case papers must live where no URL can reach them."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register


def served_folders():
    static_dirs = [
        entry[1] if isinstance(entry, list | tuple) else entry
        for entry in settings.STATICFILES_DIRS
    ]
    folders = [settings.MEDIA_ROOT, settings.STATIC_ROOT, *static_dirs]
    return [Path(folder).resolve() for folder in folders if folder]


@register(Tags.security)
def private_storage_is_not_served(app_configs, **kwargs):
    private = Path(settings.PRIVATE_STORAGE_ROOT).resolve()
    errors = []
    for folder in served_folders():
        if private == folder or folder in private.parents or private in folder.parents:
            errors.append(
                Error(
                    f"PRIVATE_STORAGE_ROOT ({private}) overlaps {folder}, which is served "
                    "by URL: case papers would be public.",
                    hint="Set PRIVATE_STORAGE_ROOT to a folder outside MEDIA_ROOT and the "
                    "static folders.",
                    id="reviews.E001",
                )
            )
    return errors
