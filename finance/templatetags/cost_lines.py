from django import template

register = template.Library()


@register.filter
def quantity(value) -> str:
    """2.00 -> "2", 2.50 -> "2,5"."""
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", ",")
