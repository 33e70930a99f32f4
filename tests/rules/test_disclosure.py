from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sikap.rules.disclosure import (
    Blocker,
    Node,
    k_anonymise,
    republication_blockers,
    residuals,
    suppress,
)
from sikap.rules.errors import InvalidInputError

Spec = list[tuple[int, int | None, str, int]]  # (id, parent, key, direct respondents)


def build(spec: Spec) -> tuple[list[Node], dict[int, int]]:
    """Nodes and each group's n (its own respondents plus every unit's below it)."""
    nodes = [Node(i, parent, key) for i, parent, key, _ in spec]
    parent_of = {i: parent for i, parent, _, _ in spec}
    n = dict.fromkeys(parent_of, 0)
    for i, _, _, direct in spec:
        at: int | None = i
        while at is not None:
            n[at] += direct
            at = parent_of[at]
    return nodes, n


def shown_of(nodes: list[Node], hidden: Mapping[int, str]) -> set[int]:
    return {node.id for node in nodes if node.id not in hidden}


# --- suppress: hand-built attack shapes (k = 5) ------------------------------------------------

PALU, DINKES, PKM, DUKCAPIL = 1, 2, 3, 4


def test_root_minus_grandchild_under_a_hidden_parent_was_a_leak_and_is_closed() -> None:
    # palu (0 direct) > DINKES (1 direct) > PKM (6); palu > DUKCAPIL (1).
    nodes, n = build(
        [
            (PALU, None, "palu", 0),
            (DINKES, PALU, "DINKES", 1),
            (PKM, DINKES, "DINKES-PKM", 6),
            (DUKCAPIL, PALU, "DUKCAPIL", 1),
        ]
    )
    assert n == {PALU: 8, DINKES: 7, PKM: 6, DUKCAPIL: 1}
    # What the previous compute.suppress answered: it hid DINKES so that palu − DINKES (1) was
    # gone, but left palu and PKM shown, and palu − PKM is the 2 respondents of DINKES itself
    # and DUKCAPIL.
    previous = {DUKCAPIL: "small", DINKES: "complementary"}
    assert residuals(nodes, n, shown_of(nodes, previous)) == {PALU: 2, PKM: 6}

    hidden = suppress(nodes, n, 5)
    assert hidden == {DINKES: "complementary", PKM: "complementary", DUKCAPIL: "small"}
    assert residuals(nodes, n, shown_of(nodes, hidden)) == {PALU: 8}


def test_lone_hidden_child_takes_its_smallest_sibling_with_it() -> None:
    nodes, n = build([(1, None, "R", 0), (2, 1, "A", 6), (3, 1, "B", 5), (4, 1, "C", 2)])
    hidden = suppress(nodes, n, 5)
    # R − A − B would be C's 2; hiding B (the smaller) makes R's atom B + C = 7.
    assert hidden == {3: "complementary", 4: "small"}
    assert residuals(nodes, n, shown_of(nodes, hidden)) == {1: 7, 2: 6}


def test_lone_hidden_child_beside_one_shown_child() -> None:
    nodes, n = build([(1, None, "R", 0), (2, 1, "A", 6), (3, 1, "B", 2)])
    assert suppress(nodes, n, 5) == {2: "complementary", 3: "small"}


def test_direct_respondents_of_an_inner_unit() -> None:
    # R has 3 respondents of its own: R − A − B would be exactly them.
    nodes, n = build([(1, None, "R", 3), (2, 1, "A", 5), (3, 1, "B", 6)])
    hidden = suppress(nodes, n, 5)
    assert hidden == {2: "complementary"}
    assert residuals(nodes, n, shown_of(nodes, hidden)) == {1: 8, 3: 6}


def test_two_hidden_children_that_together_reach_k_need_nothing_more() -> None:
    nodes, n = build([(1, None, "R", 0), (2, 1, "A", 6), (3, 1, "B", 3), (4, 1, "C", 2)])
    hidden = suppress(nodes, n, 5)
    assert hidden == {3: "small", 4: "small"}
    assert residuals(nodes, n, shown_of(nodes, hidden)) == {1: 5, 2: 6}


