"""Pages for criteria frameworks: list, tree, export/import, copy, new version, publish, edit an indicator."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.listing import Filter, ListSpec, build_list
from core.views import apply_validation_error, flash_error
from standards.computations.registry import COMPUTATIONS
from standards.exchange import framework_workbook, read_workbook
from standards.forms import CopyFrameworkForm, FrameworkForm, ImportFrameworkForm, IndicatorForm
from standards.models import Framework, Indicator
from standards.permissions import manages_framework, manages_some_framework, reads_frameworks
from standards.selectors import framework_tree
from standards.services import frameworks as services
from standards.services.framework_data import framework_data, validate_data
from standards.views.common import decimal_input, download, require, visible_framework

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _search(queryset, text):
    from core.text import search_key

    words = search_key(text).split()
    matches = [pk for pk, name, code in queryset.values_list("pk", "name", "code")
               if all(w in search_key(f"{name} {code}") for w in words)]
    return queryset.filter(pk__in=matches)


@login_required
def framework_list(request):
    require(reads_frameworks(request.user))
    queryset = (Framework.objects.visible_to(request.user).select_related("province")
                .annotate(indicator_count=Count("indicators", distinct=True),
                          assessment_count=Count("assessments", distinct=True)))
    spec = ListSpec(
        sorts={"name": (gettext_lazy("Name"), "name"), "code": (gettext_lazy("Code"), "code"),
               "number": (gettext_lazy("Version"), "number")},
        default_sort="code", search=_search,
        filters=[Filter("status", gettext_lazy("Status"), Framework.Status.choices,
                        lambda qs, v: qs.filter(status=v))],
    )
    context = build_list(request, queryset, spec)
    context["can_import"] = manages_some_framework(request.user)
    return render(request, "standards/framework_list.html", context)


@login_required
def framework_detail(request, pk: int):
    require(reads_frameworks(request.user))
    framework = visible_framework(request, pk)
    tree = framework_tree(framework)
    by_criterion: dict[int, list] = {}
    for indicator in tree.indicators:
        indicator.level_targets = [tree.targets.get(indicator.pk, {}).get(lv.pk) for lv in tree.levels]
        indicator.computation_label = COMPUTATIONS[indicator.computation].label if indicator.is_computed else ""
        by_criterion.setdefault(indicator.criterion_id, []).append(indicator)
    groups = []
    criteria = {}
    for indicator in tree.indicators:
        criteria.setdefault(indicator.criterion.group_id, {}).setdefault(indicator.criterion_id, indicator.criterion)
    for group in tree.groups:
        groups.append((group, [(c, by_criterion[c.pk]) for c in criteria.get(group.pk, {}).values()]))
    manages = manages_framework(request.user, framework)
    return render(request, "standards/framework_detail.html", {
        "framework": framework, "tree": tree, "groups": groups, "manages": manages,
        "editable": manages and not framework.is_locked,
        "computed_count": len(tree.computed), "versions": Framework.objects.filter(code=framework.code),
        "can_copy": manages_some_framework(request.user) and framework.status != Framework.Status.DRAFT,
    })


@login_required
def framework_export(request, pk: int, fmt: str):
    require(reads_frameworks(request.user))
    framework = visible_framework(request, pk)
    if fmt not in ("json", "xlsx"):
        raise Http404
    name = f"{framework.code}-v{framework.number}"
    if fmt == "json":
        content = json.dumps(framework_data(framework), ensure_ascii=False, indent=2).encode("utf-8")
        return download(content, f"{name}.json", "application/json")
    return download(framework_workbook(framework), f"{name}.xlsx", XLSX)


def _read_upload(upload) -> dict:
    name = (upload.name or "").lower()
    if name.endswith(".json"):
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValidationError(_("The file is not valid JSON.")) from error
    return read_workbook(upload)


@login_required
def framework_import(request):
    """Step 1: upload and preview (nothing written); step 2: confirm the previewed data."""
    require(manages_some_framework(request.user))
    form = ImportFrameworkForm(request.POST or None, request.FILES or None, user=request.user)
    preview = None
    if request.method == "POST" and request.POST.get("confirm"):
        province = None
        if request.POST.get("province_id"):
            province = get_object_or_404(form.fields["province"].queryset, pk=request.POST["province_id"])
        try:
            framework = services.import_framework(actor=request.user, data=json.loads(request.POST["payload"]),
                                                  province=province)
        except (ValidationError, ValueError) as error:
            flash_error(request, error if isinstance(error, ValidationError) else ValidationError(str(error)))
        else:
            messages.success(request, _("Imported %(name)s as a draft.") % {"name": framework})
            return redirect("standards:framework_detail", pk=framework.pk)
    elif request.method == "POST" and form.is_valid():
        try:
            data = _read_upload(form.cleaned_data["file"])
            clean = validate_data(data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            indicators = [i for g in clean["groups"] for c in g["criteria"] for i in c["indicators"]]
            preview = {"data": clean, "payload": json.dumps(data, ensure_ascii=False, default=str),
                       "indicators": indicators, "computed": sum(1 for i in indicators if i["kind"] == "computed"),
                       "province": form.cleaned_data.get("province"),
                       "exists": Framework.objects.filter(code=clean["code"]).exists()}
    return render(request, "standards/framework_import.html", {"form": form, "preview": preview})


@login_required
def framework_copy(request, pk: int):
    framework = visible_framework(request, pk)
    require(manages_some_framework(request.user))
    form = CopyFrameworkForm(request.POST or None, user=request.user,
                             initial={"name": framework.name, "code": f"{framework.code}-TINH"})
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.copy_framework(actor=request.user, framework=framework,
                                           province=form.cleaned_data["province"], code=form.cleaned_data["code"],
                                           name=form.cleaned_data["name"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The province's draft framework is ready to adapt."))
            return redirect("standards:framework_detail", pk=copy.pk)
    return render(request, "core/form_page.html", {
        "form": form, "title": _("Copy %(name)s for a province") % {"name": framework},
        "cancel_url": reverse("standards:framework_detail", args=[framework.pk])})


def _post_action(request, pk: int, action, success: str):
    framework = visible_framework(request, pk)
    require(manages_framework(request.user, framework))
    try:
        result = action(actor=request.user, framework=framework)
    except ValidationError as error:
        flash_error(request, error)
        return redirect("standards:framework_detail", pk=framework.pk)
    messages.success(request, success)
    return redirect("standards:framework_detail", pk=(result or framework).pk) if result else redirect(
        "standards:framework_list")


@login_required
@require_POST
def framework_new_version(request, pk: int):
    return _post_action(request, pk, services.new_version, _("A draft of the next version was created."))


@login_required
@require_POST
def framework_publish(request, pk: int):
    return _post_action(request, pk, services.publish_framework, _("The framework version is published."))


@login_required
@require_POST
def framework_delete(request, pk: int):
    return _post_action(request, pk, services.delete_draft, _("The draft was deleted."))


@login_required
def framework_edit(request, pk: int):
    framework = visible_framework(request, pk)
    require(manages_framework(request.user, framework))
    if framework.is_locked:
        messages.error(request, _("This framework version is published or used by an assessment: it cannot be "
                                  "edited, only superseded by a new version."))
        return redirect("standards:framework_detail", pk=framework.pk)
    form = FrameworkForm(request.POST or None, instance=framework)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_framework(actor=request.user, framework=form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": framework})
            return redirect("standards:framework_detail", pk=framework.pk)
    return render(request, "core/form_page.html", {
        "form": form, "title": _("Edit %(name)s") % {"name": framework},
        "cancel_url": reverse("standards:framework_detail", args=[framework.pk])})


@login_required
def indicator_edit(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.select_related("framework", "criterion"),
                                  pk=pk, framework__in=Framework.objects.visible_to(request.user))
    framework = indicator.framework
    require(manages_framework(request.user, framework))
    levels = list(framework.levels.all())
    targets = {t.level_id: t.value for t in indicator.targets.all()}
    initial = {"text": indicator.text, "guidance": indicator.guidance, "comparator": indicator.comparator}
    initial.update({f"target_{lv.pk}": str(targets[lv.pk]).replace(".", ",") if lv.pk in targets else ""
                    for lv in levels})
    form = IndicatorForm(request.POST or None, levels=levels, initial=initial)
    if framework.is_locked:
        messages.error(request, _("This framework version is published or used by an assessment: it cannot be "
                                  "edited, only superseded by a new version."))
        return redirect("standards:framework_detail", pk=framework.pk)
    if request.method == "POST" and form.is_valid():
        try:
            values = {lv.pk: decimal_input(form.cleaned_data[f"target_{lv.pk}"], f"target_{lv.pk}") for lv in levels}
            services.update_indicator(actor=request.user, indicator=indicator, text=form.cleaned_data["text"],
                                      guidance=form.cleaned_data["guidance"],
                                      comparator=form.cleaned_data["comparator"], targets=values)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Saved indicator %(code)s.") % {"code": indicator.code})
            return redirect("standards:framework_detail", pk=framework.pk)
    return render(request, "core/form_page.html", {
        "form": form, "title": _("Indicator %(code)s") % {"code": indicator.code},
        "cancel_url": reverse("standards:framework_detail", args=[framework.pk])})

