"""Write the open data (every published review and its recommendations, in the schema of
learning.opendata) to a JSON file: `manage.py export_open_data out.json [--schema s.json]`.
"""

import json

from django.core.management.base import BaseCommand

from learning import opendata


class Command(BaseCommand):
    help = "Export published reviews and recommendations as versioned open data (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("output", help="File to write ('-' for standard output).")
        parser.add_argument("--schema", help="Also write the JSON Schema to this file.")
        parser.add_argument("--base-url", default="", help="Prefix for the pages' addresses.")

    def handle(self, *args, **options):
        document = opendata.export(options["base_url"].rstrip("/"))
        opendata.validate(document, opendata.schema())
        text = json.dumps(document, indent=2, ensure_ascii=False)
        if options["output"] == "-":
            self.stdout.write(text)
        else:
            with open(options["output"], "w", encoding="utf-8") as out:
                out.write(text)
        if options["schema"]:
            with open(options["schema"], "w", encoding="utf-8") as out:
                json.dump(opendata.schema(), out, indent=2)
        self.stderr.write(f"Open data {opendata.SCHEMA_VERSION}: {document['count']} review(s).")