def test_two_hidden_children_below_k_together_hide_their_sibling() -> None:
    nodes, n = build([(1, None, "R", 0), (2, 1, "A", 6), (3, 1, "B", 2), (4, 1, "C", 2)])
    assert suppress(nodes, n, 5) == {2: "complementary", 3: "small", 4: "small"}


def test_chain_with_one_respondent_per_level_shows_only_the_top() -> None:
    nodes, n = build([(1, None, "R", 1), (2, 1, "A", 1), (3, 2, "A1", 5)])
    assert n == {1: 7, 2: 6, 3: 5}
    hidden = suppress(nodes, n, 5)
    assert hidden == {2: "complementary", 3: "complementary"}
    assert residuals(nodes, n, shown_of(nodes, hidden)) == {1: 7}


def test_chain_of_empty_levels_hides_nothing() -> None:
    nodes, n = build([(1, None, "R", 0), (2, 1, "A", 0), (3, 2, "A1", 6)])
    assert suppress(nodes, n, 5) == {}
    assert residuals(nodes, n, {1, 2, 3}) == {1: 0, 2: 0, 3: 6}


def test_empty_level_between_a_short_atom_and_the_group_below_it() -> None:
    # A adds nobody to A1, so hiding A alone changes nothing for R; A1 must go too.
    nodes, n = build([(1, None, "R", 2), (2, 1, "A", 0), (3, 2, "A1", 6)])
    hidden = suppress(nodes, n, 5)
    assert hidden == {2: "complementary", 3: "complementary"}
    assert residuals(nodes, n, {1}) == {1: 8}


def test_a_wide_enough_atom_is_preferred_over_a_smaller_empty_level() -> None:
    # A (n 6, 0 own) would only pass R's gap on to A1; B (n 9) closes it in one step.
    nodes, n = build([(1, None, "R", 1), (2, 1, "A", 0), (3, 2, "A1", 6), (4, 1, "B", 9)])
    hidden = suppress(nodes, n, 5)
    assert hidden == {4: "complementary"}
    assert residuals(nodes, n, shown_of(nodes, hidden)) == {1: 10, 2: 0, 3: 6}


def test_equal_groups_are_chosen_by_key() -> None:
    nodes, n = build([(1, None, "R", 2), (2, 1, "Y", 5), (3, 1, "X", 5)])
    assert suppress(nodes, n, 5) == {3: "complementary"}
    nodes, n = build([(1, None, "R", 2), (2, 1, "X", 5), (3, 1, "Y", 5)])
    assert suppress(nodes, n, 5) == {2: "complementary"}


def test_a_group_hidden_early_is_shown_again_when_a_later_choice_covers_it() -> None:
    # k = 4. S's atom (3) first hides T; then R's atom (2) hides S, which takes T's part into
    # R's atom, so T can be shown again: R 11 − T 6 = 5, T 6.
    nodes, n = build([(1, None, "R", 2), (2, 1, "S", 3), (3, 2, "T", 6)])
    hidden = suppress(nodes, n, 4)
    assert hidden == {2: "complementary"}
    assert residuals(nodes, n, shown_of(nodes, hidden)) == {1: 5, 3: 6}


def test_the_root_stays_shown_and_a_small_root_is_hidden() -> None:
    nodes, n = build([(1, None, "R", 1), (2, 1, "A", 3)])
    assert suppress(nodes, n, 5) == {1: "small", 2: "small"}
    nodes, n = build([(1, None, "R", 1), (2, 1, "A", 4)])
    assert suppress(nodes, n, 5) == {2: "small"}
    assert residuals(nodes, n, {1}) == {1: 5}


