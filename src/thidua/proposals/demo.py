"""Demo data: the seed article's 2023 provincial flags, from the conference's result to the award register.

The cluster's secretariat (thuky.cum) drafts the proposal from the 2023 conference's flag ballot (Lệ Thủy, Quảng Ninh,
Đồng Hới) and sends it; the board (bantdkt) checks it and takes it to a council session where hoidong1 and hoidong2
vote on line and hoidong3, absent, votes in writing; the board records the council's result and the chairman's
decision, which puts the three flags on the units' records and on the public honour board.

A second proposal, from huyện Lệ Thủy for two people, waits on the board's desk, for a visitor to take through the
province's steps. Invented, and marked so: the dates of the province's steps, the decision's number and signer, the
achievement summaries, the council's votes, and the rule sets for council voting before 1/7/2025 and for the
province's processing times (their parameters are not checked against the regulations' text).

Everything goes through the services, as the people would; the dates are then set back to early 2024.
"""

import datetime
from contextlib import contextmanager

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.accounts.models import User
from thidua.awards.enums import RuleSetKind
from thidua.awards.legal_bases import ensure_parameter_rule_set
from thidua.awards.models import AwardForm, RuleSet
from thidua.core.documents import pdf_from_html
from thidua.core.models import ActivityLogEntry, Notification
from thidua.emulation import services as emulation
from thidua.emulation.enums import PhaseKind, PhaseOverride
from thidua.emulation.models import Phase
from thidua.organizations.demo import SEED_CLUSTER_NAME
from thidua.organizations.models import Cluster, Person, Province, Unit
from thidua.proposals import numbered, services
from thidua.proposals.enums import AttachmentKind, Verdict
from thidua.proposals.models import Proposal
from thidua.registers import services as registers
from thidua.voting import numbered as voting_numbered
from thidua.voting import services as voting
from thidua.voting.demo import GENERAL_COUNCIL_NOTE, GENERAL_COUNCIL_PARAMETERS, NINETY_PERCENT_FORMS
from thidua.voting.enums import MeetingKind
from thidua.voting.models import Meeting

D = datetime.date
SENT = "sent"  # load(until=SENT) stops once the cluster has sent the flags proposal (the browser journey goes on)
PHASE = (D(2024, 1, 15), D(2024, 1, 31))
SENT_ON, RECEIVED_ON, CHECKED_ON = D(2024, 1, 16), D(2024, 1, 17), D(2024, 1, 18)
COUNCIL_ON, DECIDED_ON = D(2024, 1, 25), D(2024, 1, 30)
DECISION_NUMBER = "150/QĐ-UBND"
NOTE = "minh họa"

