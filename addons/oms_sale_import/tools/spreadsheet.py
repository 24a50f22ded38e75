# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Read the rows of a customer's spreadsheet purchase order safely.

A customer file is a trust boundary: the content decides the format, not the
file name; sizes and row counts are capped before anything is parsed; XLSX is
streamed read-only and formulas are refused, never evaluated.
"""

import csv
import io
import zipfile

# Compressed or plain size of an accepted file, and data rows per order.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10000
# Uncompressed size an XLSX may expand to (zip bombs).
MAX_XLSX_UNZIPPED_BYTES = 50 * 1024 * 1024


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read (type, size, encoding)."""


def detect_type(content):
    """``"xlsx"``, ``"csv"`` or ``None`` from the bytes themselves."""
    if content[:4] == b"PK\x03\x04":
        return "xlsx"
    if b"\x00" in content[:4096]:
        return None
    try:
        content[:4096].decode("utf-8-sig")
    except UnicodeDecodeError:
        # A cut multi-byte character at the boundary is still text.
        try:
            content[:4093].decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
    return "csv"


def _check_xlsx_archive(content):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise SpreadsheetError("not a valid XLSX file") from exc
    if "xl/workbook.xml" not in names:
        raise SpreadsheetError("not an XLSX workbook")
    if unzipped > MAX_XLSX_UNZIPPED_BYTES:
        raise SpreadsheetError("the workbook expands to more than 50 MB")


def _iter_xlsx(content):
    # Imported here: openpyxl is only needed for XLSX files.
    import openpyxl

    _check_xlsx_archive(content)
    try:
        # read_only streams the sheet; data_only=False shows formulas as
        # text so they are refused below instead of trusted or evaluated.
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=False
        )
    except Exception as exc:  # openpyxl raises many types on bad files
        raise SpreadsheetError("the workbook cannot be read") from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


def _iter_csv(content, delimiter):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpreadsheetError("the CSV file is not UTF-8 text") from exc
    yield from csv.reader(io.StringIO(text), delimiter=delimiter or ",")


def read_rows(content, file_type, header_row=1, delimiter=","):
    """``(headers, [(row number, {header: value})])`` of the first sheet.

    Headers are lower-cased and stripped; empty rows are skipped. Raises
    ``SpreadsheetError`` on a file that cannot be read or has more than
    ``MAX_ROWS`` data rows (counted while streaming: a huge file is never
    loaded whole).
    """
    if len(content) > MAX_FILE_BYTES:
        raise SpreadsheetError("the file is larger than 5 MB")
    detected = detect_type(content)
    if detected != file_type:
        raise SpreadsheetError(f"the content is not a {file_type.upper()} file")
    rows = _iter_xlsx(content) if file_type == "xlsx" else _iter_csv(content, delimiter)
    headers = None
    data = []
    for number, row in enumerate(rows, start=1):
        if number < header_row:
            continue
        if number == header_row:
            headers = [str(cell or "").strip().lower() for cell in row]
            continue
        if not any(cell not in (None, "") for cell in row):
            continue
        if len(data) >= MAX_ROWS:
            raise SpreadsheetError(
                f"the file has more than {MAX_ROWS} lines, split it into several orders"
            )
        data.append((number, dict(zip(headers, row, strict=False))))
    if headers is None:
        raise SpreadsheetError("the file has no header row")
    return headers, data
