"""What the organisation tree announces to the apps above it, which org does not import.

`unit_paths_changed` is sent with `pemda_id` inside the transaction that moved units of that
Pemda to another place in the tree (their materialised paths changed), so an app keeping
figures per OPD rebuilds them before the move commits.
"""

from __future__ import annotations

from django.dispatch import Signal

unit_paths_changed = Signal()
