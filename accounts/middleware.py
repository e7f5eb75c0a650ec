"""No second factor, no access: a session whose password was accepted but whose
two-factor check was not passed reaches only the two-factor pages.

- Admin and document URLs redirect it to the code page (or to set-up, for an account
  with no authenticator app yet).
- Everywhere else (the public site) it is treated as anonymous, so no page can show it
  anything a signed-in person would see.

A session has passed the second factor when django_otp.login() has recorded the device
in it. Sessions live on the server, and Django empties the session when a different
user signs in, so the mark is trusted without loading the device on every request
(django-otp's OTPMiddleware and `user.is_verified()` cost a query per page, so they are
not installed); resetting a user's second factor ends their sessions instead
(accounts.two_factor.reset).
"""

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.functional import cached_property
from django_otp import DEVICE_ID_SESSION_KEY

from .two_factor import is_enrolled

# URL names a half-signed-in session may use: the two-factor pages, signing out, and
# what the admin page skeleton loads (translations, icons).
OPEN_URL_NAMES = {
    "accounts:enrol",
    "accounts:verify",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


def passed_second_factor(request):
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def protected_prefixes(self):
        return (reverse("wagtailadmin_home"), "/documents/")

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not passed_second_factor(request):
            response = self.refuse(request)
            if response is not None:
                return response
        return self.get_response(request)

    def refuse(self, request):
        try:
            url_name = resolve(request.path_info).view_name
        except Resolver404:
            url_name = None
        if url_name in OPEN_URL_NAMES:
            return None
        if not request.path_info.startswith(self.protected_prefixes):
            request.user = AnonymousUser()
            return None
        target = "accounts:verify" if is_enrolled(request.user) else "accounts:enrol"
        next_url = request.get_full_path() if request.method == "GET" else ""
        url = reverse(target)
        if next_url:
            url += "?" + urlencode({"next": next_url})
        return redirect(url)