SUMMARIES = {
    "qb-lethuy": "Hoàn thành xuất sắc các chỉ tiêu kinh tế - xã hội năm 2023; dẫn đầu Cụm về xây dựng nông thôn mới "
    "và chuyển đổi cơ cấu cây trồng, vật nuôi; phong trào “Vì người nghèo - Không để ai bị bỏ lại phía sau” đạt kết "
    "quả nổi bật (nội dung minh họa).",
    "qb-quangninh": "Hoàn thành xuất sắc nhiệm vụ năm 2023; nhiều mô hình OCOP và chuyển đổi bộ giống lúa phát huy "
    "hiệu quả; làng nghề mây tre đan, nón lá duy trì, mở rộng (nội dung minh họa).",
    "qb-donghoi": "Hoàn thành xuất sắc nhiệm vụ năm 2023; đi đầu phong trào “Đổi mới, sáng tạo trong quản lý, giảng "
    "dạy và học tập”, xây dựng đời sống văn hóa cơ sở và cải cách hành chính (nội dung minh họa).",
}
COUNCIL_RULES_BEFORE_2025 = {
    "code": "hd-tdkt-tinh-bo-phieu-kin-truoc-2025",
    "name": "Bỏ phiếu kín của Hội đồng Thi đua - Khen thưởng cấp tỉnh (trước 01/7/2025)",
    "citation": "Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8 (giữ theo tiền lệ cho thời gian Nghị định 98/2023/NĐ-CP)",
    "valid_from": D(2017, 9, 15),
    "valid_to": D(2025, 6, 30),
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
    "http://banthiduakhenthuongtw.gov.vn/traloi/b6b7af14f6e14ac9a084a21d7a64b00e . Quy định tương ứng của NĐ 98/2023 "
    "chưa tìm thấy; tỷ lệ có mặt tối thiểu 50% là giả định. Dữ liệu demo của phần đề nghị khen thưởng.",
}
COUNCIL_GENERAL_BEFORE_2025 = {
    "code": "hd-tdkt-tinh-bo-phieu-cac-hinh-thuc-khac-truoc-2025",
    "name": "Bỏ phiếu của Hội đồng Thi đua - Khen thưởng cấp tỉnh: các danh hiệu, hình thức khác (trước 01/7/2025)",
    "citation": "Chưa tìm thấy quy định (minh họa theo QĐ 2264/QĐ-KTNN, Điều 11)",
    "valid_from": D(2017, 9, 15),
    "valid_to": D(2025, 6, 30),
    "parameters": GENERAL_COUNCIL_PARAMETERS,
    "note": GENERAL_COUNCIL_NOTE,
}
DEADLINES = {
    "name": "Thời hạn giải quyết hồ sơ đề nghị khen thưởng cấp tỉnh (minh họa)",
    "citation": "Thủ tục hành chính tặng Cờ thi đua, Bằng khen cấp tỉnh do UBND tỉnh công bố "
    "(minh họa, chưa đối chiếu)",
    "parameters": {"check_days": 20, "decision_days": 10, "resubmit_days": 10, "working_days": True},
    "note": "Số ngày là giả định để minh họa việc nhắc hạn; Ban Thi đua - Khen thưởng sửa theo quyết định công bố thủ "
    "tục hành chính của tỉnh.",
}


def _rule_set(kind, code, spec, *, province=None, valid_from, valid_to):
    RuleSet.objects.get_or_create(
        code=code,
        version=1,
        defaults={
            "kind": kind,
            "name": spec["name"],
            "citation": spec["citation"],
            "province": province,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "parameters": spec["parameters"],
            "is_verified": False,
            "note": spec["note"],
        },
    )


def _rule_sets(quang_binh, quang_tri):
    ensure_parameter_rule_set(RuleSetKind.COUNCIL_VOTING, COUNCIL_RULES_BEFORE_2025)
    ensure_parameter_rule_set(RuleSetKind.COUNCIL_VOTING, COUNCIL_GENERAL_BEFORE_2025)
    _rule_set(
        RuleSetKind.PROPOSAL_DEADLINES,
        "quang-binh-thoi-han-de-nghi",
        DEADLINES,
        province=quang_binh,
        valid_from=D(2016, 1, 1),
        valid_to=D(2025, 6, 30),
    )
    _rule_set(
        RuleSetKind.PROPOSAL_DEADLINES,
        "quang-tri-thoi-han-de-nghi",
        DEADLINES,
        province=quang_tri,
        valid_from=D(2025, 7, 1),
        valid_to=None,
    )


@contextmanager
def _on(day, hour=9):
    """Whatever the services log or notify inside is dated `day` (the story happened in early 2024)."""
    last = ActivityLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    yield
    moment = datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=timezone.get_current_timezone())
    ActivityLogEntry.objects.filter(pk__gt=last).update(created_at=moment)


@contextmanager
def _phase_opened(cluster_year, secretary):
    """Open the past phase by hand for the demo's writes, then give it back to its dates."""
    phase = Phase.objects.get(cluster_year=cluster_year, kind=PhaseKind.PROPOSALS)
    emulation.set_phase_override(phase, PhaseOverride.OPENED, actor=secretary, reason="Nạp dữ liệu demo")
    yield
    emulation.set_phase_override(phase, PhaseOverride.BY_DATES, actor=secretary, reason="Nạp dữ liệu demo")


class _People:
    def __init__(self):
        self.secretary = User.objects.get(username="thuky.cum")
        self.board = User.objects.get(username="bantdkt")
        self.admin = User.objects.get(username="admin")
        self.members = [User.objects.get(username=f"hoidong{i}") for i in (1, 2, 3)]
        self.lethuy = User.objects.get(username="canbo.lethuy")


