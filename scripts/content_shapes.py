#!/usr/bin/env python3
"""How often the gold content stops before a trailing phrase of a given shape.

Before writing a rule that ends a content early ("endorsed the governor [last week]"),
count how the gold treats the shape: for every predicted content that is one piece after
its cue and paired with a gold attribution (by cue overlap, as the scorer pairs them),
the trailing stretch after each word boundary (no comma inside it) is given a shape: a
time phrase ("last week", "on Tuesday", "in March", "two years ago", a day name), or a
prepositional phrase by its preposition ("in + X", "at + X", "during + X"). The first
boundary whose tail has a shape is counted as

    stop     the gold ends right before the stretch (the rule would be right),
    through  the gold runs on to our end (the rule would cut a right content),
    earlier  the gold ends before the word in front of the stretch,
    inside   the gold ends inside the stretch.

Counts are split by whether the content looks like a clause ("that", a quote, a
question word, "to", or an auxiliary or a past form among its first words) or a noun
phrase, and by the cue's stance (`act` for learned cues, `gram` for the grammar's).

    python3 scripts/content_shapes.py GOLD PRED [--max-words N] [--examples SHAPE]

GOLD is polnear/{train,dev}/gold.jsonl; PRED a file written by `score.py run ...
--save-pred` (to count the rules' contents before the learned content ends, run with a
copy of the models whose span threshold is very large). `--max-words N` counts only
contents of at most N words; `--examples SHAPE` prints a few paired contents of the
shapes containing SHAPE to stdout. Nothing from the data is written anywhere.
"""
import argparse
import collections
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "shared" / "eval"))
sys.path.insert(0, "/work/shared/eval")
import score as S  # noqa: E402
from cue_pairs import pair_by_cue  # noqa: E402

DAYS = set("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = set(
    "january february march april may june july august september october november december "
    "jan. feb. mar. apr. aug. sept. sep. oct. nov. dec.".split()
)
UNITS = set(
    "week weekend month year day night morning afternoon evening summer fall autumn winter "
    "spring season decade century term cycle time".split()
)
AUXILIARIES = set("is was are were will would has have had could should can may might did does do 's".split())
CLAUSE_OPENERS = ("that", "whether", "if", "why", "how", "what", "who", "when", "where", "to")


def norm(w):
    return w.strip("\"“”‘’'(),.;:!?").lower()


def is_year(w):
    return re.fullmatch(r"(19|20)\d\d", w) is not None


def shape(ws):
    """The shape of a trailing stretch of normalised words, or None."""
    n = len(ws)
    if n == 0:
        return None
    w0 = ws[0]
    if n <= 4 and ws[-1] == "ago":
        return "time: ... ago"
    if w0 in ("last", "next", "this", "past") and n == 2 and (ws[1] in UNITS | DAYS | MONTHS):
        return "time: last/next/this + unit"
    if w0 in ("earlier", "later") and n <= 3:
        return "time: earlier/later (this ...)"
    if n == 1 and w0 in ("yesterday", "today", "tonight", "tomorrow", "recently"):
        return "time: " + w0
    if w0 in DAYS and n <= 2:
        return "time: day name"
    if w0 == "on" and 2 <= n <= 4 and (ws[1] in DAYS or ws[1] in MONTHS):
        return "time: on + day or date"
    if w0 in ("in", "since", "by", "until") and 2 <= n <= 4 and (ws[1] in MONTHS or is_year(ws[1])):
        return "time: in/since/by/until + month or year"
    if w0 in MONTHS and n <= 3:
        return "time: a date"
    if w0 in ("in", "on", "at", "during", "after", "before", "over", "throughout") and n <= 8:
        return "phrase: " + w0 + " + X"
    return None


def clausal(ws, first_raw):
    if ws[0] in CLAUSE_OPENERS or first_raw.startswith(("“", '"', "‘")):
        return True
    return any(w in AUXILIARIES or (len(w) > 4 and w.endswith("ed")) for w in ws[1:7])


