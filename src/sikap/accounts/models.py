from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikap.core.roles import Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, username: str, password: str | None = None, **extra: object) -> User:
        if not username:
            raise ValueError("username is required")
        email = extra.pop("email", "") or ""
        user = self.model(username=username, email=self.normalize_email(str(email)), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(username, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in, by NIP or email. Citizens answering SKM never have one."""

    username = models.CharField(_("nama pengguna"), max_length=150, unique=True)
    email = models.EmailField(_("email"), blank=True)
    nip = models.CharField("NIP", max_length=18, blank=True)
    full_name = models.CharField(_("nama lengkap"), max_length=200, blank=True)
    pemda = models.ForeignKey(
        "org.Pemda", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    employee = models.OneToOneField(
        "org.Employee", null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    is_staff = models.BooleanField(_("staf admin"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    preferred_language = models.CharField(max_length=5, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["nip"], condition=~Q(nip=""), name="user_unique_nip"),
            models.UniqueConstraint(
                fields=["email"], condition=~Q(email=""), name="user_unique_email"
            ),
        ]
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class RoleAssignment(models.Model):
    """A role held on an OrgUnit subtree; unit NULL means the whole Pemda."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "org.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_unique_per_unit"),
            # Whole-Pemda roles once per Pemda: an auditor may hold the same role in two.
            models.UniqueConstraint(
                fields=["user", "role", "pemda"],
                condition=Q(unit__isnull=True),
                name="role_unique_whole_pemda",
            ),
        ]
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"
