"""Move the numbers typed into the meetings' and proposals' forms into the outgoing registers.

A typed number ("01/TTr-CTĐ") becomes an entry of its issuing body's register of the paper's year when no other paper
of that register carries the same number; papers sharing a number (the demo's two tờ trình 01/TTr-CTĐ) all become
drafts again, their typed number cleared and noted in the activity log, so that "Cấp số" gives each its own."""

import re

from django.db import migrations

from thidua.core.text import fold

TYPED = re.compile(r"^\s*(\d{1,9})\s*/\s*(\S.*?)\s*$")
TERRITORIAL = {"thanh_pho", "thi_xa", "huyen", "xa", "phuong", "thi_tran", "dac_khu"}
KIND_WORDS = {
    "thanh_pho": "thành phố",
    "thi_xa": "thị xã",
    "huyen": "huyện",
    "xa": "xã",
    "phuong": "phường",
    "thi_tran": "thị trấn",
    "dac_khu": "đặc khu",
}


def _cluster_body(cluster):
    return {"issuer_kind": "cluster", "body_key": f"cluster:{cluster.pk}", "cluster": cluster,
            "province_id": cluster.province_id, "name": cluster.name, "symbol": "CTĐ"}


def _board_body(province):
    return {"issuer_kind": "board", "body_key": f"board:{province.pk}", "province_id": province.pk,
            "name": f"Ban Thi đua - Khen thưởng tỉnh {province.name}", "symbol": "BTĐKT"}


def _unit_body(unit):
    body = {"issuer_kind": "unit", "body_key": f"unit:{unit.pk}", "unit": unit, "province_id": unit.province_id}
    if unit.kind in TERRITORIAL:
        return {**body, "name": f"Ủy ban nhân dân {KIND_WORDS[unit.kind]} {unit.name}", "symbol": "UBND"}
    return {**body, "name": unit.name, "symbol": unit.code.upper()[:20] or "UBND"}


def _typed_papers(apps):
    """(code, paper type, field, object, typed number, day, body, summary) of every paper with a typed number."""
    Meeting = apps.get_model("voting", "Meeting")
    Proposal = apps.get_model("proposals", "Proposal")
    meetings = Meeting.objects.select_related("province", "cluster_year__cluster")
    for meeting in meetings.exclude(minutes_number=""):
        conference = meeting.kind == "conference"
        body = _cluster_body(meeting.cluster_year.cluster) if conference else _board_body(meeting.province)
        yield ("voting.minutes", "bien_ban", "minutes_number", meeting, meeting.minutes_number, meeting.held_on,
               body, meeting.title)
    for meeting in meetings.filter(kind="conference").exclude(submission_number=""):
        summary = f"Đề nghị khen thưởng năm {meeting.cluster_year.year} ({meeting.title})"
        yield ("voting.submission", "to_trinh", "submission_number", meeting, meeting.submission_number,
               meeting.held_on, _cluster_body(meeting.cluster_year.cluster), summary)
    proposals = Proposal.objects.select_related("province", "unit", "cluster_year__cluster")
    for proposal in proposals.exclude(submission_number=""):
        if proposal.proposer_kind == "unit":
            body = _unit_body(proposal.unit)
        elif proposal.proposer_kind == "cluster":
            body = _cluster_body(proposal.cluster_year.cluster)
        else:
            body = _board_body(proposal.province)
        day = proposal.submission_date or proposal.created_at.date()
        yield ("proposals.submission", "to_trinh", "submission_number", proposal, proposal.submission_number, day,
               body, proposal.title)


def _drop(apps, paper, field, typed, why):
    ActivityLogEntry = apps.get_model("core", "ActivityLogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind = ContentType.objects.get_or_create(app_label=paper._meta.app_label, model=paper._meta.model_name)[0]
    setattr(paper, field, "")
    paper.save(update_fields=[field])
    ActivityLogEntry.objects.create(
        action="register.typed_number_dropped",
        content_type=kind,
        object_id=str(paper.pk),
        object_repr=str(getattr(paper, "title", ""))[:300],
        province_id=paper.province_id,
        unit_id=getattr(paper, "unit_id", None),
        old_values={field: typed},
        note=why,
    )


def forwards(apps, schema_editor):
    Register = apps.get_model("registers", "Register")
    Entry = apps.get_model("registers", "Entry")
    numbered = set(Entry.objects.values_list("paper_code", "object_id"))
    taken = {(body, year, n) for body, year, n in Entry.objects.values_list("register__body_key", "register__year",
                                                                           "number")}
    groups = {}
    for code, paper_type, field, paper, typed, day, body, summary in _typed_papers(apps):
        if (code, paper.pk) in numbered:
            continue
        match = TYPED.match(typed)
        if match is None:
            _drop(apps, paper, field, typed, "Số gõ tay không theo dạng “số/ký hiệu”: văn bản trở lại dự thảo.")
            continue
        key = (body["body_key"], day.year, int(match.group(1)))
        groups.setdefault(key, []).append((code, paper_type, field, paper, typed, day, body, summary, match))
    for key, papers in groups.items():
        if len(papers) > 1 or key in taken:
            for code, _type, field, paper, typed, *_rest in papers:
                _drop(apps, paper, field, typed,
                      "Số gõ tay trùng với văn bản khác trong cùng sổ văn bản đi: văn bản trở lại dự thảo, "
                      "hãy bấm “Cấp số”.")
            continue
        code, paper_type, field, paper, typed, day, body, summary, match = papers[0]
        fields = {k: v for k, v in body.items() if k != "body_key"}
        register, _created = Register.objects.get_or_create(body_key=body["body_key"], year=day.year,
                                                            defaults=fields)
        number, symbol = int(match.group(1)), match.group(2)[:40]
        Entry.objects.create(
            register=register, number=number, symbol=symbol, paper_type=paper_type, paper_code=code,
            object_id=paper.pk, summary=summary[:500], folded_summary=fold(f"{number}/{symbol} {summary}")[:500],
            issued_on=day,
        )
        if register.next_number <= number:
            register.next_number = number + 1
            register.save(update_fields=["next_number"])


class Migration(migrations.Migration):
    dependencies = [
        ("registers", "0001_initial"),
        ("voting", "0003_sealed_ballots"),
        ("proposals", "0002_forward_to_central"),
        ("core", "0002_job_run"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
