from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_year_and_kind(apps, schema_editor):
    membership = apps.get_model("organizations", "ClusterMembership")
    cluster_year = apps.get_model("organizations", "ClusterYear").objects.filter(pk=OuterRef("cluster_year_id"))
    membership.objects.update(
        year=Subquery(cluster_year.values("year")[:1]),
        cluster_kind=Subquery(cluster_year.values("cluster__kind")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="cluster",
            name="founding_decision_date",
            field=models.DateField(blank=True, null=True, verbose_name="ngày quyết định thành lập"),
        ),
        migrations.AddField(
            model_name="cluster",
            name="version",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="clustermembership",
            name="year",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="clustermembership",
            name="cluster_kind",
            field=models.CharField(
                choices=[("cum", "cụm thi đua"), ("khoi", "khối thi đua")], default="cum", editable=False, max_length=10
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_year_and_kind, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="clustermembership",
            constraint=models.UniqueConstraint(
                fields=("unit", "year", "cluster_kind"), name="membership_one_cluster_a_year"
            ),
        ),
    ]
