"""Session authentication that loads the user's profile (role and tenancy) in the same query.

Every page asks for the user's role and scope (`policy.profile_of`); with Django's `ModelBackend` that
is one query for the user and one for the profile on every request. This backend selects the profile
together with the user (a LEFT JOIN, so users without a profile still load), and `policy.profile_of`
reads what is already there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

# The profile only: its scope ids (unit, department, region) are columns of it; joining the unit,
# department and region rows too made the query's planning cost more than it saved.
PROFILE_RELATIONS = ("profile",)


class ProfileBackend(ModelBackend):
    """`ModelBackend` whose per-request `get_user` also fetches the profile."""

    def get_user(self, user_id: int | str) -> AbstractBaseUser | None:
        """The active user with `user.profile` loaded (None when missing or inactive)."""
        users = get_user_model()._default_manager.select_related(*PROFILE_RELATIONS)  # noqa: SLF001
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
