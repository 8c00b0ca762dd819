#!/usr/bin/env python3
"""How far two PolNeAR annotators agree on the same text, and sayso on the same text.

PolNeAR gives one annotation per article, but some articles were published twice (an
updated story, a live blog's two days), so the same paragraph was annotated twice, often
by two different annotators. This script finds every paragraph of at least 12 words that
occurs in two articles, cuts each article's attributions down to that paragraph (an
attribution belongs to it when its cue starts inside it; its source and content pieces
are clipped to it), and scores with `score.py attrib`:

- annotator against annotator (the second occurrence scored against the first, by the
  same metrics the suites use): how far the gold agrees with itself;
- sayso against each occurrence's annotator, on exactly the same paragraphs.

Usage: scripts/agreement.py [--bin target/release/sayso] [--data ../shared/data]
Writes its pseudo-documents under a temporary folder; copies no text into the project.
"""
import argparse, contextlib, importlib.util, io, json, random, subprocess, sys, tempfile
from collections import defaultdict
from pathlib import Path

MIN_WORDS = 12
BOOTSTRAP = 1000
MIN_CLUSTERS = 10  # fewer stories than this get no interval


def paragraphs(raw):
    pos = 0
    for para in raw.split(b"\n"):
        s = para.strip()
        if len(s.split()) >= MIN_WORDS:
            yield s, pos + para.find(s)
        pos += len(para) + 1


def clip(rel, start, end):
    """rel's roles cut to [start, end) and shifted to the paragraph, or None if its cue is outside."""
    cue = rel["cue"]
    if not cue or not (start <= cue[0][0] < end):
        return None
    out = {}
    for role in ("source", "cue", "content"):
        spans = rel.get(role) or []
        kept = [[max(s, start) - start, min(e, end) - start] for s, e in spans if s < end and e > start]
        out[role] = kept or None
    if out["content"] is None:
        out["content"] = [list(out["cue"][0])]  # a relation needs a content; the cue stands in
    return out


