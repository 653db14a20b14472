"""Default candidates read the scoring app's real ranking (no stand-in): vetoed units are left out, and the minutes
say so."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import board_shares, cluster_year_with_members
from tests.scoring.factories import close_review, fill_self, make_table, open_self_assessment
from tests.voting.factories import DelegateFactory, MeetingFactory, RuleSetFactory
from tests.voting.helpers import vote
from thidua.organizations.enums import Role
from thidua.scoring.enums import AssessmentState
from thidua.scoring.models import CriteriaTable
from thidua.scoring.services.assessments import set_assessment_state, start_assessment
from thidua.voting import documents, selectors, services
from thidua.voting.enums import MeetingKind


def _evidence():
    return SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.4\n% thu\n%%EOF\n", content_type="application/pdf")


@pytest.fixture
def ranked_year(db, make_user):
    """A 10 points, B and C 9 (C ahead on group I), D 12 with a bonus but vetoed."""
    cluster_year, units = cluster_year_with_members(4, year=2023)
    table = make_table(cluster_year)
    CriteriaTable.objects.filter(pk=table.pk).update(tie_break_rule="group:I,penalty,decision")
    open_self_assessment(cluster_year)
    for unit, values in zip(units, [None, {"1.1": 3}, {"2.1": 75}, {"3.1": 2, "5.1": 1}], strict=True):
        officer, head = make_user(Role.UNIT_OFFICER, unit), make_user(Role.UNIT_HEAD, unit)
        assessment = start_assessment(cluster_year, unit, actor=officer)
        fill_self(assessment, officer, values, evidence_file=_evidence)
        set_assessment_state(assessment, AssessmentState.SUBMITTED, actor=head)
    close_review(cluster_year)
    return cluster_year, units


def test_award_ballot_candidates_come_from_the_ranking(ranked_year, make_user):
    cluster_year, (a, b, c, _d) = ranked_year
    secretary = make_user(Role.CLUSTER_SECRETARIAT, cluster_year)
    RuleSetFactory(province=cluster_year.cluster.province)
    meeting = MeetingFactory(
        kind=MeetingKind.CONFERENCE, cluster_year=cluster_year, province=cluster_year.cluster.province
    )
    DelegateFactory(meeting=meeting, unit=a)
    ballot = services.create_ballot(meeting, question="Cờ thi đua", purpose="award", max_choices=1, actor=secretary)
    rows = [(x.unit, x.ranking_rank, x.ranking_total) for x in ballot.candidates.order_by("position")]
    assert rows == [(a, 1, Decimal(10)), (c, 2, Decimal(9)), (b, 3, Decimal(9))]
    assert ballot.candidates.get(unit=c).note.startswith(f"Bằng 9 điểm với {b.full_name}")


def test_the_minutes_state_which_unit_the_veto_left_off_the_paper(ranked_year, make_user):
    cluster_year, (a, b, c, d) = ranked_year
    secretary = make_user(Role.CLUSTER_SECRETARIAT, cluster_year)
    RuleSetFactory(province=cluster_year.cluster.province)
    meeting = MeetingFactory(
        kind=MeetingKind.CONFERENCE, cluster_year=cluster_year, province=cluster_year.cluster.province
    )
    for index, unit in enumerate((a, b, c, d)):
        DelegateFactory(meeting=meeting, unit=unit, full_name=f"Đại biểu {unit.name}", sort_order=index)
    ballot = services.create_ballot(meeting, question="Cờ thi đua", purpose="award", max_choices=1, actor=secretary)
    election = services.create_ballot(
        meeting, question="Bầu Trưởng cụm", purpose="leader", max_choices=1, actor=secretary
    )
    assert selectors.excluded_by_veto(ballot) == [(d, ["5.1"])]
    assert selectors.excluded_by_veto(election) == []  # every member stands for leader: nobody was left out
    vote(ballot, secretary, [[0], [0], [1], [0]])
    services.close_ballot(ballot, actor=secretary, shares=board_shares(ballot))
    stated = (
        f"Không đưa vào danh sách ứng viên do vi phạm điểm liệt theo kết quả chấm điểm: {d.full_name} (tiêu chí 5.1)."
    )
    for paper in (documents.meeting_minutes(meeting), documents.count_minutes(ballot)):
        texts = [getattr(block, "text", "") for block in paper.blocks]
        assert texts.count(stated) == 1
