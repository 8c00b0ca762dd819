#!/usr/bin/env python3
"""Developer tool: list the verdict-suite sentences where sayso disagrees with
the gold labels, with the evidence sayso gave. Reads ../shared at run time.

    python3 scripts/verdict_errors.py dev|seed|train [--bin target/release/sayso]
"""
import json, subprocess, sys, os
suite = sys.argv[1] if len(sys.argv) > 1 else "dev"
binp = sys.argv[sys.argv.index("--bin") + 1] if "--bin" in sys.argv else "target/release/sayso"
data = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
gold = [json.loads(l) for l in open(os.path.join(data, "verdicts", f"{suite}.gold.jsonl"))]
docs = sorted({g["doc"] for g in gold})
out = subprocess.run([binp, "annotate", "--format", "jsonl"] + [os.path.join(data, d) for d in docs],
                     capture_output=True, text=True).stdout
pred = {}
for line in out.splitlines():
    d = json.loads(line)
    for k in docs:
        if d["path"].endswith(k):
            pred[k] = d
order = {"confirmed": 0, "alleged": 1, "disputed": 2, "none": 0, "named": 1, "unnamed": 2}
bad = 0
for g in gold:
    if g.get("skip") or g.get("verdict") in (None, "skip"):
        continue
    s, e = g["span"]
    sts = [st for st in pred[g["doc"]]["statements"] if st["span"][0] < e and s < st["span"][1]]
    v = max((st["verdict"] for st in sts), key=lambda x: order[x], default="(missing)")
    src = max((st["source"] for st in sts), key=lambda x: order[x], default="(missing)")
    if v != g["verdict"] or src != g["source"]:
        bad += 1
        print(f"--- gold {g['verdict']}/{g['source']}  pred {v}/{src}   {g['id']}")
        print("   ", g["text"][:400])
        for st in sts:
            print("       evidence:", ", ".join(f"{ev['feature']} {ev['weight']:+.2f}" for ev in st["evidence"][:4]))
            for m in st.get("markers", []):
                print("       marker:", m.get("rule"), "|", m.get("text"))
            for h in st.get("hedges", []):
                print("       hedge:", h.get("kind"), "|", h.get("text"))
            for a in st["attributions"]:
                src_t = a["source"]["text"] if a["source"] else None
                print("       attr:", repr(src_t), "-", a["cue"]["text"], a.get("stance"), "->", a["source"]["kind"] if a["source"] else "-")
print(bad, "disagreements", file=sys.stderr)
