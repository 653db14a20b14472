"""Issue 15: one-time codes never travel in an address, and wrong codes are rate-limited."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.voting.helpers import make_ballot
from thidua.voting import services, throttle
from thidua.voting.models import CastBallot

WRONG = "AAAA-AAAA-AAAA"


@pytest.fixture(autouse=True)
def one_minute(monkeypatch):
    """All of a test's guesses fall in one window, however slowly the machine runs them."""
    monkeypatch.setattr(throttle, "_minute", lambda: 29_000_000)


def _open(conference):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    return ballot


def _addresses(html):
    """Every address the page could make a browser request: links, forms, images, scripts, styles."""
    return re.findall(r'(?:href|action|src|formaction)="([^"]*)"', html)


def test_no_rendered_address_carries_a_code(conference, login):
    ballot = _open(conference)
    secretary = login(conference.secretary)
    for data in ({"slip_kind": "unnamed"}, {"format": "html"}):
        page = secretary.post(reverse("voting:codes", args=[ballot.pk]), data).content.decode()
        codes = re.findall(r'<p class="code">([A-Z0-9-]{14})</p>', page)
        assert len(codes) == 8
        for code in codes:
            plain = code.replace("-", "")
            assert not [a for a in _addresses(page) if code in a or plain in a]
        assert f"/bo-phieu/ma/{ballot.public_id}/" in page  # the address printed on the slip, without the code
    phone = Client()
    booth = phone.post(reverse("voting:code_entry_for_ballot", args=[ballot.public_id]), {"code": codes[0]})
    html = booth.content.decode()
    assert "Gửi phiếu" in html
    assert not [a for a in _addresses(html) if codes[0] in a]
    assert 'method="post"' in html


def test_api_gives_the_code_only_in_the_fragment(conference, login):
    ballot = _open(conference)
    codes = login(conference.secretary).post(
        f"/api/v1/voting/ballots/{ballot.pk}/codes", "{}", content_type="application/json"
    )
    for item in codes.json():
        address, _hash, fragment = item["url"].partition("#")
        assert item["code"] not in address
        assert fragment == f"ma={item['code']}"


def test_wrong_codes_are_limited_per_address(conference):
    ballot = _open(conference)
    code = services.issue_codes(ballot, actor=conference.secretary)[0].code
    phone = Client(REMOTE_ADDR="10.0.0.7")
    url = reverse("voting:code_entry")
    statuses = [phone.post(url, {"code": WRONG}).status_code for _ in range(throttle.PER_ADDRESS)]
    assert statuses == [404] * throttle.PER_ADDRESS
    blocked = phone.post(url, {"code": code})  # even the right code waits out the minute
    assert blocked.status_code == 429
    assert "Đã nhập sai mã quá nhiều lần. Hãy chờ một phút rồi nhập lại" in blocked.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.8").post(url, {"code": code})
    assert other.status_code == 200  # another phone in the hall is not blocked
    assert CastBallot.objects.filter(filled=True).count() == 0


def test_wrong_codes_are_limited_per_ballot(conference):
    ballot = _open(conference)
    url = reverse("voting:code_entry_for_ballot", args=[ballot.public_id])
    for index in range(throttle.PER_BALLOT):
        assert Client(REMOTE_ADDR=f"10.1.{index // 200}.{index % 200}").post(url, {"code": WRONG}).status_code == 404
    assert Client(REMOTE_ADDR="10.2.0.1").post(url, {"code": WRONG}).status_code == 429
    assert Client(REMOTE_ADDR="10.2.0.1").post(reverse("voting:code_entry"), {"code": WRONG}).status_code == 404


def test_api_answers_429_after_too_many_wrong_codes(conference):
    _open(conference)
    anonymous = Client(REMOTE_ADDR="10.3.0.1")
    body = f'{{"code": "{WRONG}", "choices": []}}'
    statuses = [
        anonymous.post("/api/v1/voting/cast", body, content_type="application/json").status_code
        for _ in range(throttle.PER_ADDRESS + 1)
    ]
    assert statuses == [404] * throttle.PER_ADDRESS + [429]
    answer = anonymous.post("/api/v1/voting/cast", body, content_type="application/json").json()
    assert answer["detail"].startswith("Đã nhập sai mã quá nhiều lần.")


def test_guesses_of_an_earlier_minute_do_not_count(conference, monkeypatch):
    _open(conference)
    phone = Client(REMOTE_ADDR="10.4.0.1")
    for _ in range(throttle.PER_ADDRESS):
        phone.post(reverse("voting:code_entry"), {"code": WRONG})
    assert phone.post(reverse("voting:code_entry"), {"code": WRONG}).status_code == 429
    monkeypatch.setattr(throttle, "_minute", lambda: 29_000_001)
    assert phone.post(reverse("voting:code_entry"), {"code": WRONG}).status_code == 404
