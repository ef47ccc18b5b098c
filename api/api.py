"""The JSON API: authentication, error handlers, and each app's router (in the app's own `api` module).

Every endpoint requires authentication and is scoped like the pages."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from api.auth import TokenAuth, UserSessionAuth
from certificates.api import router as certificates_router
from core.warnings import refused_warnings
from curriculum.api import router as curriculum_router
from facilities.api import router as facilities_router
from finance.api import router as finance_router
from lecturers.api import router as lecturers_router
from org.api import router as org_router
from org.api_agreements import router as agreements_router
from people.api import router as people_router
from reports.api import router as reports_router
from standards.api import router as standards_router
from training.api import router as training_router

api = NinjaAPI(
    title="TTCT API",
    version="1",
    description="Political centre management: organisation tree, persons, programmes and classes.",
    auth=[TokenAuth(), UserSessionAuth()],
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    body = {"detail": detail}
    refused = refused_warnings(exc)
    if refused:
        # A warned step without its reason: say which warnings the reason must answer, and where it goes.
        field, warnings = refused
        body.update(reason_field=field, warnings=warnings, message=_(
            "To continue despite these warnings, send the reason in “%(field)s”: %(warnings)s")
            % {"field": field, "warnings": " ".join(warnings)})
    return api.create_response(request, body, status=422)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": "Forbidden"}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(DataError)
def data_error(request, exc):
    # PostgreSQL refuses a value out of its column's range; the request is wrong, not the server. (A text longer
    # than its column is refused before the database, with the field named: core.lengths.)
    return api.create_response(request, {"detail": {"__all__": [_("A value is too long or out of range.")]}},
                               status=422)


@api.exception_handler(IntegrityError)
def integrity_error(request, exc):
    return api.create_response(request, {"detail": {"__all__": [_("The change conflicts with an existing record.")]}},
                               status=422)


api.add_router("/", org_router)
api.add_router("/", people_router)
api.add_router("/curriculum/", curriculum_router)
api.add_router("/training/", training_router)
api.add_router("/certificates/", certificates_router)
api.add_router("/lecturers/", lecturers_router)
api.add_router("/facilities/", facilities_router)
api.add_router("/", agreements_router)
api.add_router("/finance/", finance_router)
api.add_router("/standards/", standards_router)
api.add_router("/reports/", reports_router)
