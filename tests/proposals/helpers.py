"""Helpers the tests of this app share."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as Docx

from tests.factories import board_shares
from tests.proposals.factories import MINIMAL_PDF, ProposalFactory, ProposalItemFactory
from tests.voting.factories import DelegateFactory, MeetingFactory, RuleSetFactory
from thidua.organizations.enums import Role
from thidua.proposals import services
from thidua.proposals.enums import AttachmentKind, Verdict
from thidua.voting import services as voting
from thidua.voting.enums import BallotPurpose, MeetingKind

COUNCIL_DAY = datetime.date(2024, 1, 25)


def minutes_file(name="bien-ban.pdf"):
    return SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")


def draft(world, *, units=2, form="co-thi-dua-tinh", with_minutes=True):
    """A cluster proposal with `units` member units for the form, its minutes uploaded."""
    proposal = ProposalFactory(cluster_year=world.cluster_year, created_by=world.secretary)
    for unit in world.units[:units]:
        ProposalItemFactory(proposal=proposal, unit=unit, award_form=world.forms[form])
    if with_minutes:
        services.add_attachment(proposal, minutes_file(), actor=world.secretary, kind=AttachmentKind.MINUTES)
    return proposal


def sent(world, **kwargs):
    proposal = draft(world, **kwargs)
    services.send_proposal(proposal, actor=world.secretary)
    return proposal


def checked(world, **kwargs):
    proposal = sent(world, **kwargs)
    services.receive_proposal(proposal, actor=world.board)
    for item in proposal.items.all():
        services.judge_item(item, actor=world.board, verdict=Verdict.ACCEPTED, reason="Dẫn đầu Cụm.")
    return proposal


def before_council(world, **kwargs):
    proposal = checked(world, **kwargs)
    services.submit_to_council(proposal, actor=world.board, held_on=COUNCIL_DAY, place="Hội trường tỉnh")
    proposal.refresh_from_db()
    return proposal


def vote_all(world, proposal, *, voters=3):
    """Open the council's ballot; the first `voters` members vote for every candidate; close."""
    from thidua.voting import services as voting

    ballot = proposal.council_ballot
    voting.open_ballot(ballot, actor=world.board)
    everyone = list(ballot.candidates.all())
    for member in world.council[:voters]:
        voting.cast_ballot_for_user(ballot, member, everyone)
    voting.close_ballot(ballot, actor=world.board, shares=board_shares(ballot))
    return ballot


def voted(world, **kwargs):
    proposal = before_council(world, **kwargs)
    vote_all(world, proposal)
    services.record_council_result(proposal, actor=world.board)
    proposal.refresh_from_db()
    return proposal


NOTICE_FROM, NOTICE_TO = datetime.date(2024, 1, 22), datetime.date(2024, 2, 2)  # 10 working days


def ready_to_forward(world, **kwargs):
    """A voted proposal whose passed state-level lines have a full public notice and a certified report each."""
    proposal = voted(world, **kwargs)
    for item in proposal.items.filter(council_passed=True):
        services.record_notice(
            item, actor=world.board, place="Cổng thông tin điện tử tỉnh", starts_on=NOTICE_FROM, ends_on=NOTICE_TO
        )
        services.add_central_paper(
            item, minutes_file("bao-cao-xac-nhan.pdf"), actor=world.board, kind=AttachmentKind.REPORT
        )
    return proposal


def conference_with_flag_ballot(world, make_user, picks):
    """A conference of the cluster year; its flag ballot closed with one ballot per list of unit indexes."""
    RuleSetFactory(province=world.province)
    meeting = MeetingFactory(
        kind=MeetingKind.CONFERENCE,
        cluster_year=world.cluster_year,
        province=world.province,
        held_on=datetime.date(2024, 1, 15),
        submission_number="01/TTr-CTĐ",
        chair_name="Chủ Trì Hội Nghị",
        chair_title="Trưởng Cụm",
    )
    for index, unit in enumerate(world.units):
        DelegateFactory(meeting=meeting, unit=unit, user=make_user(Role.UNIT_HEAD, unit), sort_order=index)
    ballot = voting.create_ballot(
        meeting,
        question="Bầu đơn vị đề nghị tặng Cờ thi đua năm 2023",
        candidates=world.units,
        max_choices=2,
        purpose=BallotPurpose.AWARD,
        award_form=world.forms["co-thi-dua-tinh"],
        actor=world.secretary,
    )
    voting.open_ballot(ballot, actor=world.secretary)
    candidates = list(ballot.candidates.order_by("position"))
    for issued, choice in zip(voting.issue_codes(ballot, actor=world.secretary), picks, strict=True):
        voting.cast_ballot(issued.code, [candidates[i] for i in choice])
    voting.close_ballot(ballot, actor=world.secretary, shares=board_shares(ballot))
    return meeting


def text_of(content):
    doc = Docx(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)
