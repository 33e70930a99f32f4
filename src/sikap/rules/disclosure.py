"""Disclosure control of published respondent counts (anonymity of the culture survey).

Results are published per group of an organisation tree: a unit with every unit below it.
Respondents are attributed to units at any level, inner units included. The groups shown form a
laminar family, so every respondent falls in exactly one *atom*: the innermost shown group that
holds them, minus that group's nearest shown descendants. Any sum or difference of shown figures
that describes a set of people describes a union of atoms; if every atom holds 0 or at least k
respondents, subtraction can never single out fewer than k people. `suppress` chooses what to hide
so that this holds, `republication_blockers` applies the same rule to the change between two
published versions, and `k_anonymise` generalises exported quasi-identifier rows.

Pure Python: no Django import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from sikap.rules.errors import InvalidInputError

# Below 3, two colleagues who answered together can subtract each other out.
MIN_K = 3

SMALL = "small"
COMPLEMENTARY = "complementary"


@dataclass(frozen=True)
class Node:
    """One unit of the tree; its group is the unit with every unit below it."""

    id: int
    parent: int | None  # None for the root
    key: str = ""  # stable tie-break (the unit code)


@dataclass(frozen=True)
class Blocker:
    """An atom whose respondent count changes by 1..k-1 between two published versions."""

    id: int
    change: int


class Tree:
    """Children, depth and input order of a validated forest of nodes.

    Built once, it may be handed to `suppress` and `republication_blockers` in place of the
    nodes (a tree of thousands of units is checked and indexed only once).
    """

    def __init__(self, nodes: Sequence[Node]) -> None:
        self.order: list[int] = []
        self.key: dict[int, str] = {}
        self.parent: dict[int, int | None] = {}
        for node in nodes:
            if isinstance(node.id, bool) or not isinstance(node.id, int):
                raise InvalidInputError(
                    f"node id must be an integer, not {node.id!r}",
                    message_id=f"id node harus berupa bilangan bulat, bukan {node.id!r}",
                )
            if node.id in self.parent:
                raise InvalidInputError(
                    f"node {node.id} appears twice", message_id=f"node {node.id} muncul dua kali"
                )
            self.order.append(node.id)
            self.key[node.id] = node.key
            self.parent[node.id] = node.parent
        self.children: dict[int, list[int]] = {i: [] for i in self.order}
        for i in self.order:
            parent = self.parent[i]
            if parent is None:
                continue
            if parent not in self.children:
                raise InvalidInputError(
                    f"node {i} names parent {parent!r}, which is not in the tree",
                    message_id=f"node {i} menyebut induk {parent!r} yang tidak ada di pohon",
                )
            self.children[parent].append(i)
        self.depth: dict[int, int] = {}
        stack = [(i, 0) for i in self.order if self.parent[i] is None]
        while stack:
            i, d = stack.pop()
            self.depth[i] = d
            stack.extend((c, d + 1) for c in self.children[i])
        if len(self.depth) != len(self.order):
            stuck = next(i for i in self.order if i not in self.depth)
            raise InvalidInputError(
                f"node {stuck} is on a cycle of parents, not below a root",
                message_id=f"node {stuck} berada dalam siklus induk, tidak di bawah akar",
            )

    def deepest_first(self) -> list[int]:
        return sorted(self.order, key=lambda i: (-self.depth[i], self.key[i], i))

    def nearest(self, group: int, shown: Collection[int]) -> list[int]:
        """The shown groups strictly below `group` with no shown group in between."""
        found: list[int] = []
        stack = list(reversed(self.children[group]))
        while stack:
            i = stack.pop()
            if i in shown:
                found.append(i)
            else:
                stack.extend(reversed(self.children[i]))
        return found


def _check_k(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < MIN_K:
        raise InvalidInputError(
            f"k must be an integer of at least {MIN_K}, not {k!r}",
            message_id=f"k harus bilangan bulat paling sedikit {MIN_K}, bukan {k!r}",
        )


def _counts(tree: Tree, n_of: Mapping[int, int], what: str = "n") -> dict[int, int]:
    """Every node's group count (missing = 0), checked to be a consistent roll-up."""
    unknown = sorted(i for i in n_of if i not in tree.parent)
    if unknown:
        raise InvalidInputError(
            f"{what} is given for {unknown[0]!r}, which is not in the tree",
            message_id=f"{what} diberikan untuk {unknown[0]!r} yang tidak ada di pohon",
        )
    counts: dict[int, int] = {}
    for i in tree.order:
        n = n_of.get(i, 0)
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise InvalidInputError(
                f"{what} of group {i} must be a whole number of respondents, not {n!r}",
                message_id=f"{what} kelompok {i} harus bilangan cacah responden, bukan {n!r}",
            )
        counts[i] = n
    for i in tree.order:
        below = sum(counts[c] for c in tree.children[i])
        if below > counts[i]:
            # A group holds its children: a smaller total means the figures are not a roll-up.
            raise InvalidInputError(
                f"{what} of group {i} ({counts[i]}) is less than its children's ({below})",
                message_id=f"{what} kelompok {i} ({counts[i]}) lebih kecil dari anaknya ({below})",
            )
    return counts


