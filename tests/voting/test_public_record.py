"""Issue 15: anyone can re-count. A closed sealed ballot's public record, checked by the stand-alone verifier."""

import ast
import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import board_shares
from tests.voting.helpers import make_ballot, vote
from thidua.voting import services

VERIFIER = Path(__file__).resolve().parents[2] / "tools" / "verify_ballot.py"
PICKS = [[0], [1], [2], [0, 1], [], [3], [4], [0, 2]]


def _load_verifier():
    namespace = {"__name__": "verify_ballot"}
    exec(compile(VERIFIER.read_text(encoding="utf-8"), str(VERIFIER), "exec"), namespace)  # noqa: S102 - our own tool
    return namespace


@pytest.fixture
def published(conference):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    receipts = vote(ballot, conference.secretary, PICKS)
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    response = Client().get(reverse("voting:public_record", args=[ballot.public_id]))
    assert response.status_code == 200
    return ballot, receipts, json.loads(response.content)


def test_the_record_holds_the_board_and_the_verifier_passes_it(published, tmp_path):
    ballot, receipts, record = published
    assert len(record["papers"]) == 8
    assert record["receipts"] == sorted(receipts)
    assert record["roll"] == {"members": 8, "present": 8, "entitled": 8, "voted": 8}
    assert record["private_key"] == ballot.published_key != ""
    ids = [c.pk for c in ballot.candidates.order_by("position")]
    assert {row["candidate_id"]: row["votes"] for row in record["tally"]} == {
        ids[0]: 3, ids[1]: 2, ids[2]: 2, ids[3]: 1, ids[4]: 1,
    }  # fmt: skip
    report = _load_verifier()["verify"](record, receipts[:2])
    assert [ok for ok, _message in report] == [True] * len(report)
    assert len(report) == 9
    path = tmp_path / "ho-so.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    run = subprocess.run(  # noqa: S603 - our own tool on our own file
        [sys.executable, str(VERIFIER), str(path), "--receipt", receipts[0].lower()],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout
    assert run.stdout.strip().endswith("Kết luận: hồ sơ khớp, kết quả kiểm lại đúng.")


def _tampered(record, how):
    changed = copy.deepcopy(record)
    how(changed)
    return changed


def _swap_paper(record):
    record["papers"][0] = dict(record["papers"][1])


def _shift_a_vote(record):
    row = record["tally"][0]
    row["votes"] += 1


def _drop_paper_and_receipt(record):
    record["papers"].pop()
    record["receipts"].pop()


def _flip_sealed_byte(record):
    import base64
    import hashlib

    raw = bytearray(base64.b64decode(record["papers"][0]["sealed"]))
    raw[50] ^= 1
    record["papers"][0]["sealed"] = base64.b64encode(bytes(raw)).decode()
    record["papers"][0]["sha256"] = hashlib.sha256(bytes(raw)).hexdigest()


def _other_key(record):
    record["private_key"] = "11" * 32


def _mark_a_loser_passed(record):
    loser = next(row for row in record["tally"] if not row["passed"])
    loser["passed"] = True
    record["passed"] = sorted([*record["passed"], loser["candidate_id"]])


@pytest.mark.parametrize(
    ("tamper", "failing"),
    [
        (_swap_paper, "Các phiếu tự mở khớp danh sách phiếu đã mở được công bố"),
        (_shift_a_vote, "Số phiếu của từng ứng viên đúng bằng số đếm từ các phiếu đã mở"),
        (_drop_paper_and_receipt, "Số phiếu (7), số mã biên nhận (7) và số người đã bỏ phiếu (8)"),
        (_flip_sealed_byte, "Mọi phiếu niêm phong khớp mã băm và mở được thành lựa chọn hợp lệ (1 phiếu lỗi)"),
        (_other_key, "Khóa bí mật công bố khớp với khóa công khai của phiếu"),
        (_mark_a_loser_passed, "Danh sách được chọn đúng theo quy định đã áp dụng"),
    ],
)
def test_a_tampered_record_fails_the_verifier(published, tamper, failing):
    _ballot, _receipts, record = published
    report = _load_verifier()["verify"](_tampered(record, tamper))
    failed = [message for ok, message in report if not ok]
    assert any(message.startswith(failing) for message in failed), failed


def test_a_receipt_not_on_the_board_is_reported(published):
    _ballot, _receipts, record = published
    report = _load_verifier()["verify"](record, ["ZZZZ-ZZZZ"])
    assert (False, "Mã biên nhận ZZZZ-ZZZZ có trên bảng công bố") in report


def test_the_verifier_needs_only_the_standard_library_and_cryptography():
    tree = ast.parse(VERIFIER.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            roots.add(node.module.split(".")[0])
    assert roots - set(sys.stdlib_module_names) == {"cryptography"}


def test_the_record_waits_for_closing_and_the_api_gives_the_same(conference, login):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    url = reverse("voting:public_record", args=[ballot.public_id])
    assert Client().get(url).status_code == 409
    assert Client().get(f"/api/v1/voting/receipts/{ballot.public_id}/record").status_code == 409
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    page = json.loads(Client().get(url).content)
    api = Client().get(f"/api/v1/voting/receipts/{ballot.public_id}/record").json()
    assert page == api
    receipts_page = Client().get(reverse("voting:receipts", args=[ballot.public_id])).content.decode()
    assert url in receipts_page
