#!/usr/bin/env python3
"""Developer tool: list the hedge-suite sentences where sayso disagrees with the
CoNLL-2010 labels, with the hedges sayso found. Reads ../shared at run time and
prints to stdout only (the data stays out of the repository).

    python3 scripts/hedge_errors.py [sample|train] [--bin target/release/sayso]
        [--fn | --fp | --tp] [--rules] [--kinds]

--fn / --fp / --tp list only that kind of sentence; --rules prints, per hedge rule,
how many sentences it fired in and how many of those are labelled uncertain
(its precision against the labels, when it fires alone: "solo"); --kinds the same
per hedge kind.
"""
import json, subprocess, sys, os
from collections import Counter

args = sys.argv[1:]
suite = "sample" if "sample" in args else "train"
binp = args[args.index("--bin") + 1] if "--bin" in args else "target/release/sayso"
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "hedge")
name = "wiki-train-sample" if suite == "sample" else "wiki-train"
gold = [json.loads(l) for l in open(os.path.join(data, f"{name}.gold.jsonl"))]
raw = open(os.path.join(data, f"{name}.txt"), "rb").read()
out = subprocess.run([binp, "annotate", "--format", "jsonl", os.path.join(data, f"{name}.txt")],
                     capture_output=True, text=True).stdout
doc = json.loads(out.splitlines()[0])
hedges = [h for st in doc["statements"] for h in st["hedges"]]
hedges.sort(key=lambda h: h["span"][0])

import bisect
starts = [h["span"][0] for h in hedges]


def found(s, e):
    i = bisect.bisect_left(starts, s)
    res = []
    while i < len(hedges) and hedges[i]["span"][0] < e:
        res.append(hedges[i])
        i += 1
    return res


rules, kinds = Counter(), Counter()
rules_ok, kinds_ok = Counter(), Counter()
solo, solo_ok = Counter(), Counter()
show = {"--fn": "fn", "--fp": "fp", "--tp": "tp"}
want = [v for k, v in show.items() if k in args]
for g in gold:
    s, e = g["span"]
    hs = found(s, e)
    pred = bool(hs)
    kind = ("tp" if g["uncertain"] else "fp") if pred else ("fn" if g["uncertain"] else "tn")
    for r in {h["rule"] for h in hs}:
        rules[r] += 1
        rules_ok[r] += g["uncertain"]
        if len({h["rule"] for h in hs}) == 1:
            solo[r] += 1
            solo_ok[r] += g["uncertain"]
    for k in {h["kind"] for h in hs}:
        kinds[k] += 1
        kinds_ok[k] += g["uncertain"]
    if want and kind in want:
        text = raw[s:e].decode("utf-8", "replace")
        marks = " | ".join(f"{raw[h['span'][0]:h['span'][1]].decode('utf-8', 'replace')}<{h['kind']}:{h['rule']}>" for h in hs)
        print(f"{kind.upper()} {g['id']}: {text}")
        if marks:
            print("      ", marks)
if "--rules" in args:
    for r, n in rules.most_common():
        print(f"{r:32} fired {n:5}  uncertain {rules_ok[r]:5}  P {rules_ok[r]/n:.2f}   solo {solo[r]:4} P {solo_ok[r]/max(solo[r],1):.2f}")
if "--kinds" in args:
    for k, n in kinds.most_common():
        print(f"{k:12} fired {n:5}  uncertain {kinds_ok[k]:5}  P {kinds_ok[k]/n:.2f}")
