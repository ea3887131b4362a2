"""django-allauth's pages, at macpu's addresses and under allauth's URL names (which allauth reverses itself).

Only the pages macpu offers are routed: no sign-up, no email management, no password reset (administrators
reset passwords). Each view declares its access like every other route (macpu.access.http).
"""

from django.urls import path

from macpu.workspace import views

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="account_login"),
    path("sign-out/", views.SignOutView.as_view(), name="account_logout"),
    path("sign-in/inactive/", views.InactiveAccountView.as_view(), name="account_inactive"),
    path("sign-in/code/", views.AuthenticatorCodeView.as_view(), name="mfa_authenticate"),
    path("sign-in/sso/cancelled/", views.SingleSignOnCancelledView.as_view(), name="socialaccount_login_cancelled"),
    path("sign-in/sso/error/", views.SingleSignOnErrorView.as_view(), name="socialaccount_login_error"),
    path("sign-in/sso/<str:provider_id>/", views.single_sign_on_start, name="openid_connect_login"),
    path("sign-in/sso/<str:provider_id>/callback/", views.single_sign_on_callback, name="openid_connect_callback"),
    path("account/two-factor/", views.TwoFactorView.as_view(), name="mfa_index"),
    path(
        "account/two-factor/authenticator/set-up/",
        views.ActivateAuthenticatorView.as_view(),
        name="mfa_activate_totp",
    ),
    path(
        "account/two-factor/authenticator/remove/",
        views.DeactivateAuthenticatorView.as_view(),
        name="mfa_deactivate_totp",
    ),
    path("account/two-factor/recovery-codes/", views.RecoveryCodesView.as_view(), name="mfa_view_recovery_codes"),
    path(
        "account/two-factor/recovery-codes/new/",
        views.GenerateRecoveryCodesView.as_view(),
        name="mfa_generate_recovery_codes",
    ),
    path(
        "account/two-factor/recovery-codes/download/",
        views.DownloadRecoveryCodesView.as_view(),
        name="mfa_download_recovery_codes",
    ),
    path("account/confirm/", views.ReauthenticateView.as_view(), name="account_reauthenticate"),
    path("account/confirm/code/", views.ReauthenticateWithCodeView.as_view(), name="mfa_reauthenticate"),
]
