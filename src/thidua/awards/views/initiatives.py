"""Pages for a person's recognised initiatives: the unit's officer (or the board) records them from the
person's award history page; the eligibility conditions that ask for initiatives count them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import services
from thidua.awards.forms import InitiativeForm, RemoveInitiativeForm
from thidua.awards.models import Initiative
from thidua.core.web import form_errors, require, run
from thidua.organizations.models import Person


@login_required
def initiative_add(request, pk):
    person = get_object_or_404(Person.objects.select_related("province"), pk=pk)
    require(request, "awards.record_initiative", person)
    back = reverse("awards:person_awards", args=[person.pk])
    form = InitiativeForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        ok, _result = run(
            request,
            lambda: services.record_initiative(person, actor=request.user, **form.cleaned_data),
            _("Đã ghi sáng kiến."),
        )
        if ok:
            return redirect(back)
    return render(request, "awards/initiative_add.html", {"person": person, "form": form, "back": back})


@login_required
@require_POST
def initiative_remove(request, pk):
    initiative = get_object_or_404(Initiative.objects.select_related("person"), pk=pk)
    require(request, "awards.record_initiative", initiative.person)
    form = RemoveInitiativeForm(request.POST)
    if form.is_valid():
        run(
            request,
            lambda: services.remove_initiative(initiative, actor=request.user, reason=form.cleaned_data["reason"]),
            _("Đã xóa bản ghi sáng kiến."),
        )
    else:
        form_errors(request, form)
    return redirect("awards:person_awards", initiative.person_id)
