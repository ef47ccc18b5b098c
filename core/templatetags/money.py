"""{% load money %}: amounts in đồng as "1.250.000 đ" and in Vietnamese words."""

from django import template

from core.money import amount_in_words, format_money

register = template.Library()


@register.filter
def money(value):
    return format_money(value)


@register.filter
def in_words(value):
    return "" if value is None or value == "" else amount_in_words(value)
