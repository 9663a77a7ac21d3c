#!/usr/bin/env python3
"""Recomputes HearthResearch's figures independently, with scipy and the statistics module.

Usage: check_statistics.py CASES.json

The JSON is written by HearthResearchTests (ScipyAgreementTests): Student t quantiles, paired before/after
data sets with Hearth's results, and count tables with Hearth's published (suppressed) version. Every number
must agree to 1e-9, every reliable-change count exactly; every suppressed table entry must be left undetermined
by the published figures even knowing that counts are never negative (a linear programme per entry finds its
smallest and largest possible value). Exit status 0 when all agree, 1 with a list of disagreements, 2 when
scipy is missing.
"""
import json
import math
import statistics
import sys

try:
    import numpy as np
    from scipy import stats
    from scipy.optimize import linprog
except ImportError:
    print("scipy is not installed: python3 -m pip install scipy", file=sys.stderr)
    sys.exit(2)

TOLERANCE = 1e-9
problems = []
largest = {"difference": 0.0}


def agree(what, hearth, expected):
    if expected is None or hearth is None:
        if expected is not hearth:
            problems.append(f"{what}: Hearth {hearth!r}, expected {expected!r}")
        return
    largest["difference"] = max(largest["difference"], abs(hearth - expected) / max(1.0, abs(expected)))
    if not abs(hearth - expected) <= TOLERANCE * max(1.0, abs(expected)):
        problems.append(f"{what}: Hearth {hearth!r}, scipy/statistics {expected!r}, difference {hearth - expected:.3g}")


def check_quantiles(cases):
    for case in cases:
        agree(f"t quantile p={case['p']} df={case['df']}", case["t"], float(stats.t.ppf(case["p"], case["df"])))


def check_paired(cases):
    for index, case in enumerate(cases):
        before, after = case["before"], case["after"]
        changes = [b - a for a, b in zip(before, after)]
        n = len(before)
        what = f"paired set {index} (n={n})"
        if case["n"] != n:
            problems.append(f"{what}: n is {case['n']}")
        agree(f"{what} before mean", case["before_mean"], statistics.fmean(before))
        agree(f"{what} after mean", case["after_mean"], statistics.fmean(after))
        agree(f"{what} change mean", case["change_mean"], statistics.fmean(changes))
        sd_before = statistics.stdev(before) if n >= 2 else None
        sd_after = statistics.stdev(after) if n >= 2 else None
        sd_change = statistics.stdev(changes) if n >= 2 else None
        agree(f"{what} before SD", case["before_sd"], sd_before)
        agree(f"{what} after SD", case["after_sd"], sd_after)
        agree(f"{what} change SD", case["change_sd"], sd_change)
        if n >= 2:
            mean = statistics.fmean(changes)
            half = float(stats.t.ppf(0.975, n - 1)) * sd_change / math.sqrt(n)
            agree(f"{what} CI lower", case["ci_lower"], mean - half)
            agree(f"{what} CI upper", case["ci_upper"], mean + half)
            agree(f"{what} d_z", case["d_z"], mean / sd_change if sd_change > 0 else None)
            average_sd = (sd_before + sd_after) / 2
            agree(f"{what} d_av", case["d_av"], mean / average_sd if average_sd > 0 else None)
        check_reliable_change(what, case, changes, sd_before)


def check_reliable_change(what, case, changes, sd_before):
    r, published = case["reliability"], case["published_sd"]
    sd1, source = (published, "measure") if published is not None else (sd_before, "sample")
    if r is None or r >= 1 or sd1 is None or sd1 <= 0:
        if case["reliable"] is not None:
            problems.append(f"{what}: reliable change should be undefined, Hearth gives {case['reliable']}")
        return
    if case["sd_source"] != source:
        problems.append(f"{what}: sd_source {case['sd_source']}, expected {source}")
    se = sd1 * math.sqrt(1 - r)
    counts = {"improved": 0, "deteriorated": 0, "no_change": 0}
    for change in changes:
        rc = change / math.sqrt(2 * se * se)
        if abs(rc) <= 1.96:
            counts["no_change"] += 1
        elif (rc > 0) == (case["better"] == "higher"):
            counts["improved"] += 1
        else:
            counts["deteriorated"] += 1
    if case["reliable"] != counts:
        problems.append(f"{what}: reliable change {case['reliable']}, expected {counts}")


def check_table(index, case):
    """Attacks one published table: the smallest and largest value of each hidden entry over all non-negative
    tables that agree with every published cell and total."""
    cells, published, threshold = case["cells"], case["published"], case["threshold"]
    rows, columns = len(cells), len(cells[0])
    truth = [row + [sum(row)] for row in cells]
    truth.append([sum(cells[r][c] for r in range(rows)) for c in range(columns)] + [sum(map(sum, cells))])
    shown = [row + [total] for row, total in zip(published["cells"], published["row_totals"])]
    shown.append(published["column_totals"] + [published["grand_total"]])
    what = f"table {index} {cells}"
    unknowns = []
    for r in range(rows + 1):
        for c in range(columns + 1):
            if shown[r][c] is None:
                unknowns.append((r, c))
            elif shown[r][c] != truth[r][c]:
                problems.append(f"{what}: published {shown[r][c]} at {r},{c}, true {truth[r][c]}")
            elif truth[r][c] < threshold:
                problems.append(f"{what}: {truth[r][c]} at {r},{c} is under the threshold but published")
    if not unknowns:
        return
    position = {entry: i for i, entry in enumerate(unknowns)}
    equations, constants = [], []
    # Each row: its cells minus its total is zero; each column likewise (the totals row and column included).
    lines = [[(r, c) for c in range(columns + 1)] for r in range(rows + 1)]
    lines += [[(r, c) for r in range(rows + 1)] for c in range(columns + 1)]
    for line in lines:
        coefficients, constant = [0.0] * len(unknowns), 0.0
        last = line[-1]
        for entry in line:
            sign = -1.0 if entry == last else 1.0
            if entry in position:
                coefficients[position[entry]] = sign
            else:
                constant -= sign * shown[entry[0]][entry[1]]
        if any(coefficients):
            equations.append(coefficients)
            constants.append(constant)
    for entry, i in position.items():
        objective = np.zeros(len(unknowns))
        objective[i] = 1.0
        low = linprog(objective, A_eq=equations, b_eq=constants, bounds=(0, None), method="highs")
        high = linprog(-objective, A_eq=equations, b_eq=constants, bounds=(0, None), method="highs")
        if low.status != 0:
            problems.append(f"{what}: the published table has no solution ({low.message})")
            return
        largest = math.inf if high.status == 3 else -high.fun
        value = truth[entry[0]][entry[1]]
        if not (low.fun - 1e-7 <= value <= largest + 1e-7):
            problems.append(f"{what}: true {value} at {entry} outside [{low.fun}, {largest}]")
        if largest - low.fun < 1 - 1e-7:
            problems.append(f"{what}: entry {entry} is pinned to [{low.fun}, {largest}] by the published figures")


def main():
    with open(sys.argv[1]) as file:
        cases = json.load(file)
    check_quantiles(cases["t_quantiles"])
    check_paired(cases["paired"])
    for index, table in enumerate(cases["tables"]):
        check_table(index, table)
    if problems:
        print(f"{len(problems)} disagreements:", *problems[:40], sep="\n")
        sys.exit(1)
    print(f"agree: {len(cases['t_quantiles'])} t quantiles, {len(cases['paired'])} paired sets, "
          f"{len(cases['tables'])} tables attacked; largest difference {largest['difference']:.2g} (relative above 1)")


if __name__ == "__main__":
    main()
