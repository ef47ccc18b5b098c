"""`{% reports_dashboard %}`: the dashboard partial with its own context, for the home page."""

from django import template

from reports.dashboard import dashboard_context

register = template.Library()


@register.inclusion_tag("reports/_dashboard.html", takes_context=True)
def reports_dashboard(context):
    request = context["request"]
    return {"dashboard": dashboard_context(request), "request": request}
