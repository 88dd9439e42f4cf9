#!/usr/bin/env python3
"""Progress of a running `grappe scan --all` traced with GRAPPE_SCAN_TRACE=1, and a projection
(NOT a measurement) of the remaining time.

Usage: project_scan.py SCAN_STDERR KD_SUMMARY.csv
The trace has one line per tested trade: scan-trace, trade, cases, simulations, seconds (wall).
Sizes of the sub-classes not yet scanned come from `grappe kd --all --summary` (establishments
per sub-class), scaled by the cases/establishments ratio of the sub-classes already scanned (the
scan counts one establishment per firm). The catalogue trades, scanned after the sub-classes,
are left out of the projection (their sizes are not in the summary): it is a lower bound."""
import csv
import sys

trace = [l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if l.startswith('scan-trace\t')]
done = {t[1]: (int(t[2]), int(t[3]), float(t[4])) for t in trace}
sizes = {r['group']: int(r['establishments']) for r in csv.DictReader(open(sys.argv[2]))}
seconds = sum(v[2] for v in done.values())
cases = sum(v[0] for v in done.values())
sims = sum(v[0] * v[1] for v in done.values())
scanned = [g for g in done if g in sizes]
ratio = sum(done[g][0] for g in scanned) / max(1, sum(sizes[g] for g in scanned))
remaining = {g: s * ratio for g, s in sizes.items() if g not in done and s * ratio >= 10}
print(f"trades done: {len(done)} ({len(scanned)} sub-classes), cases {cases:,}, "
      f"case-simulations {sims:,}, trade wall time {seconds:,.0f} s")
print(f"wall seconds per case: {seconds / max(1, cases):.3e}; cases per establishment: {ratio:.3f}")
rest = sum(remaining.values())
print(f"sub-classes left: {len(remaining)}, about {rest:,.0f} cases")
print(f"PROJECTED (not measured) wall time for them at the same rate: {rest * seconds / max(1, cases):,.0f} s "
      f"(catalogue trades not included)")
slow = sorted(done.items(), key=lambda kv: -kv[1][2])[:5]
print("slowest so far:", ", ".join(f"{g} ({c:,} cases × {s} sims: {t:.0f} s)" for g, (c, s, t) in slow))
