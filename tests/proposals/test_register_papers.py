"""Issue 16: every numbered paper takes its number from its issuing body's register. The minutes of a conference
and of a council session, no number typed in a form, typed numbers moved into the registers, and two people pressing
"Cấp số" at once get two different numbers."""

import datetime
import importlib
import io
import threading

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import connection, connections
from django.urls import reverse
from docx import Document as Docx

from tests.proposals.helpers import draft
from tests.voting.factories import MeetingFactory
from thidua.core.kernel import Refusal
from thidua.core.models import ActivityLogEntry
from thidua.proposals import dossier
from thidua.proposals.models import Proposal
from thidua.proposals.numbered import SUBMISSION
from thidua.registers.models import Entry, Register
from thidua.registers.services import issue_paper
from thidua.voting import documents as voting_documents
from thidua.voting import services as voting
from thidua.voting.enums import MeetingKind
from thidua.voting.numbered import MINUTES
from thidua.voting.numbered import SUBMISSION as MEETING_SUBMISSION

migration = importlib.import_module("thidua.registers.migrations.0002_typed_numbers_into_registers")


def _conference(world, **fields):
    return MeetingFactory(
        kind=MeetingKind.CONFERENCE, cluster_year=world.cluster_year, province=world.province, **fields
    )


def _header(doc):
    docx = Docx(io.BytesIO(dossier.to_docx(doc)))
    left, _right = docx.tables[0].rows[0].cells
    return docx.paragraphs[0].text, left.paragraphs[-1].text


def test_the_conference_minutes_are_a_draft_until_numbered_in_the_clusters_register(world):
    meeting = _conference(world)
    assert _header(voting_documents.meeting_minutes(meeting)) == ("DỰ THẢO", "Số:      /")
    entry = issue_paper(world.secretary, MINUTES, meeting.pk, day=datetime.date(2024, 1, 15))
    assert (entry.full_number, entry.register.name) == ("1/BB-CTĐ", world.cluster_year.cluster.name)
    mark, number = _header(voting_documents.meeting_minutes(meeting))
    assert (mark != "DỰ THẢO", number) == (True, "Số: 1/BB-CTĐ")
    meeting.refresh_from_db()
    assert meeting.minutes_number == "1/BB-CTĐ"
    # The cluster's register numbers all its papers of the year in one sequence.
    assert issue_paper(world.secretary, MEETING_SUBMISSION, meeting.pk, day=entry.issued_on).full_number == "2/TTr-CTĐ"
    with pytest.raises(Refusal, match="đã được cấp số"):
        issue_paper(world.secretary, MINUTES, meeting.pk)


def test_a_council_sessions_minutes_are_numbered_in_the_boards_register(world):
    session = MeetingFactory(kind=MeetingKind.COUNCIL, province=world.province)
    with pytest.raises(PermissionDenied):
        issue_paper(world.secretary, MINUTES, session.pk)
    entry = issue_paper(world.board, MINUTES, session.pk, day=datetime.date(2024, 1, 25))
    assert (entry.full_number, entry.register.name, entry.register.issuer_kind) == (
        "1/BB-BTĐKT",
        f"Ban Thi đua - Khen thưởng tỉnh {world.province.name}",
        "board",
    )


def test_no_number_is_typed_any_more(world, login):
    meeting = _conference(world, title="Hội nghị tổng kết")
    with pytest.raises(Refusal, match=r"Không sửa được: minutes_number\."):
        voting.update_meeting(meeting, actor=world.secretary, minutes_number="01/BB-CTĐ", title="Khác")
    meeting.refresh_from_db()
    assert (meeting.minutes_number, meeting.title) == ("", "Hội nghị tổng kết")
    page = login(world.secretary).get(reverse("voting:meeting_edit", args=[meeting.pk])).content.decode()
    assert "id_title" in page
    assert "id_minutes_number" not in page
    assert "id_submission_number" not in page
    detail = login(world.secretary).get(reverse("voting:meeting_detail", args=[meeting.pk])).content.decode()
    assert detail.count(reverse("registers:issue", args=[MINUTES, meeting.pk])) == 1
    proposal = draft(world)
    edit = login(world.secretary).get(reverse("proposals:edit", args=[proposal.pk])).content.decode()
    assert "id_title" in edit
    assert "id_submission_number" not in edit


