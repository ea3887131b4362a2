"""`{% glossary text %}`: the text, escaped, with each glossary term in it linked to its entry and its meaning
given in place to assistive technology.

Each term becomes a link to the glossary's entry whose name says what the term means (a visually hidden expansion,
read by screen readers, reachable by keyboard and touch, unlike `<abbr title>`). Everything from the text is
escaped: no HTML in it can reach the page. The glossary is read once per request.
"""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from macpu.practice.rules.glossary import GlossaryMatcher, Piece
from macpu.practice.selectors import glossary_matcher

register = template.Library()

_MEMO = "_macpu_glossary_matcher"


def _matcher(context: template.Context) -> GlossaryMatcher:
    request = context.get("request")
    memo: GlossaryMatcher | None = getattr(request, _MEMO, None) if request is not None else None
    if memo is None:
        memo = glossary_matcher()
        if request is not None:
            setattr(request, _MEMO, memo)
    return memo


def _piece_html(piece: Piece, glossary_url: str) -> SafeString:
    if piece.term is None:
        return escape(piece.text)  # always, even a text marked safe elsewhere
    return format_html(
        '<a class="govuk-link app-glossary-term" href="{}#term-{}">{}<span class="govuk-visually-hidden"> '
        "(glossary: {})</span></a>",
        glossary_url,
        piece.term.slug,
        escape(piece.text),
        escape(piece.term.expansion),
    )


def glossary_html(text: str, matcher: GlossaryMatcher) -> SafeString:
    """`text` as HTML with its glossary terms marked up; escaped throughout."""
    url = reverse("practice:glossary")
    # Each piece is escaped (or built by format_html, which escapes its arguments) before they are joined.
    return mark_safe("".join(_piece_html(piece, url) for piece in matcher.pieces(text)))  # noqa: S308


@register.simple_tag(takes_context=True)
def glossary(context: template.Context, text: Any) -> SafeString:
    return glossary_html("" if text is None else str(text), _matcher(context))
