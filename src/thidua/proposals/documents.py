"""The dossier's papers in the Nghị định 30/2020 layout: the submission (tờ trình), the minutes of the council's
review (biên bản họp xét), the achievement report of a collective and of a person (báo cáo thành tích), the decision
with its attached list; and the whole dossier as one PDF.

Each renderer builds one plain description (voting.documents' Document with headings, paragraphs and tables, plus
the centred lines, closing and page breaks a decision needs); the same description is written as .docx and as PDF.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.prizes import PrizeTable, fmt_money
from thidua.awards.selectors import awards_of_person, awards_of_unit, commendation_rules_on
from thidua.core.documents import OfficialDocument, Signature, cited
from thidua.organizations.selectors import place_name, unit_head_name, unit_label_on
from thidua.proposals.enums import ProposerKind, Verdict
from thidua.proposals.numbered import SUBMISSION, proposer_body
from thidua.registers.selectors import entry_for
from thidua.voting import selectors as voting_selectors
from thidua.voting.documents import (
    Document,
    Heading,
    Para,
    Table,
    conclusion_paragraphs,
    figures_table,
    fmt_date,
    result_table,
    rule_text,
)
from thidua.voting.enums import BallotState
from thidua.voting.numbered import MINUTES as MEETING_MINUTES
from thidua.voting.numbered import minutes_issuer
from thidua.voting.parameters import fmt_percent


@dataclass
class Centered:
    text: str
    bold: bool = True
    italic: bool = False
    kind = "centered"


@dataclass
class Closing:
    """Where the signature and "Nơi nhận" go when something (an attached list) follows them."""

    kind = "closing"


@dataclass
class PageBreak:
    kind = "pagebreak"


def _place(proposal, day=None):
    """A unit's paper is dated with the unit's place ("Lệ Thủy, ngày ..."); the cluster's and the board's with
    the province's."""
    if proposal.proposer_kind == ProposerKind.UNIT and proposal.unit_id:
        return place_name(proposal.unit, day)
    return proposal.province.name


# The drafting unit in "- Lưu: VT, <drafter>.": the cluster's secretariat, a district's or commune's office for
# emulation work (Phòng Nội vụ), the provincial board.
DRAFTERS = {ProposerKind.CLUSTER: "CTĐ", ProposerKind.UNIT: "NV"}
BOARD_DRAFTER = "BTĐKT"


def _drafter(proposal):
    return DRAFTERS.get(proposal.proposer_kind, BOARD_DRAFTER)


def _legal_basis(proposal, day):
    """ "Căn cứ ..." lines: the rules in force on the paper's date."""
    rule_sets, _rules = commendation_rules_on(day or timezone.localdate(), province_ids=[proposal.province_id])
    return [Para(_("Căn cứ %(c)s;") % {"c": cited(rs.citation)}, italic=True) for rs in rule_sets]


def _submission_signature(proposal, issuer):
    """TM. of the collective body and its head's title for a unit or the cluster; the board's head signs alone."""
    if proposal.proposer_kind == ProposerKind.UNIT:
        return Signature(
            prefix="TM.",
            title=_("Ủy ban nhân dân") if issuer != proposal.unit.full_name else issuer,
            deputy_title=proposal.signer_title or _("Chủ tịch"),
            name=proposal.signer_name or unit_head_name(proposal.unit, proposal.submission_date),
        )
    if proposal.proposer_kind == ProposerKind.CLUSTER:
        return Signature(
            prefix="TM.",
            title=_("Cụm thi đua"),
            deputy_title=proposal.signer_title or _("Trưởng cụm"),
            name=proposal.signer_name,
        )
    return Signature(title=proposal.signer_title or _("Trưởng ban"), name=proposal.signer_name)


def _unit_issuer(unit):
    if unit.kind in ("thanh_pho", "thi_xa", "huyen", "xa", "phuong", "thi_tran", "dac_khu"):
        return _("Ủy ban nhân dân %(u)s") % {"u": unit.full_name}
    return unit.full_name


