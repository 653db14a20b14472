"""Uploads: the type is decided by the file's content, never by its name or the browser's word."""

import hashlib
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from thidua.core.enums import FileKind
from thidua.core.models import StoredFile

EXTENSIONS = {
    FileKind.PDF: {".pdf"},
    FileKind.PNG: {".png"},
    FileKind.JPEG: {".jpg", ".jpeg"},
    FileKind.DOCX: {".docx"},
    FileKind.XLSX: {".xlsx"},
}
EVIDENCE_KINDS = (FileKind.PDF, FileKind.PNG, FileKind.JPEG, FileKind.DOCX, FileKind.XLSX)


def sniff_kind(head, fileobj):
    """Return the FileKind the bytes really are, or None."""
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            fileobj.seek(0)
            with zipfile.ZipFile(fileobj) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            fileobj.seek(0)
        if "[Content_Types].xml" in names:
            if any(n.startswith("word/") for n in names):
                return FileKind.DOCX
            if any(n.startswith("xl/") for n in names):
                return FileKind.XLSX
    return None


def _extension(name):
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def _megabytes(size):
    return number_format(size / 1048576, decimal_pos=1)


def validate_upload(uploaded, allowed_kinds=EVIDENCE_KINDS):
    """Check size and content; return the kind. Raises ValidationError with a Vietnamese message."""
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
            % {"name": uploaded.name, "size": _megabytes(uploaded.size), "limit": _megabytes(limit)}
        )
    if uploaded.size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": uploaded.name})
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    kind = sniff_kind(head, uploaded)
    claimed = _extension(uploaded.name)
    if kind is None or kind not in allowed_kinds:
        allowed = ", ".join(sorted({ext for k in allowed_kinds for ext in EXTENSIONS[k]}))
        raise ValidationError(
            _(
                "Tệp “%(name)s” không phải là tệp hợp lệ. "
                "Nội dung tệp không khớp định dạng nào được chấp nhận (%(allowed)s)."
            )
            % {"name": uploaded.name, "allowed": allowed}
        )
    if claimed not in EXTENSIONS[kind]:
        raise ValidationError(
            _("Tệp “%(name)s” có đuôi %(claimed)s nhưng nội dung là %(kind)s. Hãy đổi tên tệp cho đúng loại.")
            % {"name": uploaded.name, "claimed": claimed or _("(không có)"), "kind": kind.label}
        )
    return kind


def store_upload(uploaded, *, actor, owner_unit=None, allowed_kinds=EVIDENCE_KINDS, is_public=False):
    """Validate and save an upload. Call inside the caller's transaction."""
    kind = validate_upload(uploaded, allowed_kinds)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    stored = StoredFile(
        original_name=uploaded.name[:255],
        kind=kind,
        size=uploaded.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
        owner_unit=owner_unit,
        is_public=is_public,
    )
    stored.file.save(f"{stored.uuid}{_extension(uploaded.name)}", uploaded, save=False)
    stored.save()
    return stored


# Apps that attach files to their objects register a checker: checker(user, stored_file) -> bool.
# A file is visible when any checker says so; the uploader and the province always may.
_FILE_ACCESS_CHECKERS = []


def register_file_access(checker):
    _FILE_ACCESS_CHECKERS.append(checker)
    return checker


def file_access_checkers():
    return tuple(_FILE_ACCESS_CHECKERS)