def pred_relations(pred_line):
    rels = []
    for st in pred_line["statements"]:
        for a in st["attributions"]:
            def sp(r):
                if not r:
                    return None
                return r["spans"] if "spans" in r else [r["span"]]
            rels.append({"source": sp(a.get("source")), "cue": sp(a.get("cue")), "content": sp(a.get("content"))})
    return rels


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/sayso")
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--score", default="../shared/eval/score.py")
    args = ap.parse_args()
    data = Path(args.data) / "polnear"
    docs = {}
    where = defaultdict(list)
    for split in ("train", "dev"):
        for line in open(data / split / "gold.jsonl"):
            g = json.loads(line)
            path = data / split / g["doc"]
            raw = path.read_bytes()
            docs[str(path)] = (raw, g)
            for text, at in paragraphs(raw):
                where[text].append((str(path), at))
    # every pair of occurrences in two different articles
    pairs = []
    for text, occ in where.items():
        arts = sorted(set(occ))
        for i in range(len(arts)):
            for j in range(i + 1, len(arts)):
                if arts[i][0] != arts[j][0]:
                    pairs.append((text, arts[i], arts[j]))
    # sayso on every article involved, whole (so that context is the real one)
    involved = sorted({p for _, a, b in pairs for p in (a[0], b[0])})
    out = subprocess.run([args.bin, "annotate", "--format", "jsonl", *involved], capture_output=True, check=False)
    preds = {}
    for line in out.stdout.decode().splitlines():
        d = json.loads(line)
        preds[str(Path(d["path"]))] = pred_relations(d)
    # articles that share text form one story; its paragraphs are not independent draws,
    # so the interval below resamples stories
    story = {}

    def find(a):
        while story.setdefault(a, a) != a:
            a = story[a]
        return a

    for _, (p1, _), (p2, _) in pairs:
        story[find(p1)] = find(p2)
    tmp = Path(tempfile.mkdtemp(prefix="sayso-agreement-"))
    (tmp / "docs").mkdir()
    sets = {k: [] for k in ("same", "different")}
    for k, (text, (p1, s1), (p2, s2)) in enumerate(pairs):
        a1, a2 = docs[p1][1]["annotator"], docs[p2][1]["annotator"]
        name = f"docs/p{k}.txt"
        (tmp / name).write_bytes(text)
        n = len(text)
        first = [r for r in (clip(x, s1, s1 + n) for x in docs[p1][1]["attributions"]) if r]
        second = [r for r in (clip(x, s2, s2 + n) for x in docs[p2][1]["attributions"]) if r]
        ours1 = [r for r in (clip(x, s1, s1 + n) for x in preds.get(p1, [])) if r]
        ours2 = [r for r in (clip(x, s2, s2 + n) for x in preds.get(p2, [])) if r]
        sets["same" if a1 == a2 else "different"].append((name, find(p1), first, second, ours1, ours2))

    spec = importlib.util.spec_from_file_location("score", args.score)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    roles = (("source", "exact"), ("cue", "overlap"), ("content", "token"))

    def counts(name, gold, pred):
        """tp, predicted and gold counts of each headline metric for one paragraph."""
        g, p = tmp / "g.jsonl", tmp / "p.jsonl"
        g.write_text(json.dumps({"doc": name, "attributions": gold}) + "\n")
        attrs = [{r: (None if v is None else {"spans": v}) for r, v in rel.items()} for rel in pred]
        p.write_text(json.dumps({"path": name, "statements": [
            {"span": [0, 1], "verdict": "confirmed", "source": "none", "attributions": attrs, "hedges": []}]}) + "\n")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            res = scorer.score_attrib(str(g), str(p))
        m = res["metrics"]
        return [(m[r][k]["tp"], m[r][k]["n_pred"], m[r][k]["n_gold"]) for r, k in roles]

    def f1(rows):
        out = []
        for i in range(len(roles)):
            tp = sum(r[i][0] for r in rows)
            npred = sum(r[i][1] for r in rows)
            ngold = sum(r[i][2] for r in rows)
            p = tp / npred if npred else 0.0
            rc = tp / ngold if ngold else 0.0
            out.append((2 * p * rc / (p + rc) if p + rc else 0.0, p, rc))
        return out

    rng = random.Random(20261206)
    for kind, rows in sets.items():
        if not rows:
            continue
        n_gold = sum(len(r[2]) + len(r[3]) for r in rows)
        clusters = sorted({r[1] for r in rows})
        print(f"\n## {kind} annotator: {len(rows)} paragraph pairs from {len(clusters)} stories (articles sharing text), "
              f"{n_gold} gold relations in all")
        comparisons = {
            "second annotation against the first": [(r[1], counts(r[0], r[2], r[3])) for r in rows],
            "sayso against the first": [(r[1], counts(r[0], r[2], r[4])) for r in rows],
            "sayso against the second": [(r[1], counts(r[0], r[3], r[5])) for r in rows],
        }
        print("| scored | source exact F1 | cue overlap F1 | content token F1 |")
        print("|---|---|---|---|")
        for label, scored in comparisons.items():
            point = f1([c for _, c in scored])
            # a 90 % interval by resampling stories
            by_cluster = {k: [c for kk, c in scored if kk == k] for k in clusters}
            boot = []
            for _ in range(BOOTSTRAP if len(clusters) >= MIN_CLUSTERS else 0):
                pick = [rng.choice(clusters) for _ in clusters]
                boot.append(f1([c for k in pick for c in by_cluster[k]]))
            cells = []
            for i in range(len(roles)):
                f, p, rc = point[i]
                cell = f"{f:.3f} (P {p:.3f} R {rc:.3f}"
                if boot:
                    xs = sorted(b[i][0] for b in boot)
                    cell += f"; 90 % {xs[int(0.05 * len(xs))]:.2f}–{xs[int(0.95 * len(xs)) - 1]:.2f}"
                cells.append(cell + ")")
            print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
