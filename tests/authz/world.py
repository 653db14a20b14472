"""The world the authorization matrix runs in: the demo year plus the objects a matrix needs in every state.

Unit A is huyện Lệ Thủy, unit B thành phố Đồng Hới (both members of the seed cluster). The demo accounts play the
roles; one extra account is the board officer of another province. Extra objects are made through the services
where the phase allows it (a draft registration, a draft self-assessment, a proposed exemplar, a council session
with a written vote) so that each page is tried on an object that one role may see and another may not.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from thidua.accounts.models import ApiToken, User, hash_token
from thidua.awards.enums import RuleSetKind
from thidua.awards.models import AwardForm, AwardRecord, Initiative, ReviewFlag, Rule, RuleSet
from thidua.core.files import store_upload
from thidua.core.jobs import create_job
from thidua.core.models import Notification
from thidua.core.services import notify
from thidua.emulation import services as emulation
from thidua.emulation.enums import ExemplarState, PhaseKind, PhaseOverride, RegistrationState
from thidua.emulation.models import (
    Exemplar,
    GuidingDocument,
    Movement,
    MovementModel,
    MovementParticipation,
    MovementReport,
    Phase,
    Pledge,
    PledgeSignature,
    Registration,
)
from thidua.organizations.demo import SEED_CLUSTER_NAME
from thidua.organizations.enums import Role
from thidua.organizations.models import (
    Cluster,
    ClusterYear,
    LineageEvent,
    Person,
    Position,
    Province,
    RoleAssignment,
    Unit,
)
from thidua.scoring.models import Assessment, CriteriaTable, Criterion, Evidence, FinalScore, ReviewAssignment
from thidua.scoring.services import assessments as scoring_assessments
from thidua.scoring.services import tables as scoring_tables
from thidua.voting import services as voting
from thidua.voting.enums import BallotPurpose, MeetingKind, VotingMode
from thidua.voting.models import Ballot, Candidate, Delegate, Meeting, PaperCount

# The roles of the matrix, in the order its tables list them.
ROLES = (
    "anon",
    "officer_a",
    "head_a",
    "officer_b",
    "secretariat",
    "board",
    "council",
    "admin",
    "board_other",
)
ACCOUNTS = {
    "officer_a": "canbo.lethuy",
    "head_a": "truong.lethuy",
    "officer_b": "canbo.donghoi",
    "secretariat": "thuky.cum",
    "board": "bantdkt",
    "council": "hoidong1",
    "admin": "admin",
}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
COUNCIL_RULES = {
    "quorum_percent": 50,
    "threshold_percent": 50,
    "comparison": "more_than",
    "denominator": "all_members",
    "quota": None,
    "tie_rule": "runoff",
    "secret": True,
    "written_votes_allowed": True,
}


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role -> User (no entry for anon)
    tokens: dict = field(default_factory=dict)  # role -> raw API token
    objects: dict = field(default_factory=dict)  # name -> model instance or plain value

    def pk(self, name):
        value = self.objects[name]
        return getattr(value, "pk", value)


def pdf_upload(name="minh-chung.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def build_world():
    call_command("seed_demo", verbosity=0)
    world = World()
    for role, username in ACCOUNTS.items():
        world.users[role] = User.objects.get(username=username)
    other = Province.objects.create(code="ha-tinh-thu", name="Hà Tĩnh (thử)")
    outsider = User.objects.create_user("ban.tinhkhac", password=None, full_name="Cán bộ Ban tỉnh khác")
    RoleAssignment.objects.create(user=outsider, role=Role.BOARD_OFFICER, province=other)
    world.users["board_other"] = outsider
    for role, user in world.users.items():
        raw = ApiToken.new_raw_key()
        ApiToken.objects.create(
            user=user, key_hash=hash_token(raw), expires_at=timezone.now() + datetime.timedelta(days=1)
        )
        world.tokens[role] = raw
    o = world.objects
    o["province"] = Province.objects.get(code="quang-tri")
    o["province_other"] = other
    o["unit_a"] = Unit.objects.get(code="qb-lethuy")
    o["unit_b"] = Unit.objects.get(code="qb-donghoi")
    o["cluster"] = Cluster.objects.get(name=SEED_CLUSTER_NAME)
    o["cluster_other"] = Cluster.objects.exclude(pk=o["cluster"].pk).get()
    for year in (2023, 2024, 2025):
        o[f"cy{year}"] = ClusterYear.objects.get(cluster=o["cluster"], year=year)
    o["cy_other"] = ClusterYear.objects.get(cluster=o["cluster_other"], year=2026)
    o["person_a"] = Person.objects.filter(positions__unit=o["unit_a"]).order_by("pk").first()
    o["person_b"] = Person.objects.filter(positions__unit=o["unit_b"]).order_by("pk").first()
    o["account_a"] = world.users["officer_a"]
    o["role_a"] = RoleAssignment.objects.get(user=world.users["officer_a"], unit=o["unit_a"])
    o["reform_event"] = LineageEvent.objects.order_by("pk").first()
    o["position_a"] = Position.objects.filter(person=o["person_a"], unit=o["unit_a"]).order_by("pk").first()
    _emulation(world)
    _scoring(world)
    _voting(world)
    _awards(world)
    _proposals(world)
    _core(world)
    return world


def _emulation(world):
    o, u = world.objects, world.users
    o["reg_a_draft"] = emulation.registration_for(o["cy2025"], o["unit_a"], actor=u["officer_a"])
    reg_b = emulation.registration_for(o["cy2025"], o["unit_b"], actor=u["officer_b"])
    flag = AwardForm.objects.get(code="co-thi-dua-tinh")
    reg_b = emulation.save_registration(
        reg_b, actor=u["officer_b"], seen_version=1, collective_forms=[flag], targets={}, commitments="Thử"
    )
    emulation.set_registration_state(reg_b, RegistrationState.SUBMITTED, actor=u["officer_b"])
    o["reg_b_submitted"] = reg_b
    o["reg_a_approved"] = Registration.objects.get(cluster_year=o["cy2024"], unit=o["unit_a"])
    o["pledge_open"] = Pledge.objects.get(cluster_year=o["cy2025"], state="open")
    o["pledge_signed"] = Pledge.objects.filter(cluster_year=o["cy2024"]).exclude(state="superseded").get()
    o["signature_a"] = PledgeSignature.objects.get(pledge=o["pledge_signed"], unit=o["unit_a"])
    o["pledge_draft_other"] = emulation.create_pledge(
        o["cy_other"], actor=u["board"], motto="Đoàn kết, đổi mới (thử)", items=["Hoàn thành nhiệm vụ"]
    )
    o["movement"] = Movement.objects.filter(participations__unit=o["unit_a"]).order_by("pk").first()
    o["participation_a"] = MovementParticipation.objects.get(movement=o["movement"], unit=o["unit_a"])
    o["movement_model"] = MovementModel.objects.order_by("pk").first()
    o["movement_report"] = MovementReport.objects.get(participation=o["participation_a"])
    o["exemplar_recognised"] = Exemplar.objects.filter(state=ExemplarState.RECOGNISED).order_by("pk").first()
    o["exemplar_a_proposed"] = emulation.propose_exemplar(
        actor=u["officer_a"],
        unit=o["unit_a"],
        kind="collective",
        name="Phòng Nội vụ huyện Lệ Thủy (thử)",
        title="",
        year=2025,
        achievements="Thành tích thử của ma trận phân quyền",
        person=None,
        movement=None,
        movement_model=None,
    )
    o["document"] = GuidingDocument.objects.order_by("pk").first()


def _scoring(world):
    o, u = world.objects, world.users
    o["table2023"] = CriteriaTable.objects.get(cluster_year=o["cy2023"])
    o["criterion"] = Criterion.objects.filter(table=o["table2023"], parent__isnull=False).order_by("position").first()
    o["assessment_a"] = Assessment.objects.get(cluster_year=o["cy2023"], unit=o["unit_a"])
    o["evidence_a"] = Evidence.objects.filter(assessment=o["assessment_a"]).order_by("pk").first()
    o["file_a"] = o["evidence_a"].file
    o["review_of_a"] = ReviewAssignment.objects.filter(reviewee=o["unit_a"]).order_by("pk").first()
    o["final_a"] = FinalScore.objects.filter(assessment=o["assessment_a"]).order_by("pk").first()
    # 2024: a table copied from 2023 while self-assessment is still ahead, then that phase opened; A's draft.
    later = timezone.localdate() + datetime.timedelta(days=30)
    for kind in (PhaseKind.SELF_ASSESSMENT, PhaseKind.REVIEW):
        emulation.set_phase_dates(o["cy2024"], kind, starts_on=later, ends_on=later, actor=u["secretariat"])
    table = scoring_tables.copy_table_from(o["table2023"], o["cy2024"], actor=u["secretariat"])
    o["table2024"] = table
    o["criterion2024"] = Criterion.objects.filter(table=table, parent__isnull=False).order_by("position").first()
    phase = Phase.objects.get(cluster_year=o["cy2024"], kind=PhaseKind.SELF_ASSESSMENT)
    emulation.set_phase_override(phase, PhaseOverride.OPENED, actor=u["secretariat"], reason="Ma trận phân quyền")
    o["assessment_a_draft"] = scoring_assessments.start_assessment(o["cy2024"], o["unit_a"], actor=u["officer_a"])
    scoring_assessments.save_self_score(
        o["assessment_a_draft"], o["criterion2024"], actor=u["officer_a"], value=Decimal(1), seen_version=0
    )
    o["evidence_a_draft"] = scoring_assessments.add_evidence(
        o["assessment_a_draft"], o["criterion2024"], pdf_upload(), actor=u["officer_a"]
    )
    o["file_a_draft"] = o["evidence_a_draft"].file


def _voting(world):
    o, u = world.objects, world.users
    o["meeting"] = Meeting.objects.get(kind=MeetingKind.CONFERENCE, cluster_year=o["cy2023"])
    o["ballot_closed"] = Ballot.objects.filter(meeting=o["meeting"], mode=VotingMode.ELECTRONIC).order_by("pk").first()
    o["ballot_paper"] = Ballot.objects.filter(meeting=o["meeting"], mode=VotingMode.PAPER).get()
    o["paper_count"] = PaperCount.objects.filter(ballot=o["ballot_paper"]).get()
    o["candidate"] = Candidate.objects.filter(ballot=o["ballot_closed"]).order_by("position").first()
    o["delegate_a"] = Delegate.objects.get(meeting=o["meeting"], unit=o["unit_a"])
    province = o["province"]
    RuleSet.objects.create(
        kind=RuleSetKind.COUNCIL_VOTING,
        code="hoi-dong-ma-tran",
        name="Quy chế bỏ phiếu Hội đồng (thử)",
        citation="Thử nghiệm ma trận phân quyền",
        province=province,
        valid_from=datetime.date(2025, 7, 1),
        parameters=dict(COUNCIL_RULES),
        is_verified=True,
    )
    council = voting.create_meeting(
        kind=MeetingKind.COUNCIL,
        title="Phiên họp Hội đồng (thử)",
        held_on=datetime.date(2026, 1, 15),
        place="Hội trường UBND tỉnh",
        actor=u["board"],
        province=province,
    )
    o["council_meeting"] = council
    for number in (1, 2, 3):
        member = User.objects.get(username=f"hoidong{number}")
        voting.add_delegate(council, full_name=member.full_name, user=member, actor=u["board"], is_present=number != 3)
    ballot = voting.create_ballot(
        council,
        question="Đề nghị tặng Cờ thi đua (thử)",
        candidates=[o["unit_a"], o["unit_b"]],
        purpose=BallotPurpose.AWARD,
        actor=u["board"],
    )
    o["ballot_draft"] = voting.create_ballot(
        council, question="Nội dung khác (thử)", candidates=["Đồng ý", "Không đồng ý"], actor=u["board"]
    )
    o["candidate_draft"] = o["ballot_draft"].candidates.order_by("position").first()
    voting.open_ballot(ballot, actor=u["board"])
    o["ballot_open"] = ballot
    absent = Delegate.objects.get(meeting=council, user__username="hoidong3")
    o["council_absent"] = absent
    o["written_vote"] = voting.enter_written_vote(
        ballot, delegate=absent, choices=[ballot.candidates.order_by("position").first()], actor=u["board"]
    )
    o["receipts"] = o["ballot_closed"].public_id


def _awards(world):
    o = world.objects
    o["award_form"] = AwardForm.objects.get(code="co-thi-dua-tinh")
    o["rule_set"] = RuleSet.objects.filter(province__isnull=True, kind=RuleSetKind.COMMENDATION).order_by("pk").first()
    o["rule"] = Rule.objects.filter(rule_set=o["rule_set"]).order_by("pk").first()
    o["record_a"] = AwardRecord.objects.filter(unit=o["unit_a"]).order_by("pk").first()
    o["record_person"] = AwardRecord.objects.filter(person__isnull=False).order_by("pk").first()
    o["review_flag"] = ReviewFlag.objects.order_by("pk").first()
    o["initiative"] = Initiative.objects.create(
        person=o["person_a"],
        title="Sáng kiến của ma trận",
        scope="co_so",
        recognised_by="Hội đồng sáng kiến huyện",
        decision_number="1/QĐ-SK",
        decision_date=datetime.date(2024, 12, 1),
        year=2024,
    )
    o["import_batch"] = _import_batch(world)


def _import_batch(world):
    from thidua.awards import importer

    upload = SimpleUploadedFile(
        "so.xlsx",
        importer.template_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    return importer.check_import(upload, actor=world.users["board"])


def _proposals(world):
    from thidua.proposals import services as proposals
    from thidua.proposals.enums import AttachmentKind, ProposalState, ProposerKind
    from thidua.proposals.models import Proposal

    o, u = world.objects, world.users
    o["proposal_awarded"] = Proposal.objects.get(proposer_kind=ProposerKind.CLUSTER, state=ProposalState.AWARDED)
    o["proposal_a_sent"] = Proposal.objects.get(proposer_kind=ProposerKind.UNIT, unit=o["unit_a"])
    o["item_a_sent"] = o["proposal_a_sent"].items.order_by("position").first()
    draft = proposals.create_proposal(
        proposer_kind=ProposerKind.UNIT,
        year=2024,
        title="Đề nghị tặng Giấy khen (thử, nháp của Lệ Thủy)",
        actor=u["officer_a"],
        unit=o["unit_a"],
    )
    o["proposal_a_draft"] = draft
    o["item_a_draft"] = proposals.add_item(
        draft, actor=u["officer_a"], award_form=AwardForm.objects.get(code="giay-khen-ca-nhan"), person=o["person_a"]
    )
    attachment = proposals.add_attachment(
        draft, pdf_upload("bao-cao.pdf"), actor=u["officer_a"], kind=AttachmentKind.OTHER
    )
    o["attachment_a_draft"] = attachment
    o["file_proposal_a_draft"] = attachment.stored_file


def _core(world):
    o, u = world.objects, world.users
    notify([u["officer_a"]], "Thông báo riêng của cán bộ Lệ Thủy (thử)", url="/")
    o["notification_a"] = Notification.objects.filter(recipient=u["officer_a"]).order_by("-pk").first()
    o["file_public_none"] = store_upload(pdf_upload("rieng.pdf"), actor=u["officer_a"], owner_unit=o["unit_a"])
    o["job_board"] = create_job("reports.import_check", owner=u["board"], params={"kind": "units"})
