"""Demo data: the seed article's 2023 review conference of the district cluster of Quảng Bình.

From the article: the conference acclaimed Lệ Thủy, Quảng Ninh and Đồng Hới for the provincial emulation flag and
named Minh Hóa leader and Tuyên Hóa deputy for 2024. Invented (marked "minh họa"): the date, the place, the vote
counts, and the voting rule sets' parameters (not checked against the regulation's text).

Everything goes through the real services: codes are issued and eight ballots cast one by one.
"""

import datetime

from django.utils import timezone

from thidua.accounts.models import User
from thidua.awards.catalogue import ensure_catalogue
from thidua.awards.enums import RuleSetKind
from thidua.awards.legal_bases import ensure_parameter_rule_set
from thidua.awards.models import AwardForm
from thidua.core.models import Notification
from thidua.organizations.demo import SEED_CLUSTER_NAME
from thidua.organizations.models import Cluster, Position, Province, Unit
from thidua.registers import services as registers
from thidua.voting import numbered, selectors, services
from thidua.voting.enums import BallotPurpose, LeadershipSource, MeetingKind, MeetingState, VotingMode
from thidua.voting.models import Meeting

HELD_ON = datetime.date(2024, 1, 15)  # invented: "early January", after the ranking was published on 12/01/2024
FLAG_QUESTION = "Bầu đơn vị đề nghị UBND tỉnh tặng Cờ thi đua năm 2023"
FLAG_WINNERS = ["qb-lethuy", "qb-quangninh", "qb-donghoi"]

# The titles the 90% rule names (ND 91/2017 Điều 45 khoản 8; law-check V-1, V-2): only these are voted under it.
NINETY_PERCENT_FORMS = [
    "chien-si-thi-dua-tinh",
    "chien-si-thi-dua-toan-quoc",
    "anh-hung-lao-dong",
    "anh-hung-luc-luong-vu-trang-nhan-dan",
]
# Every other form (the provincial flag among them) is voted under a rule of its own; none was found, so the
# demo's is an example, marked unverified.
GENERAL_COUNCIL_PARAMETERS = {
    "quorum_percent": 50,
    "threshold_percent": 50,
    "comparison": "more_than",
    "denominator": "all_members",
    "quota": None,
    "tie_rule": "runoff",
    "secret": True,
    "written_votes_allowed": True,
}
GENERAL_COUNCIL_NOTE = (
    "Chưa đối chiếu văn bản gốc. Đối chiếu V-2: quy tắc 90% chỉ áp dụng cho các danh hiệu Nghị định 91/2017 Điều 45 "
    "khoản 8 nêu tên; các danh hiệu, hình thức khác (như Cờ thi đua) được bỏ phiếu theo quy định riêng. Chưa tìm "
    "thấy quy định của tỉnh; tham số lấy theo ví dụ một cơ quan: “từ trên 50% số phiếu bầu …, tính trên tổng số "
    "thành viên” (QĐ 2264/QĐ-KTNN Điều 11), nguồn: https://nganhangphapluat.thukyluat.vn/tu-van-phap-luat/bo-may-"
    "hanh-chinh/hinh-thuc-bieu-quyet-cua-hoi-dong-thi-dua--khen-thuong-kiem-toan-nha-258030 ."
)
CLUSTER_RULES = {
    "code": "qb-cum-khoi-binh-xet-suy-ton",
    "name": "Bình xét, suy tôn trong cụm, khối thi đua tỉnh Quảng Bình",
    "citation": "Quy chế tổ chức và hoạt động của cụm, khối thi đua tỉnh Quảng Bình (chưa tìm thấy văn bản); "
    "quy chế chung: Quy chế Thi đua, Khen thưởng tỉnh Quảng Bình (QĐ 40/2015/QĐ-UBND)",
    "valid_from": datetime.date(2015, 11, 20),
    "valid_to": datetime.date(2025, 6, 30),
    "parameters": {
        "quorum_percent": 50,
        "threshold_percent": 50,
        "comparison": "more_than",
        "denominator": "all_members",
        "quota": 3,
        "tie_rule": "runoff",
        "secret": True,
        "written_votes_allowed": False,
    },
    "note": "Chưa đối chiếu văn bản gốc. Đối chiếu V-5: QĐ 40/2015/QĐ-UBND ngày 20/11/2015 là “Quy chế Thi đua, Khen "
    "thưởng tỉnh Quảng Bình” (quy chế chung, không phải quy chế cụm, khối), nguồn: https://thuvienphapluat.vn/van-ban/"
    "Bo-may-hanh-chinh/Quyet-dinh-40-2015-QD-UBND-Quy-che-Thi-dua-Khen-thuong-Quang-Binh-296111.aspx?tab=4 ; "
    "chưa tìm thấy quy chế cụm, khối của tỉnh. Các tham số là giả định (V-6): trên 50% tổng số thành viên, tối đa 3 "
    "đơn vị (theo kết quả năm 2023 trong bài báo), tỷ lệ có mặt tối thiểu 50%, bằng phiếu thì bỏ phiếu lại.",
}
COUNCIL_RULES = {
    "code": "hd-tdkt-tinh-bo-phieu-kin",
    "name": "Bỏ phiếu kín của Hội đồng Thi đua - Khen thưởng cấp tỉnh",
    "citation": "Theo tiền lệ Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8 (chưa đối chiếu Nghị định 152/2025/NĐ-CP)",
    "valid_from": datetime.date(2025, 7, 1),
    "valid_to": None,
    "parameters": {
        "quorum_percent": 50,
        "threshold_percent": 90,
        "comparison": "at_least",
        "denominator": "all_members",
        "quota": None,
        "tie_rule": "runoff",
        "secret": True,
        "written_votes_allowed": True,
        "award_forms": NINETY_PERCENT_FORMS,
    },
    "note": "Chưa đối chiếu văn bản gốc. Đối chiếu V-1, V-2: NĐ 91/2017 Điều 45 khoản 8 chỉ áp dụng khi xét Chiến sĩ "
    "thi đua cấp tỉnh, Chiến sĩ thi đua toàn quốc, các danh hiệu Anh hùng: bỏ phiếu kín, từ 90% tổng số thành viên "
    "Hội đồng trở lên, thành viên vắng mặt gửi phiếu bằng văn bản, nguồn: "
    "http://banthiduakhenthuongtw.gov.vn/traloi/b6b7af14f6e14ac9a084a21d7a64b00e . Quy định hiện hành theo NĐ "
    "152/2025 chưa tìm thấy; tỷ lệ có mặt tối thiểu 50% là giả định.",
}
COUNCIL_GENERAL_RULES = {
    "code": "hd-tdkt-tinh-bo-phieu-cac-hinh-thuc-khac",
    "name": "Bỏ phiếu của Hội đồng Thi đua - Khen thưởng cấp tỉnh: các danh hiệu, hình thức khác",
    "citation": "Chưa tìm thấy quy định (minh họa theo QĐ 2264/QĐ-KTNN, Điều 11)",
    "valid_from": datetime.date(2025, 7, 1),
    "valid_to": None,
    "parameters": GENERAL_COUNCIL_PARAMETERS,
    "note": GENERAL_COUNCIL_NOTE,
}


