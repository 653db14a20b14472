"""Background tasks of core. The worker is `manage.py db_worker` (django_tasks_db); the work is in core.jobs."""

from django_tasks import task

from thidua.core.jobs import run_job


@task()
def run_job_task(job_id):
    """Takes only the job's id, so the queue holds nothing but a number; returns the job's final state."""
    return run_job(job_id)