def test_node_order_and_missing_counts() -> None:
    nodes, n = build([(1, None, "palu", 0), (2, 1, "DINKES", 1), (3, 2, "PKM", 6), (4, 1, "D", 1)])
    expected = {2: "complementary", 3: "complementary", 4: "small"}
    assert suppress(list(reversed(nodes)), n, 5) == expected
    # A unit nobody answered for may be left out of n_of.
    nodes, n = build([(1, None, "R", 0), (2, 1, "A", 6), (3, 1, "B", 0)])
    del n[3]
    assert suppress(nodes, n, 5) == {3: "small"}


def test_a_forest_is_suppressed_tree_by_tree() -> None:
    nodes, n = build([(1, None, "P", 1), (2, 1, "A", 5), (3, None, "Q", 0), (4, 3, "B", 5)])
    assert suppress(nodes, n, 5) == {2: "complementary"}


@pytest.mark.parametrize(
    ("nodes", "n_of", "k", "message"),
    [
        ([Node(1, None)], {1: 5}, 2, "k must be an integer of at least 3, not 2"),
        ([Node(1, None)], {1: 5}, True, "k must be an integer of at least 3, not True"),
        ([Node(1, None), Node(1, None)], {1: 5}, 5, "node 1 appears twice"),
        ([Node(1, None), Node(2, 9)], {1: 5}, 5, "node 2 names parent 9, which is not in the tree"),
        ([Node(1, 2), Node(2, 1)], {}, 5, "node 1 is on a cycle of parents, not below a root"),
        ([Node(1, None)], {1: -1}, 5, "n of group 1 must be a whole number of respondents, not -1"),
        ([Node(1, None)], {1: 5.0}, 5, "n of group 1 must be a whole number of respondents, not 5.0"),
        ([Node(1, None)], {1: 5, 7: 1}, 5, "n is given for 7, which is not in the tree"),
        ([Node(1, None), Node(2, 1)], {1: 5, 2: 6}, 5, "n of group 1 (5) is less than its children's (6)"),
    ],
)  # fmt: skip
def test_suppress_refuses_bad_input(
    nodes: list[Node], n_of: dict[int, int], k: int, message: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        suppress(nodes, n_of, k)
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


def test_residuals_of_an_unknown_shown_group_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="^shown group 5 is not in the tree$"):
        residuals([Node(1, None)], {1: 5}, {1, 5})


# --- suppress: properties over random trees ----------------------------------------------------


DIRECT = (0, 0, 0, 1, 1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 10, 12)


@st.composite
def trees(draw: st.DrawFn) -> tuple[Spec, int]:
    """Up to 40 units on up to 5 levels, respondents at every level, and k in 3..10.

    One byte string drives the shape (three bytes a unit: parent, own respondents, key), which
    Hypothesis draws and shrinks far faster than a value per unit.
    """
    k = draw(st.integers(3, 10))
    size = draw(st.integers(1, 40))
    raw = draw(st.binary(min_size=3 * size, max_size=3 * size))
    depth = [0]
    spec: Spec = [(100, None, "ABC"[raw[2] % 3], DIRECT[raw[1] % 16])]
    for i in range(1, size):
        pick, own, key = raw[3 * i : 3 * i + 3]
        open_ = [j for j in range(i) if depth[j] < 4]
        parent = open_[pick % len(open_)]
        depth.append(depth[parent] + 1)
        spec.append((100 + i, 100 + parent, "ABC"[key % 3], DIRECT[own % 16]))
    if raw[0] % 2:
        spec.reverse()  # children before their parents
    return spec, k


def subtraction_totals(spec: Spec, n: Mapping[int, int], shown: set[int]) -> dict[int, int]:
    """Per shown group, the bit set of every total of disjoint shown groups strictly below it."""
    children: dict[int, list[int]] = {i: [] for i, _, _, _ in spec}
    for i, parent, _, _ in spec:
        if parent is not None:
            children[parent].append(i)

    def inside(i: int) -> int:  # totals of antichains of shown groups within i's group
        totals = below(i)
        return totals | (1 << n[i]) if i in shown else totals

    def below(i: int) -> int:  # totals of antichains strictly below i: a sum set over children
        totals = 1  # the empty set, total 0
        for child in children[i]:
            options, combined = inside(child), 0
            for shift in range(options.bit_length()):
                if options >> shift & 1:
                    combined |= totals << shift
            totals = combined
        return totals

    return {g: below(g) for g in shown}


