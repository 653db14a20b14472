"""Backup and restore: the whole database and the stored files in one .tar.gz archive.

The archive holds `manifest.json` (format, time, schema, row counts, size and sha256 of every file),
`data.json` (Django's `dumpdata` of every table that holds the system's data, primary keys kept so that the
activity log's object ids stay true) and `files/` (the uploaded files). Content types and permissions are
left out because `migrate` makes them; sessions and login-throttling records because they are not data.

A restore checks every checksum before it touches anything, goes into an empty database only (unless forced),
and lands whole or not at all: the rows in one transaction, the files swapped in at the end of it.
"""

import datetime
import hashlib
import json
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.models import StoredFile
from thidua.core.serializers import FORMAT_NAME
from thidua.core.services import log_action

FORMAT = 1
EXCLUDED_APPS = ("contenttypes", "sessions", "axes")
EXCLUDED_MODELS = ("auth.permission",)
# Kept by migrate on the target, never flushed by a forced restore.
KEPT_TABLES = ("django_content_type", "auth_permission", "django_migrations")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore refused, with a message for the administrator (Vietnamese)."""


def _meta(model):
    return model._meta  # noqa: SLF001 - _meta is Django's documented model API


def _all_rows(model):
    # The base manager: a default manager that hides rows (drafts, say) must not hide them from a backup.
    return model._base_manager.all()  # noqa: SLF001 - documented Django API


def backed_up_models():
    """Every model whose rows a backup carries, with the automatic many-to-many tables."""
    chosen = []
    for model in apps.get_models(include_auto_created=True):
        meta = _meta(model)
        if meta.proxy or not meta.managed or meta.app_label in EXCLUDED_APPS:
            continue
        if meta.label_lower in EXCLUDED_MODELS:
            continue
        chosen.append(model)
    return chosen


def _sha256_of(path):
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def files_root():
    return Path(default_storage.location)


def _applied_migrations():
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def _row_counts():
    return {_meta(model).label: _all_rows(model).count() for model in backed_up_models()}


def _dump(data_path):
    excluded = [*EXCLUDED_APPS, *EXCLUDED_MODELS]
    serializers.register_serializer(FORMAT_NAME, "thidua.core.serializers")
    call_command(
        "dumpdata",
        format=FORMAT_NAME,
        exclude=excluded,
        natural_foreign=True,
        use_base_manager=True,
        output=str(data_path),
        verbosity=0,
    )


def _snapshot(data_path):
    """Dump the rows and count them from one consistent view of the database."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        # PostgreSQL takes the isolation level only as the transaction's first statement.
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        _dump(data_path)
        return _row_counts(), _applied_migrations()


def create_backup(destination=None):
    """Write a backup archive and return (path, manifest). `destination` is a directory or a .tar.gz path."""
    destination = Path(destination or Path(settings.DATA_DIR) / "backups")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    target = destination if destination.suffix == ".gz" else destination / f"thidua-backup-{stamp}.tar.gz"
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="thidua-backup-") as work:
        data_path = Path(work) / "data.json"
        # The rows first, then the files: a file is saved before its row commits, so every row finds its file.
        counts, migrations = _snapshot(data_path)
        files = _list_files()
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "migrations": migrations,
            "counts": counts,
            "data_sha256": _sha256_of(data_path),
            "files": files,
        }
        manifest_path = Path(work) / "manifest.json"
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_path, arcname="manifest.json")
            archive.add(data_path, arcname="data.json")
            root = files_root()
            for entry in files:
                archive.add(root / entry["path"], arcname=f"files/{entry['path']}")
        partial.chmod(0o600)  # the archive holds password hashes and ballots
        partial.replace(target)
    return target, manifest


def _list_files():
    root = files_root()
    if not root.is_dir():
        return []
    return [
        {"path": path.relative_to(root).as_posix(), "size": path.stat().st_size, "sha256": _sha256_of(path)}
        for path in sorted(root.rglob("*"))
        if path.is_file()
    ]


def _safe_member_path(name):
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(_("Tệp sao lưu có đường dẫn không hợp lệ: %(name)s") % {"name": name})
    return path


def _extract_verified(archive_path, staging):
    """Unpack into `staging` (data.json, manifest.json, files/...) and check every checksum. Returns the manifest."""
    hashes = {}
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            for member in archive:
                path = _safe_member_path(member.name)
                if member.isdir():
                    continue
                if not member.isfile():
                    raise BackupError(_("Tệp sao lưu chứa mục không phải tệp thường: %(name)s") % {"name": member.name})
                if path.parts[0] not in {"files", "data.json", "manifest.json"}:
                    raise BackupError(_("Tệp sao lưu chứa mục lạ: %(name)s") % {"name": member.name})
                hashes[path.as_posix()] = _copy_out(archive.extractfile(member), staging / Path(*path.parts))
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(_("Không đọc được tệp sao lưu: %(error)s") % {"error": error}) from error
    manifest = _load_manifest(staging / "manifest.json")
    if hashes.get("data.json") != manifest.get("data_sha256"):
        raise BackupError(_("Dữ liệu trong tệp sao lưu không khớp mã kiểm tra (sha256): tệp đã bị hỏng hoặc sửa."))
    expected = {f"files/{entry['path']}": entry["sha256"] for entry in manifest.get("files", [])}
    found = {name: digest for name, digest in hashes.items() if name.startswith("files/")}
    if expected != found:
        broken = sorted(name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name))
        raise BackupError(
            _("Các tệp đính kèm trong bản sao lưu không khớp mã kiểm tra: %(names)s") % {"names": ", ".join(broken)}
        )
    return manifest


