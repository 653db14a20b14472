"""The counting board of an electronic ballot (n members hold key shares, k of them open the papers): chosen on the
ballot's pages and in the API, defaults from the voting rule set, refused outside 2 <= k <= n <= 9."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.voting.factories import CLUSTER_RULES
from thidua.voting.models import Ballot
from thidua.voting.parameters import parse_voting_rules

API = "/api/v1/voting"
QUESTION = "Bầu đơn vị đề nghị tặng Cờ thi đua"


def _bounds(k, n):
    return (
        f"Số phần khóa cần để kiểm phiếu ({k}) phải từ 2 đến số thành viên ban kiểm phiếu giữ phần khóa ({n}); "
        "ban kiểm phiếu có từ 2 đến 9 người."
    )


def _create_form(conference, **extra):
    return {
        "question": QUESTION,
        "purpose": "award",
        "mode": "electronic",
        "max_choices": 2,
        "rule_set": conference.rule_set.pk,
        "source": "labels",
        "labels": "Đơn vị A\nĐơn vị B",
        **extra,
    }


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_page_creates_a_ballot_with_the_board_chosen_and_opening_prints_that_many_sheets(conference, login):
    client = login(conference.secretary)
    url = reverse("voting:ballot_create", args=[conference.meeting.pk])
    response = client.post(url, _create_form(conference, key_holders=5, key_threshold=3))
    ballot = Ballot.objects.get(question=QUESTION)
    assert (ballot.key_threshold, ballot.key_holders) == (3, 5)
    page = client.get(response.url).content.decode()
    assert "khi mở, hệ thống in 5 phần khóa, mỗi thành viên một tờ; kết thúc bỏ phiếu cần 3 phần khóa" in page
    sheets = client.post(reverse("voting:ballot_state", args=[ballot.pk]), {"action": "open"})
    assert [(s["sheet"].number, s["sheet"].of, s["sheet"].needed) for s in sheets.context["sheets"]] == [
        (1, 5, 3),
        (2, 5, 3),
        (3, 5, 3),
        (4, 5, 3),
        (5, 5, 3),
    ]


def test_blank_board_takes_the_rule_sets_numbers(conference, login):
    conference.rule_set.parameters = {**conference.rule_set.parameters, "key_holders": 4, "key_threshold": 3}
    conference.rule_set.save(update_fields=["parameters"])
    client = login(conference.secretary)
    client.post(reverse("voting:ballot_create", args=[conference.meeting.pk]), _create_form(conference))
    ballot = Ballot.objects.get(question=QUESTION)
    assert (ballot.key_threshold, ballot.key_holders) == (3, 4)


def test_rule_set_without_board_numbers_defaults_to_two_of_three(conference, login):
    assert "key_holders" not in conference.rule_set.parameters
    client = login(conference.secretary)
    client.post(reverse("voting:ballot_create", args=[conference.meeting.pk]), _create_form(conference))
    ballot = Ballot.objects.get(question=QUESTION)
    assert (ballot.key_threshold, ballot.key_holders) == (2, 3)


@pytest.mark.parametrize(("k", "n"), [(1, 3), (4, 3), (2, 10), (0, 0)])
def test_page_refuses_a_board_out_of_bounds_and_creates_nothing(conference, login, k, n):
    client = login(conference.secretary)
    url = reverse("voting:ballot_create", args=[conference.meeting.pk])
    response = client.post(url, _create_form(conference, key_holders=n, key_threshold=k))
    assert response.status_code == 200
    assert _messages(response) == [_bounds(k, n)]
    assert not Ballot.objects.exists()


def test_detail_page_edits_the_board_before_opening(conference, login):
    client = login(conference.secretary)
    client.post(reverse("voting:ballot_create", args=[conference.meeting.pk]), _create_form(conference))
    ballot = Ballot.objects.get(question=QUESTION)
    detail = client.get(reverse("voting:ballot_detail", args=[ballot.pk])).content.decode()
    assert 'name="key_holders" value="3"' in detail
    form = {"version": ballot.version, "question": QUESTION, "mode": "electronic", "max_choices": 2}
    edit = reverse("voting:ballot_edit", args=[ballot.pk])
    refused = client.post(edit, {**form, "key_holders": 9, "key_threshold": 10}, follow=True)
    assert _bounds(10, 9) in _messages(refused)
    ballot.refresh_from_db()
    assert (ballot.key_threshold, ballot.key_holders, ballot.version) == (2, 3, form["version"])
    client.post(edit, {**form, "key_holders": 9, "key_threshold": 5})
    ballot.refresh_from_db()
    assert (ballot.key_threshold, ballot.key_holders) == (5, 9)


def test_a_unit_head_cannot_change_the_board(conference, login):
    client = login(conference.secretary)
    client.post(reverse("voting:ballot_create", args=[conference.meeting.pk]), _create_form(conference))
    ballot = Ballot.objects.get(question=QUESTION)
    form = {"version": ballot.version, "question": QUESTION, "mode": "electronic", "max_choices": 2}
    answer = login(conference.heads[0]).post(
        reverse("voting:ballot_edit", args=[ballot.pk]), {**form, "key_holders": 2, "key_threshold": 2}
    )
    assert answer.status_code in (403, 404)
    ballot.refresh_from_db()
    assert (ballot.key_threshold, ballot.key_holders) == (2, 3)


def test_api_takes_the_board_or_the_rule_sets_and_refuses_out_of_bounds(conference, login):
    client = login(conference.secretary)
    url = f"{API}/meetings/{conference.meeting.pk}/ballots"
    body = {"question": QUESTION, "candidates": [{"label": "A"}, {"label": "B"}], "mode": "electronic"}
    chosen = client.post(
        url, json.dumps({**body, "key_threshold": 4, "key_holders": 7}), content_type="application/json"
    )
    assert chosen.status_code == 201
    assert (chosen.json()["key_threshold"], chosen.json()["key_holders"]) == (4, 7)
    default = client.post(url, json.dumps(body), content_type="application/json")
    assert (default.json()["key_threshold"], default.json()["key_holders"]) == (2, 3)
    refused = client.post(
        url, json.dumps({**body, "key_threshold": 1, "key_holders": 3}), content_type="application/json"
    )
    assert (refused.status_code, refused.json()) == (422, {"detail": _bounds(1, 3)})
    assert Ballot.objects.count() == 2


def test_rule_set_whose_threshold_exceeds_its_board_is_refused():
    with pytest.raises(ValidationError) as refused:
        parse_voting_rules({**CLUSTER_RULES, "key_holders": 3, "key_threshold": 4})
    assert refused.value.messages == [_bounds(4, 3)]
    with pytest.raises(ValidationError) as too_big:
        parse_voting_rules({**CLUSTER_RULES, "key_holders": 12})
    assert too_big.value.messages == [
        "Tham số key_holders (số thành viên ban kiểm phiếu giữ phần khóa, từ 2 đến 9) không hợp lệ."
    ]
