from django.core.management.base import BaseCommand, CommandError

from security.backup import BackupError, restore_backup, verify_archive


class Command(BaseCommand):
    help = (
        "Replace the database and every stored file with those in a backup archive. "
        "The archive is checked in full first; a corrupt or mismatched one is refused "
        "and nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--check-only", action="store_true", help="Check the archive, restore nothing."
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            dest="interactive",
            action="store_false",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, archive, check_only, interactive, **options):
        try:
            manifest = verify_archive(archive)
            summary = (
                f"{archive}: taken {manifest['created_at']}, {len(manifest['tables'])} tables, "
                f"{sum(manifest['tables'].values())} rows, {len(manifest['files'])} files."
            )
            self.stdout.write(f"Archive checked: {summary}")
            if check_only:
                return
            if interactive:
                answer = input(
                    "This REPLACES the whole database and all stored files. Type 'yes' to go on: "
                )
                if answer.strip().lower() != "yes":
                    raise CommandError("Restore cancelled; nothing was changed.")
            restore_backup(archive)
        except BackupError as exc:
            raise CommandError(f"Restore refused: {exc}") from exc
        self.stdout.write("Restore complete: row counts and file checksums match the archive.")
