from django import template

from core.money import amount_in_words, format_money

register = template.Library()


@register.filter
def money(value) -> str:
    """1250000 -> "1.250.000 đ"."""
    return format_money(value)


@register.filter
def in_words(value) -> str:
    return amount_in_words(value)


@register.filter
def quantity(value) -> str:
    """2.00 -> "2", 2.50 -> "2,5"."""
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", ",")
