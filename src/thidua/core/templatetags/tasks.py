"""Pieces of the home page's to-do list: a deadline tag and a progress bar, the same in every app's panel."""

import uuid

from django import template

from thidua.core.home import due

register = template.Library()


@register.inclusion_tag("core/home/_due.html")
def due_tag(on, done=False):
    """'hạn 10/12' with the days left, or 'quá hạn 5 ngày' in red once the day has passed and the work is not done."""
    return {"due": due(on, done=bool(done))}


@register.inclusion_tag("core/home/_progress.html")
def progress_bar(done, total, label):
    """`done`/`total` as a bar with its words beside it (a <progress>: no inline style under the CSP)."""
    done, total = int(done or 0), int(total or 0)
    return {
        "done": done,
        "total": total,
        "label": label,
        "ident": f"progress-{uuid.uuid4().hex[:10]}",
        "complete": total and done >= total,
    }