def load(until=None):
    cluster = Cluster.objects.filter(name=SEED_CLUSTER_NAME).first()
    cluster_year = cluster.years.filter(year=2023).first() if cluster else None
    conference = Meeting.objects.filter(cluster_year=cluster_year, kind=MeetingKind.CONFERENCE).first()
    if conference is None:
        return ""
    # Before the "already loaded" check, so an installation loaded earlier gets the corrected rules as new versions.
    _rule_sets(Province.objects.get(code="quang-binh"), Province.objects.get(code="quang-tri"))
    if Proposal.objects.filter(conference=conference).exists():
        return ""
    people = _People()
    last_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    proposal = _draft_and_send(cluster_year, conference, people)
    _unit_proposal(people)
    summary = f"tờ trình Cờ thi đua năm 2023 của Cụm ({proposal.items.count()} đơn vị) đã gửi tỉnh"
    if until != SENT:
        _province_steps(proposal, people)
        summary = (
            f"Cờ thi đua năm 2023: {', '.join(i.name for i in proposal.items.filter(in_decision=True))} "
            f"(Quyết định {DECISION_NUMBER}, minh họa); tờ trình của huyện Lệ Thủy chờ thẩm định"
        )
    # What the demo did in 2024 is history, not news: no one should find it in their notifications today.
    Notification.objects.filter(pk__gt=last_notification).delete()
    return summary


def _draft_and_send(cluster_year, conference, people):
    with _on(PHASE[0], 15):
        emulation.set_phase_dates(
            cluster_year, PhaseKind.PROPOSALS, starts_on=PHASE[0], ends_on=PHASE[1], actor=people.secretary
        )
    with _phase_opened(cluster_year, people.secretary):
        with _on(PHASE[0], 16):
            proposal = services.create_proposal_from_conference(conference, actor=people.secretary, is_invented=True)
            for item in proposal.items.select_related("unit"):
                services.update_item(
                    item, actor=people.secretary, seen_version=item.version, summary=SUMMARIES[item.unit.code]
                )
            registers.issue_paper(people.secretary, numbered.SUBMISSION, proposal.pk, day=PHASE[0])
        with _on(SENT_ON):
            services.send_proposal(proposal, actor=people.secretary, day=SENT_ON)
    return proposal


def _province_steps(proposal, people):
    board = people.board
    with _on(RECEIVED_ON):
        services.receive_proposal(proposal, actor=board, day=RECEIVED_ON)
    with _on(CHECKED_ON):
        for item in proposal.items.all():
            services.judge_item(
                item,
                actor=board,
                verdict=Verdict.ACCEPTED,
                reason="Dẫn đầu Cụm theo kết quả bình xét, suy tôn; hồ sơ đầy đủ (minh họa).",
                as_of=CHECKED_ON,
            )
    with _on(COUNCIL_ON, 8):
        ballot = services.submit_to_council(
            proposal,
            actor=board,
            held_on=COUNCIL_ON,
            place="Hội trường UBND tỉnh Quảng Bình (minh họa)",
            chair_name="Lê Văn Minh (minh họa)",
            secretary_name="Nguyễn Thị Bích",
            day=COUNCIL_ON,
            is_invented=True,
        )
        meeting = ballot.meeting
        absent = meeting.delegates.get(user=people.members[2])
        voting.set_attendance(absent, is_present=False, actor=board)
    _council_votes(proposal, ballot, people)
    with _on(COUNCIL_ON, 11):
        services.record_council_result(proposal, actor=board, day=COUNCIL_ON)
        registers.issue_paper(board, voting_numbered.MINUTES, meeting.pk, day=COUNCIL_ON)
        voting.set_meeting_state(meeting, "ended", actor=board)
    with _on(DECIDED_ON):
        services.record_decision(
            proposal,
            actor=board,
            number=DECISION_NUMBER,
            decision_date=DECIDED_ON,
            signer_name="Lê Văn Minh (minh họa)",
            signer_title="Phó Chủ tịch",
            is_invented=True,
            day=DECIDED_ON,
        )