@settings(max_examples=10_000, deadline=None)
@given(trees())
def test_suppression_never_lets_fewer_than_k_be_singled_out(tree: tuple[Spec, int]) -> None:
    spec, k = tree
    nodes, n = build(spec)
    hidden = suppress(nodes, n, k)
    assert suppress(nodes[::-1], n, k) == hidden  # whatever order the units come in
    shown = shown_of(nodes, hidden)
    parent_of = {i: parent for i, parent, _, _ in spec}
    root = next(i for i, parent, _, _ in spec if parent is None)

    assert all(n[g] >= k for g in shown)
    assert all(reason == ("small" if n[i] < k else "complementary") for i, reason in hidden.items())
    assert (root in shown) == (n[root] >= k)
    assert all(r == 0 or r >= k for r in residuals(nodes, n, shown).values())

    # Independently of residuals: respondents whose units lie in the same shown groups cannot be
    # told apart by any sum or difference of shown figures, and every such class that holds
    # anyone holds at least k.
    classes: Counter[frozenset[int]] = Counter()
    for i, _, _, direct in spec:
        groups: set[int] = set()
        at: int | None = i
        while at is not None:
            if at in shown:
                groups.add(at)
            at = parent_of[at]
        if groups:
            classes[frozenset(groups)] += direct
    assert all(total == 0 or total >= k for total in classes.values())

    # The subtraction attack itself: a shown group minus any set of disjoint shown groups below
    # it, every such set tried.
    for g, totals in subtraction_totals(spec, n, shown).items():
        for total in range(totals.bit_length()):
            if totals >> total & 1:
                assert not 0 < n[g] - total < k

    # Nothing hidden beyond need: when the groups of k or more already have good atoms, only the
    # small groups go; and each complementary group is forced (showing it alone again breaks an
    # atom).
    large = {i for i in n if n[i] >= k}
    if all(r == 0 or r >= k for r in residuals(nodes, n, large).values()):
        assert set(hidden.values()) <= {"small"}
    for i, reason in hidden.items():
        if reason == "complementary":
            again = residuals(nodes, n, shown | {i}).values()
            assert any(0 < r < k for r in again)


# --- republication -----------------------------------------------------------------------------


def test_republication_checks_atoms_not_each_group_alone() -> None:
    # G +11, its children +5 and +5: each change alone is >= 5, but G's own respondents moved by 1.
    nodes, old = build([(1, None, "G", 10), (2, 1, "C1", 10), (3, 1, "C2", 10)])
    _, new = build([(1, None, "G", 11), (2, 1, "C1", 15), (3, 1, "C2", 15)])
    assert (new[1] - old[1], new[2] - old[2], new[3] - old[3]) == (11, 5, 5)
    assert republication_blockers(nodes, old, new, {1, 2, 3}, {1, 2, 3}, 5) == [Blocker(1, 1)]


def test_republication_of_unchanged_or_widely_changed_figures_is_allowed() -> None:
    nodes, old = build([(1, None, "G", 10), (2, 1, "C1", 10), (3, 1, "C2", 10)])
    assert republication_blockers(nodes, old, old, {1, 2, 3}, {1, 2, 3}, 5) == []
    _, new = build([(1, None, "G", 15), (2, 1, "C1", 4), (3, 1, "C2", 10)])
    assert republication_blockers(nodes, old, new, {1, 2, 3}, {1, 2, 3}, 5) == []


def test_republication_counts_groups_shown_in_either_version() -> None:
    nodes, old = build([(1, None, "G", 10), (2, 1, "C1", 10)])
    _, new = build([(1, None, "G", 15), (2, 1, "C1", 12)])
    # C1 is shown only in the old version, yet comparing it with the new G's figure isolates
    # the 2 who joined C1 and the 5 who joined G directly.
    assert republication_blockers(nodes, old, new, {1, 2}, {1}, 5) == [Blocker(2, 2)]
    assert republication_blockers(nodes, old, new, {1}, {1}, 5) == []


