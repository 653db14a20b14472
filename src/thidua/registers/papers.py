"""The papers a register numbers. An app registers each kind of paper it writes that is issued with a number:
how to load it, who issues it (a unit, a cluster, the board), which permission its owner holds, its trích yếu,
and what to record on the paper's own row once it has a number. The register knows nothing else of the apps."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from thidua.organizations.enums import UnitKind
from thidua.registers.enums import IssuerKind

CLUSTER_SYMBOL = "CTĐ"
BOARD_SYMBOL = "BTĐKT"
UNIT_SYMBOL = "UBND"


@dataclass(frozen=True)
class Issuer:
    """An issuing body: what its register is keyed by and how its papers' symbols end."""

    kind: str
    province: Any
    name: str
    symbol: str
    unit: Any = None
    cluster: Any = None

    @property
    def body_key(self):
        target = {IssuerKind.UNIT: self.unit, IssuerKind.CLUSTER: self.cluster}.get(self.kind, self.province)
        return f"{self.kind}:{target.pk}"


def unit_issuer(unit):
    """A district or commune issues as its people's committee ("UBND"); an agency by its own name."""
    if unit.kind in UnitKind.territorial():
        name = _("Ủy ban nhân dân %(u)s") % {"u": unit.full_name}
        return Issuer(IssuerKind.UNIT, unit.province, name, UNIT_SYMBOL, unit=unit)
    return Issuer(IssuerKind.UNIT, unit.province, unit.full_name, unit.code.upper()[:20] or UNIT_SYMBOL, unit=unit)


def cluster_issuer(cluster):
    return Issuer(IssuerKind.CLUSTER, cluster.province, cluster.name, CLUSTER_SYMBOL, cluster=cluster)


def board_issuer(province):
    name = _("Ban Thi đua - Khen thưởng tỉnh %(p)s") % {"p": province.name}
    return Issuer(IssuerKind.BOARD, province, name, BOARD_SYMBOL)


@dataclass(frozen=True)
class PaperSpec:
    code: str  # "proposals.submission"
    label: str  # shown in the register
    paper_type: str  # enums.PaperType
    load: Any  # pk -> the object (raises DoesNotExist)
    issuer: Any  # object -> Issuer
    perm: str  # the owner's permission: issuing asks it on the object
    view_perm: str  # who may see that the paper exists (else 404)
    summary: Any  # object -> trích yếu
    on_issue: Any = None  # (object, entry) -> None: write the number on the paper's own row
    url: Any = None  # object -> the page of the paper


PAPERS = {}


def register_paper(spec):
    PAPERS[spec.code] = spec
    return spec


def paper_spec(code):
    return PAPERS.get(code)
