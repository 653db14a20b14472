"""Factories for the proposals tests."""

import datetime

import factory

from thidua.proposals.enums import ProposerKind
from thidua.proposals.models import Proposal, ProposalItem

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    proposer_kind = ProposerKind.CLUSTER
    year = 2023
    title = factory.Sequence(lambda n: f"Đề nghị tặng Cờ thi đua cấp tỉnh năm 2023 (số {n})")
    submission_number = factory.Sequence(lambda n: f"{n + 1:02d}/TTr-CTĐ")
    submission_date = datetime.date(2024, 1, 15)
    signer_name = "Trưởng Cụm Thử"
    signer_title = "Chủ tịch UBND huyện, Trưởng Cụm"

    @factory.lazy_attribute
    def province(self):
        if self.cluster_year is not None:
            return self.cluster_year.cluster.province
        if self.unit is not None:
            return self.unit.province
        raise ValueError("a board proposal needs a province")

    cluster_year = None
    unit = None


class ProposalItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalItem

    proposal = factory.SubFactory(ProposalFactory)
    position = factory.Sequence(lambda n: n + 1)
    year = 2023
    summary = "Hoàn thành xuất sắc nhiệm vụ năm 2023, dẫn đầu phong trào thi đua của Cụm."