def _council_votes(proposal, ballot, people):
    """hoidong1 and hoidong2 vote signed in; hoidong3's written vote is typed by the board, confirmed by the admin."""
    everyone = list(ballot.candidates.order_by("position"))
    with _on(COUNCIL_ON, 9):
        sheets = voting.open_ballot(ballot, actor=people.board).key_shares
        for member in people.members[:2]:
            voting.cast_ballot_for_user(ballot, member, everyone)
        absent = ballot.meeting.delegates.get(user=people.members[2])
        written = voting.enter_written_vote(ballot, delegate=absent, choices=everyone, actor=people.board)
        voting.confirm_written_vote(written, actor=people.admin, choices=everyone, matching_key=written.matching_key)
        voting.close_ballot(ballot, actor=people.board, shares=[s.text for s in sheets[: ballot.key_threshold]])
    moment = datetime.datetime.combine(COUNCIL_ON, datetime.time(9, 0), tzinfo=timezone.get_current_timezone())
    # Demo only, as the voting demo does: the services stamp the real time, the session was in January 2024.
    ballot.__class__.objects.filter(pk=ballot.pk).update(
        opened_at=moment, closed_at=moment + datetime.timedelta(minutes=30)
    )


def _minutes_pdf():
    html = (
        "<html lang='vi'><head><meta charset='utf-8'></head><body><h1>BIÊN BẢN</h1>"
        "<p>Họp Hội đồng Thi đua - Khen thưởng huyện Lệ Thủy xét đề nghị khen thưởng năm 2023 (minh họa).</p>"
        "<p>Hội đồng thống nhất đề nghị tặng Chiến sĩ thi đua cấp tỉnh cho bà Nguyễn Thị Hoài An và Bằng khen của "
        "Chủ tịch UBND tỉnh cho ông Trương Văn Lực (7/7 thành viên tán thành; số liệu minh họa).</p></body></html>"
    )
    return pdf_from_html(html)


def _unit_proposal(people):
    """Huyện Lệ Thủy proposes two of its people for 2023; the dossier waits for the board's check."""
    lethuy = Unit.objects.get(code="qb-lethuy")
    an = Person.objects.filter(full_name="Nguyễn Thị Hoài An").first()
    farmer = Person.objects.filter(full_name="Trương Văn Lực").first()
    if an is None or farmer is None:
        return None
    forms = {f.code: f for f in AwardForm.objects.filter(code__in=["chien-si-thi-dua-tinh", "bang-khen-tinh-ca-nhan"])}
    with _on(D(2024, 1, 19)):
        proposal = services.create_proposal(
            proposer_kind="unit",
            unit=lethuy,
            year=2023,
            title="Đề nghị tặng Chiến sĩ thi đua cấp tỉnh, Bằng khen của Chủ tịch UBND tỉnh năm 2023",
            submission_date=D(2024, 1, 19),
            signer_name="Chủ tịch UBND huyện Lệ Thủy (minh họa)",
            signer_title="Chủ tịch",
            is_invented=True,
            actor=people.lethuy,
        )
        services.add_item(
            proposal,
            actor=people.lethuy,
            award_form=forms["chien-si-thi-dua-tinh"],
            person=an,
            summary="Ba năm liền đạt Chiến sĩ thi đua cơ sở (2021–2023); sáng kiến cải tiến quy trình tiếp nhận "
            "hồ sơ một cửa được Hội đồng sáng kiến huyện công nhận (nội dung minh họa).",
        )
        services.add_item(
            proposal,
            actor=people.lethuy,
            award_form=forms["bang-khen-tinh-ca-nhan"],
            person=farmer,
            summary="Nông dân sản xuất, kinh doanh giỏi; mô hình trồng lúa hữu cơ liên kết tiêu thụ cho 40 hộ "
            "(nội dung minh họa).",
        )
        services.add_attachment(
            proposal,
            SimpleUploadedFile("bien-ban-hop-hoi-dong-tdkt-huyen-le-thuy.pdf", _minutes_pdf(), "application/pdf"),
            actor=people.lethuy,
            kind=AttachmentKind.MINUTES,
            note="Biên bản họp Hội đồng Thi đua - Khen thưởng huyện (minh họa)",
        )
        registers.issue_paper(people.lethuy, numbered.SUBMISSION, proposal.pk, day=D(2024, 1, 19))
    with _on(D(2024, 1, 20)):
        services.send_proposal(proposal, actor=people.lethuy, day=D(2024, 1, 20))
    return proposal
