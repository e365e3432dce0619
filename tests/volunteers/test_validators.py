import io

import pytest
from django.core.exceptions import ValidationError

from volunteers.validators import sniff_document_type, validate_document_size

from .helpers import MINIMAL_JPEG, MINIMAL_PDF, MINIMAL_PNG, TEN_MB, upload


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (MINIMAL_PDF, "application/pdf"),
        (MINIMAL_JPEG, "image/jpeg"),
        (MINIMAL_PNG, "image/png"),
    ],
)
def test_sniff_document_type_accepts_pdf_jpeg_png_by_content(data, expected):
    file = io.BytesIO(data)
    file.seek(3)
    assert sniff_document_type(file) == expected
    assert file.tell() == 3  # the position is left where it was


@pytest.mark.parametrize(
    "data",
    [
        b"Just some text pretending to be a PDF\n",
        b"<!doctype html><html><script>alert(1)</script></html>",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00",
        b"%PD",
        b"",
    ],
    ids=["text", "html", "exe", "truncated-pdf", "empty"],
)
def test_sniff_document_type_refuses_anything_else_whatever_its_name(data):
    with pytest.raises(ValidationError) as error:
        sniff_document_type(upload("cv.pdf", data, content_type="application/pdf"))
    assert error.value.code == "unsupported_type"


def test_validate_document_size_refuses_over_10_mb():
    validate_document_size(upload("cv.pdf", b"%PDF-" + b"0" * (TEN_MB - 5)))
    with pytest.raises(ValidationError) as error:
        validate_document_size(upload("cv.pdf", b"%PDF-" + b"0" * (TEN_MB - 4)))
    assert error.value.code == "too_large"
    assert error.value.messages == [
        "This file is larger than 10 MB. Upload a smaller file, for example a scan at a lower "
        "resolution."
    ]