def _shown_set(tree: Tree, shown: Collection[int], what: str = "shown") -> set[int]:
    result = set(shown)
    unknown = sorted((i for i in result if i not in tree.parent), key=repr)
    if unknown:
        raise InvalidInputError(
            f"{what} group {unknown[0]!r} is not in the tree",
            message_id=f"kelompok {what} {unknown[0]!r} tidak ada di pohon",
        )
    return result


def _atoms(tree: Tree, value: Mapping[int, int], shown: Collection[int]) -> dict[int, int]:
    return {
        g: value[g] - sum(value[d] for d in tree.nearest(g, shown))
        for g in tree.order
        if g in shown
    }


def residuals(
    nodes: Sequence[Node], n_of: Mapping[int, int], shown: Collection[int]
) -> dict[int, int]:
    """For each shown id: n minus the n of its nearest shown descendants (its 'atom')."""
    tree = Tree(nodes)
    return _atoms(tree, _counts(tree, n_of), _shown_set(tree, shown))


def _as_tree(nodes: Sequence[Node] | Tree) -> Tree:
    return nodes if isinstance(nodes, Tree) else Tree(nodes)


def suppress(nodes: Sequence[Node] | Tree, n_of: Mapping[int, int], k: int) -> dict[int, str]:
    """id -> reason ("small" when n < k, "complementary" otherwise) for every hidden group.

    Guarantee: for every SHOWN group G, n(G) minus the sum of n over its nearest shown
    descendants is 0 or >= k (direct respondents of inner units included).

    Groups are settled deepest first. A group's atom only changes when one of its nearest shown
    descendants is hidden, which leaves every deeper atom as it was, so a settled atom stays
    settled. A shown group is never hidden to protect its ancestors, only its descendants are:
    the root stays shown whenever it has k respondents. Last, complementary groups that turned
    out unnecessary are shown again, so each one still hidden is forced: showing it alone
    would leave an atom of 1..k-1.
    """
    _check_k(k)
    tree = _as_tree(nodes)
    n = _counts(tree, n_of)
    hidden: dict[int, str] = {i: SMALL for i in tree.order if n[i] < k}
    shown = {i for i in tree.order if i not in hidden}
    for group in tree.deepest_first():
        if group not in shown:
            continue
        while True:
            near = tree.nearest(group, shown)
            atom = n[group] - sum(n[d] for d in near)
            if not 0 < atom < k:
                break
            # Deeper atoms are settled, so each is 0 or >= k. Hiding one of >= k merges it
            # into this atom and settles it; hiding one of 0 changes nothing here but brings
            # its own nearest shown descendants up to be chosen from next time round.
            own = {d: n[d] - sum(n[e] for e in tree.nearest(d, shown)) for d in near}
            wide = [d for d in near if own[d] >= k]
            pick = min(wide or near, key=lambda d: (n[d], tree.key[d], d))
            hidden[pick] = COMPLEMENTARY
            shown.discard(pick)
    _show_unforced(tree, n, k, hidden, shown)
    return {i: hidden[i] for i in tree.order if i in hidden}


def _show_unforced(
    tree: Tree, n: Mapping[int, int], k: int, hidden: dict[int, str], shown: set[int]
) -> None:
    """Show again every complementary group whose hiding a later choice made unnecessary.

    Settling an outer group can merge a whole inner atom into it, and with it a group hidden
    earlier to settle that inner atom. Showing a group H again only changes two atoms: H's own
    and that of its nearest shown ancestor, so checking those two keeps the guarantee. Shallow
    groups are tried first (an OPD's figures matter more than a section's), until none fits.
    """

    def fits(group: int) -> bool:
        atom = n[group] - sum(n[d] for d in tree.nearest(group, shown))
        return atom == 0 or atom >= k

    candidates = sorted(
        (i for i, reason in hidden.items() if reason == COMPLEMENTARY),
        key=lambda i: (tree.depth[i], tree.key[i], i),
    )
    changed = True
    while changed:
        changed = False
        for group in candidates:
            if group in shown:
                continue
            shown.add(group)
            up = tree.parent[group]
            while up is not None and up not in shown:
                up = tree.parent[up]
            if fits(group) and (up is None or fits(up)):
                del hidden[group]
                changed = True
            else:
                shown.discard(group)


