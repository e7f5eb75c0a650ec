"""The two-factor pages: set up an authenticator app, enter a code at sign-in, and
replace recovery codes. Laid out like Wagtail's own sign-in page. They show secrets (the
key, recovery codes): no cache may keep them (`Cache-Control: no-store`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views import View
from django.views.decorators.cache import never_cache

from security.ratelimit import rate_limit

from . import two_factor
from .events import Kind, record
from .forms import CodeForm
from .middleware import passed_second_factor


def safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def to_page(url_name, request):
    """Redirect to another two-factor page, carrying the ?next= target along."""
    return redirect(reverse(url_name) + "?" + urlencode({"next": safe_next(request)}))


THROTTLED = "Too many wrong codes. Wait a minute, then enter a new code."


class CodeStepView(View):
    """A page asking for a code: a wrong or malformed code is said on the form (400),
    too many are throttled (429); a right one goes on to `accepted`."""

    template_name = None
    wrong_code = ""

    def context(self):
        return {"next": safe_next(self.request)}

    def render(self, form, status=200):
        context = {"form": form, **self.context()}
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            result = self.check(request, form.cleaned_data["code"])
        except two_factor.Throttled:
            form.add_error("code", THROTTLED)
            return self.render(form, status=429)
        if result is None:
            form.add_error("code", self.wrong_code)
            return self.render(form, status=400)
        return self.accepted(request, result)

    def check(self, request, code):
        """The right code's result, or None."""
        raise NotImplementedError

    def accepted(self, request, result):
        raise NotImplementedError


@method_decorator(never_cache, name="dispatch")
@method_decorator(login_required, name="dispatch")
@method_decorator(rate_limit("two_factor"), name="post")
class EnrolView(CodeStepView):
    """First sign-in: scan the QR code (or type the key), confirm with a code, then see
    the recovery codes once."""

    template_name = "accounts/enrol.html"
    wrong_code = (
        "That code did not match. Check the time on your phone is right, "
        "wait for a new code and try again."
    )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and two_factor.is_enrolled(request.user):
            return to_page("accounts:verify", request)
        return super().dispatch(request, *args, **kwargs)

    def context(self):
        device = two_factor.pending_device(self.request.user)
        return {
            **super().context(),
            "qr_code": two_factor.qr_code_svg(device),
            "manual_key": two_factor.manual_key(device),
        }

    def check(self, request, code):
        return two_factor.confirm_enrolment(request, code)  # the new recovery codes

    def accepted(self, request, codes):
        context = {"codes": codes, "next": safe_next(request), "first_time": True}
        return TemplateResponse(request, "accounts/recovery_codes.html", context)


@method_decorator(never_cache, name="dispatch")
@method_decorator(login_required, name="dispatch")
@method_decorator(rate_limit("two_factor"), name="post")
class VerifyView(CodeStepView):
    """Later sign-ins: a code from the app, or a recovery code."""

    template_name = "accounts/verify.html"
    wrong_code = "That code is not right, or has already been used."

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not two_factor.is_enrolled(request.user):
            return to_page("accounts:enrol", request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if passed_second_factor(request):
            return redirect(safe_next(request))
        return super().get(request)

    def check(self, request, code):
        return two_factor.verify(request, code)  # the device that took it

    def accepted(self, request, device):
        if two_factor.is_recovery_device(device):
            left = two_factor.remaining_recovery_codes(request.user)
            messages.warning(
                request,
                f"You signed in with a recovery code; {left} left. If you have lost your "
                "phone, ask a system administrator to reset your two-factor "
                "authentication; otherwise issue new recovery codes from your account.",
            )
        return redirect(safe_next(request))


@method_decorator(never_cache, name="dispatch")
@method_decorator(login_required, name="dispatch")
class RecoveryCodesView(View):
    """Account page: how many recovery codes are left; issue new ones (shown once)."""

    def get(self, request):
        context = {"remaining": two_factor.remaining_recovery_codes(request.user)}
        return TemplateResponse(request, "accounts/recovery_codes_manage.html", context)

    def post(self, request):
        codes = two_factor.new_recovery_codes(request.user)
        record(Kind.RECOVERY_CODES_REPLACED, user=request.user, request=request)
        context = {"codes": codes, "next": reverse("wagtailadmin_account")}
        return TemplateResponse(request, "accounts/recovery_codes.html", context)