def proposer_issuer(proposal):
    """(issuer, parent issuer) of the submission."""
    if proposal.proposer_kind == ProposerKind.CLUSTER:
        return proposal.cluster_year.cluster.name, ""
    if proposal.proposer_kind == ProposerKind.UNIT:
        return _unit_issuer(proposal.unit), ""
    return _("Ban Thi đua - Khen thưởng"), _("Ủy ban nhân dân tỉnh %(p)s") % {"p": proposal.province.name}


def _forms_text(items):
    return ", ".join(dict.fromkeys(i.award_form.name for i in items)) or _("khen thưởng")


def _item_row(index, item):
    work = item.person_unit.full_name if item.person_id and item.person_unit_id else ""
    return [index, item.name, work, f"{item.award_form.name} {item.year}"]


def _prize_article(prizes):
    """Điều 2: the money by the decree and the base salary in force on the decision date (awards.prizes)."""
    if not prizes or any(p.amount is None for p in prizes):
        return Para(_("Điều 2. Tiền thưởng kèm theo thực hiện theo quy định hiện hành."))
    salary = prizes[0].salary
    total = fmt_money(sum(p.amount for p in prizes))
    by_form = list({p.award_form.pk: p for p in prizes}.values())
    if len(by_form) == 1:
        one = by_form[0]
        return Para(
            _(
                "Điều 2. Kèm theo mức tiền thưởng bằng %(c)s lần mức lương cơ sở (%(s)s đồng, theo %(sc)s), làm "
                "tròn là %(a)s đồng cho mỗi tập thể, cá nhân, theo %(cc)s; tổng số tiền thưởng %(t)s đồng."
            )
            % {
                "c": one.coefficient_text,
                "s": fmt_money(salary.amount),
                "sc": cited(salary.citation),
                "a": one.amount_text,
                "cc": cited(one.row.citation),
                "t": total,
            }
        )
    return Para(
        _(
            "Điều 2. Mức tiền thưởng kèm theo của từng tập thể, cá nhân ghi tại danh sách kèm theo, tính theo "
            "%(b)s và mức lương cơ sở %(s)s đồng (theo %(sc)s); tổng số tiền thưởng %(t)s đồng."
        )
        % {"b": prizes[0].basis.name, "s": fmt_money(salary.amount), "sc": cited(salary.citation), "t": total}
    )


# the submission -----------------------------------------------------------------------------------------------
def submission(proposal, items):
    issuer, parent = proposer_issuer(proposal)
    entry = entry_for(SUBMISSION, proposal.pk)
    meta = OfficialDocument(
        issuer=issuer,
        parent_issuer=parent,
        doc_type=_("Tờ trình"),
        summary=_("Về việc đề nghị tặng %(forms)s năm %(y)s") % {"forms": _forms_text(items), "y": proposal.year},
        place=_place(proposal, proposal.submission_date),
        # Numbered in the register ("Cấp số"): its number and date; a draft until then.
        date=entry.issued_on if entry else proposal.submission_date,
        number=entry.full_number if entry else "",
        draft=entry is None,
        body_key=proposer_body(proposal).body_key,
        recipients_line=_("Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh %(p)s") % {"p": proposal.province.name},
        signatures=[_submission_signature(proposal, issuer)],
        distribution=[_("Như trên"), _("Ban Thi đua - Khen thưởng tỉnh")],
        drafter=_drafter(proposal),
    )
    doc = Document(meta, filename=f"to-trinh-{proposal.pk}")
    doc.blocks += _legal_basis(proposal, proposal.submission_date)
    if proposal.conference_id:
        conference = proposal.conference
        doc.blocks.append(
            Para(
                _("Căn cứ kết quả bình xét, suy tôn tại %(m)s ngày %(d)s;")
                % {"m": conference.title, "d": fmt_date(conference.held_on)}
            )
        )
    doc.blocks.append(
        Para(
            _(
                "%(who)s kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xem xét, tặng %(forms)s năm %(y)s "
                "cho %(n)s tập thể, cá nhân sau:"
            )
            % {"who": proposal.proposer_name, "forms": _forms_text(items), "y": proposal.year, "n": len(items)}
        )
    )
    rows = []
    for index, item in enumerate(items, start=1):
        votes = (
            f"{item.conference_votes} ({fmt_percent(item.conference_percent)}%)"
            if item.conference_votes is not None
            else ""
        )
        rows.append([*_item_row(index, item), votes])
    doc.blocks.append(
        Table(
            [
                _("STT"),
                _("Tên tập thể, cá nhân"),
                _("Đơn vị công tác"),
                _("Danh hiệu, hình thức"),
                _("Số phiếu bình xét"),
            ],
            rows,
            widths_mm=[12, 55, 40, 38, 20],
        )
    )
    doc.blocks.append(Para(_("Hồ sơ kèm theo: biên bản họp xét và báo cáo thành tích của các tập thể, cá nhân.")))
    doc.blocks.append(Para(_("Kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./.")))
    return doc


