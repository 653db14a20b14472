"""Document numbers from the outgoing register: a tờ trình is a draft ("DỰ THẢO", "Số:      /") until "Cấp số" gives
it the next number of its issuer's register of the year; a number is never given twice."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from docx import Document as Docx

from tests.proposals.helpers import draft as drafted
from thidua.core.kernel import Refusal
from thidua.proposals import documents, dossier, selectors
from thidua.proposals.numbered import SUBMISSION
from thidua.registers import services
from thidua.registers.models import Entry, Register
from thidua.registers.selectors import search_entries

API = "/api/v1"


def draft(world):
    """A proposal whose tờ trình has no number yet (the factory types one, as before registers existed)."""
    proposal = drafted(world)
    proposal.submission_number, proposal.submission_date = "", None
    proposal.save(update_fields=["submission_number", "submission_date"])
    return proposal


def _header(proposal):
    proposal.refresh_from_db()
    doc = Docx(io.BytesIO(dossier.to_docx(documents.submission(proposal, selectors.items_of(proposal)))))
    left, right = doc.tables[0].rows[0].cells
    return doc.paragraphs[0].text, left.paragraphs[-1].text, right.paragraphs[-1].text


def test_a_draft_says_so_and_has_no_number_or_date(world):
    proposal = draft(world)
    mark, number, date_line = _header(proposal)
    assert mark == "DỰ THẢO"
    assert number == "Số:      /"
    assert date_line.endswith("ngày      tháng      năm      ")


def test_issuing_gives_the_next_number_once_and_the_paper_shows_it(world):
    first, second = draft(world), draft(world)
    today = timezone.localdate()
    entry = services.issue_paper(world.secretary, SUBMISSION, first.pk)
    assert (entry.full_number, entry.issued_on) == ("1/TTr-CTĐ", today)
    assert services.issue_paper(world.secretary, SUBMISSION, second.pk).full_number == "2/TTr-CTĐ"
    mark, number, date_line = _header(first)
    assert mark != "DỰ THẢO"
    assert number == "Số: 1/TTr-CTĐ"
    assert date_line.startswith(f"{world.province.name}, ngày {today.day:02d} tháng ")
    first.refresh_from_db()
    assert (first.submission_number, first.submission_date) == ("1/TTr-CTĐ", today)
    register = Register.objects.get()
    assert (register.year, register.next_number, register.name) == (today.year, 3, world.cluster_year.cluster.name)

    with pytest.raises(Refusal, match="đã được cấp số"):
        services.issue_paper(world.secretary, SUBMISSION, first.pk)
    register.refresh_from_db()
    assert register.next_number == 3
    assert Entry.objects.count() == 2


def test_only_the_papers_owner_may_number_it(world):
    proposal = draft(world)
    with pytest.raises(PermissionDenied):
        services.issue_paper(world.other_officer, SUBMISSION, proposal.pk)
    with pytest.raises(Refusal, match="Không có loại văn bản này"):
        services.issue_paper(world.secretary, "no.such.paper", proposal.pk)
    assert not Entry.objects.exists()
    assert not Register.objects.exists()


def test_the_button_numbers_the_paper_and_outsiders_get_404(world, login):
    proposal = draft(world)
    url = reverse("registers:issue", args=[SUBMISSION, proposal.pk])
    assert login(world.outsider).post(url).status_code == 404
    assert login(world.other_officer).post(url).status_code == 404
    assert not Entry.objects.exists()
    detail = reverse("proposals:detail", args=[proposal.pk])
    page = login(world.secretary).get(detail).content.decode()
    assert "Cấp số" in page
    response = login(world.secretary).post(url, {"next": detail})
    assert (response.status_code, response["Location"]) == (302, detail)
    assert "Số 1/TTr-CTĐ" in login(world.secretary).get(detail).content.decode()
    assert (
        login(world.secretary).post(url, {"next": "https://example.com/"}, follow=True).redirect_chain[-1][0] == detail
    )


def test_the_register_page_finds_numbers_without_accents(world, login):
    proposal = draft(world)
    proposal.title = "Đề nghị tặng Cờ thi đua năm 2023"
    proposal.save(update_fields=["title"])
    services.issue_paper(world.secretary, SUBMISSION, proposal.pk)
    page = login(world.secretary).get(reverse("registers:list"), {"q": "co thi dua"}).content.decode()
    assert "1/TTr-CTĐ" in page
    assert "Đề nghị tặng Cờ thi đua năm 2023" in page
    assert "1/TTr-CTĐ" not in login(world.secretary).get(reverse("registers:list"), {"q": "bang khen"}).content.decode()
    assert "1/TTr-CTĐ" not in login(world.outsider).get(reverse("registers:list")).content.decode()
    assert [e.full_number for e in search_entries(world.board, query="1/ttr")] == ["1/TTr-CTĐ"]
    assert list(search_entries(world.other_officer)) == []


def test_the_api_lists_and_numbers(world, login):
    proposal = draft(world)
    client = login(world.secretary)
    path = f"{API}/papers/{SUBMISSION}/{proposal.pk}/issue"
    created = client.post(path, "{}", content_type="application/json")
    assert created.status_code == 201
    assert created.json()["full_number"] == "1/TTr-CTĐ"
    again = client.post(path, "{}", content_type="application/json")
    assert again.status_code == 422
    assert again.json()["detail"] == "Văn bản này đã được cấp số."
    assert login(world.outsider).post(path, "{}", content_type="application/json").status_code == 404
    entries = client.get(f"{API}/register-entries", {"q": "ttr"}).json()
    assert [e["full_number"] for e in entries] == ["1/TTr-CTĐ"]
    registers = json.loads(client.get(f"{API}/registers").content)
    assert [(r["symbol"], r["next_number"]) for r in registers] == [("CTĐ", 2)]
    assert login(world.outsider).get(f"{API}/registers").json() == []