def test_republication_blocks_losses_too_in_tree_order() -> None:
    nodes, old = build([(1, None, "G", 10), (2, 1, "C1", 10), (3, 1, "C2", 10)])
    _, new = build([(1, None, "G", 7), (2, 1, "C1", 6), (3, 1, "C2", 10)])
    assert republication_blockers(nodes, old, new, {1, 2, 3}, {1, 2, 3}, 5) == [
        Blocker(1, -3),
        Blocker(2, -4),
    ]


def test_republication_refuses_bad_input() -> None:
    nodes = [Node(1, None)]
    with pytest.raises(InvalidInputError, match="^new shown group 2 is not in the tree$"):
        republication_blockers(nodes, {1: 5}, {1: 5}, {1}, {2}, 5)
    with pytest.raises(InvalidInputError, match="^old n of group 1 must be a whole number"):
        republication_blockers(nodes, {1: -5}, {1: 5}, {1}, {1}, 5)
    with pytest.raises(InvalidInputError, match="^k must be an integer of at least 3, not 1$"):
        republication_blockers(nodes, {1: 5}, {1: 5}, {1}, {1}, 1)


@st.composite
def versions(draw: st.DrawFn) -> tuple[Spec, Spec, set[int], set[int], int]:
    spec, k = draw(trees())
    moved = draw(st.lists(st.integers(-3, 6), min_size=len(spec), max_size=len(spec)))
    later: Spec = [
        (i, p, key, max(0, d + m)) for (i, p, key, d), m in zip(spec, moved, strict=True)
    ]
    ids = [i for i, _, _, _ in spec]
    old_shown = set(draw(st.lists(st.sampled_from(ids), max_size=len(ids))))
    new_shown = set(draw(st.lists(st.sampled_from(ids), max_size=len(ids))))
    return spec, later, old_shown, new_shown, k


@settings(max_examples=1_000, deadline=None)
@given(versions())
def test_republication_blockers_match_the_classes_of_respondents(
    case: tuple[Spec, Spec, set[int], set[int], int],
) -> None:
    spec, later, old_shown, new_shown, k = case
    nodes, old = build(spec)
    _, new = build(later)
    blockers = republication_blockers(nodes, old, new, old_shown, new_shown, k)
    # Brute force: units in the same groups of either version form one class; a class whose
    # count moved by 1..k-1 can be read off the two versions.
    parent_of = {i: parent for i, parent, _, _ in spec}
    union = old_shown | new_shown
    moved: Counter[int] = Counter()
    for (i, _, _, before), (_, _, _, after) in zip(spec, later, strict=True):
        at: int | None = i
        while at is not None and at not in union:
            at = parent_of[at]
        if at is not None:
            moved[at] += after - before
    expected = {g: c for g, c in moved.items() if 0 < abs(c) < k}
    assert {b.id: b.change for b in blockers} == expected


# --- k_anonymise -------------------------------------------------------------------------------


def test_k_anonymise_blanks_from_the_last_column_only_where_needed() -> None:
    rows = [
        ("A", "PNS", "20-29", "<5"),
        ("A", "PNS", "30-39", "<5"),
        ("A", "PPPK", "40-49", "10+"),
        ("A", "PNS", "20-29", "<5"),
        ("A", "PNS", "30-39", "5-10"),
        ("A", "PPPK", "20-29", "<5"),
        ("A", "PNS", "20-29", "<5"),
        ("A", "PNS", "30-39", "<5"),
        ("A", "PPPK", "40-49", "10+"),
    ]
    assert k_anonymise(rows, 3) == [
        ("A", "PNS", "20-29", "<5"),
        ("A", "PNS", "30-39", ""),
        ("A", "PPPK", "", ""),
        ("A", "PNS", "20-29", "<5"),
        ("A", "PNS", "30-39", ""),
        ("A", "PPPK", "", ""),
        ("A", "PNS", "20-29", "<5"),
        ("A", "PNS", "30-39", ""),
        ("A", "PPPK", "", ""),
    ]


