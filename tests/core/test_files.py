import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from tests.core.helpers import MINIMAL_PDF
from tests.factories import UnitFactory, UserFactory
from thidua.core import files
from thidua.core.enums import FileKind
from thidua.core.files import EVIDENCE_KINDS, register_file_access, sniff_kind, store_upload, validate_upload
from thidua.core.models import StoredFile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("bao-cao.pdf", FileKind.PDF),
        ("anh.png", FileKind.PNG),
        ("anh.jpg", FileKind.JPEG),
        ("bao-cao.docx", FileKind.DOCX),
        ("bang-diem.xlsx", FileKind.XLSX),
    ],
)
def test_real_files_of_each_kind_are_accepted(sample_files, upload, name, kind):
    assert validate_upload(upload(name, sample_files[name])) == kind


def test_upper_case_and_jpeg_extensions_are_accepted(sample_files, upload):
    assert validate_upload(upload("ANH.JPEG", sample_files["anh.jpg"])) == FileKind.JPEG
    assert validate_upload(upload("BAO-CAO.PDF", MINIMAL_PDF)) == FileKind.PDF


def test_a_pdf_that_is_not_a_pdf_is_refused_with_the_vietnamese_message(upload):
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload("bao-cao.pdf", b"<html><script>alert(1)</script></html>"))
    assert refused.value.messages == [
        (
            "Tệp “bao-cao.pdf” không phải là tệp hợp lệ. "
            "Nội dung tệp không khớp định dạng nào được chấp nhận (.docx, .jpeg, .jpg, .pdf, .png, .xlsx)."
        )
    ]


def test_a_zip_that_is_not_office_is_refused(upload):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "xin chào")
    with pytest.raises(ValidationError):
        validate_upload(upload("tai-lieu.docx", buffer.getvalue()))
    with pytest.raises(ValidationError):
        validate_upload(upload("hong.docx", b"PK\x03\x04 not really a zip"))


def test_extension_must_match_the_content(sample_files, upload):
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload("anh.pdf", sample_files["anh.png"]))
    assert refused.value.messages == [
        "Tệp “anh.pdf” có đuôi .pdf nhưng nội dung là PNG. Hãy đổi tên tệp cho đúng loại."
    ]
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload("bang-diem", sample_files["bang-diem.xlsx"]))
    assert refused.value.messages == [
        "Tệp “bang-diem” có đuôi (không có) nhưng nội dung là Excel (.xlsx). Hãy đổi tên tệp cho đúng loại."
    ]
    with pytest.raises(ValidationError):
        validate_upload(upload("bao-cao.xlsx", sample_files["bao-cao.docx"]))


def test_only_the_allowed_kinds_pass(sample_files, upload):
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload("anh.png", sample_files["anh.png"]), allowed_kinds=(FileKind.PDF,))
    assert refused.value.messages == [
        "Tệp “anh.png” không phải là tệp hợp lệ. Nội dung tệp không khớp định dạng nào được chấp nhận (.pdf)."
    ]


def test_size_limit(settings, upload):
    settings.UPLOAD_MAX_BYTES = 1048576
    assert validate_upload(upload("vua.pdf", MINIMAL_PDF + b"0" * (1048576 - len(MINIMAL_PDF)))) == FileKind.PDF
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload("lon.pdf", MINIMAL_PDF + b"0" * 1048576))
    assert refused.value.messages == ["Tệp “lon.pdf” quá lớn (1,0 MB); giới hạn là 1,0 MB."]
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload("rong.pdf", b""))
    assert refused.value.messages == ["Tệp “rong.pdf” rỗng."]


def test_sniff_kind_reads_content_only():
    assert sniff_kind(b"%PDF-1.7", io.BytesIO(b"%PDF-1.7")) == FileKind.PDF
    assert sniff_kind(b"GIF89a", io.BytesIO(b"GIF89a")) is None


def test_store_upload_keeps_the_file_privately_with_its_hash(sample_files, upload):
    actor, unit = UserFactory(), UnitFactory()
    stored = store_upload(upload("Báo cáo 2024.docx", sample_files["bao-cao.docx"]), actor=actor, owner_unit=unit)
    stored.refresh_from_db()
    assert (stored.original_name, stored.kind, stored.uploaded_by, stored.owner_unit) == (
        "Báo cáo 2024.docx",
        FileKind.DOCX,
        actor,
        unit,
    )
    assert stored.size == len(sample_files["bao-cao.docx"])
    assert stored.sha256 == hashlib.sha256(sample_files["bao-cao.docx"]).hexdigest()
    # Stored under a random name, never the user's.
    assert stored.file.name.endswith(f"{stored.uuid}.docx")
    with stored.file.open("rb") as handle:
        assert handle.read() == sample_files["bao-cao.docx"]
    assert stored.is_public is False


def test_store_upload_refuses_without_saving(upload):
    with pytest.raises(ValidationError):
        store_upload(upload("gia.pdf", b"not a pdf"), actor=UserFactory())
    assert StoredFile.objects.count() == 0


def test_evidence_kinds_are_all_accepted_kinds():
    assert set(EVIDENCE_KINDS) == set(FileKind)


def test_register_file_access_returns_the_checker(monkeypatch):
    monkeypatch.setattr(files, "_FILE_ACCESS_CHECKERS", [])

    def checker(user, stored):
        return False

    assert register_file_access(checker) is checker
    assert files.file_access_checkers() == (checker,)
