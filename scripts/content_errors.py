#!/usr/bin/env python3
"""Where the contents of found cues disagree with the gold, by kind.

Pairs predicted and gold attributions by cue overlap exactly as the scorer does
(shared/eval/score.py, whose functions are imported), then sorts every paired content
that is not exact into one kind: no content, no overlap (gold before or after the cue),
piece shapes that differ (gold in two pieces around "X said," where ours is one, or the
reverse), and for the rest the start and end each early, late or right. Each kind gets
its pair count and its token loss (1 - the pair's Dice, the scorer's token credit), and
the words at the differing edge are counted so the largest general shapes show.

    python3 scripts/content_errors.py GOLD PRED [--examples N] [--kind KIND]

GOLD is polnear/{train,dev}/gold.jsonl; PRED a file written by `score.py run ...
--save-pred`. Prints to stdout; nothing from the data is written anywhere.
"""
import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "shared" / "eval"))
sys.path.insert(0, "/work/shared/eval")
import score as S  # noqa: E402
from cue_pairs import pair_by_cue  # noqa: E402

CUE_WORDS = {"said", "says", "say", "told", "added", "according", "asked", "wrote", "noted", "explained",
             "argued", "insisted", "stated", "continued", "claimed", "tweeted", "reported", "saying"}


def words(raw, s, e):
    return raw[s:e].decode("utf-8", "replace").split()


def sentence_of(sents, pos):
    for i, (s, e) in enumerate(sents):
        if s <= pos < e:
            return i
    return None


def edge_kind(raw, a, b):
    """Describe the stretch raw[a:b] (extra or missing at an edge) by its first words."""
    w = [x.strip("\"“”‘’'(),.;:—-").lower() for x in words(raw, a, b)]
    w = [x for x in w if x]
    if not w:
        return "punct", 0
    return w[0], len(w)


def classify(raw, p, g, pcue, sents):
    if not p:
        return "no content", None
    if p == g:
        return "exact", None
    if not S.overlaps(p, g):
        gs = sentence_of(sents, g[0][0])
        cs = sentence_of(sents, pcue[0][0])
        where = "gold before cue" if g[-1][1] <= pcue[0][0] else "gold after cue"
        if gs is not None and cs is not None:
            where += " (same sentence)" if gs == cs else f" (sentence {gs - cs:+d})"
        return "no overlap: " + where, None
    if len(g) > 1 and len(p) == 1:
        # does a gap of the gold hold the cue (a parenthetical "X, he said, Y")?
        cue_in_gap = any(g[k][1] <= pcue[0][0] < g[k + 1][0] for k in range(len(g) - 1))
        kind = "gold split around cue, ours one piece" if cue_in_gap else "gold split elsewhere, ours one piece"
        if cue_in_gap:
            before = p[0][1] <= pcue[0][0]
            kind += " (ours before cue)" if before else " (ours after cue)"
        return kind, None
    if len(p) > 1 and len(g) == 1:
        return "ours split, gold one piece", None
    if len(p) > 1 and len(g) > 1 and len(p) != len(g):
        return "both split, piece counts differ", None
    # compare the outer bounds
    ps, pe, gs, ge = p[0][0], p[-1][1], g[0][0], g[-1][1]
    parts = []
    detail = {}
    if ps < gs:
        parts.append("start early")
        detail["start"] = ("extra",) + edge_kind(raw, ps, gs)
    elif ps > gs:
        parts.append("start late")
        detail["start"] = ("missing",) + edge_kind(raw, gs, ps)
    if pe > ge:
        parts.append("end late")
        detail["end"] = ("extra",) + edge_kind(raw, ge, pe)
        ext = [x.strip(",.\"“”").lower() for x in words(raw, ge, pe)]
        if len(ext) <= 6 and any(x in CUE_WORDS for x in ext):
            parts[-1] = "end late (attribution tail)"
        gse = sentence_of(sents, ge - 1)
        pse = sentence_of(sents, pe - 1)
        if gse is not None and pse is not None and pse > gse:
            parts[-1] += " [into next sentence]"
    elif pe < ge:
        parts.append("end early")
        detail["end"] = ("missing",) + edge_kind(raw, pe, ge)
        gse = sentence_of(sents, ge - 1)
        pse = sentence_of(sents, pe - 1)
        if gse is not None and pse is not None and gse > pse:
            parts[-1] += " [gold into next sentence]"
    if not parts:
        parts.append("same hull, inner pieces differ")
    return " + ".join(parts), detail


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--examples", type=int, default=0)
    ap.add_argument("--kind", default=None, help="print examples only of kinds containing this")
    ap.add_argument("--edges", type=int, default=12, help="edge words listed per kind")
    a = ap.parse_args()
    gold = S.load_attrib_gold(a.gold)
    pred_docs, _ = S.load_pred(a.pred)
    texts = S.DocText()
    match, _ = S.match_documents([g["doc"] for g in gold], pred_docs, [])
    kinds = collections.Counter()
    loss = collections.Counter()
    edges = collections.defaultdict(collections.Counter)
    edge_loss = collections.defaultdict(collections.Counter)
    examples = collections.defaultdict(list)
    total_pairs = 0
    total_credit = 0.0
    for g in gold:
        raw = texts.get(S.resolve_doc(g["doc"], a.gold))
        pd = match.get(g["doc"])
        if pd is None or raw is None:
            continue
        sents = [tuple(st["span"]) for st in pd["statements"]]
        P = []
        for st in pd["statements"]:
            for x in st["attributions"]:
                if x.get("cue"):
                    P.append({"cue": S.norm(raw, x["cue"]), "content": S.norm(raw, x.get("content") or [])})
        G = [{"cue": S.norm(raw, r["cue"]), "content": S.norm(raw, r["content"])} for r in g["relations"]]
        pg = pair_by_cue(P, G, S.overlap_len)
        for pi, gi in pg.items():
            p, gg = P[pi], G[gi]
            pc, gc = p["content"], gg["content"]
            d = S.dice(S.tokens(raw, pc), S.tokens(raw, gc), pc, gc) if pc else 0.0
            total_pairs += 1
            total_credit += d
            kind, detail = classify(raw, pc, gc, p["cue"], sents)
            kinds[kind] += 1
            loss[kind] += 1 - d
            if detail:
                for side, (how, first, n) in detail.items():
                    key = f"{side} {how}"
                    edges[key][first] += 1
                    edge_loss[key][first] += n
            if kind != "exact" and a.examples and len(examples[kind]) < a.examples and (a.kind is None or a.kind in kind):
                examples[kind].append((S._txt(raw, p["cue"]), S._txt(raw, pc), S._txt(raw, gc)))
    print(f"paired {total_pairs}, content token credit {total_credit:.1f}, loss {total_pairs - total_credit:.1f}")
    print(f"{'kind':<62}{'pairs':>7}{'loss':>8}")
    for k, n in sorted(kinds.items(), key=lambda kv: -loss[kv[0]]):
        print(f"{k:<62}{n:>7}{loss[k]:>8.1f}")
    for key in sorted(edges):
        print(f"\n{key}: first words of the stretch (pairs, tokens)")
        for w, n in edges[key].most_common(a.edges):
            print(f"  {w:<30}{n:>6}{edge_loss[key][w]:>7}")
    for k, exs in examples.items():
        if not exs:
            continue
        print(f"\n== {k}")
        for cue, pc, gc in exs:
            print(f"  cue: {cue}\n   ours: {pc}\n   gold: {gc}")


if __name__ == "__main__":
    main()