def test_k_anonymise_merges_the_smallest_combination_into_a_short_blank_one() -> None:
    rows = [
        *[("B", "PNS", "x")] * 4,
        *[("B", "PPPK", "y")] * 3,
        ("B", "PPPK", "z"),
        ("B", "", "w"),
    ]
    # z and w end blank (2 rows, k = 3): the smaller full combination, PPPK/y, joins them.
    assert k_anonymise(rows, 3) == [*[("B", "PNS", "x")] * 4, *[("B", "", "")] * 5]


def test_k_anonymise_keeps_units_apart_and_leaves_text_as_it_is() -> None:
    rows = [("Dinas Ω", "PNS\x00", "é")] * 3 + [("dinas ω", "PNS\x00", "é")] * 3
    assert k_anonymise(rows, 3) == rows
    assert k_anonymise([], 5) == []


def test_k_anonymise_with_two_fixed_columns() -> None:
    rows = [("A", "2024", "PNS"), ("A", "2024", "PPPK"), ("A", "2024", "PNS")] * 2
    assert k_anonymise(rows, 3, fixed=2) == [("A", "2024", "")] * 6


def test_k_anonymise_refuses_a_small_unit_and_bad_rows() -> None:
    rows = [("A", "PNS")] * 5 + [("B", "PNS")] * 2
    with pytest.raises(ValueError, match=r"^the group \('B',\) has 2 rows, fewer than k = 5$"):
        k_anonymise(rows, 5)
    with pytest.raises(ValueError, match="^row 2 has 3 columns, row 1 has 2$"):
        k_anonymise([("A", "x"), ("A", "x", "y")], 3)
    with pytest.raises(ValueError, match="^row 1 holds 7, not text$"):
        k_anonymise([("A", 7)], 3)  # type: ignore[list-item]
    with pytest.raises(ValueError, match="^fixed = 3 is more than the 2 columns$"):
        k_anonymise([("A", "x")] * 3, 3, fixed=3)


VALUES = ("", "a", "b", "c", "Ω", "\x00")


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[tuple[str, ...]], int, int]:
    """Up to 4 units of k..k+20 rows each (any number with no fixed column), shuffled."""
    k = draw(st.integers(3, 10))
    fixed = draw(st.integers(0, 2))
    free = draw(st.integers(0, 4))
    units = draw(st.lists(st.integers(k, k + 20), max_size=4))
    raw = draw(st.binary(min_size=sum(units) * free, max_size=sum(units) * free))
    cells = iter(raw)
    rows: list[tuple[str, ...]] = []
    for u, size in enumerate(units):
        prefix = tuple(f"u{u}" for _ in range(fixed))
        for _ in range(size):
            rows.append(prefix + tuple(VALUES[next(cells) % len(VALUES)] for _ in range(free)))
    order = draw(st.permutations(range(len(rows))))
    return [rows[i] for i in order], k, fixed


@settings(max_examples=2_000, deadline=None)
@given(tables())
def test_k_anonymise_properties(table: tuple[list[tuple[str, ...]], int, int]) -> None:
    rows, k, fixed = table
    out = k_anonymise(rows, k, fixed=fixed)
    assert len(out) == len(rows)
    counts = Counter(out)
    assert all(c >= k for c in counts.values())
    before = Counter(rows)
    for row, got in zip(rows, out, strict=True):
        assert got[:fixed] == row[:fixed]
        changed = [j for j in range(len(row)) if got[j] != row[j]]
        assert all(got[j] == "" for j in changed)
        if changed:  # blanked from the last column towards the first, so a blank suffix
            assert all(v == "" for v in got[changed[0] :])
        if before[row] >= k:  # kept, unless merged whole into a short all-blank combination
            assert got in (row, row[:fixed] + ("",) * (len(row) - fixed))