def test_the_api_numbers_the_minutes_and_refuses_a_typed_number(world, login):
    meeting = _conference(world)
    client = login(world.secretary)
    created = client.post(f"/api/v1/papers/{MINUTES}/{meeting.pk}/issue", "{}", content_type="application/json")
    assert (created.status_code, created.json()["full_number"]) == (201, "1/BB-CTĐ")
    outsider = login(world.outsider).post(
        f"/api/v1/papers/{MINUTES}/{meeting.pk}/issue", "{}", content_type="application/json"
    )
    assert outsider.status_code == 404
    assert Entry.objects.count() == 1


def test_typed_numbers_move_into_the_registers_and_duplicates_become_drafts(world):
    meeting = _conference(world, held_on=datetime.date(2024, 1, 15), title="Hội nghị tổng kết 2023")
    meeting.minutes_number, meeting.submission_number = "07/BB-CTĐ", "01/TTr-CTĐ"
    meeting.save()
    twin = draft(world)  # the factory types a number; give it the conference's, as the demo had
    Proposal.objects.filter(pk=twin.pk).update(submission_number="01/TTr-CTĐ", submission_date=meeting.held_on)
    odd = draft(world)
    Proposal.objects.filter(pk=odd.pk).update(submission_number="không số", submission_date=meeting.held_on)
    Proposal.objects.exclude(pk__in=[twin.pk, odd.pk]).update(submission_number="")

    migration.forwards(apps, None)

    assert [(e.full_number, e.paper_code, e.object_id, e.issued_on) for e in Entry.objects.all()] == [
        ("7/BB-CTĐ", MINUTES, meeting.pk, datetime.date(2024, 1, 15))
    ]
    register = Register.objects.get()
    assert (register.year, register.next_number, register.body_key) == (
        2024,
        8,
        f"cluster:{world.cluster_year.cluster_id}",
    )
    meeting.refresh_from_db()
    twin.refresh_from_db()
    odd.refresh_from_db()
    assert (meeting.minutes_number, meeting.submission_number, twin.submission_number, odd.submission_number) == (
        "07/BB-CTĐ",
        "",
        "",
        "",
    )
    dropped = ActivityLogEntry.objects.filter(action="register.typed_number_dropped").order_by("object_id", "pk")
    assert sorted((d.old_values["submission_number"], d.note[:20]) for d in dropped) == [
        ("01/TTr-CTĐ", "Số gõ tay trùng với "),
        ("01/TTr-CTĐ", "Số gõ tay trùng với "),
        ("không số", "Số gõ tay không theo"),
    ]
    # The drafts are numbered afresh, after the moved number.
    assert issue_paper(world.secretary, SUBMISSION, twin.pk, day=meeting.held_on).full_number == "8/TTr-CTĐ"


@pytest.mark.django_db(transaction=True)
def test_two_people_pressing_at_once_get_two_numbers(world):
    first, second = draft(world), draft(world)
    start = threading.Barrier(2)
    # SQLite lets one writer in at a time; there the threads take turns, on PostgreSQL they really race.
    one_at_a_time = threading.Lock() if connection.vendor == "sqlite" else None
    numbers = []

    def press(proposal):
        try:
            start.wait()
            if one_at_a_time is None:
                numbers.append(issue_paper(world.secretary, SUBMISSION, proposal.pk).number)
            else:
                with one_at_a_time:
                    numbers.append(issue_paper(world.secretary, SUBMISSION, proposal.pk).number)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press, args=(p,)) for p in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(numbers) == [1, 2]
    assert sorted(Entry.objects.values_list("object_id", "number")) in (
        [(first.pk, 1), (second.pk, 2)],
        [(first.pk, 2), (second.pk, 1)],
    )
    assert Register.objects.get().next_number == 3
