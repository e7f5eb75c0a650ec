"""The family involvement log of a case, in the admin: for the case's staff and its chair
(the access rule: Audience.CASE); recorded by its review managers and its chair."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views import View

from partnerships.access import may_see

from .family import (
    involvement_of,
    record_family_contact,
    save_family_involvement,
    save_family_member,
)
from .family_forms import FamilyContactForm, FamilyInvolvementForm, FamilyMemberForm
from .lookups import visible_review_or_404
from .models import FamilyMember


def may_see_family(user, review):
    return may_see(user, involvement_of(review))


class FamilyMixin:
    """The case named by the URL, if the user may see its family log (else 404); changes
    need `reviews.record_family_involvement`."""

    def dispatch(self, request, pk, **kwargs):
        self.review = visible_review_or_404(request, pk)
        if not may_see_family(request.user, self.review):
            raise Http404
        self.may_record = request.user.has_perm("reviews.record_family_involvement", self.review)
        if request.method == "POST" and not self.may_record:
            raise PermissionDenied
        return super().dispatch(request, pk, **kwargs)


class FamilyView(FamilyMixin, View):
    """GET: the log. POST: the contact form (add) or the involvement form (save)."""

    template_name = "reviews/family.html"

    def render(self, status=200, **forms):
        review = self.review
        involvement = involvement_of(review)
        context = {
            "review": review,
            "members": FamilyMember.objects.filter(review=review),
            "contacts": review.family_contacts.select_related("member"),
            "involvement": involvement,
            "may_record": self.may_record,
            "contact_form": forms.get("contact_form") or FamilyContactForm(review=review),
            "involvement_form": forms.get("involvement_form")
            or FamilyInvolvementForm(instance=involvement),
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.render()

    def post(self, request, pk):
        if "contacted_on" in request.POST:
            form = FamilyContactForm(request.POST, review=self.review)
            if not form.is_valid():
                return self.render(status=400, contact_form=form)
            record_family_contact(form.save(commit=False), request.user)
            messages.success(request, "Contact recorded.")
        else:
            form = FamilyInvolvementForm(request.POST, instance=involvement_of(self.review))
            if not form.is_valid():
                return self.render(status=400, involvement_form=form)
            save_family_involvement(form.save(commit=False), request.user, form.changed_data)
            messages.success(request, "Family involvement saved.")
        return redirect("reviews:family", pk=self.review.pk)


class FamilyMemberView(FamilyMixin, View):
    """Add (no member_pk) or change a family member or friend."""

    template_name = "reviews/family_member.html"

    def member(self):
        member_pk = self.kwargs.get("member_pk")
        if member_pk is None:
            return FamilyMember(review=self.review)
        return get_object_or_404(FamilyMember.objects.filter(review=self.review), pk=member_pk)

    def render(self, form, status=200):
        context = {"review": self.review, "form": form, "adding": form.instance.pk is None}
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request, pk, member_pk=None):
        if not self.may_record:
            raise PermissionDenied
        return self.render(FamilyMemberForm(instance=self.member()))

    def post(self, request, pk, member_pk=None):
        form = FamilyMemberForm(request.POST, instance=self.member())
        if not form.is_valid():
            return self.render(form, status=400)
        save_family_member(form.save(commit=False), request.user)
        messages.success(request, "Saved. The name is on the case's confidential list.")
        return redirect("reviews:family", pk=self.review.pk)
