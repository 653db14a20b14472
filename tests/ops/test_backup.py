"""Backup and restore: the restored system holds the same records, files and log; a bad archive changes nothing."""

import io
import json
import tarfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from thidua.accounts.models import User
from thidua.core import backup
from thidua.core.files import store_upload
from thidua.core.models import ActivityLogEntry, StoredFile
from thidua.core.services import log_action, notify
from thidua.organizations.models import Unit

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + "Báo cáo thành tích năm 2024".encode() + b"\n%%EOF\n"


def everything():
    """Every row of every backed-up table, as plain values in primary-key order."""
    return {backup._meta(model).label: rows_of(model) for model in backup.backed_up_models()}


def rows_of(model):
    if not backup._meta(model).auto_created:
        return list(backup._all_rows(model).order_by("pk").values())
    # Many-to-many link rows travel as lists on their owner: the pair matters, not the link's own id.
    columns = [f.attname for f in backup._meta(model).concrete_fields if not f.primary_key]
    return sorted(backup._all_rows(model).values_list(*columns))


def stored_bytes():
    root = backup.files_root()
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def wipe():
    """The state of a freshly migrated database and an empty files folder."""
    backup._flush_everything()
    for path in sorted(backup.files_root().rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


@pytest.fixture
def system(transactional_db):
    """The demo data plus what a year of work leaves: uploads, log entries, notifications."""
    call_command("seed_demo", verbosity=0)
    officer = User.objects.get(username="canbo.lethuy")
    unit = Unit.objects.get(code="qb-lethuy")
    for name, content in [("minh-chung.png", PNG), ("bao-cao.pdf", PDF)]:
        stored = store_upload(SimpleUploadedFile(name, content), actor=officer, owner_unit=unit)
        log_action(officer, "file.uploaded", stored, new={"name": name}, unit_id=unit.pk)
    log_action(officer, "unit.renamed", unit, old={"name": "Lệ Thủy"}, new={"name": "Lệ Thủy mới"}, unit_id=unit.pk)
    notify([officer], "Hạn tự chấm điểm còn 3 ngày", body="Cụm thi đua các huyện", email=False)
    return officer


@pytest.fixture
def archive(system, tmp_path):
    path, _manifest = backup.create_backup(tmp_path / "sao-luu")
    return path


def read_members(path):
    with tarfile.open(path, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}


def write_members(path, members):
    with tarfile.open(path, "w:gz") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return path


def test_backup_writes_one_archive_with_manifest_data_and_files(archive):
    members = read_members(archive)
    manifest = json.loads(members["manifest.json"])
    assert archive.name.startswith("thidua-backup-")
    assert archive.name.endswith(".tar.gz")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    assert manifest["format"] == 1
    assert manifest["counts"]["accounts.User"] == User.objects.count() == 22
    # The demo's own evidence files plus the two uploaded above.
    assert manifest["counts"]["core.StoredFile"] == StoredFile.objects.count()
    assert StoredFile.objects.filter(original_name__in=["minh-chung.png", "bao-cao.pdf"]).count() == 2
    assert manifest["counts"]["core.ActivityLogEntry"] == ActivityLogEntry.objects.count()
    assert "contenttypes.ContentType" not in manifest["counts"]
    assert "sessions.Session" not in manifest["counts"]
    assert sorted(e["path"] for e in manifest["files"]) == sorted(f.file.name for f in StoredFile.objects.all())
    assert {e["sha256"] for e in manifest["files"]} == set(StoredFile.objects.values_list("sha256", flat=True))
    assert {f"files/{e['path']}" for e in manifest["files"]} | {"manifest.json", "data.json"} == set(members)


def test_restore_brings_back_the_same_records_files_and_activity_log(archive):
    before, files_before = everything(), stored_bytes()
    wipe()
    assert backup.rows_present() == []

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    after = everything()
    restored_entry = after["core.ActivityLogEntry"].pop()
    assert restored_entry["action"] == "system.restored"
    assert archive.name in restored_entry["note"]
    assert after == before
    assert stored_bytes() == files_before
    assert "Đã khôi phục" in out.getvalue()
    log = list(ActivityLogEntry.objects.filter(action="unit.renamed").values_list("new_values", flat=True))
    assert log == [{"name": "Lệ Thủy mới"}]


def test_restored_system_keeps_working(archive, client):
    wipe()
    call_command("restore", str(archive), stdout=io.StringIO())
    # The officer logs in with the old password, a new row gets a fresh id, and the stored file is served.
    answer = client.post("/tai-khoan/dang-nhap/", {"username": "canbo.lethuy", "password": "thidua-demo"})
    assert answer.status_code == 302
    lethuy = Unit.objects.get(code="qb-lethuy")
    highest = max(Unit.objects.values_list("pk", flat=True))
    assert (
        Unit.objects.create(code="sau-khoi-phuc", kind=lethuy.kind, name="Mới", province=lethuy.province).pk > highest
    )
    stored = StoredFile.objects.get(original_name="bao-cao.pdf")
    answer = client.get(f"/tep/{stored.uuid}/")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == PDF


def test_restore_refuses_a_database_that_holds_data(archive):
    before, files_before = everything(), stored_bytes()
    with pytest.raises(CommandError, match="Cơ sở dữ liệu đã có dữ liệu"):
        call_command("restore", str(archive))
    assert everything() == before
    assert stored_bytes() == files_before


def test_forced_restore_replaces_the_data_and_keeps_the_old_files_aside(archive):
    before, files_before = everything(), stored_bytes()
    Unit.objects.filter(code="qb-lethuy").update(name="Đã sửa sau sao lưu")
    store_upload(SimpleUploadedFile("moi.png", PNG + b"1"), actor=None)

    call_command("restore", str(archive), force=True, stdout=io.StringIO())

    after = everything()
    after["core.ActivityLogEntry"].pop()
    assert after == before
    assert stored_bytes() == files_before
    kept = list(backup.files_root().parent.glob("files.truoc-khoi-phuc-*"))
    assert len(kept) == 1
    assert len([p for p in kept[0].rglob("*") if p.is_file()]) == StoredFile.objects.count() + 1


def test_a_changed_file_is_refused_before_anything_changes(archive, tmp_path):
    members = read_members(archive)
    name = next(n for n in members if n.startswith("files/"))
    members[name] = members[name] + b"sua"
    tampered = write_members(tmp_path / "sua.tar.gz", members)
    wipe()
    with pytest.raises(CommandError, match="không khớp mã kiểm tra"):
        call_command("restore", str(tampered))
    assert backup.rows_present() == []
    assert stored_bytes() == {}


def test_changed_data_is_refused(archive, tmp_path):
    members = read_members(archive)
    members["data.json"] = members["data.json"].replace("Lệ Thủy".encode(), "Lệ Thủ".encode())
    wipe()
    with pytest.raises(CommandError, match="mã kiểm tra"):
        call_command("restore", str(write_members(tmp_path / "sua.tar.gz", members)))
    assert backup.rows_present() == []


def test_a_restore_that_fails_halfway_leaves_nothing(archive, tmp_path):
    members = read_members(archive)
    rows = json.loads(members["data.json"])
    # A consistent archive (checksums fit) whose last row points at a unit that does not exist.
    rows.append({"model": "organizations.unitname", "pk": 999999, "fields": {"unit": 987654, "name": "Ma"}})
    members["data.json"] = json.dumps(rows).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["data_sha256"] = backup.hashlib.sha256(members["data.json"]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    wipe()
    with pytest.raises(Exception):  # noqa: B017, PT011 - the database's own integrity error, which differs by engine
        call_command("restore", str(write_members(tmp_path / "hong.tar.gz", members)))
    assert backup.rows_present() == []
    assert stored_bytes() == {}
    assert not list(backup.files_root().parent.glob(".thidua-restore-*"))


def test_an_archive_from_another_schema_is_refused(archive, tmp_path):
    members = read_members(archive)
    manifest = json.loads(members["manifest.json"])
    manifest["migrations"].append("organizations.9999_tuong_lai")
    members["manifest.json"] = json.dumps(manifest).encode()
    wipe()
    with pytest.raises(CommandError, match="Phiên bản cơ sở dữ liệu khác"):
        call_command("restore", str(write_members(tmp_path / "khac.tar.gz", members)))
    assert backup.rows_present() == []


def test_paths_that_climb_out_are_refused(archive, tmp_path):
    members = read_members(archive)
    members["files/../../ngoai.txt"] = b"x"
    wipe()
    with pytest.raises(CommandError, match="đường dẫn không hợp lệ"):
        call_command("restore", str(write_members(tmp_path / "leo.tar.gz", members)))
    assert not (tmp_path / "ngoai.txt").exists()
    assert backup.rows_present() == []
