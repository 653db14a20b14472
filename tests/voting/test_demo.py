import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from thidua.accounts.models import User
from thidua.awards.models import RuleSet
from thidua.organizations.models import ClusterYear
from thidua.voting import documents, selectors
from thidua.voting.demo import FLAG_QUESTION
from thidua.voting.models import Ballot, CastBallot, Meeting


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)
    return Meeting.objects.get(cluster_year__year=2023)


def test_flag_goes_to_le_thuy_quang_ninh_and_dong_hoi(demo):
    flag = Ballot.objects.get(question=FLAG_QUESTION)
    result = selectors.ballot_result(flag)
    assert [row.candidate.unit.code for row in result.passed] == ["qb-lethuy", "qb-quangninh", "qb-donghoi"]
    assert [(row.votes, str(row.percent)) for row in result.passed] == [(8, "100.00"), (7, "87.50"), (6, "75.00")]
    assert (result.seats, result.tie, len(result.receipts)) == (3, None, 8)
    assert CastBallot.objects.filter(ballot=flag).count() == 8
    # Candidates are the scoring demo's published ranking, in rank order.
    ranks = list(flag.candidates.order_by("position").values_list("unit__code", "ranking_rank"))
    assert ranks[:3] == [("qb-lethuy", 1), ("qb-quangninh", 2), ("qb-donghoi", 3)]
    assert [rank for _code, rank in ranks] == list(range(1, 9))
    assert demo.delegates.count() == 8
    assert set(demo.delegates.values_list("user__username", flat=True)) == {
        f"truong.{k}"
        for k in ("donghoi", "badon", "lethuy", "quangninh", "botrach", "quangtrach", "tuyenhoa", "minhhoa")
    }


def test_elections_agree_with_the_2024_year(demo):
    year_2024 = ClusterYear.objects.get(cluster=demo.cluster_year.cluster, year=2024)
    assert (year_2024.leader.code, year_2024.deputy.code) == ("qb-minhhoa", "qb-tuyenhoa")
    assert (demo.next_leader, demo.next_deputy, demo.state) == (year_2024.leader, year_2024.deputy, "ended")
    assert demo.chair_name == "Phạm Quang Vinh"


def test_rule_sets_carry_citation_dates_and_are_unverified(demo):
    cluster_rules = RuleSet.objects.get(code="qb-cum-khoi-binh-xet-suy-ton")
    council_rules = RuleSet.objects.get(code="hd-tdkt-tinh-bo-phieu-kin")
    assert "QĐ 40/2015/QĐ-UBND" in cluster_rules.citation
    assert "91/2017" in council_rules.citation
    assert (cluster_rules.is_verified, council_rules.is_verified) == (False, False)
    assert (cluster_rules.parameters["comparison"], cluster_rules.parameters["quota"]) == ("more_than", 3)
    assert (council_rules.parameters["threshold_percent"], council_rules.parameters["written_votes_allowed"]) == (
        90,
        True,
    )


def test_seed_is_idempotent(demo):
    counts = (Meeting.objects.count(), Ballot.objects.count(), CastBallot.objects.count(), RuleSet.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (
        Meeting.objects.count(),
        Ballot.objects.count(),
        CastBallot.objects.count(),
        RuleSet.objects.count(),
    ) == counts


def test_submission_proposes_the_three_for_the_flag(demo, client):
    doc = Document(io.BytesIO(documents.to_docx(documents.submission(demo))))
    names = [row.cells[1].text for row in doc.tables[1].rows[1:]]
    assert names == ["huyện Lệ Thủy", "huyện Quảng Ninh", "thành phố Đồng Hới"]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Cờ thi đua cấp tỉnh (3 đơn vị)" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Quảng Bình" in text


def test_delegate_sees_the_result_page(demo, client):
    client.force_login(User.objects.get(username="truong.lethuy"))
    flag = Ballot.objects.get(question=FLAG_QUESTION)
    page = client.get(reverse("voting:ballot_result", args=[flag.pk])).content.decode()
    assert "huyện Lệ Thủy" in page
    assert "100,00" in page
    assert "Mã biên nhận đã được kiểm (8)" in page
