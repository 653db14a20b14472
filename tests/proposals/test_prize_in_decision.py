"""The Quyết định prints the prize by the decree and base salary in force on its date (law-check C-12, C-15)."""

import datetime

from tests.proposals.helpers import text_of, voted
from thidua.awards.models import AwardForm
from thidua.awards.prizes import PrizeTable
from thidua.proposals import documents, dossier, selectors, services


def decided(world, day):
    proposal = voted(world, form="bang-khen-tinh")
    services.record_decision(
        proposal,
        actor=world.board,
        number="150/QĐ-UBND",
        decision_date=day,
        signer_name="Lê Văn Ký",
        signer_title="Chủ tịch",
    )
    proposal = selectors.proposal_qs().get(pk=proposal.pk)
    return text_of(dossier.to_docx(dossier.build_paper(proposal, "quyet-dinh")))


def test_a_2025_decision_prints_the_nd152_rate_and_the_list_its_amounts(world):
    text = decided(world, datetime.date(2025, 8, 15))
    assert (
        "Điều 2. Kèm theo mức tiền thưởng bằng 3 lần mức lương cơ sở (2.340.000 đồng, theo Nghị định 73/2024/NĐ-CP), "
        "làm tròn là 7.020.000 đồng cho mỗi tập thể, cá nhân, theo Nghị định 152/2025/NĐ-CP; tổng số "
        "tiền thưởng 14.040.000 đồng." in text
    )
    assert "Tiền thưởng (đồng)" in text
    assert text.count("7.020.000") == 3  # Điều 2 and the two lines of the list


def test_a_january_2024_decision_prints_the_nd98_rate_on_the_base_salary_of_then(world):
    text = decided(world, datetime.date(2024, 1, 30))
    assert (
        "bằng 2 lần mức lương cơ sở (1.800.000 đồng, theo Nghị định 24/2023/NĐ-CP), làm tròn là 3.600.000 đồng" in text
    )


def test_the_chairmans_bang_khen_for_a_person_2025_and_2024(db):
    from thidua.awards.catalogue import ensure_catalogue

    ensure_catalogue()
    form = AwardForm.objects.get(code="bang-khen-tinh-ca-nhan")
    table = PrizeTable()
    after = documents._prize_article([table.prize(form, datetime.date(2025, 10, 28))]).text
    before = documents._prize_article([table.prize(form, datetime.date(2024, 10, 28))]).text
    assert after.startswith("Điều 2. Kèm theo mức tiền thưởng bằng 1,5 lần mức lương cơ sở (2.340.000 đồng")
    assert "làm tròn là 3.510.000 đồng" in after
    assert "theo Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1" in after
    assert before.startswith("Điều 2. Kèm theo mức tiền thưởng bằng 1 lần mức lương cơ sở (2.340.000 đồng")
    assert "làm tròn là 2.340.000 đồng" in before


def test_without_a_base_salary_the_decision_says_so_instead_of_guessing(db):
    from thidua.awards.catalogue import ensure_catalogue
    from thidua.awards.models import BaseSalary

    ensure_catalogue()
    BaseSalary.objects.all().delete()
    form = AwardForm.objects.get(code="bang-khen-tinh-ca-nhan")
    prize = PrizeTable().prize(form, datetime.date(2025, 10, 28))
    assert documents._prize_article([prize]).text == "Điều 2. Tiền thưởng kèm theo thực hiện theo quy định hiện hành."
