from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("set-up/", views.EnrolView.as_view(), name="enrol"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery_codes"),
]