def republication_blockers(
    nodes: Sequence[Node] | Tree,
    old_n: Mapping[int, int],
    new_n: Mapping[int, int],
    old_shown: Collection[int],
    new_shown: Collection[int],
    k: int,
) -> list[Blocker]:
    """Why a new version of published figures may not replace the old one.

    Take the union U of groups shown in either version (still a laminar family on the tree);
    for every atom of U (a group of U minus its nearest U-descendants) the change in
    respondents between versions must be 0 or at least k in absolute value; each atom that
    breaks it is a Blocker(id, change), in the order of `nodes`. (Checking only each group's own
    change is NOT enough: G +11, children +5 and +5 isolates 1.)
    """
    _check_k(k)
    tree = _as_tree(nodes)
    before = _counts(tree, old_n, "old n")
    after = _counts(tree, new_n, "new n")
    union = _shown_set(tree, old_shown, "old shown") | _shown_set(tree, new_shown, "new shown")
    change = {i: after[i] - before[i] for i in tree.order}
    return [
        Blocker(g, delta) for g, delta in _atoms(tree, change, union).items() if 0 < abs(delta) < k
    ]


def k_anonymise(
    rows: Sequence[tuple[str, ...]], k: int, *, fixed: int = 1
) -> list[tuple[str, ...]]:
    """Generalise quasi-identifier rows so every distinct output row occurs at least k times.

    The first `fixed` columns are never changed (the unit); other columns may be blanked ("")
    and are blanked from the LAST column towards the first only where needed (callers put the
    most useful column first). Output keeps input order and length. A fixed-column group with
    1..k-1 rows raises ValueError (the caller must never pass one).
    """
    _check_k(k)
    width = _check_rows(rows, fixed)
    out = [list(row) for row in rows]
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, row in enumerate(rows):
        groups.setdefault(tuple(row[:fixed]), []).append(i)
    for prefix, members in groups.items():
        if len(members) < k:
            raise InvalidInputError(
                f"the group {prefix!r} has {len(members)} rows, fewer than k = {k}",
                message_id=f"kelompok {prefix!r} hanya {len(members)} baris, kurang dari k = {k}",
            )
        _generalise(out, members, k, fixed, width)
    return [tuple(row) for row in out]


def _check_rows(rows: Sequence[tuple[str, ...]], fixed: int) -> int:
    if isinstance(fixed, bool) or not isinstance(fixed, int) or fixed < 0:
        raise InvalidInputError(
            f"fixed must be a whole number of columns, not {fixed!r}",
            message_id=f"fixed harus bilangan cacah kolom, bukan {fixed!r}",
        )
    width = len(rows[0]) if rows else fixed
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise InvalidInputError(
                f"row {number} has {len(row)} columns, row 1 has {width}",
                message_id=f"baris {number} berisi {len(row)} kolom, baris 1 berisi {width}",
            )
        for value in row:
            if not isinstance(value, str):
                raise InvalidInputError(
                    f"row {number} holds {value!r}, not text",
                    message_id=f"baris {number} berisi {value!r}, bukan teks",
                )
    if fixed > width:
        raise InvalidInputError(
            f"fixed = {fixed} is more than the {width} columns",
            message_id=f"fixed = {fixed} melebihi {width} kolom",
        )
    return width


def _generalise(out: list[list[str]], members: list[int], k: int, fixed: int, width: int) -> None:
    """Blank columns of one fixed-column group (rows `members` of `out`) in place."""
    open_rows = list(members)
    for column in range(width - 1, fixed - 1, -1):
        counts = Counter(tuple(out[i]) for i in members)
        still_open = []
        for i in open_rows:
            # A combination of k or more keeps its rows for good: blanking them could only
            # lose detail, and rows blanked later can only add to it.
            if counts[tuple(out[i])] < k:
                out[i][column] = ""
                still_open.append(i)
        open_rows = still_open
    # Every row still open is now blank in every free column; every other combination has at
    # least k rows. Only the all-blank one can be short: feed it whole combinations, smallest
    # first, until it is not (the group itself holds at least k rows, so this ends).
    blank = (*out[members[0]][:fixed], *([""] * (width - fixed)))
    while True:
        counts = Counter(tuple(out[i]) for i in members)
        if not 0 < counts[blank] < k:
            return
        smallest = min((c for c in counts if c != blank), key=lambda c: (counts[c], c))
        for i in members:
            if tuple(out[i]) == smallest:
                out[i][fixed:] = [""] * (width - fixed)