def load():
    cluster = Cluster.objects.filter(name=SEED_CLUSTER_NAME).first()
    cluster_year = cluster.years.filter(year=2023).first() if cluster else None
    if cluster_year is None:
        return ""
    ensure_catalogue()
    # Before the "already loaded" check, so an installation loaded earlier gets the corrected rules as new versions.
    quang_binh = Province.objects.get(code="quang-binh")
    ensure_parameter_rule_set(RuleSetKind.CLUSTER_VOTING, CLUSTER_RULES, province=quang_binh)
    ensure_parameter_rule_set(RuleSetKind.COUNCIL_VOTING, COUNCIL_RULES)
    ensure_parameter_rule_set(RuleSetKind.COUNCIL_VOTING, COUNCIL_GENERAL_RULES)
    if Meeting.objects.filter(cluster_year=cluster_year).exists():
        return ""
    secretary = User.objects.get(username="thuky.cum")
    board = User.objects.get(username="bantdkt")
    last_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    meeting = _meeting(cluster_year, secretary)
    services.add_member_delegates(meeting, actor=secretary)
    flag = _flag_ballot(meeting, secretary)
    leader = _leader_ballot(meeting, secretary)
    deputy = _deputy_ballot(meeting, secretary, board)
    services.apply_leadership(meeting, actor=secretary, source=LeadershipSource.BALLOT)
    # The conference's papers are numbered in the cluster's register (issue 16: no number is typed).
    registers.issue_paper(secretary, numbered.MINUTES, meeting.pk, day=HELD_ON)
    registers.issue_paper(secretary, numbered.SUBMISSION, meeting.pk, day=HELD_ON)
    services.set_meeting_state(meeting, MeetingState.ENDED, actor=secretary)
    _backdate([flag, leader, deputy])
    # "Ballot open" and "result ready" notices of a conference held in 2024 would only clutter the demo inboxes.
    Notification.objects.filter(pk__gt=last_notification).delete()
    passed = ", ".join(row.name for row in selectors.ballot_result(flag).passed)
    return f"hội nghị tổng kết 2023: Cờ thi đua {passed}; Trưởng cụm 2024 Minh Hóa, Phó Tuyên Hóa (số phiếu minh họa)"


