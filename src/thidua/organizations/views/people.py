"""Pages that keep people: add a person with their post, correct them, add or correct a post, transfer.

Each page asks the same rules permission as the API and the service, runs one service through core.web.run and
shows a refusal as a message (the service wrote nothing)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.web import form_errors, require, run
from thidua.organizations import selectors
from thidua.organizations.forms.people import NewPersonForm, NewPositionForm, PersonForm, PositionForm, TransferForm
from thidua.organizations.models import Person, Position, Unit
from thidua.organizations.services import people as services


def _person(pk):
    return get_object_or_404(Person.objects.select_related("province").prefetch_related("positions"), pk=pk)


@login_required
def person_create(request):
    require(request, "organizations.add_person")
    units = selectors.units_for_new_people(request.user)
    initial = {"unit": units.first().pk} if units.count() == 1 else {}
    form = NewPersonForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            done, person = run(
                request,
                lambda: services.create_person(
                    actor=request.user,
                    full_name=data["full_name"],
                    gender=data["gender"],
                    birth_date=data["birth_date"],
                    is_direct_labourer=data["is_direct_labourer"],
                    unit=data["unit"],
                    title=data["title"],
                    valid_from=data["valid_from"],
                ),
                _("Đã thêm cá nhân."),
            )
            if done:
                return redirect("organizations:person_detail", person.pk)
        else:
            form_errors(request, form)
    return render(request, "organizations/person_form.html", {"form": form, "person": None})


@login_required
def person_edit(request, pk):
    person = _person(pk)
    require(request, "organizations.change_person", person)
    fields = ("full_name", "gender", "birth_date", "is_direct_labourer", "version")
    form = PersonForm(request.POST or None, initial={name: getattr(person, name) for name in fields})
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            seen = data.pop("version")
            done, _result = run(
                request,
                lambda: services.update_person(person, actor=request.user, seen_version=seen, **data),
                _("Đã lưu thông tin cá nhân."),
            )
            if done:
                return redirect("organizations:person_detail", person.pk)
            person.refresh_from_db()
            form = PersonForm(initial={**data, "version": person.version})
        else:
            form_errors(request, form)
    return render(request, "organizations/person_form.html", {"form": form, "person": person})


@login_required
def position_add(request, pk):
    person = _person(pk)
    require(request, "organizations.change_person", person)
    form = NewPositionForm(request.POST or None, units=selectors.units_for_new_people(request.user))
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            done, _result = run(
                request,
                lambda: services.add_position(
                    person,
                    actor=request.user,
                    unit=data["unit"],
                    title=data["title"],
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                ),
                _("Đã thêm chức vụ."),
            )
            if done:
                return redirect("organizations:person_detail", person.pk)
        else:
            form_errors(request, form)
    return render(request, "organizations/position_form.html", {"form": form, "person": person, "position": None})


@login_required
def position_edit(request, pk):
    position = get_object_or_404(Position.objects.select_related("unit__province", "person"), pk=pk)
    require(request, "organizations.change_position", position)
    fields = ("title", "valid_from", "valid_to", "version")
    form = PositionForm(request.POST or None, initial={name: getattr(position, name) for name in fields})
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            seen = data.pop("version")
            done, _result = run(
                request,
                lambda: services.update_position(position, actor=request.user, seen_version=seen, **data),
                _("Đã lưu chức vụ."),
            )
            if done:
                return redirect("organizations:person_detail", position.person_id)
            position.refresh_from_db()
            form = PositionForm(initial={**data, "version": position.version})
        else:
            form_errors(request, form)
    context = {"form": form, "person": position.person, "position": position}
    return render(request, "organizations/position_form.html", context)


def _transferable(request, person):
    today = timezone.localdate()
    return [
        p
        for p in selectors.positions_of(person)
        if p.is_current(today) and request.user.has_perm("organizations.change_position", p)
    ]


@login_required
def person_transfer(request, pk):
    person = _person(pk)
    require(request, "organizations.change_person", person)
    current = _transferable(request, person)
    positions = Position.objects.filter(pk__in=[p.pk for p in current]).select_related("unit", "person")
    chosen = next((p for p in current if str(p.pk) == request.POST.get("position")), current[0] if current else None)
    units = selectors.transfer_targets(chosen) if chosen else Unit.objects.none()
    form = TransferForm(request.POST or None, positions=positions, units=units)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            done, _result = run(
                request,
                lambda: services.transfer_person(
                    data["position"],
                    actor=request.user,
                    to_unit=data["to_unit"],
                    title=data["title"],
                    date=data["date"],
                ),
                _("Đã ghi chuyển công tác."),
            )
            if done:
                return redirect("organizations:person_detail", person.pk)
        else:
            form_errors(request, form)
    return render(request, "organizations/person_transfer.html", {"form": form, "person": person, "current": current})
