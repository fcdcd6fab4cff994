"""Byte-identical output: fixed timestamps in Office files, fixed metadata in figures."""

from __future__ import annotations

import io
import re
import zipfile

#: The one timestamp written into every file that wants one (the ZIP epoch).
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_ISO_TIME = "1980-01-01T00:00:00Z"

_CORE_DATE = re.compile(
    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)


def normalise_office_zip(data: bytes) -> bytes:
    """Rewrite a .docx/.xlsx so it no longer carries the time it was made.

    python-docx and openpyxl stamp each ZIP member and the core properties with the current time;
    a rerun on the same inputs must give the same bytes, so both are set to one fixed time.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = _CORE_DATE.sub(rb"\g<1>" + FIXED_ISO_TIME.encode() + rb"\g<2>", blob)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            fixed.create_system = 0
            target.writestr(fixed, blob)
    return target_buffer.getvalue()
