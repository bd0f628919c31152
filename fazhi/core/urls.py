from django.urls import path

from .views import audit, auth, home, org, security, tokens, users

app_name = "core"
urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("password/", auth.password_change, name="password-change"),
    path("inbox/", home.inbox, name="inbox"),
    path("inbox/read/", home.inbox_read, name="inbox-read"),
    path("org/", org.tree, name="org-tree"),
    path("org/<int:pk>/", org.detail, name="org-detail"),
    path("org/<int:pk>/children/", org.children, name="org-children"),
    path("org/<int:pk>/new/", org.create, name="org-create"),
    path("org/<int:pk>/edit/", org.edit, name="org-edit"),
    path("org/<int:pk>/move/", org.move, name="org-move"),
    path("users/", users.user_list, name="user-list"),
    path("users/new/", users.user_new, name="user-new"),
    path("users/<int:pk>/", users.user_detail, name="user-detail"),
    path("users/<int:pk>/edit/", users.user_edit, name="user-edit"),
    path("users/<int:pk>/grant/", users.user_grant, name="user-grant"),
    path("users/<int:pk>/grants/<int:grant_pk>/revoke/", users.user_revoke, name="user-revoke"),
    path("users/<int:pk>/reset-password/", users.user_reset_password, name="user-reset-password"),
    path("audit/", audit.audit_list, name="audit-list"),
    path("audit/verify/", audit.audit_verify, name="audit-verify"),
    path("audit/<int:pk>/", audit.audit_detail, name="audit-detail"),
    path("security/", security.lockouts, name="security-lockouts"),
    path("security/unlock/", security.unlock, name="security-unlock"),
    path("tokens/", tokens.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke_view, name="token-revoke"),
]
