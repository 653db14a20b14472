"""Drafting: by hand or from the conference's result in one step; lines within the drafter's scope; edits that
lose no one's work; papers checked by content."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PersonFactory, PositionFactory, UnitFactory
from tests.proposals.helpers import conference_with_flag_ballot, draft, minutes_file
from thidua.core.models import ActivityLogEntry
from thidua.emulation.enums import PhaseOverride
from thidua.proposals import services
from thidua.proposals.enums import AttachmentKind, ProposalState, ProposerKind


def test_one_step_from_the_conferences_passed_candidates(world, make_user):
    # Four members, more than 50% of all needed: units 0 and 1 pass (4 and 3 votes), unit 2 (1 vote) does not.
    meeting = conference_with_flag_ballot(world, make_user, [[0, 1], [0, 1], [0, 1], [0, 2]])
    proposal = services.create_proposal_from_conference(meeting, actor=world.secretary)
    assert (proposal.title, proposal.state, proposal.proposer_kind, proposal.year) == (
        "Đề nghị tặng Cờ thi đua cấp tỉnh năm 2023",
        ProposalState.DRAFT,
        ProposerKind.CLUSTER,
        2023,
    )
    # The conference's tờ trình number is not copied: the proposal's tờ trình is its own paper, numbered on its own.
    assert (proposal.submission_number, proposal.submission_date, proposal.signer_name) == (
        "",
        datetime.date(2024, 1, 15),
        "Chủ Trì Hội Nghị",
    )
    rows = list(proposal.items.order_by("position").values_list("unit", "award_form__code", "conference_votes"))
    assert rows == [(world.units[0].pk, "co-thi-dua-tinh", 4), (world.units[1].pk, "co-thi-dua-tinh", 3)]
    assert ActivityLogEntry.objects.filter(action="proposal.drafted_from_conference").count() == 1
    with pytest.raises(ValidationError, match="Đã có tờ trình lập từ kết quả hội nghị này"):
        services.create_proposal_from_conference(meeting, actor=world.secretary)


def test_from_a_conference_refused_when_nobody_passed_or_by_an_outsider(world, make_user):
    meeting = conference_with_flag_ballot(world, make_user, [[0], [0], [1], [2]])  # 2 of 4 is not over 50%
    with pytest.raises(PermissionDenied):
        services.create_proposal_from_conference(meeting, actor=world.officer)
    with pytest.raises(ValidationError, match="chưa có đơn vị nào đạt"):
        services.create_proposal_from_conference(meeting, actor=world.secretary)


def test_the_secretariat_drafts_only_while_the_phase_is_open(world):
    world.phase.override = PhaseOverride.CLOSED
    world.phase.save()
    with pytest.raises(ValidationError, match="không mở"):
        services.create_proposal(
            proposer_kind="cluster", cluster_year=world.cluster_year, year=2023, title="Đề nghị", actor=world.secretary
        )


def test_a_unit_drafts_for_itself_and_the_board_for_its_province(world):
    own = services.create_proposal(
        proposer_kind="unit", unit=world.units[0], year=2023, title="Đề nghị của huyện", actor=world.officer
    )
    assert (own.province, own.unit, own.cluster_year) == (world.province, world.units[0], None)
    with pytest.raises(PermissionDenied):
        services.create_proposal(proposer_kind="unit", unit=world.units[1], year=2023, title="x", actor=world.officer)
    board = services.create_proposal(
        proposer_kind="board", province=world.province, year=2023, title="Đề nghị của Ban", actor=world.board
    )
    assert board.proposer_name == "Ban Thi đua - Khen thưởng tỉnh"
    with pytest.raises(ValidationError, match="trích yếu"):
        services.create_proposal(
            proposer_kind="board", province=world.province, year=2023, title=" ", actor=world.board
        )
    with pytest.raises(ValidationError, match="Năm thành tích không hợp lệ"):
        services.create_proposal(
            proposer_kind="board", province=world.province, year=1900, title="x", actor=world.board
        )


def test_lines_must_fit_the_form_and_the_drafters_scope(world):
    proposal = draft(world, units=0)
    forms = world.forms
    outsider_unit = UnitFactory(province=world.province)
    person = PersonFactory(province=world.province)
    PositionFactory(person=person, unit=world.units[2], valid_from=datetime.date(2020, 1, 1))
    stranger = PersonFactory(province=world.province)
    PositionFactory(person=stranger, unit=outsider_unit, valid_from=datetime.date(2020, 1, 1))
    cases = [
        ({"unit": world.units[0], "award_form": forms["chien-si-thi-dua-tinh"]}, "dành cho cá nhân"),
        ({"person": person, "award_form": forms["co-thi-dua-tinh"]}, "dành cho tập thể"),
        ({"unit": outsider_unit, "award_form": forms["co-thi-dua-tinh"]}, "không thuộc phạm vi"),
        ({"person": stranger, "award_form": forms["chien-si-thi-dua-tinh"]}, "không công tác tại đơn vị"),
        ({"award_form": forms["co-thi-dua-tinh"]}, "đúng một đối tượng"),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValidationError, match=message):
            services.add_item(proposal, actor=world.secretary, **kwargs)
    item = services.add_item(proposal, actor=world.secretary, person=person, award_form=forms["chien-si-thi-dua-tinh"])
    assert (item.person_unit, item.year) == (world.units[2], 2023)
    with pytest.raises(ValidationError, match="đã có trong tờ trình"):
        services.add_item(proposal, actor=world.secretary, person=person, award_form=forms["chien-si-thi-dua-tinh"])


def test_lines_change_only_on_a_draft_and_only_by_the_drafter(world):
    proposal = draft(world)
    item = proposal.items.first()
    with pytest.raises(PermissionDenied):
        services.update_item(item, actor=world.board, seen_version=item.version, summary="x")
    services.send_proposal(proposal, actor=world.secretary)
    with pytest.raises(ValidationError, match="Tờ trình đã gửi"):
        services.remove_item(item, actor=world.secretary)


def test_two_edits_at_once_the_second_is_told_and_changes_nothing(world):
    proposal = draft(world)
    seen = proposal.version
    services.update_proposal(proposal, actor=world.secretary, seen_version=seen, title="Bản thứ nhất")
    with pytest.raises(ValidationError, match="Người khác vừa sửa tờ trình này"):
        services.update_proposal(proposal, actor=world.secretary, seen_version=seen, title="Bản thứ hai")
    proposal.refresh_from_db()
    assert proposal.title == "Bản thứ nhất"
    item = proposal.items.first()
    services.update_item(item, actor=world.secretary, seen_version=item.version, summary="Bản thứ nhất")
    with pytest.raises(ValidationError, match="Người khác vừa sửa"):
        services.update_item(item, actor=world.secretary, seen_version=item.version - 1, summary="Bản thứ hai")
    item.refresh_from_db()
    assert item.summary == "Bản thứ nhất"


def test_papers_are_checked_by_their_content(world):
    proposal = draft(world, with_minutes=False)
    fake = SimpleUploadedFile("bien-ban.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError, match="không phải là tệp hợp lệ"):
        services.add_attachment(proposal, fake, actor=world.secretary, kind=AttachmentKind.MINUTES)
    attachment = services.add_attachment(proposal, minutes_file(), actor=world.secretary, kind=AttachmentKind.MINUTES)
    assert (attachment.kind, attachment.stored_file.kind) == ("minutes", "pdf")
    services.remove_attachment(attachment, actor=world.secretary)
    assert proposal.attachments.count() == 0
