"""The current request's CSP nonce, for templates rendered without the request.

Wagtail renders form widgets and admin panels without a request in their context, yet a
few of them contain inline <script> blocks. The middleware remembers the request for
the duration of the response so `{% csp_nonce %}` can give those scripts the nonce.
"""

from contextvars import ContextVar

current_request = ContextVar("current_request", default=None)


def current_nonce():
    request = current_request.get()
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


class CurrentRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
