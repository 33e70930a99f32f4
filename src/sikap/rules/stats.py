"""Small-sample statistics for survey results, without SciPy.

The Student t distribution is computed from the regularised incomplete beta function
(continued fraction, Lentz's method) and inverted by safeguarded Newton steps inside a
bisection bracket, accurate to about 1e-10 for every degree of freedom ≥ 1; the normal quantile
comes from :class:`statistics.NormalDist`. `welch_significant` and `mean_interval` are the
hot-path forms used when thousands of groups are published: one cached critical t per integer
degree of freedom.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from statistics import NormalDist
from typing import NamedTuple, overload

from sikap.rules._numbers import check_int
from sikap.rules.errors import InvalidInputError

ALPHA = 0.05
_NORMAL = NormalDist()


def _confidence(confidence: float) -> float:
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise InvalidInputError(f"confidence must be a number, not {confidence!r}")
    if not 0 < confidence < 1:
        raise InvalidInputError(f"confidence must be between 0 and 1, not {confidence!r}")
    return float(confidence)


def _positive_n(n: object, what: str = "n", minimum: int = 1) -> int:
    value = check_int(n, what)
    if value < minimum:
        raise InvalidInputError(f"{what} must be at least {minimum}, not {value}")
    return value


def _finite(x: object, what: str) -> float:
    if isinstance(x, bool) or not isinstance(x, int | float) or not math.isfinite(x):
        raise InvalidInputError(f"{what} must be a finite number, not {x!r}")
    return float(x)


def _proportion(p: object, what: str) -> float:
    value = _finite(p, what)
    if not 0 <= value <= 1:
        raise InvalidInputError(f"{what} must be a proportion between 0 and 1, not {p!r}")
    return value


def normal_quantile(p: float) -> float:
    return _NORMAL.inv_cdf(p)


def _betacf(a: float, b: float, x: float) -> float:
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 1000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    ln_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(ln_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T ≤ t) for Student's t with ``df`` (possibly fractional) degrees of freedom."""
    if df <= 0:
        raise InvalidInputError(f"degrees of freedom must be positive, not {df!r}")
    tail = 0.5 * _betainc(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def _t_pdf(t: float, df: float) -> float:
    log_norm = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    return math.exp(log_norm - (df + 1) / 2 * math.log1p(t * t / df))


def t_quantile(p: float, df: float) -> float:
    """The t value below which a share ``p`` of the distribution lies."""
    if not 0 < p < 1:
        raise InvalidInputError(f"p must be between 0 and 1, not {p!r}")
    if df <= 0:
        raise InvalidInputError(f"degrees of freedom must be positive, not {df!r}")
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < p:
        hi *= 2.0
    # Start from the Cornish-Fisher expansion around the normal quantile; a Newton step that
    # leaves the bracket is replaced by bisection, so the search never diverges (df = 1).
    z = normal_quantile(p)
    t = z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df * df)
    if not lo < t < hi:
        t = (lo + hi) / 2.0
    for _ in range(200):
        f = t_cdf(t, df) - p
        if f == 0:
            return t
        if f < 0:
            lo = t
        else:
            hi = t
        step = f / _t_pdf(t, df)
        nxt = t - step
        if not lo < nxt < hi:
            nxt = (lo + hi) / 2.0
        if abs(nxt - t) < 1e-12 * max(1.0, t) or hi - lo < 1e-12 * max(1.0, hi):
            return nxt
        t = nxt
    return t


@functools.lru_cache(maxsize=4096)
def _critical(df: int, alpha: float) -> float:
    return t_quantile(1 - alpha / 2, df)


def t_critical(df: float, *, alpha: float = ALPHA) -> float:
    """The two-sided critical t at ``alpha`` for ``df`` degrees of freedom rounded down.

    Rounding df down to an integer (at least 1) is conservative: fewer degrees of freedom give
    a larger critical value, so a test is never more often significant, nor an interval
    narrower, than with the exact df. One quantile per integer df is computed and cached, so
    thousands of groups cost a few hundred quantiles at most.
    """
    return _critical(max(1, math.floor(df)), alpha)


def welch_significant(
    m1: float, sd1: float, n1: int, m2: float, sd2: float, n2: int, *, alpha: float = ALPHA
) -> bool:
    """Welch's two-sided test from summary statistics: is the difference significant at alpha?

    The decision of ``welch_t(...).p_value < alpha`` with the Welch df rounded down to an
    integer (conservative, see `t_critical`), without an incomplete-beta evaluation per call.
    Both groups need n ≥ 2; the numbers are not checked further (a hot path; `welch_t` checks).
    """
    if n1 < 2 or n2 < 2:
        raise InvalidInputError(f"both groups need at least 2 values, not {n1} and {n2}")
    v1, v2 = sd1 * sd1 / n1, sd2 * sd2 / n2
    if v1 + v2 == 0:
        return m1 != m2
    t = abs(m1 - m2) / math.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    return t > t_critical(df, alpha=alpha)


def mean_interval(mean: float, sd: float, n: int, *, alpha: float = ALPHA) -> tuple[float, float]:
    """The 1 − alpha (95%) t interval of a mean from its sample sd and n (n ≥ 2).

    The same interval as `mean_t_interval(mean=..., sd=..., n=...)` with the critical t cached
    per df (`t_critical`), for publishing thousands of groups.
    """
    if n < 2:
        raise InvalidInputError(f"n must be at least 2, not {n}")
    half = t_critical(n - 1, alpha=alpha) * sd / math.sqrt(n)
    return (mean - half, mean + half)


