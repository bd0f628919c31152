"""Security baseline: password policy, lockout, forced change, audited login/logout, session timeout."""

import pytest
from django.conf import settings
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.core.services.users import user_create
from fazhi.core.testing import PASSWORD, ROLES, make_user

LOGIN = "/staff/login/"


def _login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_login_and_logout_are_audited(world, client):
    user = make_user(world.market_a, ROLES.CLERK, username="zhangsan")
    response = _login(client, "zhangsan", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("core:home")
    assert AuditEntry.objects.filter(verb="core.login", actor=user).count() == 1
    client.post(reverse("core:logout"))
    assert AuditEntry.objects.filter(verb="core.logout", actor=user).count() == 1
    assert client.get(reverse("core:home")).status_code == 302  # signed out


def test_failed_login_is_audited_with_chinese_message(world, client):
    make_user(world.market_a, ROLES.CLERK, username="lisi")
    response = _login(client, "lisi", "wrong-password")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    entry = AuditEntry.objects.filter(verb="core.login_failed").latest("seq")
    assert entry.changes["username"] == [None, "lisi"]


def test_five_failures_lock_the_account_for_fifteen_minutes(world, client):
    make_user(world.market_a, ROLES.CLERK, username="wangwu")
    for _ in range(5):
        _login(client, "wangwu", "wrong-password")
    # the right password is refused while locked
    response = _login(client, "wangwu", PASSWORD)
    assert response.status_code == 429
    assert "锁定 15 分钟" in response.content.decode()
    assert settings.AXES_COOLOFF_TIME == 0.25 and settings.AXES_FAILURE_LIMIT == 5


def test_security_admin_can_unlock(world, client):
    make_user(world.market_a, ROLES.CLERK, username="zhaoliu")
    for _ in range(5):
        _login(client, "zhaoliu", "wrong-password")
    secadmin = make_user(world.city, ROLES.SECURITY_ADMIN, subtree=True)
    client.force_login(secadmin)
    assert "zhaoliu" in client.get(reverse("core:security-lockouts")).content.decode()
    client.post(reverse("core:security-unlock"), {"username": "zhaoliu"})
    assert AuditEntry.objects.filter(verb="core.account_unlock").count() == 1
    client.logout()
    assert _login(client, "zhaoliu", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Ab1!", "至少包含 8 个字符"),
        ("abcdefgh1", "三类"),
        ("abcdefgh", "三类"),
        ("ABCDEFGH", "三类"),
    ],
)
def test_weak_passwords_are_refused(world, password, reason):
    with pytest.raises(DomainError) as exc:
        user_create(
            actor=None,
            username="weakling",
            full_name="弱口令",
            org_unit=world.market_a,
            password=password,
        )
    assert exc.value.field == "password"
    assert "三类" in exc.value.message or "8" in exc.value.message


def test_first_login_forces_a_password_change(world, client):
    make_user(world.market_a, ROLES.CLERK, username="newbie", must_change_password=True)
    _login(client, "newbie", PASSWORD)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and response.url == reverse("core:password-change")
    response = client.post(
        reverse("core:password-change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Better#Pass2026",
            "new_password2": "Better#Pass2026",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEntry.objects.filter(verb="core.password_change").count() == 1


def test_session_idles_out_after_thirty_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_admin_roles_are_separated(world):
    user = make_user(world.city, ROLES.SYSTEM_ADMIN)
    from fazhi.core.services.users import grant_role

    with pytest.raises(DomainError, match="三员分立"):
        grant_role(
            actor=None, user=user, role=ROLES.AUDIT_ADMIN, unit=world.city, include_subtree=True
        )
    with pytest.raises(DomainError, match="三员分立"):
        grant_role(actor=None, user=user, role=ROLES.CLERK, unit=world.city, include_subtree=False)


def test_only_the_audit_admin_reads_the_trail(world, client, auditor, sysadmin):
    client.force_login(sysadmin)
    assert client.get(reverse("core:audit-list")).status_code == 404
    client.force_login(auditor)
    assert client.get(reverse("core:audit-list")).status_code == 200


def test_csp_and_security_headers(world, client):
    response = client.get(LOGIN)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_nul_characters_in_filters_and_forms_are_dropped_not_a_server_error(client, world):
    """PostgreSQL text cannot hold NUL; a stray %00 must not reach a query."""
    from fazhi.core.testing import ROLES, make_user

    admin = make_user(world.city, ROLES.SYSTEM_ADMIN, subtree=True)
    client.force_login(admin)
    response = client.get("/staff/org/?q=%E4%B8%9C%00%E6%B9%96")
    assert response.status_code == 200
    assert "东湖区人民政府" in response.content.decode()
