"""The conference's papers: vote-counting minutes, conference minutes, and the submission to the chairman.

Each renderer builds one plain description (header, blocks, signatures) from ballot_result, and that description
is written both as .docx (Nghị định 30/2020 layout, core.documents.DocxBuilder) and as PDF (a print template), so
the two files and the result page show the same figures.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from thidua.core.documents import (
    DocxBuilder,
    OfficialDocument,
    Signature,
    cited,
    in_vietnamese,
    pdf_from_html,
    split_article,
    vn_date_line,
)
from thidua.registers.certificates import body_signer
from thidua.registers.selectors import entry_for
from thidua.voting import selectors
from thidua.voting.enums import BallotState, LeadershipSource, SlipKind, VotingMode
from thidua.voting.numbered import MINUTES, SUBMISSION, minutes_issuer
from thidua.voting.parameters import fmt_percent
from thidua.voting.selectors import DENOMINATOR_LABELS, ResultNotAvailable


@dataclass
class Heading:
    text: str
    kind = "heading"


@dataclass
class Para:
    text: str
    italic: bool = False
    kind = "para"

    @property
    def article(self):
        """ "Điều 1." of a decision, printed bold; empty for any other paragraph."""
        return split_article(self.text)[0]

    @property
    def rest(self):
        return split_article(self.text)[1]


@dataclass
class Table:
    headers: list
    rows: list
    widths_mm: list | None = None
    kind = "table"


@dataclass
class Document:
    meta: OfficialDocument
    blocks: list = field(default_factory=list)
    signers: list = field(default_factory=list)  # side by side (minutes); else meta.signatures on the right
    filename: str = "van-ban"

    @property
    def date_line(self):
        return vn_date_line(self.meta.place, self.meta.date)


def fmt_date(day):
    return day.strftime("%d/%m/%Y") if day else ""


# shared pieces --------------------------------------------------------------------------------------------------
def _issuer(meeting):
    if meeting.is_conference:
        return meeting.cluster_year.cluster.name, ""
    return _("Hội đồng Thi đua - Khen thưởng"), _("Ủy ban nhân dân tỉnh %(p)s") % {"p": meeting.province.name}


def _place(meeting):
    return meeting.province.name


CLUSTER_DRAFTER = "CTĐ"  # the cluster's papers are drafted by its secretariat ("Cụm thi đua")
COUNCIL_DRAFTER = "HĐTĐKT"


def rule_text(ballot, rules):
    rule_set = ballot.rule_set
    period = _("hiệu lực từ %(start)s") % {"start": fmt_date(rule_set.valid_from)}
    if rule_set.valid_to:
        period += _(" đến %(end)s") % {"end": fmt_date(rule_set.valid_to)}
    text = _("Căn cứ: %(citation)s (%(name)s, %(period)s).") % {
        "citation": cited(rule_set.citation),
        "name": rule_set.name,
        "period": period,
    }
    # Whether the rule set was checked against the gazette is a note for the screen (the result page warns);
    # a paper never prints it.
    quota = rules.quota if ballot.seats is None else ballot.seats
    threshold = fmt_percent(rules.threshold_percent)
    if rules.comparison == "at_least":
        wording = _("từ %(t)s%% trở lên") % {"t": threshold}
    else:
        wording = _("trên %(t)s%%") % {"t": threshold}
    text += " " + _(
        "Đạt khi số phiếu %(wording)s %(base)s; số lượng được chọn: %(quota)s; khi bằng phiếu: %(tie)s."
    ) % {
        "wording": wording,
        "base": DENOMINATOR_LABELS[rules.denominator],
        "quota": quota if quota is not None else _("không giới hạn"),
        "tie": _("bỏ phiếu lại") if rules.tie_rule == "runoff" else _("người chủ trì quyết định"),
    }
    return text


def figures_table(result):
    return Table(
        [_("Nội dung"), _("Số lượng")],
        [
            [_("Tổng số thành viên"), result.member_count],
            [_("Số thành viên có mặt"), result.present_count],
            [_("Số phiếu phát ra"), result.issued],
            [_("Số phiếu thu về"), result.returned],
            [_("Số phiếu hợp lệ"), result.valid],
            [_("Số phiếu không hợp lệ"), result.invalid],
        ],
        widths_mm=[110, 50],
    )


def result_table(result):
    # The outcome's words are tally's, the same as on the result page and in the API.
    rows = [
        [index, row.name, row.votes, fmt_percent(row.percent), row.outcome_label]
        for index, row in enumerate(result.rows, start=1)
    ]
    return Table(
        [_("STT"), _("Ứng viên"), _("Số phiếu"), _("Tỷ lệ (%)"), _("Kết quả")], rows, widths_mm=[12, 78, 22, 22, 32]
    )


def conclusion_paragraphs(result):
    paras = []
    if result.passed:
        names = "; ".join(f"{row.name} ({row.votes} phiếu, {fmt_percent(row.percent)}%)" for row in result.passed)
        paras.append(Para(_("Đạt theo quy định (theo thứ tự số phiếu): %(names)s.") % {"names": names}))
    else:
        paras.append(Para(_("Không có ứng viên nào đạt theo quy định.")))
    not_passed = [row for row in result.rows if not row.passed]
    if not_passed:
        paras.append(Para(_("Lý do không đạt:")))
        paras += [Para(f"- {row.name}: {row.outcome_label}. {row.reason}") for row in not_passed]
    tie = result.tie
    if tie is not None:
        tied = ", ".join(row.name for row in tie.candidates)
        paras.append(
            Para(
                _("%(kind)s: %(names)s (%(seats)s chỗ).") % {"kind": tie.kind_label, "names": tied, "seats": tie.seats}
            )
        )
        if tie.decided_by_chair:
            paras.append(Para(_("Ý kiến quyết định của người chủ trì: %(note)s") % {"note": result.ballot.tie_note}))
    return paras


def veto_paragraphs(ballot):
    """Who the ranking put out of the running for a veto criterion: the minutes state it, not only the paper."""
    excluded = selectors.excluded_by_veto(ballot)
    if not excluded:
        return []
    names = "; ".join(
        _("%(unit)s (tiêu chí %(codes)s)") % {"unit": unit.full_name, "codes": ", ".join(codes)}
        for unit, codes in excluded
    )
    return [
        Para(
            _("Không đưa vào danh sách ứng viên do vi phạm điểm liệt theo kết quả chấm điểm: %(units)s.")
            % {"units": names}
        )
    ]


def slip_text(ballot):
    """Which slips the electronic ballot used: the minutes say it, since named slips give up some secrecy."""
    if ballot.slip_kind == SlipKind.UNNAMED:
        return _(
            "Phiếu mã không ghi tên: đại biểu được điểm danh có mặt bốc ngẫu nhiên một phiếu; hệ thống chỉ biết số mã "
            "đã dùng, không biết mã của ai."
        )
    if ballot.slip_kind == SlipKind.NAMED:
        return _(
            "Phiếu mã ghi tên từng đại biểu, theo lựa chọn của thư ký hội nghị "
            "(người phát phiếu biết mã của từng người)."
        )
    return _("Không in phiếu mã: đại biểu bỏ phiếu bằng tài khoản của mình.")


def void_text(ballot):
    return _(
        "Phiếu vô hiệu: ban kiểm phiếu không đưa đủ %(k)s trong %(n)s phần khóa nên các phiếu đã niêm phong không mở "
        "được và không được kiểm; hội nghị bỏ phiếu lại. Lý do: %(r)s"
    ) % {"k": ballot.key_threshold, "n": ballot.key_holders, "r": ballot.cancel_reason}


# vote-counting minutes ------------------------------------------------------------------------------------------
@in_vietnamese
def count_minutes(ballot):
    result = selectors.ballot_result(ballot)
    meeting = ballot.meeting
    issuer, parent = _issuer(meeting)
    meta = OfficialDocument(
        issuer=issuer,
        parent_issuer=parent,
        doc_type=_("Biên bản"),
        summary=_("Kiểm phiếu: %(q)s") % {"q": ballot.question},
        place=_place(meeting),
        date=meeting.held_on,
        body_key=minutes_issuer(meeting).body_key,
    )
    doc = Document(meta, filename=f"bien-ban-kiem-phieu-{ballot.pk}")
    doc.blocks += [
        Para(
            _("Ngày %(date)s, tại %(place)s, %(meeting)s tiến hành kiểm phiếu nội dung: %(q)s. Hình thức: %(mode)s.")
            % {
                "date": fmt_date(meeting.held_on),
                "place": meeting.place,
                "meeting": meeting.title,
                "q": ballot.question,
                "mode": ballot.get_mode_display().lower(),
            }
        ),
        Para(rule_text(ballot, result.rules)),
        *veto_paragraphs(ballot),
        Heading(_("I. Số phiếu")),
        figures_table(result),
        Heading(_("II. Kết quả")),
        Para(
            _("Tỷ lệ tính trên %(base)s (%(n)s).")
            % {"base": DENOMINATOR_LABELS[result.rules.denominator], "n": result.base}
        ),
        result_table(result),
        Heading(_("III. Kết luận")),
        *conclusion_paragraphs(result),
    ]
    if ballot.mode == VotingMode.ELECTRONIC:
        doc.blocks.append(Para(slip_text(ballot)))
        doc.blocks.append(
            Para(
                _("Mã biên nhận của %(n)s phiếu đã kiểm (công bố để mỗi đại biểu tự đối chiếu): %(codes)s.")
                % {"n": len(result.receipts), "codes": ", ".join(result.receipts) or "—"},
                italic=True,
            )
        )
    else:
        count = ballot.paper_counts.filter(state="confirmed").select_related("entered_by", "confirmed_by").first()
        doc.blocks.append(
            Para(
                _("Số liệu do %(a)s nhập, %(b)s xác nhận.")
                % {"a": count.entered_by.display_name, "b": count.confirmed_by.display_name},
                italic=True,
            )
        )
    doc.signers = _chair_and_secretary(meeting)
    return doc


def _chair_and_secretary(meeting):
    return [
        Signature(title=_("Thư ký"), name=meeting.secretary_name),
        Signature(title=_("Chủ trì"), name=meeting.chair_name),
    ]


# conference minutes ---------------------------------------------------------------------------------------------
def _ballot_blocks(index, ballot):
    head = Heading(f"{index}. {ballot.question} ({ballot.get_mode_display().lower()})")
    if ballot.state == BallotState.CANCELLED:
        return [head, Para(_("Đã hủy. Lý do: %(r)s") % {"r": ballot.cancel_reason})]
    if ballot.state == BallotState.VOID:
        return [head, Para(void_text(ballot))]
    try:
        result = selectors.ballot_result(ballot)
    except ResultNotAvailable:
        return [head, Para(_("Chưa kết thúc bỏ phiếu."))]
    return [
        head,
        Para(rule_text(ballot, result.rules)),
        *veto_paragraphs(ballot),
        Para(
            _(
                "Tổng số thành viên %(m)s, có mặt %(p)s; phiếu phát ra %(i)s, thu về %(r)s, "
                "hợp lệ %(v)s, không hợp lệ %(x)s."
            )
            % {
                "m": result.member_count,
                "p": result.present_count,
                "i": result.issued,
                "r": result.returned,
                "v": result.valid,
                "x": result.invalid,
            }
        ),
        *([Para(slip_text(ballot))] if ballot.mode == VotingMode.ELECTRONIC else []),
        result_table(result),
        *conclusion_paragraphs(result),
    ]


@in_vietnamese
def meeting_minutes(meeting):
    issuer, parent = _issuer(meeting)
    entry = entry_for(MINUTES, meeting.pk)
    meta = OfficialDocument(
        issuer=issuer,
        parent_issuer=parent,
        doc_type=_("Biên bản"),
        summary=meeting.title,
        place=_place(meeting),
        # Numbered in the register ("Cấp số"): its number and date; a draft until then.
        date=entry.issued_on if entry else meeting.held_on,
        number=entry.full_number if entry else "",
        draft=entry is None,
        body_key=minutes_issuer(meeting).body_key,
    )
    doc = Document(meta, filename=f"bien-ban-hoi-nghi-{meeting.pk}")
    delegates = list(selectors.delegates_of(meeting))
    present = sum(1 for d in delegates if d.is_present)
    doc.blocks += [
        Para(
            _("Thời gian: ngày %(date)s. Địa điểm: %(place)s. Chủ trì: %(chair)s%(chair_title)s. Thư ký: %(sec)s.")
            % {
                "date": fmt_date(meeting.held_on),
                "place": meeting.place,
                "chair": meeting.chair_name or "—",
                "chair_title": f", {meeting.chair_title}" if meeting.chair_title else "",
                "sec": meeting.secretary_name or "—",
            }
        ),
        Heading(_("I. Thành phần")),
    ]
    if meeting.guest_list:
        doc.blocks.append(Para(_("Khách mời: %(g)s.") % {"g": "; ".join(meeting.guest_list)}))
    doc.blocks += [
        Para(
            _("Đại biểu: %(n)s người, có mặt %(p)s, vắng %(a)s.")
            % {"n": len(delegates), "p": present, "a": len(delegates) - present}
        ),
        Table(
            [_("STT"), _("Họ và tên"), _("Chức vụ, đơn vị"), _("Có mặt")],
            [
                [
                    i,
                    d.full_name,
                    d.title or (d.unit.full_name if d.unit else ""),
                    _("Có") if d.is_present else _("Vắng"),
                ]
                for i, d in enumerate(delegates, start=1)
            ],
            widths_mm=[12, 55, 75, 22],
        ),
        Heading(_("II. Kết quả biểu quyết, bỏ phiếu")),
    ]
    for index, ballot in enumerate(selectors.ballots_of(meeting), start=1):
        doc.blocks += _ballot_blocks(index, ballot)
    if meeting.is_conference:
        doc.blocks += _leadership_blocks(meeting)
    if meeting.conclusions:
        doc.blocks += [Heading(_("Kết luận")), Para(meeting.conclusions)]
    doc.signers = _chair_and_secretary(meeting)
    return doc


def _leadership_blocks(meeting):
    year = meeting.cluster_year.year + 1
    heading = Heading(_("III. Trưởng cụm, Phó Trưởng cụm năm %(y)s") % {"y": year})
    if meeting.next_leader_id is None:
        return [heading, Para(_("Chưa ghi nhận."))]
    source = LeadershipSource(meeting.leadership_source).label if meeting.leadership_source else ""
    return [
        heading,
        Para(
            _("Trưởng cụm: %(l)s; Phó Trưởng cụm: %(d)s (%(s)s).")
            % {"l": meeting.next_leader.full_name, "d": meeting.next_deputy.full_name, "s": source.lower()}
        ),
    ]


# the submission to the provincial chairman ----------------------------------------------------------------------
@in_vietnamese
def submission(meeting):
    if not meeting.is_conference:
        raise ValueError("submission is for conferences")
    groups = selectors.award_proposals(meeting)
    cluster_year = meeting.cluster_year
    forms = [g["award_form"].name for g in groups if g["award_form"]] or [_("khen thưởng")]
    entry = entry_for(SUBMISSION, meeting.pk)
    meta = OfficialDocument(
        issuer=cluster_year.cluster.name,
        doc_type=_("Tờ trình"),
        summary=_("Về việc đề nghị tặng %(forms)s năm %(y)s") % {"forms": ", ".join(forms), "y": cluster_year.year},
        place=_place(meeting),
        # Numbered in the register ("Cấp số"): its number and date; a draft until then.
        date=entry.issued_on if entry else meeting.held_on,
        number=entry.full_number if entry else "",
        draft=entry is None,
        body_key=minutes_issuer(meeting).body_key,  # the cluster's
        recipients_line=_("Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh %(p)s") % {"p": meeting.province.name},
        signatures=[
            Signature(
                prefix="TM.",
                title=_("Cụm thi đua"),
                deputy_title=meeting.chair_title or _("Trưởng cụm"),
                name=meeting.chair_name,
            )
        ],
        distribution=[_("Như trên"), _("Ban Thi đua - Khen thưởng tỉnh"), _("Các đơn vị thành viên Cụm")],
        drafter=CLUSTER_DRAFTER,
    )
    doc = Document(meta, filename=f"to-trinh-{meeting.pk}")
    citations = sorted({cited(b.rule_set.citation) for g in groups for b in g["ballots"]})
    for citation in citations:
        doc.blocks.append(Para(_("Căn cứ %(c)s;") % {"c": citation}))
    doc.blocks.append(
        Para(
            _(
                "Căn cứ kết quả bình xét, suy tôn tại %(meeting)s ngày %(date)s, %(cluster)s "
                "kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xem xét, tặng:"
            )
            % {"meeting": meeting.title, "date": fmt_date(meeting.held_on), "cluster": cluster_year.cluster.name}
        )
    )
    for index, group in enumerate(groups, start=1):
        name = group["award_form"].name if group["award_form"] else _("Khen thưởng")
        doc.blocks.append(Heading(f"{index}. {name} ({len(group['rows'])} đơn vị)"))
        doc.blocks.append(
            Table(
                [_("STT"), _("Đơn vị"), _("Số phiếu"), _("Tỷ lệ (%)"), _("Thứ hạng chấm điểm")],
                [
                    [i, row.name, row.votes, fmt_percent(row.percent), row.candidate.ranking_rank or ""]
                    for i, (_ballot, row) in enumerate(group["rows"], start=1)
                ],
                widths_mm=[12, 80, 22, 22, 30],
            )
        )
        if group["pending"]:
            doc.blocks.append(Para(_("Còn trường hợp bằng phiếu chưa giải quyết."), italic=True))
    doc.blocks.append(
        Para(_("Hồ sơ kèm theo: biên bản hội nghị, biên bản kiểm phiếu và báo cáo thành tích của các đơn vị."))
    )
    doc.blocks.append(Para(_("Kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./.")))
    return doc


# writers --------------------------------------------------------------------------------------------------------
@in_vietnamese
def to_docx(doc):
    builder = DocxBuilder(doc.meta)
    for block in doc.blocks:
        if isinstance(block, Heading):
            builder.heading(block.text)
        elif isinstance(block, Para):
            builder.paragraph(block.text, italic=block.italic)
        else:
            builder.table(block.headers, block.rows, widths_mm=block.widths_mm)
    if doc.signers:
        builder.paragraph()
        builder.signature_grid(doc.signers)
    else:
        builder.signatures_and_distribution()
    return builder.to_bytes()


def print_css(name):
    """A stylesheet for WeasyPrint as a file URI: print templates carry no inline style (CSP), and nothing remote."""
    return Path(finders.find(f"css/{name}")).as_uri()


@in_vietnamese
def to_pdf(doc):
    html = render_to_string("voting/print/document.html", {"doc": doc, "print_css": print_css("voting-print.css")})
    if doc.meta.draft:
        return pdf_from_html(html)
    return pdf_from_html(html, sign=True, signer=body_signer(doc.meta.body_key))