def _meeting(cluster_year, secretary):
    chair = Position.objects.filter(unit=cluster_year.leader, title="Chủ tịch UBND").select_related("person").first()
    meeting = services.create_meeting(
        kind=MeetingKind.CONFERENCE,
        cluster_year=cluster_year,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 và triển khai nhiệm vụ năm 2024",
        held_on=HELD_ON,
        place=f"Hội trường UBND {cluster_year.leader.full_name} (minh họa)",
        chair_name=chair.person.full_name if chair else "",
        chair_title=f"Chủ tịch UBND {cluster_year.leader.full_name}, Trưởng Cụm năm 2023",
        secretary_name=secretary.full_name.split(" (")[0],
        secretary_title="Thư ký Cụm",
        guests="Đại diện Hội đồng Thi đua - Khen thưởng tỉnh\n"
        "Đại diện lãnh đạo UBND và Phòng Nội vụ các huyện, thị xã, thành phố",
        is_invented=True,
        actor=secretary,
    )
    services.update_meeting(
        meeting,
        conclusions="Hội nghị thống nhất đề nghị UBND tỉnh tặng Cờ thi đua năm 2023 cho các đơn vị đạt kết quả "
        "bỏ phiếu; giới thiệu Trưởng Cụm, Phó Trưởng Cụm năm 2024 và ký kết giao ước thi đua năm 2024.",
        actor=secretary,
    )
    return meeting


def _cast_all(ballot, secretary, ballots):
    sheets = services.open_ballot(ballot, actor=secretary).key_shares
    codes = services.issue_codes(ballot, actor=secretary)
    for issued, choices in zip(codes, ballots, strict=True):
        services.cast_ballot(issued.code, choices)
    # The demo plays the counting board too: two members hand in their sheets at closing.
    services.close_ballot(ballot, actor=secretary, shares=[s.text for s in sheets[: ballot.key_threshold]])


def _flag_ballot(meeting, secretary):
    winners = [Unit.objects.get(code=code) for code in FLAG_WINNERS]
    specs = selectors.default_candidates(meeting, BallotPurpose.AWARD)
    ranked = {spec.unit.pk for spec in specs}
    # The article's three must stand; a ranking that left one out would not match the conference it reports.
    specs += [selectors.CandidateSpec(unit=u, note="Bổ sung theo bài báo") for u in winners if u.pk not in ranked]
    ballot = services.create_ballot(
        meeting,
        question=FLAG_QUESTION,
        candidates=specs,
        max_choices=3,
        mode=VotingMode.ELECTRONIC,
        purpose=BallotPurpose.AWARD,
        award_form=AwardForm.objects.filter(code="co-thi-dua-tinh").first(),
        actor=secretary,
    )
    by_unit = {c.unit_id: c for c in ballot.candidates.all()}
    lethuy, quangninh, donghoi = (by_unit[u.pk] for u in winners)
    others = [c for c in ballot.candidates.order_by("position") if c.unit_id not in {u.pk for u in winners}]
    # Invented counts: 8, 7 and 6 of the 8 members (more than 50%), then 2 and 1 for two others.
    ballots = [[lethuy, quangninh, donghoi]] * 6 + [[lethuy, quangninh, others[0]], [lethuy, others[0], others[1]]]
    _cast_all(ballot, secretary, ballots)
    return ballot


def _leader_ballot(meeting, secretary):
    ballot = services.create_ballot(
        meeting,
        question="Bầu Trưởng Cụm thi đua năm 2024",
        purpose=BallotPurpose.LEADER,
        mode=VotingMode.ELECTRONIC,
        actor=secretary,
    )
    by_code = {c.unit.code: c for c in ballot.candidates.select_related("unit")}
    _cast_all(ballot, secretary, [[by_code["qb-minhhoa"]]] * 7 + [[by_code["qb-tuyenhoa"]]])
    return ballot


def _deputy_ballot(meeting, secretary, board):
    """Paper ballots this time: the secretary types the count, the provincial board's officer confirms it."""
    ballot = services.create_ballot(
        meeting,
        question="Bầu Phó Trưởng Cụm thi đua năm 2024",
        purpose=BallotPurpose.DEPUTY,
        mode=VotingMode.PAPER,
        actor=secretary,
    )
    services.open_ballot(ballot, actor=secretary)
    by_code = {c.unit.code: c for c in ballot.candidates.select_related("unit")}
    count = services.enter_paper_count(
        ballot,
        issued=8,
        returned=8,
        valid=8,
        invalid=0,
        counts={by_code["qb-tuyenhoa"]: 7, by_code["qb-quangtrach"]: 1},
        note="Số liệu minh họa.",
        actor=secretary,
    )
    services.confirm_paper_count(count, actor=board)
    services.close_ballot(ballot, actor=secretary)
    return ballot


def _backdate(ballots):
    """Put the ballots' open windows on the conference morning (demo only; the services stamp the real time)."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(HELD_ON, datetime.time(9, 0), tzinfo=tz)
    for index, ballot in enumerate(ballots):
        opened = start + datetime.timedelta(minutes=30 * index)
        ballot.__class__.objects.filter(pk=ballot.pk).update(
            opened_at=opened, closed_at=opened + datetime.timedelta(minutes=20)
        )
