"""Pages to upload a unit/employee file, follow its import and read the result (Admin Pemda)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sikap.core.models import TaskProgress
from sikap.org.domain import import_queue, imports_fail_stale
from sikap.org.imports import template_files
from sikap.org.imports.forms import ImportUploadForm
from sikap.org.imports.queries import import_progress_get, may_import

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    pemda = request.pemda  # type: ignore[attr-defined]
    if not may_import(request.user, pemda):
        raise Http404
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        progress = import_queue(
            actor=request.user,
            pemda=pemda,
            what=form.cleaned_data["what"],
            file_name=upload_file.name,
            data=upload_file.read(),
        )
        return redirect("org_import:progress", pk=progress.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "org/import/upload.html", {"form": form}, status=status)


def _current(request: HttpRequest, pk: int) -> TaskProgress:
    """The user's import; one whose process died is closed here rather than polled forever."""
    item = import_progress_get(request.user, pk)
    if not item.finished and imports_fail_stale(progress_ids=[item.pk]):
        item = import_progress_get(request.user, pk)
    return item


@login_required
@require_GET
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    item = _current(request, pk)
    return render(request, "org/import/progress.html", {"progress": item})


@login_required
@require_GET
def status(request: HttpRequest, pk: int) -> HttpResponse:
    item = _current(request, pk)
    return render(request, "org/import/_status.html", {"progress": item})


@login_required
@require_GET
def template(request: HttpRequest, what: str, fmt: str) -> HttpResponse:
    if (
        what not in template_files.KINDS
        or fmt not in FORMATS
        or not may_import(request.user, request.pemda)  # type: ignore[attr-defined]
    ):
        raise Http404
    build = template_files.template_csv if fmt == "csv" else template_files.template_xlsx
    response = HttpResponse(build(what), content_type=FORMATS[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{template_files.file_name(what, fmt)}"'
    )
    return response
