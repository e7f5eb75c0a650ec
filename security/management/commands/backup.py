from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from security.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database and every stored file (case papers and media) into one "
        "timestamped archive with a manifest of row counts and file checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=settings.BACKUP_DIR,
            help="Folder for the archive (default: BACKUP_DIR, %(default)s).",
        )

    def handle(self, *args, output_dir, **options):
        try:
            archive = create_backup(output_dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backup written: {archive}")