# the minutes of the council's review ------------------------------------------------------------------------------
def review_minutes(proposal, items):
    """The council's session on this proposal: who sat, what the board reported, how the council voted."""
    ballot = proposal.council_ballot
    if ballot is None or ballot.state != BallotState.CLOSED:
        raise voting_selectors.ResultNotAvailable
    meeting = ballot.meeting
    result = voting_selectors.ballot_result(ballot)
    minutes = entry_for(MEETING_MINUTES, meeting.pk)
    meta = OfficialDocument(
        issuer=_("Hội đồng Thi đua - Khen thưởng"),
        parent_issuer=_("Ủy ban nhân dân tỉnh %(p)s") % {"p": proposal.province.name},
        doc_type=_("Biên bản"),
        summary=_("Họp xét %(t)s") % {"t": proposal.title},
        place=_place(proposal),
        # The council session's minutes, numbered in the board's register from the session's page.
        date=minutes.issued_on if minutes else meeting.held_on,
        number=minutes.full_number if minutes else "",
        draft=minutes is None,
        body_key=minutes_issuer(meeting).body_key,  # the board's
    )
    doc = Document(meta, filename=f"bien-ban-hop-xet-{proposal.pk}")
    delegates = list(voting_selectors.delegates_of(meeting))
    present = sum(1 for d in delegates if d.is_present)
    doc.blocks += [
        Para(
            _("Thời gian: ngày %(d)s. Địa điểm: %(p)s. Chủ trì: %(c)s. Thư ký: %(s)s.")
            % {
                "d": fmt_date(meeting.held_on),
                "p": meeting.place,
                "c": meeting.chair_name or "—",
                "s": meeting.secretary_name or "—",
            }
        ),
        Heading(_("I. Thành phần")),
        Para(
            _("Thành viên Hội đồng: %(n)s người, có mặt %(p)s, vắng %(a)s.")
            % {"n": len(delegates), "p": present, "a": len(delegates) - present}
        ),
        Table(
            [_("STT"), _("Họ và tên"), _("Chức vụ"), _("Có mặt")],
            [[i, d.full_name, d.title, _("Có") if d.is_present else _("Vắng")] for i, d in enumerate(delegates, 1)],
            widths_mm=[12, 60, 70, 22],
        ),
        Heading(_("II. Báo cáo thẩm định của Ban Thi đua - Khen thưởng")),
        Para(
            _("Tờ trình số %(n)s ngày %(d)s của %(who)s đề nghị %(k)s tập thể, cá nhân; kết quả thẩm định:")
            % {
                "n": proposal.submission_number or "—",
                "d": fmt_date(proposal.submission_date),
                "who": proposal.proposer_name,
                "k": len(items),
            }
        ),
        Table(
            [_("STT"), _("Tên tập thể, cá nhân"), _("Danh hiệu, hình thức"), _("Kết quả thẩm định"), _("Ý kiến")],
            [
                [i, item.name, item.award_form.name, Verdict(item.verdict).label, item.verdict_reason]
                for i, item in enumerate(items, 1)
            ],
            widths_mm=[12, 50, 38, 34, 30],
        ),
        Heading(_("III. Kết quả bỏ phiếu")),
        Para(rule_text(ballot, result.rules)),
        figures_table(result),
        Para(_("Tỷ lệ tính trên %(base)s (%(n)s).") % {"base": result.base_label, "n": result.base}),
        result_table(result),
        Heading(_("IV. Kết luận")),
        *conclusion_paragraphs(result),
    ]
    doc.signers = [
        Signature(title=_("Thư ký"), name=meeting.secretary_name),
        Signature(title=_("Chủ trì"), name=meeting.chair_name),
    ]
    return doc


