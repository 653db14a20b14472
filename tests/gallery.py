"""The official papers the system issues, each rendered from the demo year: what tests/core/test_paper_render.py
checks and what docs/papers.md shows. With GALLERY_DIR set, the render test also writes a small PNG of each
paper's first page there (pdftoppm), which is how docs/papers/*.png are made:

    GALLERY_DIR=docs/papers .venv/bin/python -m pytest -q -p no:randomly tests/core/test_paper_render.py
"""

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import transaction

from thidua.emulation import documents as emulation_documents
from thidua.emulation.models import Pledge
from thidua.emulation.views.registrations import _leader_head_name
from thidua.proposals import dossier
from thidua.proposals.enums import ProposerKind
from thidua.proposals.models import Proposal
from thidua.reports.documents import summary_docx
from thidua.reports.summary import build_cluster_summary
from thidua.reports.summary_province import build_province_summary
from thidua.scoring.documents import ranking_docx, ranking_sheet
from thidua.voting import documents as voting_documents
from thidua.voting.enums import BallotState


@dataclass(frozen=True)
class Paper:
    key: str
    render: object  # world -> (docx bytes, pdf bytes or None)
    has_pdf: bool = True


@dataclass(frozen=True)
class Rendered:
    docx: bytes
    pdf: bytes | None


@dataclass
class World:
    cluster_proposal: Proposal
    unit_proposal: Proposal

    @property
    def conference(self):
        return self.cluster_proposal.conference

    @property
    def cluster_year(self):
        return self.conference.cluster_year


def _voting(build):
    def render(world):
        doc = build(world)
        return voting_documents.to_docx(doc), voting_documents.to_pdf(doc)

    return render


def _proposal(kind, which="cluster_proposal"):
    def render(world):
        proposal = getattr(world, which)
        item_pk = proposal.items.order_by("position").values_list("pk", flat=True).first()
        doc = dossier.build_paper(proposal, kind, item_pk)
        return dossier.to_docx(doc), dossier.to_pdf(doc)

    return render


def _counted_ballot(world):
    return world.conference.ballots.filter(state=BallotState.CLOSED).order_by("pk").first()


def _pledge(world):
    pledge = Pledge.objects.filter(cluster_year=world.cluster_year).order_by("pk").first()
    return emulation_documents.pledge_docx(pledge), emulation_documents.pledge_pdf(pledge)


def _registration(world):
    year = world.cluster_year
    return emulation_documents.registration_docx(year, signer_name=_leader_head_name(year)), None


PAPERS = [
    Paper("giao-uoc", _pledge),
    Paper("tong-hop-dang-ky", _registration, has_pdf=False),
    Paper("bang-tong-hop-cham-diem", lambda w: (ranking_docx(ranking_sheet(w.cluster_year)), None), has_pdf=False),
    Paper("bien-ban-kiem-phieu", _voting(lambda w: voting_documents.count_minutes(_counted_ballot(w)))),
    Paper("bien-ban-hoi-nghi", _voting(lambda w: voting_documents.meeting_minutes(w.conference))),
    Paper("to-trinh-cum", _voting(lambda w: voting_documents.submission(w.conference))),
    Paper("to-trinh-de-nghi", _proposal("to-trinh")),
    Paper("to-trinh-don-vi", _proposal("to-trinh", "unit_proposal")),
    Paper("bao-cao-thanh-tich", _proposal("bao-cao", "unit_proposal")),
    Paper("bien-ban-hop-xet", _proposal("bien-ban-hop-xet")),
    Paper("quyet-dinh", _proposal("quyet-dinh")),
    Paper("bao-cao-tong-ket-cum", lambda w: (summary_docx(build_cluster_summary(w.cluster_year)), None), has_pdf=False),
    Paper(
        "bao-cao-tong-ket-tinh",
        lambda w: (summary_docx(build_province_summary(w.cluster_year.cluster.province, w.cluster_year.year)), None),
        has_pdf=False,
    ),
]


def render_all():
    """{key: Rendered} of every paper, from the demo loaded in a transaction that is then rolled back."""
    with transaction.atomic():
        call_command("seed_demo", verbosity=0)
        world = World(
            cluster_proposal=Proposal.objects.get(proposer_kind=ProposerKind.CLUSTER),
            unit_proposal=Proposal.objects.get(proposer_kind=ProposerKind.UNIT),
        )
        rendered = {paper.key: Rendered(*paper.render(world)) for paper in PAPERS}
        transaction.set_rollback(True)
    if os.environ.get("GALLERY_DIR"):
        write_thumbnails(rendered, Path(os.environ["GALLERY_DIR"]))
    return rendered


def write_thumbnails(rendered, folder):
    """A greyscale PNG of the first page of each PDF, 480 px high, small enough to commit."""
    folder.mkdir(parents=True, exist_ok=True)
    pdftoppm = shutil.which("pdftoppm")
    for key, paper in rendered.items():
        if paper.pdf is None or pdftoppm is None:
            continue
        subprocess.run(  # noqa: S603 - fixed arguments, the PDF goes through stdin
            [
                pdftoppm,
                "-png",
                "-gray",
                "-scale-to",
                "480",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                "-",
                str(folder / key),
            ],
            input=paper.pdf,
            check=True,
        )
