"""What a user's role assignments cover, read once per request and cached on the user object."""

from dataclasses import dataclass, field

from django.utils import timezone

from thidua.organizations.enums import Role
from thidua.organizations.models import RoleAssignment


@dataclass(frozen=True)
class UserScope:
    is_admin: bool = False
    officer_unit_ids: frozenset = field(default_factory=frozenset)
    head_unit_ids: frozenset = field(default_factory=frozenset)
    secretariat_cluster_year_ids: frozenset = field(default_factory=frozenset)
    board_province_ids: frozenset = field(default_factory=frozenset)
    council_province_ids: frozenset = field(default_factory=frozenset)

    @property
    def unit_ids(self):
        return self.officer_unit_ids | self.head_unit_ids

    @property
    def province_ids(self):
        return self.board_province_ids | self.council_province_ids

    @property
    def roles(self):
        roles = set()
        if self.is_admin:
            roles.add(Role.ADMIN)
        if self.officer_unit_ids:
            roles.add(Role.UNIT_OFFICER)
        if self.head_unit_ids:
            roles.add(Role.UNIT_HEAD)
        if self.secretariat_cluster_year_ids:
            roles.add(Role.CLUSTER_SECRETARIAT)
        if self.board_province_ids:
            roles.add(Role.BOARD_OFFICER)
        if self.council_province_ids:
            roles.add(Role.COUNCIL_MEMBER)
        return roles


EMPTY_SCOPE = UserScope()


def _province_with_predecessors(province_ids):
    # A board of today's province also looks after the records of the provinces merged into it.
    from thidua.organizations.selectors import provinces_and_predecessors  # noqa: PLC0415 - cycle: selectors reads scopes

    return frozenset(provinces_and_predecessors(province_ids))


def scope_of(user):
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return EMPTY_SCOPE
    cached = getattr(user, "_thidua_scope", None)
    if cached is not None:
        return cached

    today = timezone.localdate()
    rows = (
        RoleAssignment.objects.filter(user=user)
        .exclude(valid_from__gt=today)
        .exclude(valid_to__lt=today)
        .values_list("role", "unit_id", "cluster_year_id", "province_id")
    )
    buckets = {role: set() for role in Role.values}
    for role, unit_id, cluster_year_id, province_id in rows:
        buckets[role].add(unit_id or cluster_year_id or province_id or 0)
    scope = UserScope(
        is_admin=user.is_superuser or bool(buckets[Role.ADMIN]),
        officer_unit_ids=frozenset(buckets[Role.UNIT_OFFICER]),
        head_unit_ids=frozenset(buckets[Role.UNIT_HEAD]),
        secretariat_cluster_year_ids=frozenset(buckets[Role.CLUSTER_SECRETARIAT]),
        board_province_ids=_province_with_predecessors(buckets[Role.BOARD_OFFICER]),
        council_province_ids=_province_with_predecessors(buckets[Role.COUNCIL_MEMBER]),
    )
    user._thidua_scope = scope  # noqa: SLF001 - per-request cache on the user object
    return scope


def forget_scope(user):
    if hasattr(user, "_thidua_scope"):
        del user._thidua_scope  # noqa: SLF001
