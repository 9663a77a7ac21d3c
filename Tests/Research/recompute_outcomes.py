#!/usr/bin/env python3
"""Recomputes the `outcomes` figures from `responses.csv` as an analyst would, independently of Hearth.

Usage: recompute_outcomes.py CASE.json
CASE.json holds: "csv" (the export's text), "measure" (id, items with reversed/min/max, subscales, scoring),
"course", "min_gap_days", and "published" (the API's outcomes answer). Scores are summed from the item columns
(reversed items as min + max - answer), pairs matched by participant and course, gaps counted in calendar days
from the `day` column, and every published figure compared to 1e-9. Prints "agree: …" or the differences;
exits 2 when scipy is missing.
"""
import csv
import datetime
import io
import json
import math
import statistics
import sys

try:
    from scipy import stats
except ImportError:
    print("scipy is not installed")
    sys.exit(2)


def main():
    case = json.load(open(sys.argv[1]))
    measure = case["measure"]
    rows = list(csv.DictReader(io.StringIO(case["csv"])))
    answers = {}
    for row in rows:
        if row["measure"] != measure["id"] or row["course"] != case["course"] or not row["participant"]:
            continue
        items = {}
        for item in measure["items"]:
            value = row[f'{measure["id"]}_{item["id"]}']
            if value == "":
                continue
            value = int(value)
            items[item["id"]] = item["min"] + item["max"] - value if item["reversed"] else value
        day = datetime.date.fromisoformat(row["day"])
        answers.setdefault(row["participant"], {})[row["occasion"]] = (day, items)

    def score(items, members):
        return float(sum(items[m] for m in members))

    groups = [("total", [i["id"] for i in measure["items"]])] + [(s["id"], s["items"]) for s in measure["subscales"]]
    problems = []
    published = {s["score"]: s for s in case["published"]["scores"]}
    excluded = 0
    pairs = {name: [] for name, _ in groups}
    for participant, occasions in answers.items():
        if "before" not in occasions or "after" not in occasions:
            continue
        (day_before, before), (day_after, after) = occasions["before"], occasions["after"]
        if (day_after - day_before).days < case["min_gap_days"]:
            excluded += 1
            continue
        for name, members in groups:
            pairs[name].append((score(before, members), score(after, members)))

    def close(name, field, ours, theirs):
        if theirs is None:
            problems.append(f"{name}.{field}: published null, recomputed {ours}")
        elif abs(ours - theirs) > 1e-9 * max(1.0, abs(ours)):
            problems.append(f"{name}.{field}: published {theirs}, recomputed {ours}")

    for name, values in pairs.items():
        figure = published[name]
        n = len(values)
        if figure["n"] != n:
            problems.append(f"{name}.n: published {figure['n']}, recomputed {n}")
            continue
        before = [b for b, _ in values]
        after = [a for _, a in values]
        change = [a - b for b, a in values]
        mean = statistics.fmean(change)
        sd = statistics.stdev(change)
        t = stats.t.ppf(0.975, n - 1)
        half = t * sd / math.sqrt(n)
        close(name, "before.mean", statistics.fmean(before), figure["before"]["mean"])
        close(name, "before.sd", statistics.stdev(before), figure["before"]["sd"])
        close(name, "after.mean", statistics.fmean(after), figure["after"]["mean"])
        close(name, "after.sd", statistics.stdev(after), figure["after"]["sd"])
        close(name, "change.mean", mean, figure["change"]["mean"])
        close(name, "change.sd", sd, figure["change"]["sd"])
        close(name, "ci95.lower", mean - half, figure["change"]["ci95"][0])
        close(name, "ci95.upper", mean + half, figure["change"]["ci95"][1])
        close(name, "d_z", mean / sd, figure["d_z"])
        close(name, "d_av", mean / ((statistics.stdev(before) + statistics.stdev(after)) / 2), figure["d_av"])
    if problems:
        print("differ:\n" + "\n".join(problems))
        sys.exit(1)
    print(f"agree: {len(pairs)} scores on {len(pairs['total'])} pairs ({excluded} left out for a short gap)")


if __name__ == "__main__":
    main()
