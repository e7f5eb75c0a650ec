"""The file formats a case paper may be: what the upload check accepts (the public
always downloads a PDF, the paper's public copy)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FileFormat:
    key: str
    label: str
    extension: str
    content_type: str


PDF = FileFormat("pdf", "PDF", "pdf", "application/pdf")
DOCX = FileFormat(
    "docx",
    "Word document (DOCX)",
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
XLSX = FileFormat(
    "xlsx",
    "Excel workbook (XLSX)",
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
ODT = FileFormat("odt", "OpenDocument text (ODT)", "odt", "application/vnd.oasis.opendocument.text")