def _copy_out(source, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with target.open("wb") as out:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _load_manifest(path):
    if not path.is_file():
        raise BackupError(_("Tệp sao lưu thiếu manifest.json."))
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(_("Định dạng bản sao lưu không được hỗ trợ: %(f)s") % {"f": manifest.get("format")})
    return manifest


def _check_schema(manifest):
    applied = set(_applied_migrations())
    if not applied:
        raise BackupError(_("Cơ sở dữ liệu chưa được tạo bảng. Hãy chạy `manage.py migrate` trước khi khôi phục."))
    wanted = set(manifest["migrations"])
    if applied != wanted:
        raise BackupError(
            _(
                "Phiên bản cơ sở dữ liệu khác với lúc sao lưu (khác %(n)s migration, ví dụ %(example)s). "
                "Hãy khôi phục bằng đúng phiên bản phần mềm đã tạo bản sao lưu, rồi nâng cấp bằng `migrate`."
            )
            % {"n": len(applied ^ wanted), "example": min(applied ^ wanted)}
        )


def rows_present():
    """Labels of the backed-up models that hold rows now."""
    return [_meta(model).label for model in backed_up_models() if _all_rows(model).exists()]


def _make_room(*, force):
    present = rows_present()
    if present and not force:
        raise BackupError(
            _("Cơ sở dữ liệu đã có dữ liệu (%(models)s). Chỉ khôi phục vào cơ sở dữ liệu trống, hoặc dùng --force.")
            % {"models": ", ".join(present[:5])}
        )
    if force:
        _flush_everything()


def _flush_everything():
    tables = [t for t in connection.introspection.django_table_names(only_existing=True) if t not in KEPT_TABLES]
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, allow_cascade=False))


def _check_restored(manifest):
    counts = _row_counts()
    wrong = {label: (n, counts.get(label)) for label, n in manifest["counts"].items() if counts.get(label) != n}
    if wrong:
        raise BackupError(_("Số bản ghi sau khi khôi phục không khớp bản sao lưu: %(wrong)s") % {"wrong": wrong})


def _swap_files(new_files, force):
    """Put the restored files in place; return the folder the old ones were moved to (or None)."""
    root = files_root()
    moved = None
    if root.exists():
        if any(root.iterdir()):
            if not force:
                raise BackupError(
                    _("Thư mục tệp %(root)s không trống. Dùng --force để thay thế (tệp cũ được giữ lại).")
                    % {"root": root}
                )
            stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%d-%H%M%S")
            moved = root.with_name(f"{root.name}.truoc-khoi-phuc-{stamp}")
            root.rename(moved)
        else:
            root.rmdir()
    try:
        if new_files.is_dir():
            new_files.rename(root)
        else:
            root.mkdir(parents=True)
    except OSError:
        if moved is not None:
            moved.rename(root)
        raise
    return moved


def _unswap_files(moved):
    root = files_root()
    shutil.rmtree(root, ignore_errors=True)
    if moved is not None:
        moved.rename(root)


def restore_backup(archive_path, *, force=False):
    """Restore an archive. Returns (manifest, folder holding the replaced files or None). Raises BackupError."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(_("Không tìm thấy tệp sao lưu %(path)s.") % {"path": archive_path})
    root = files_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".thidua-restore-", dir=root.parent))
    swapped, moved = False, None
    try:
        manifest = _extract_verified(archive_path, staging)
        _check_schema(manifest)
        with transaction.atomic():
            _make_room(force=force)
            call_command("loaddata", str(staging / "data.json"), verbosity=0)
            _check_restored(manifest)
            _check_stored_files(staging / "files")
            _log_restore(archive_path, manifest)
            moved = _swap_files(staging / "files", force)
            swapped = True
    except Exception:
        if swapped:
            _unswap_files(moved)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest, moved


def _check_stored_files(folder):

    missing = [name for name in StoredFile.objects.values_list("file", flat=True) if not (folder / name).is_file()]
    if missing:
        raise BackupError(
            _("Bản sao lưu thiếu %(n)s tệp đính kèm, ví dụ %(name)s.") % {"n": len(missing), "name": missing[0]}
        )


def _log_restore(archive_path, manifest):

    log_action(
        None,
        "system.restored",
        note=_("Khôi phục từ bản sao lưu %(name)s tạo lúc %(at)s.")
        % {"name": archive_path.name, "at": manifest["created_at"]},
    )
