"""Writes about units, their history and clusters: `lineage` (units, names, lineage events) and `clusters`
(clusters, their years, members, leaders and rotation). Callers import them from here."""

from thidua.organizations.services.clusters import (
    add_to_rotation,
    close_cluster,
    cluster_year_state,
    found_cluster,
    move_in_rotation,
    open_cluster_year,
    open_next_year,
    register_next_year_copier,
    remove_from_rotation,
    set_cluster_year_leaders,
    set_cluster_year_members,
    set_rotation,
    update_cluster,
    update_cluster_year,
)
from thidua.organizations.services.lineage import create_unit, record_lineage_event, rename_unit, units_by_code

__all__ = [
    "add_to_rotation",
    "close_cluster",
    "cluster_year_state",
    "create_unit",
    "found_cluster",
    "move_in_rotation",
    "open_cluster_year",
    "open_next_year",
    "record_lineage_event",
    "register_next_year_copier",
    "remove_from_rotation",
    "rename_unit",
    "set_cluster_year_leaders",
    "set_cluster_year_members",
    "set_rotation",
    "units_by_code",
    "update_cluster",
    "update_cluster_year",
]
