"""Issue 17: the public honour board is read from Django's cache until an award or an exemplar on it changes."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.awards import services
from thidua.awards.models import AwardForm


def recorded(unit, actor, number="7/QĐ-UBND"):
    item = services.DecisionItem(
        award_form=AwardForm.objects.get(code="co-thi-dua-tinh"),
        year=2024,
        decision_number=number,
        decision_date=datetime.date(2025, 1, 15),
        issuer="Chủ tịch UBND tỉnh",
        unit=unit,
    )
    return services.create_award_record(item, actor=actor)


def board(client, **query):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("honour:board"), query)
    assert response.status_code == 200
    # Each page carries its own CSRF token; the rest must be the same whether read or cached.
    page = re.sub(r'(content|value)="[A-Za-z0-9]{64}"', "", response.content.decode())
    return page, [q["sql"] for q in captured]


def record_queries(sql):
    return [s for s in sql if "awards_awardrecord" in s or "emulation_exemplar" in s]


def test_the_board_is_read_once_then_served_from_the_cache(world, client):
    recorded(world["mine"], world["board"])
    first, sql = board(client)
    assert world["mine"].full_name in first
    assert len(record_queries(sql)) >= 2  # the exemplars, the awards and their counts
    again, sql = board(client)
    assert again == first
    assert record_queries(sql) == []
    # Each search is cached on its own: a new one reads the database once.
    _page, sql = board(client, q="khong co ai")
    assert record_queries(sql) != []


def test_recording_and_revoking_an_award_show_at_once(world, client, django_capture_on_commit_callbacks):
    board(client)
    with django_capture_on_commit_callbacks(execute=True):
        record = recorded(world["theirs"], world["board"])
    page, sql = board(client)
    assert world["theirs"].full_name in page
    assert record_queries(sql) != []
    board(client)
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_award_record(record, actor=world["board"], reason="Hồ sơ không trung thực")
    page, _sql = board(client)
    assert world["theirs"].full_name not in page


def test_a_refused_record_changes_nothing_and_keeps_the_cache(world, client):
    first, _sql = board(client)
    with pytest.raises(PermissionDenied):
        recorded(world["mine"], world["officer"])  # a unit officer may not record a provincial flag
    page, sql = board(client)
    assert (page, record_queries(sql)) == (first, [])
    assert world["mine"].full_name not in page