# achievement reports ------------------------------------------------------------------------------------------
def _past_awards(item):
    if item.unit_id:
        records = awards_of_unit(item.unit, include_revoked=False)
    else:
        records = awards_of_person(item.person, include_revoked=False)
    rows = [r for r in records if r.year <= item.year and r.pk != item.award_record_id]
    return Table(
        [_("Năm"), _("Danh hiệu, hình thức"), _("Số, ngày quyết định"), _("Cấp ký")],
        [[r.year, r.award_form.name, f"{r.decision_number} ngày {fmt_date(r.decision_date)}", r.issuer] for r in rows]
        or [["—", _("Chưa có trong sổ theo dõi"), "", ""]],
        widths_mm=[16, 55, 50, 44],
    )


def _summary_paragraphs(item):
    lines = [line.strip() for line in item.summary.splitlines() if line.strip()]
    return [Para(line) for line in lines] or [Para(_("(Chưa có tóm tắt thành tích.)"), italic=True)]


def achievement_report(proposal, item):
    """Báo cáo thành tích: a collective's (signed by its head) or a person's (signed by the person)."""
    day = proposal.submission_date or timezone.localdate()
    confirming = Signature(
        title=_("Xác nhận của cấp trình khen thưởng"), deputy_title=proposal.proposer_name, name=proposal.signer_name
    )
    if item.unit_id:
        issuer = _unit_issuer(item.unit)
        own_unit = item.unit
        signers = [
            confirming,
            Signature(title=_("Thủ trưởng đơn vị"), deputy_title=issuer, name=unit_head_name(item.unit, day)),
        ]
    else:
        issuer = item.person_unit.full_name if item.person_unit_id else ""
        own_unit = item.person_unit if item.person_unit_id else None
        signers = [
            Signature(title=_("Thủ trưởng đơn vị xác nhận"), deputy_title=issuer, name=unit_head_name(own_unit, day)),
            Signature(title=_("Người báo cáo"), name=item.name),
        ]
    meta = OfficialDocument(
        issuer=issuer,
        doc_type=_("Báo cáo"),
        summary=_("Thành tích đề nghị tặng %(f)s năm %(y)s") % {"f": item.award_form.name, "y": item.year},
        place=place_name(own_unit, day) if own_unit is not None else _place(proposal, day),
        date=day,
    )
    doc = Document(meta, filename=f"bao-cao-thanh-tich-{item.pk}")
    if item.unit_id:
        doc.blocks += [
            Heading(_("I. Đặc điểm, tình hình")),
            Para(_("Tên tập thể: %(n)s.") % {"n": unit_label_on(item.unit, day)}),
            Para(_("Tỉnh: %(p)s.") % {"p": item.unit.province.name}),
        ]
    else:
        person = item.person
        position = person.positions.filter(unit=item.person_unit).order_by("-valid_from").first()
        doc.blocks += [
            Heading(_("I. Sơ lược lý lịch")),
            Para(_("Họ và tên: %(n)s. Giới tính: %(g)s.") % {"n": person.full_name, "g": person.get_gender_display()}),
            Para(_("Ngày sinh: %(d)s.") % {"d": fmt_date(person.birth_date) or "—"}),
            Para(
                _("Chức vụ, đơn vị công tác: %(p)s.")
                % {"p": ", ".join(x for x in [position.title if position else "", issuer] if x) or "—"}
            ),
            Para(
                _("Trực tiếp lao động, sản xuất: %(v)s.") % {"v": _("có") if person.is_direct_labourer else _("không")}
            ),
        ]
    doc.blocks += [Heading(_("II. Thành tích đạt được")), *_summary_paragraphs(item)]
    if item.conference_votes is not None and proposal.conference_id:
        doc.blocks.append(
            Para(
                _("Được bình xét, suy tôn tại %(m)s với %(v)s phiếu (%(p)s%%).")
                % {
                    "m": proposal.conference.title,
                    "v": item.conference_votes,
                    "p": fmt_percent(item.conference_percent),
                }
            )
        )
    doc.blocks += [Heading(_("III. Các hình thức đã được khen thưởng")), _past_awards(item)]
    doc.signers = signers
    return doc