@functools.lru_cache(maxsize=16)
def _z(confidence: float) -> float:
    """The two-sided normal quantile of a confidence level, computed once per level."""
    return normal_quantile(1 - (1 - confidence) / 2)


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion, as proportions (0–1)."""
    total = _positive_n(n)
    k = check_int(successes, "successes")
    if not 0 <= k <= total:
        raise InvalidInputError(f"successes must be between 0 and n={total}, not {k}")
    z = _z(_confidence(confidence))
    p = k / total
    denom = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denom
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denom
    # Rounding would otherwise leave 1e-17 instead of the exact bound at k = 0 or k = n.
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == total else min(1.0, centre + half)
    return (low, high)


def _mean_sd(values: Sequence[float]) -> tuple[float, float, int]:
    xs = [_finite(v, "value") for v in values]
    n = len(xs)
    if n < 2:
        raise InvalidInputError(f"at least 2 values are needed, got {n}")
    mean = math.fsum(xs) / n
    var = math.fsum((x - mean) ** 2 for x in xs) / (n - 1)
    return mean, math.sqrt(var), n


def mean_t_interval(
    values: Sequence[float] | None = None,
    *,
    mean: float | None = None,
    sd: float | None = None,
    n: int | None = None,
    confidence: float = 0.95,
) -> tuple[float, float]:
    """t confidence interval of a mean, from raw ``values`` or from ``mean``, ``sd``, ``n``.

    ``sd`` is the sample standard deviation (divisor n − 1).
    """
    if values is not None:
        if mean is not None or sd is not None or n is not None:
            raise InvalidInputError("give either values or mean, sd and n, not both")
        m, s, size = _mean_sd(values)
    else:
        if mean is None or sd is None or n is None:
            raise InvalidInputError("give values, or all of mean, sd and n")
        m, s, size = _finite(mean, "mean"), _finite(sd, "sd"), _positive_n(n, "n", 2)
        if s < 0:
            raise InvalidInputError(f"sd must not be negative, not {sd!r}")
    t = t_quantile(1 - (1 - _confidence(confidence)) / 2, size - 1)
    half = t * s / math.sqrt(size)
    return (m - half, m + half)


def _two_sided_normal(z: float) -> float:
    return 2.0 * (1.0 - _NORMAL.cdf(abs(z)))


def two_proportion_z(p1: float, n1: int, p2: float, n2: int) -> tuple[float, float]:
    """Pooled two-proportion z test: (z, two-sided p value). Proportions are 0–1."""
    a, b = _proportion(p1, "p1"), _proportion(p2, "p2")
    m1, m2 = _positive_n(n1, "n1"), _positive_n(n2, "n2")
    pooled = (a * m1 + b * m2) / (m1 + m2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / m1 + 1 / m2))
    if se == 0:
        # All successes or all failures in both groups: no evidence of a difference.
        return (0.0, 1.0)
    z = (a - b) / se
    return (z, _two_sided_normal(z))


class WelchResult(NamedTuple):
    t: float
    df: float
    p_value: float


def welch_t(mean1: float, sd1: float, n1: int, mean2: float, sd2: float, n2: int) -> WelchResult:
    """Welch's unequal-variance t test from summary statistics (two-sided)."""
    a, b = _finite(mean1, "mean1"), _finite(mean2, "mean2")
    s1, s2 = _finite(sd1, "sd1"), _finite(sd2, "sd2")
    if s1 < 0 or s2 < 0:
        raise InvalidInputError("standard deviations must not be negative")
    m1, m2 = _positive_n(n1, "n1", 2), _positive_n(n2, "n2", 2)
    v1, v2 = s1 * s1 / m1, s2 * s2 / m2
    if v1 + v2 == 0:
        return WelchResult(0.0, float(m1 + m2 - 2), 1.0 if a == b else 0.0)
    t = (a - b) / math.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1 * v1 / (m1 - 1) + v2 * v2 / (m2 - 1))
    p = 2.0 * (1.0 - t_cdf(abs(t), df))
    return WelchResult(t, df, min(1.0, max(0.0, p)))


def welch_t_samples(a: Sequence[float], b: Sequence[float]) -> WelchResult:
    m1, s1, n1 = _mean_sd(a)
    m2, s2, n2 = _mean_sd(b)
    return welch_t(m1, s1, n1, m2, s2, n2)


@overload
def significant(p_value: float, /, *, alpha: float = ALPHA) -> bool: ...
@overload
def significant(p1: float, n1: int, p2: float, n2: int, /, *, alpha: float = ALPHA) -> bool: ...
def significant(*args: float, alpha: float = ALPHA) -> bool:
    """True when a difference is significant at ``alpha`` (0.05).

    Call with a p value, or with ``p1, n1, p2, n2`` to run :func:`two_proportion_z`.
    """
    if len(args) == 1:
        p = _proportion(args[0], "p_value")
    elif len(args) == 4:
        p1, n1, p2, n2 = args
        p = two_proportion_z(p1, check_int(n1, "n1"), p2, check_int(n2, "n2"))[1]
    else:
        raise InvalidInputError("significant() takes a p value or p1, n1, p2, n2")
    return p < alpha


__all__ = [
    "ALPHA",
    "WelchResult",
    "mean_interval",
    "mean_t_interval",
    "normal_quantile",
    "significant",
    "t_cdf",
    "t_critical",
    "t_quantile",
    "two_proportion_z",
    "welch_significant",
    "welch_t",
    "welch_t_samples",
    "wilson_interval",
]
