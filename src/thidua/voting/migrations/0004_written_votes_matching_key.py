"""Written votes: the plain `pending_choices` column goes; a pending entry keeps only a digest under a matching key.

A written vote still pending when this migration runs cannot be converted: its matching key would have to be
written on the paper's envelope by the person who typed it, and a digest made here from the plain choices would
leave those choices behind in this migration's own inputs. Such an entry is cancelled (state "rejected" with a
reason) and the activity log says it must be entered again; its plain choices are erased with the column. Closed
ballots are unaffected: a ballot cannot close while a written vote is pending, and a confirmed entry holds no
choice already.
"""

from django.db import migrations, models

CANCELLED = "Hủy khi nâng cấp: phiếu bằng văn bản chưa xác nhận phải được nhập lại từ đầu (có mã đối chiếu)."


def cancel_pending(apps, schema_editor):
    WrittenVote = apps.get_model("voting", "WrittenVote")
    ActivityLogEntry = apps.get_model("core", "ActivityLogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    pending = list(WrittenVote.objects.filter(state="entered").select_related("ballot__meeting", "voter__delegate"))
    if not pending:
        return
    kind, _created = ContentType.objects.get_or_create(app_label="voting", model="writtenvote")
    for written in pending:
        written.state = "rejected"
        written.reject_reason = CANCELLED
        written.pending_choices = None
        written.save(update_fields=["state", "reject_reason", "pending_choices"])
        ActivityLogEntry.objects.create(
            action="ballot.written_vote_cancelled",
            content_type=kind,
            object_id=str(written.pk),
            object_repr=f"{written.voter_id}: rejected",
            province_id=written.ballot.meeting.province_id,
            new_values={"delegate": written.voter.delegate.full_name},
            note=CANCELLED,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_job_run"),
        ("voting", "0003_sealed_ballots"),
    ]

    operations = [
        migrations.RunPython(cancel_pending, migrations.RunPython.noop),
        migrations.RemoveField(model_name="writtenvote", name="pending_choices"),
        migrations.AddField(
            model_name="writtenvote",
            name="digest",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="writtenvote",
            name="salt",
            field=models.CharField(blank=True, editable=False, max_length=32),
        ),
        migrations.AddField(
            model_name="writtenvote",
            name="failed_matches",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="writtenvote",
            name="entered_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