# the decision and its list ------------------------------------------------------------------------------------
def _decision_signature(decision):
    if decision.signer_title.strip().lower() in ("", "chủ tịch"):
        return Signature(title=_("Chủ tịch"), name=decision.signer_name)
    return Signature(prefix="KT.", title=_("Chủ tịch"), deputy_title=decision.signer_title, name=decision.signer_name)


def decision_document(proposal, items):
    """The chairman's decision with the attached list of those awarded. items: the lines in the decision."""
    decision = proposal.decision
    province = proposal.province.name
    forms = _forms_text(items)
    meta = OfficialDocument(
        issuer=_("Ủy ban nhân dân tỉnh %(p)s") % {"p": province},
        doc_type=_("Quyết định"),
        summary=_("Về việc tặng %(f)s năm %(y)s") % {"f": forms, "y": proposal.year},
        place=province,
        date=decision.decision_date,
        number=decision.number,
        signatures=[_decision_signature(decision)],
        distribution=[_("Như Điều 3"), _("Ban Thi đua - Khen thưởng tỉnh")],
        drafter=BOARD_DRAFTER,
    )
    doc = Document(meta, filename=f"quyet-dinh-{proposal.pk}")
    doc.blocks.append(Centered(_("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH %(p)s") % {"p": province.upper()}))
    doc.blocks += _legal_basis(proposal, decision.decision_date)
    ballot = proposal.council_ballot
    if ballot is not None:
        doc.blocks.append(
            Para(
                _("Căn cứ kết quả bỏ phiếu của Hội đồng Thi đua - Khen thưởng tỉnh ngày %(d)s;")
                % {"d": fmt_date(ballot.meeting.held_on)},
                italic=True,
            )
        )
    doc.blocks.append(
        Para(
            _("Xét đề nghị của %(who)s tại Tờ trình số %(n)s ngày %(d)s và của Ban Thi đua - Khen thưởng tỉnh.")
            % {
                "who": proposal.proposer_name,
                "n": proposal.submission_number or "—",
                "d": fmt_date(proposal.submission_date),
            },
            italic=True,
        )
    )
    doc.blocks.append(Centered(_("QUYẾT ĐỊNH:")))
    doc.blocks.append(
        Para(
            _(
                "Điều 1. Tặng %(f)s năm %(y)s cho %(n)s tập thể, cá nhân có tên trong danh sách kèm theo, đã có thành "
                "tích xuất sắc trong phong trào thi đua năm %(y)s."
            )
            % {"f": forms, "y": proposal.year, "n": len(items)}
        )
    )
    table = PrizeTable()
    prizes = [table.prize(i.award_form, decision.decision_date) for i in items]
    doc.blocks.append(_prize_article(prizes))
    doc.blocks.append(
        Para(
            _(
                "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, Trưởng Ban Thi "
                "đua - Khen thưởng tỉnh, %(who)s và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi "
                "hành Quyết định này./."
            )
            % {"who": proposal.proposer_name}
        )
    )
    doc.blocks += [
        Closing(),
        PageBreak(),
        Centered(_("DANH SÁCH ĐƯỢC TẶNG %(f)s NĂM %(y)s") % {"f": forms.upper(), "y": proposal.year}),
        Centered(
            _("(Kèm theo Quyết định số %(n)s ngày %(d)s của %(i)s)")
            % {"n": decision.number, "d": fmt_date(decision.decision_date), "i": decision.issuer},
            bold=False,
            italic=True,
        ),
        Table(
            [
                _("STT"),
                _("Tên tập thể, cá nhân"),
                _("Đơn vị công tác"),
                _("Danh hiệu, hình thức"),
                _("Tiền thưởng (đồng)"),
            ],
            [
                [*_item_row(i, item), prize.amount_text or "—"]
                for i, (item, prize) in enumerate(zip(items, prizes, strict=True), 1)
            ],
            widths_mm=[12, 55, 40, 33, 25],
        ),
    ]
    return doc
