from django import template

from security.csp import current_nonce

register = template.Library()


@register.simple_tag
def csp_nonce():
    """The nonce that lets this response's inline <script> run under the CSP."""
    return current_nonce()
