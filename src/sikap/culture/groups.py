"""The group sizes below which culture figures and comments are not shown.

Apart from `domain` so that reads (queries, views) and the ballot box can ask for them without
importing the write side.
"""

from __future__ import annotations

from django.conf import settings

COMMENT_MIN_GROUP = 10  # the culture survey's floor, whatever the settings say


def min_group_size() -> int:
    return max(3, int(settings.SIKAP_MIN_GROUP_SIZE))


def comment_min_group_size() -> int:
    """Free text can give a writer away more easily than a tick: comments need larger groups.

    The larger of 10, SIKAP_MIN_COMMENT_GROUP_SIZE and k.
    """
    configured = int(settings.SIKAP_MIN_COMMENT_GROUP_SIZE)
    return max(COMMENT_MIN_GROUP, configured, min_group_size())
