"""The frame of every page (assets, top bar, footer) as fragments kept per language (`core.fragments`).

Loaded in templates as `{% load chrome %}` (registered in settings.TEMPLATES). The markup lives in
`_page_assets.html`, `_page_header.html` and `_page_footer.html`; only the token, the page's address, the
user's name and the menu are filled in per request.
"""

from django import template

from core.fragments import Fragment

register = template.Library()

_ASSETS = Fragment("_page_assets.html", slots=())
_HEADER = Fragment("_page_header.html", slots=("csrf_token", "next_path", "display_name", "mainnav"))
_FOOTER = Fragment("_page_footer.html", slots=())


@register.simple_tag
def page_assets():
    return _ASSETS.render({}, {})


@register.simple_tag(takes_context=True)
def page_header(context):
    request, user = context.get("request"), context.get("user")
    authenticated = bool(user is not None and user.is_authenticated)
    return _HEADER.render({"authenticated": authenticated}, {
        "csrf_token": context.get("csrf_token") or "",
        "next_path": request.get_full_path() if request is not None else "",
        "display_name": user.display_name if authenticated else "",
        "mainnav": context.get("mainnav") or "",
    })


@register.simple_tag
def page_footer():
    return _FOOTER.render({}, {})
