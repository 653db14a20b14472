#!/usr/bin/env python3
"""Re-count a Thidua sealed ballot from its public record, on any machine: Python 3.10+ and `cryptography` only.

    python3 verify_ballot.py ho-so-phieu.json [--receipt ABCD-EFGH ...]

Checks, each reported with ĐẠT (passed) or LỖI (failed):
  1. the private key published after closing belongs to the ballot's public key;
  2. every paper's SHA-256 matches, and every paper opens under that key (bound to this ballot) to a valid choice;
  3. the opened papers are exactly the published list of opened ballots;
  4. papers, receipts and the roll's turnout agree (one paper per receipt, per voter who voted, never more than the
     voters entitled);
  5. each receipt given with --receipt is on the board;
  6. the votes per candidate follow from the opened papers, and who passed follows from the votes and the rule
     (threshold compared exactly, on the stated base, up to the seats; the chair's recorded choice at a tie).
Exit status 0 when every check passes, 1 otherwise. The format is described in docs/ballot-secrecy.md; the
decryption repeats src/thidua/voting/sealing.py (X25519, HKDF-SHA256, AES-256-GCM).
"""

import argparse
import base64
import hashlib
import json
import sys
from collections import Counter
from fractions import Fraction
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FORMAT = "thidua-ballot-record-v1"
SCHEME = "x25519-hkdf-sha256-aes256gcm-v1"
INFO = b"thidua.ballot.v1"


def unseal(private_hex, sealed, context):
    key = X25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    public = key.public_key().public_bytes_raw()
    ephemeral, nonce, body = sealed[:32], sealed[32:44], sealed[44:]
    shared = key.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    aead = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO + ephemeral + public).derive(shared)
    payload = AESGCM(aead).decrypt(nonce, body, context)
    return sorted(int(i) for i in json.loads(payload.decode().rstrip(" "))["c"])


def passed_by_rule(rule, votes, order):
    """Who passes: the threshold compared exactly on the base, most votes first up to the seats, ties per the rule."""
    base = rule["base"]
    top, bottom = (int(part) for part in rule["threshold"].split("/"))
    threshold = Fraction(top, bottom)

    def meets(count):
        if base <= 0:
            return False
        share = Fraction(count, base)
        return share >= threshold if rule["comparison"] == "at_least" else share > threshold

    ranked = sorted(order, key=lambda c: -votes[c])  # stable: equal votes keep the ballot's order
    eligible = [c for c in ranked if meets(votes[c])]
    seats = rule["seats"]
    if seats is None or len(eligible) <= seats:
        return set(eligible)
    boundary = votes[eligible[seats - 1]]
    above = [c for c in eligible if votes[c] > boundary]
    at = [c for c in eligible if votes[c] == boundary]
    if len(above) + len(at) <= seats:
        return set(above + at)
    chosen = [c for c in at if c in set(rule["chair_chosen"])]
    if rule["tie_rule"] == "chair_decides" and len(chosen) == seats - len(above):
        return set(above + chosen)
    return set(above)


def _open_papers(record, key_ok):
    context = record["ballot"]["public_id"].encode()
    known = {c["id"] for c in record["candidates"]}
    opened, bad = [], 0
    for paper in record["papers"]:
        sealed = base64.b64decode(paper["sealed"])
        choices = None
        if key_ok and hashlib.sha256(sealed).hexdigest() == paper["sha256"]:
            try:
                choices = unseal(record["private_key"], sealed, context)
            except (InvalidTag, ValueError, KeyError):
                choices = None
        if choices is None or not set(choices) <= known or len(choices) > record["ballot"]["max_choices"]:
            bad += 1
        else:
            opened.append(choices)
    return opened, bad


def verify(record, receipts=()):
    """[(ok, message)] for every check."""
    report = []

    def check(ok, message):
        report.append((bool(ok), message))

    if record.get("format") != FORMAT or record.get("scheme") != SCHEME:
        check(False, "Định dạng hồ sơ được hỗ trợ")  # noqa: FBT003 - a failed check
        return report
    try:
        derived = X25519PrivateKey.from_private_bytes(bytes.fromhex(record["private_key"])).public_key()
        key_ok = derived.public_bytes_raw() == bytes.fromhex(record["public_key"])
    except ValueError:
        key_ok = False
    check(key_ok, "Khóa bí mật công bố khớp với khóa công khai của phiếu")
    opened, bad = _open_papers(record, key_ok)
    check(bad == 0, f"Mọi phiếu niêm phong khớp mã băm và mở được thành lựa chọn hợp lệ ({bad} phiếu lỗi)")
    check(sorted(opened) == sorted(record["opened"]), "Các phiếu tự mở khớp danh sách phiếu đã mở được công bố")
    roll, papers, on_board = record["roll"], len(record["papers"]), record["receipts"]
    check(len(set(on_board)) == len(on_board), "Mã biên nhận không trùng nhau")
    check(
        papers == len(on_board) == roll["voted"] <= roll["entitled"],
        f"Số phiếu ({papers}), số mã biên nhận ({len(on_board)}) và số người đã bỏ phiếu ({roll['voted']}) "
        f"bằng nhau, không quá số người được bỏ phiếu ({roll['entitled']})",
    )
    plain = {"".join(ch for ch in r if ch.isalnum()) for r in on_board}
    for receipt in receipts:
        found = "".join(ch for ch in receipt.upper() if ch.isalnum()) in plain
        check(found, f"Mã biên nhận {receipt} có trên bảng công bố")
    counted = Counter(i for choices in opened for i in choices)
    order = [c["id"] for c in record["candidates"]]
    published = {row["candidate_id"]: row["votes"] for row in record["tally"]}
    check(
        set(published) == set(order) and all(published[c] == counted.get(c, 0) for c in order),
        "Số phiếu của từng ứng viên đúng bằng số đếm từ các phiếu đã mở",
    )
    passed = passed_by_rule(record["rule"], {c: counted.get(c, 0) for c in order}, order)
    check(
        passed == set(record["passed"]) == {row["candidate_id"] for row in record["tally"] if row["passed"]},
        "Danh sách được chọn đúng theo quy định đã áp dụng",
    )
    return report


def main(argv=None):
    parser = argparse.ArgumentParser(description="Kiểm lại một phiếu kín điện tử của Thidua từ hồ sơ công bố.")
    parser.add_argument("record", help="tệp JSON hồ sơ công bố của phiếu")
    parser.add_argument("--receipt", action="append", default=[], help="mã biên nhận cần tìm (có thể lặp lại)")
    args = parser.parse_args(argv)
    record = json.loads(Path(args.record).read_text(encoding="utf-8"))
    report = verify(record, args.receipt)
    for ok, message in report:
        print(f"{'ĐẠT' if ok else 'LỖI'}  {message}")  # noqa: T201 - a command-line report
    all_ok = all(ok for ok, _message in report)
    print("Kết luận: hồ sơ khớp, kết quả kiểm lại đúng." if all_ok else "Kết luận: hồ sơ KHÔNG khớp.")  # noqa: T201
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
