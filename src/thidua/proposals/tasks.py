"""Background tasks (django-tasks). Thin wrappers: the work is in services."""

from django_tasks import task

from thidua.proposals.services import send_proposal_reminders


@task()
def send_proposal_reminders_task():
    """Queue daily (e.g. from cron: enqueue, then a db_worker runs it); returns the number of notifications."""
    return send_proposal_reminders()
