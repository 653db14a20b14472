"""Issue 15, the access-log half of the forensic test: everything a web server would write in its access log while a
sealed ballot runs (each request's method, path and query string, the Referer the browser sends, the Location it is
sent on to) holds no one-time code, no receipt and no key share.

The secretary and the delegates' phones are driven through the real pages as a browser would: a phone opens the
address of the slip's QR code (the code in the fragment, which a browser never sends), the page's script posts it,
the delegate ticks and sends, notes the receipt, and after closing looks the receipt up. A browser sends, from a
page, the page's address without its fragment as Referer, only its origin under Referrer-Policy strict-origin; the
sub-resources a page loads (scripts, styles) carry that Referer too, and are logged here without being served.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.voting.helpers import make_ballot
from thidua.voting import services, throttle
from thidua.voting.models import Ballot, CastBallot
from thidua.voting.services.casting import code_url

ORIGIN = "http://testserver"
CHOICES = [[0], [1, 2], [0, 2], []]


@pytest.fixture(autouse=True)
def one_minute(monkeypatch):
    """All of a test's requests fall in one rate-limit window, however slowly the machine runs them."""
    monkeypatch.setattr(throttle, "_minute", lambda: 29_000_000)


class Browser:
    """One browser, as far as an access log can see it. `log` is shared by all browsers: the server's log."""

    def __init__(self, log, client=None):
        self.client = client or Client()
        self.log = log
        self.address = ""  # the address bar, fragment included
        self.policy = ""  # the Referrer-Policy of the page shown
        self.html = ""

    def referer(self):
        if not self.address or self.policy == "no-referrer":
            return ""
        if self.policy == "strict-origin":
            return ORIGIN + "/"
        return self.address.split("#", 1)[0]  # a Referer never carries the fragment

    def _record(self, method, url, referer, response=None):
        location = response.get("Location", "") if response is not None else ""
        self.log.append(f"{method} {url} referer={referer} location={location}")

    def _request(self, method, url, data=None):
        sent = url.split("#", 1)[0]  # the fragment never leaves the browser
        referer = self.referer()
        extra = {"HTTP_REFERER": referer} if referer else {}
        call = self.client.get if method == "GET" else self.client.post
        response = call(sent, data, **extra) if data is not None else call(sent, **extra)
        parts = urlsplit(sent)
        query = parts.query or (response.wsgi_request.META.get("QUERY_STRING", "") if method == "GET" else "")
        self._record(method, parts.path + (f"?{query}" if query else ""), referer, response)
        if response.get("Location"):
            return self._request("GET", response["Location"])
        self.address = ORIGIN + url if url.startswith("/") else url
        self.policy = response.get("Referrer-Policy", "")
        self._load_resources(response)
        return response

    def _load_resources(self, response):
        if "html" not in response.get("Content-Type", ""):
            return
        html = self.html = response.content.decode()
        meta = re.search(r'<meta name="referrer" content="([^"]+)"', html)
        if meta:
            self.policy = meta[1]
        for resource in re.findall(r'<(?:script|img)[^>]* src="([^"]+)"|<link[^>]* href="([^"]+)"', html):
            address = resource[0] or resource[1]
            if not address.startswith("data:"):
                self._record("GET", address, self.referer())

    def open(self, url):
        return self._request("GET", url)

    def submit(self, data):
        """Send the first form of the page shown that has every field in `data`, by its own method and action (no
        action: the page's own address, as a browser does)."""
        for attributes, body in re.findall(r"<form([^>]*)>(.*?)</form>", self.html, re.DOTALL):
            if all(f'name="{name}"' in body for name in data):
                method = re.search(r'method="([a-z]+)"', attributes)
                action = re.search(r'action="([^"]+)"', attributes)
                here = self.address.split("#", 1)[0].removeprefix(ORIGIN)
                verb = method[1].upper() if method else "GET"
                return self._request(verb, action[1] if action else here, data)
        raise AssertionError(f"no form with {sorted(data)} on {self.address}")

    def wipe_fragment(self):
        """What code-fragment.js does before posting: history.replaceState drops the fragment."""
        self.address = self.address.split("#", 1)[0]


def _variants(secret):
    plain = secret.replace("-", "")
    return {secret.lower(), plain.lower()}