def stances(pred_path):
    """(document path, cue start) -> the cue's stance, from the raw prediction file."""
    out = {}
    for line in open(pred_path, encoding="utf-8"):
        d = json.loads(line)
        for st in d.get("statements", []):
            for x in st.get("attributions", []):
                out[(d["path"], x["cue"]["span"][0])] = x["cue"].get("stance")
    return out


def pairs(gold_path, pred_path):
    """Yield (raw text, predicted attribution, gold attribution, stance) for each pair."""
    gold = S.load_attrib_gold(gold_path)
    pred_docs, _ = S.load_pred(pred_path)
    stance_of = stances(pred_path)
    texts = S.DocText()
    match, _ = S.match_documents([g["doc"] for g in gold], pred_docs, [])
    for g in gold:
        raw = texts.get(S.resolve_doc(g["doc"], gold_path))
        pd = match.get(g["doc"])
        if pd is None or raw is None:
            continue
        P = []
        for st in pd["statements"]:
            for x in st["attributions"]:
                if x.get("cue"):
                    P.append(
                        {
                            "cue": S.norm(raw, x["cue"]),
                            "content": S.norm(raw, x.get("content") or []),
                            "stance": stance_of.get((pd["path"], x["cue"][0][0])),
                        }
                    )
        G = [{"cue": S.norm(raw, r["cue"]), "content": S.norm(raw, r["content"])} for r in g["relations"]]
        pg = pair_by_cue(P, G, S.overlap_len)
        for pi, gi in pg.items():
            yield raw, P[pi], G[gi]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--max-words", type=int, default=None)
    ap.add_argument("--examples", default=None)
    a = ap.parse_args()
    counts = collections.defaultdict(collections.Counter)
    examples = collections.defaultdict(list)
    for raw, p, g in pairs(a.gold, a.pred):
        pc, gc = p["content"], g["content"]
        if len(pc) != 1 or not gc or pc[0][0] < p["cue"][0][0]:
            continue
        s, e = pc[0]
        text = raw[s:e].decode("utf-8", "replace")
        toks = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
        if len(toks) < 2 or (a.max_words and len(toks) > a.max_words):
            continue
        ws = [norm(t[2]) for t in toks]
        kind = "clause" if clausal(ws, toks[0][2]) else "np"
        who = "act" if p["stance"] == "act" else "gram"
        ge = gc[-1][1]
        for k in range(1, len(toks)):
            if toks[k - 1][2].endswith((",", ";", ":")) or any(t[2].endswith(",") for t in toks[k:-1]):
                continue
            sh = shape([w for w in ws[k:] if w])
            if not sh:
                continue
            cut = s + len(text[: toks[k][0]].encode())
            prev_end = s + len(text[: toks[k - 1][1]].encode())
            if prev_end - 1 <= ge <= cut:
                outcome = "stop"
            elif ge >= e - 2:
                outcome = "through"
            elif ge < prev_end:
                outcome = "earlier"
            else:
                outcome = "inside"
            key = (sh, kind, who)
            counts[key][outcome] += 1
            if a.examples and a.examples in sh and len(examples[key + (outcome,)]) < 4:
                examples[key + (outcome,)].append((text, raw[gc[0][0] : ge].decode("utf-8", "replace")))
            break
    print(f"{'shape':<44}{'content':<8}{'cue':<6}{'stop':>6}{'through':>9}{'earlier':>9}{'inside':>8}")
    for key in sorted(counts, key=lambda k: (-sum(counts[k].values()))):
        c = counts[key]
        print(f"{key[0]:<44}{key[1]:<8}{key[2]:<6}{c['stop']:>6}{c['through']:>9}{c['earlier']:>9}{c['inside']:>8}")
    for key, exs in examples.items():
        print(f"\n== {' / '.join(key)}")
        for ours, gold in exs:
            print(f"   ours: {ours[:160]}\n   gold: {gold[:160]}")


if __name__ == "__main__":
    main()
