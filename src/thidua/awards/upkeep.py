"""Keeping an installation's award catalogue and national rule sets at this edition of the legal data.

An upgrade changes the legal data in code, not in a migration, so `migrate` alone would leave an installation on the
old coefficients and citations until an operator remembered `manage.py ensure_award_rules`. The post_migrate handler
below runs the same step after every `migrate`, so the deployment's usual command is enough. An empty database (a
fresh installation, a test database) is left alone: `setup_province` fills it.
"""

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from thidua.awards.catalogue import ensure_catalogue
from thidua.awards.legal_bases import correct_rule_sets, ensure_rule_sets
from thidua.awards.models import AwardForm


@dataclass(frozen=True)
class Upkeep:
    forms: int  # catalogue rows created
    rule_sets: int  # national rule sets created
    corrected: int  # rule sets superseded by a corrected version

    @property
    def changed(self):
        return bool(self.forms or self.rule_sets or self.corrected)

    def summary(self):
        return (
            f"Danh mục: thêm {self.forms} dòng; bộ quy định: thêm {self.rule_sets}, "
            f"sửa theo đối chiếu pháp lý {self.corrected}."
        )


@transaction.atomic
def ensure_award_rules():
    """Create what is missing and supersede what an older edition wrote; running it again changes nothing."""
    forms = ensure_catalogue()
    corrected = len(correct_rule_sets())
    rule_sets = ensure_rule_sets()
    return Upkeep(forms=forms, rule_sets=rule_sets, corrected=corrected)


def _fully_migrated(alias):
    """No migration of any app is left to apply (`migrate app 0003` to an older state leaves some; the models'
    columns may then be missing)."""
    executor = MigrationExecutor(connections[alias])
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def after_migrate(sender, *, using=DEFAULT_DB_ALIAS, verbosity=1, stdout=None, **kwargs):
    """post_migrate of the awards app: bring an installation in use up to this edition.

    Only `migrate` passes a plan; `flush` (which empties the database, as the tests' teardown does) does not."""
    if "plan" not in kwargs or using != DEFAULT_DB_ALIAS:
        return
    if not _fully_migrated(using) or not AwardForm.objects.using(using).exists():
        return  # empty: setup_province (or the demo) makes the catalogue and the rule sets
    done = ensure_award_rules()
    if done.changed and verbosity >= 1 and stdout is not None:
        stdout.write(f"  ensure_award_rules: {done.summary()}\n")
