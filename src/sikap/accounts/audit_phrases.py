"""How the accounts actions read in the audit log."""

from django.utils.translation import gettext_lazy as _

from sikap.core.audit import describe_actions


def register() -> None:
    describe_actions(
        {
            "role.assign": _("memberi peran"),
            "role.revoke": _("mencabut peran"),
            "user.create": _("membuat akun"),
            "user.password_set": _("mengatur kata sandi"),
            "user.login_throttled": _("menahan sementara masuk ke akun"),
            "token.create": _("membuat token API"),
            "token.rotate": _("mengganti token API"),
        },
        {"role": _("peran"), "unit_id": _("unit"), "username": _("nama pengguna")},
    )
