"""The same words for why a candidate did not pass on the result page, in the API and in the counting minutes."""

from django.urls import reverse

from tests.voting.helpers import closed_ballot
from thidua.voting import documents, selectors

# u0 7, u1 6, u2 6, u3 5, u4 0 of 8 members; more than 50% of all members, 3 seats.
BALLOTS = [[0, 1, 2]] * 3 + [[0, 1, 3]] * 2 + [[0, 2, 3]] * 2 + [[1, 2, 3]]
CUT = "5 phiếu (62,50%), đạt tỷ lệ trên 50,00% tổng số thành viên (8) nhưng xếp thứ 4, ngoài 3 chỗ được chọn."
BELOW = "0 phiếu (0,00%), chưa đạt tỷ lệ trên 50,00% tổng số thành viên (8)."


def test_result_page_api_and_minutes_agree(conference, login):
    ballot = closed_ballot(conference, BALLOTS)
    result = selectors.ballot_result(ballot)
    assert [(r.votes, r.outcome) for r in result.rows] == [
        (7, "passed"),
        (6, "passed"),
        (6, "passed"),
        (5, "quota_cut"),
        (0, "below_threshold"),
    ]
    client = login(conference.secretary)
    html = client.get(reverse("voting:ballot_result", args=[ballot.pk])).content.decode()
    assert "Đạt tỷ lệ nhưng ngoài số lượng được chọn" in html
    assert CUT in html
    assert BELOW in html
    rows = client.get(f"/api/v1/voting/ballots/{ballot.pk}/result").json()["rows"]
    assert [(r["outcome"], r["reason"]) for r in rows][3:] == [("quota_cut", CUT), ("below_threshold", BELOW)]
    assert rows[3]["outcome_label"] == "Đạt tỷ lệ nhưng ngoài số lượng được chọn"
    texts = [getattr(block, "text", "") for block in documents.count_minutes(ballot).blocks]
    u = conference.units
    assert f"- {u[3].full_name}: Đạt tỷ lệ nhưng ngoài số lượng được chọn. {CUT}" in texts
    assert f"- {u[4].full_name}: Không đạt tỷ lệ phiếu cần thiết. {BELOW}" in texts
