#!/usr/bin/env python3
"""Developer tool: the holders (sources) sayso draws differently from PolNeAR's gold,
classified by how they differ. Reads ../shared at run time and prints to stdout only
(the data stays out of the repository). Used to choose the candidates of the learned
holder boundaries (docs/accuracy.md, "What does the work"; docs/grammar.md).

    python3 scripts/holder_errors.py [train|dev] [--bin target/release/sayso] [--show N]

Runs `sayso annotate --format jsonl` on the suite, pairs predicted and gold
attributions as the scorer does (one to one, by cue overlap), and counts the pairs
whose source spans overlap without being equal: by where the start and end differ,
then (--show N) the N most frequent finer kinds with the first word added or missing
and four examples each.
"""
import collections, importlib.util, os, subprocess, sys, tempfile

args = sys.argv[1:]
suite = "dev" if "dev" in args else "train"
binp = args[args.index("--bin") + 1] if "--bin" in args else "target/release/sayso"
show = int(args[args.index("--show") + 1]) if "--show" in args else 0
shared = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared")
spec = importlib.util.spec_from_file_location("score", os.path.join(shared, "eval", "score.py"))
S = importlib.util.module_from_spec(spec)
spec.loader.exec_module(S)
gold_path = os.path.join(shared, "data", "polnear", suite, "gold.jsonl")
pred_path = tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False).name
subprocess.run([sys.executable, os.path.join(shared, "eval", "score.py"), "run", f"polnear-{suite}",
                "--bin", binp, "--save-pred", pred_path], check=True, stdout=subprocess.DEVNULL)
gold = S.load_attrib_gold(gold_path)
pred_docs, errors = S.load_pred(pred_path)
texts = S.DocText()
match, _ = S.match_documents([g["doc"] for g in gold], pred_docs, errors)
kinds = collections.Counter(); ex = collections.defaultdict(list)
n_exact = n_over = 0
def words(raw, spans):
    return raw[spans[0][0]:spans[-1][1]].decode('utf8','replace')
for g in gold:
    raw = texts.get(S.resolve_doc(g["doc"], gold_path))
    pd = match.get(g["doc"])
    P = []
    for st in pd["statements"]:
        for a in st["attributions"]:
            if "bad" in a or not a.get("cue"): continue
            P.append({"cue": S.norm(raw, a["cue"]), "source": S.norm(raw, a["source"]) if a.get("source") else None})
    G = [{"cue": S.norm(raw, a["cue"]), "source": S.norm(raw, a["source"]) if a["source"] else None} for a in g["relations"]]
    cand = []
    for pi, p in enumerate(P):
        for gi, gg in enumerate(G):
            ov = S.overlap_len(p["cue"], gg["cue"])
            if ov > 0: cand.append((-ov, abs(p["cue"][0][0]-gg["cue"][0][0]), gi, pi))
    cand.sort(); pg, gp = {}, {}
    for _, _, gi, pi in cand:
        if pi in pg or gi in gp: continue
        pg[pi], gp[gi] = gi, pi
    for pi, gi in pg.items():
        p, gg = P[pi]["source"], G[gi]["source"]
        if p is None or gg is None: continue
        if p == gg: n_exact += 1; continue
        if not S.overlaps(p, gg): continue
        n_over += 1
        ps, pe = p[0][0], p[-1][1]; gs, ge = gg[0][0], gg[-1][1]
        if len(gg) > 1 or len(p) > 1:
            k = "discontinuous"
        else:
            st = "same" if ps == gs else ("pred-earlier" if ps < gs else "pred-later")
            en = "same" if pe == ge else ("pred-longer" if pe > ge else "pred-shorter")
            k = f"start:{st} end:{en}"
            # sub-classify
            if ps < gs and pe == ge:
                extra = raw[ps:gs].decode('utf8','replace').strip().split()
                k += " | extra-front:" + (extra[0].lower() if extra else "")
            elif ps == gs and pe > ge:
                extra = raw[ge:pe].decode('utf8','replace').strip()
                k += " | extra-back:" + (extra.split()[0].lower() if extra else "")
            elif ps > gs and pe == ge:
                miss = raw[gs:ps].decode('utf8','replace').strip().split()
                k += " | missing-front:" + (miss[-1].lower() if miss else "")
            elif ps == gs and pe < ge:
                miss = raw[pe:ge].decode('utf8','replace').strip()
                k += " | missing-back:" + (miss.split()[0].lower() if miss else "")
        kinds[k] += 1
        if len(ex[k]) < 4:
            ex[k].append((words(raw, p), words(raw, gg)))
print("exact", n_exact, "overlap-but-differ", n_over)
coarse = collections.Counter()
for k, v in kinds.items(): coarse[k.split(" | ")[0]] += v
for k, v in coarse.most_common(): print(f"{v:5d} {k}")
print()
for k, v in kinds.most_common(show):
    print(f"{v:5d} {k}")
    for a, b in ex[k]: print("        P:", a.replace("\n"," ")[:100], " || G:", b.replace("\n"," ")[:100])
os.unlink(pred_path)