def _run_the_ballot(conference, login, log):
    ballot = make_ballot(conference)
    secretary = Browser(log, login(conference.secretary))
    secretary.open(reverse("voting:ballot_detail", args=[ballot.pk]))
    sheets = secretary.submit({"action": "open"})
    shares = [item["sheet"].text for item in sheets.context["sheets"]]
    secretary.open(reverse("voting:ballot_detail", args=[ballot.pk]))
    secretary.open(reverse("voting:codes", args=[ballot.pk]))
    slips = secretary.submit({"slip_kind": "unnamed"}).content.decode()
    codes = re.findall(r'<p class="code">([A-Z0-9-]{14})</p>', slips)
    assert len(codes) == 8
    candidates = list(ballot.candidates.order_by("position").values_list("pk", flat=True))
    entry = ORIGIN + reverse("voting:code_entry_for_ballot", args=[Ballot.objects.get(pk=ballot.pk).public_id])
    receipts, phones = [], []
    for code, choice in zip(codes, CHOICES, strict=False):
        phone = Browser(log)
        phones.append(phone)
        phone.open(code_url(entry, code))
        phone.wipe_fragment()
        booth = phone.submit({"code": code})
        assert "Gửi phiếu" in booth.content.decode()
        done = phone.submit({"code": code, "step": "vote", "choices": [str(candidates[i]) for i in choice]})
        receipt = re.search(r'data-receipt="([A-Z0-9-]+)"', done.content.decode())[1]
        receipts.append(receipt)
        assert phone.open(reverse("voting:receipts", args=[ballot.public_id])).status_code == 409
    secretary.open(reverse("voting:ballot_detail", args=[ballot.pk]))
    result = secretary.submit({"action": "close", "share": shares[:2]})
    assert "Kết quả" in result.content.decode()
    for phone, receipt in zip(phones, receipts, strict=True):
        phone.open(reverse("voting:receipts", args=[ballot.public_id]))
        found = phone.submit({"ma": receipt})
        assert "Phiếu có mã biên nhận này đã được kiểm." in found.content.decode()
        phone.open(reverse("voting:public_record", args=[ballot.public_id]))
    return ballot, codes, receipts, shares


def test_the_access_log_of_a_whole_sealed_ballot_holds_no_code_receipt_or_key_share(conference, login):
    log = []
    ballot, codes, receipts, shares = _run_the_ballot(conference, login, log)
    # the flow really ran: four papers cast, their receipts counted, each phone's steps logged
    assert CastBallot.objects.filter(ballot=ballot, filled=True).count() == len(CHOICES)
    entry_path = reverse("voting:code_entry_for_ballot", args=[ballot.public_id])
    assert sum(line.startswith(f"POST {entry_path} ") for line in log) == 2 * len(CHOICES)
    assert sum(line.startswith("GET /static/js/code-fragment.js") for line in log) == len(CHOICES)
    secrets = set().union(*(_variants(s) for s in codes + receipts + shares))
    leaks = [(line, secret) for line in log for secret in secrets if secret in line.lower()]
    assert leaks == []


def test_the_voting_pages_send_no_referer(conference, login):
    log = []
    ballot, codes, _receipts, _shares = _run_the_ballot(conference, login, log)
    voting_pages = (
        reverse("voting:code_entry_for_ballot", args=[ballot.public_id]),
        reverse("voting:receipts", args=[ballot.public_id]),
    )
    from_voting_pages = [line for line in log if any(f"referer={ORIGIN}{page}" in line for page in voting_pages)]
    assert from_voting_pages == []
    phone = Client()
    for page in voting_pages:
        assert phone.get(page)["Referrer-Policy"] == "strict-origin"
    assert phone.post(voting_pages[0], {"code": codes[0]})["Referrer-Policy"] == "strict-origin"


def origin_sent_with_a_form(policy):
    """The Origin header a browser sends with a POST from a page under this policy (Fetch standard, same origin)."""
    return "null" if policy == "no-referrer" else ORIGIN


def test_a_browser_can_send_the_code_form_past_the_csrf_check(conference):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    code = services.issue_codes(ballot, actor=conference.secretary)[0].code
    phone = Client(enforce_csrf_checks=True)
    page = reverse("voting:code_entry_for_ballot", args=[ballot.public_id])
    shown = phone.get(page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', shown.content.decode())[1]
    origin = origin_sent_with_a_form(shown["Referrer-Policy"])
    sent = phone.post(page, {"code": code, "csrfmiddlewaretoken": token}, HTTP_ORIGIN=origin)
    assert sent.status_code == 200
    assert 'type="checkbox"' in sent.content.decode()  # the ballot paper, not the CSRF refusal


def test_a_receipt_in_the_query_string_is_ignored(conference, login):
    ballot, _codes, receipts, _shares = _run_the_ballot(conference, login, [])
    page = Client().get(reverse("voting:receipts", args=[ballot.public_id]), {"ma": receipts[0]}).content.decode()
    assert "Phiếu có mã biên nhận này đã được kiểm." not in page
    assert 'value=""' in page  # the query is not echoed into the lookup box either
