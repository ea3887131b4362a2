"""Filters of the practice profile pages."""

from django import template

from macpu.practice.rules.profile import Commitment, Timescale

register = template.Library()


@register.filter
def describe_timescale(timescale: Timescale, commitment: str) -> str:
    """ "Within 1 working day", "3 working days before": a commitment's timescale in words."""
    return timescale.describe(Commitment(commitment))
