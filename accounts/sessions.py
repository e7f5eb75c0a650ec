"""Sessions end after SESSION_IDLE_MINUTES without a request.

Django extends a session's expiry only when the session is saved. Saving it on every
request (SESSION_SAVE_EVERY_REQUEST) would cost a database write per page, so this
middleware saves it at most once per SESSION_REFRESH_SECONDS of activity: the expiry
then trails the last request by SESSION_COOKIE_AGE, give or take that interval.
"""

import time

from django.conf import settings

LAST_REFRESH_KEY = "_last_refresh"


class SessionActivityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            last = session.get(LAST_REFRESH_KEY, 0)
            if now - last >= settings.SESSION_REFRESH_SECONDS:
                session[LAST_REFRESH_KEY] = (
                    now  # marks the session modified: saved, expiry extended
                )
        return self.get_response(request)
