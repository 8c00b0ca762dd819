"""Pair predicted and gold attributions the way the scorer does: by cue overlap, the
largest overlap first (then the nearest start), each side at most once. Shared by the
error scripts in this folder."""


def pair_by_cue(pred, gold, overlap_len):
    """{index in pred: index in gold} for attributions given as dicts with a "cue" of
    normalised pieces; `overlap_len` is the scorer's (score.py) overlap of two piece lists."""
    cand = []
    for pi, p in enumerate(pred):
        for gi, g in enumerate(gold):
            ov = overlap_len(p["cue"], g["cue"])
            if ov > 0:
                cand.append((-ov, abs(p["cue"][0][0] - g["cue"][0][0]), gi, pi))
    cand.sort()
    pg, gp = {}, {}
    for _, _, gi, pi in cand:
        if pi in pg or gi in gp:
            continue
        pg[pi], gp[gi] = gi, pi
    return pg
