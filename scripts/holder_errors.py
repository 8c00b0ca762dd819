#!/usr/bin/env python3
"""Developer tool: the holders (sources) sayso draws differently from PolNeAR's gold,
classified by how they differ. Reads ../shared at run time and prints to stdout only
(the data stays out of the repository). Used to choose the candidates of the learned
holder boundaries and the holder rules (docs/accuracy.md, issue 18; docs/grammar.md).

    python3 scripts/holder_errors.py [train|dev] [--bin target/release/sayso]
                                     [--pred saved.jsonl] [--show N] [--only KIND]

Runs `sayso annotate --format jsonl` on the suite (or reads a file saved with the
scorer's `--save-pred`), pairs predicted and gold attributions as the scorer does (one
to one, by cue overlap), and sorts every paired cue by how its holder differs:

    exact          the same span
    missing        the gold has a source, we give none
    extra          we give a source, the gold has none
    too-long-left, too-long-right, too-short-left, too-short-right, and the pairs of
                   these ("too-long-left+too-short-right"): the spans overlap, one edge
                   or both differ
    discontinuous  the spans overlap and one of them has several pieces
    elsewhere      both have a source and the spans do not overlap

then (--show N) the N most frequent finer kinds (the word added or missing at the edge,
or for missing and elsewhere where the gold source lies from the cue) with four examples
each; --only KIND restricts the finer listing to one coarse kind.
"""
import collections, importlib.util, os, subprocess, sys, tempfile

args = sys.argv[1:]
suite = "dev" if "dev" in args else "train"
opt = lambda name, default: args[args.index(name) + 1] if name in args else default
binp = opt("--bin", "target/release/sayso")
show = int(opt("--show", 0))
only = opt("--only", None)
saved = opt("--pred", None)
shared = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared")
spec = importlib.util.spec_from_file_location("score", os.path.join(shared, "eval", "score.py"))
S = importlib.util.module_from_spec(spec)
spec.loader.exec_module(S)
from cue_pairs import pair_by_cue  # noqa: E402
gold_path = os.path.join(shared, "data", "polnear", suite, "gold.jsonl")
pred_path = saved or tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False).name
if not saved:
    subprocess.run([sys.executable, os.path.join(shared, "eval", "score.py"), "run", f"polnear-{suite}",
                    "--bin", binp, "--save-pred", pred_path], check=True, stdout=subprocess.DEVNULL)
gold = S.load_attrib_gold(gold_path)
pred_docs, errors = S.load_pred(pred_path)
texts = S.DocText()
match, _ = S.match_documents([g["doc"] for g in gold], pred_docs, errors)


def text(raw, a, b):
    return raw[a:b].decode("utf8", "replace").replace("\n", " ")


def words(raw, spans):
    return text(raw, spans[0][0], spans[-1][1])


def where(raw, src, cue):
    """Where a source lies from its cue: before/after, and how many words between."""
    s, e = src[0][0], src[-1][1]
    c0, c1 = cue[0][0], cue[-1][1]
    if e <= c0:
        gap = text(raw, e, c0)
        side = "before"
    elif s >= c1:
        gap = text(raw, c1, s)
        side = "after"
    else:
        return "around-cue"
    n = len(gap.split())
    dist = "adjacent" if n == 0 else ("near" if n <= 3 else "far")
    if "." in gap and side == "before":
        dist = "other-sentence?"
    return f"{side}-{dist}"


def edge_word(raw, a, b, last=False):
    w = text(raw, a, b).strip().split()
    return (w[-1] if last else w[0]).lower() if w else ""


coarse = collections.Counter()
kinds = collections.Counter()
ex = collections.defaultdict(list)
for g in gold:
    raw = texts.get(S.resolve_doc(g["doc"], gold_path))
    pd = match.get(g["doc"])
    P = []
    for st in pd["statements"]:
        for a in st["attributions"]:
            if "bad" in a or not a.get("cue"):
                continue
            P.append({"cue": S.norm(raw, a["cue"]), "source": S.norm(raw, a["source"]) if a.get("source") else None})
    G = [{"cue": S.norm(raw, a["cue"]), "source": S.norm(raw, a["source"]) if a["source"] else None}
         for a in g["relations"]]
    pg = pair_by_cue(P, G, S.overlap_len)
    for pi, gi in pg.items():
        p, gg, cue = P[pi]["source"], G[gi]["source"], G[gi]["cue"]
        if p is None and gg is None:
            continue
        if p is None:
            k, fine = "missing", where(raw, gg, cue) + ":" + edge_word(raw, gg[0][0], gg[-1][1])
        elif gg is None:
            k, fine = "extra", where(raw, p, P[pi]["cue"]) + ":" + edge_word(raw, p[0][0], p[-1][1])
        elif p == gg:
            coarse["exact"] += 1
            continue
        elif not S.overlaps(p, gg):
            k, fine = "elsewhere", "gold " + where(raw, gg, cue) + ", ours " + where(raw, p, P[pi]["cue"])
        elif len(gg) > 1 or len(p) > 1:
            k, fine = "discontinuous", ""
        else:
            ps, pe = p[0][0], p[-1][1]
            gs, ge = gg[0][0], gg[-1][1]
            parts, fines = [], []
            if ps < gs:
                parts.append("too-long-left"); fines.append("+" + edge_word(raw, ps, gs))
            elif ps > gs:
                parts.append("too-short-left"); fines.append("-" + edge_word(raw, gs, ps, last=True))
            if pe > ge:
                parts.append("too-long-right"); fines.append("+" + edge_word(raw, ge, pe))
            elif pe < ge:
                parts.append("too-short-right"); fines.append("-" + edge_word(raw, pe, ge))
            k, fine = "+".join(parts), " ".join(fines)
        coarse[k] += 1
        key = f"{k} | {fine}"
        kinds[key] += 1
        if len(ex[key]) < 4:
            c = P[pi]["cue"]
            ex[key].append((words(raw, p) if p else "-", words(raw, gg) if gg else "-", words(raw, c)))
print(f"paired cues with a source on either side ({suite}):")
for k, v in coarse.most_common():
    print(f"{v:6d} {k}")
print()
listed = [(k, v) for k, v in kinds.most_common() if only is None or k.split(" | ")[0] == only]
for k, v in listed[:show]:
    print(f"{v:5d} {k}")
    for a, b, c in ex[k]:
        print("        P:", a[:90], " || G:", b[:90], " || cue:", c[:30])
if not saved:
    os.unlink(pred_path)
