"""The Spark recipe of docs/score.md ("Spark (`rdd.pipe`)"), runnable: tests/spark.rs runs it
with pyspark in local mode over articles it writes, and checks that the lines between the two
markers below are the documented ones, word for word.

    python recipe.py ARTICLES OUT

ARTICLES: JSON Lines with id, text and url; OUT: where the rows of `df` are written, one JSON
object a line, for the test to compare with `sayso score` run directly.
"""

import sys

# --- recipe (docs/score.md) ---
import json
import os

from pyspark.sql import SparkSession

ARTICLES = sys.argv[1]                                          # JSON Lines: id, text, url, ...

spark = SparkSession.builder.appName("sayso-score").getOrCreate()
articles = spark.read.json(ARTICLES)

# rdd.pipe starts its command with an EMPTY environment: give it a PATH on which sayso is
# found (here the driver's own PATH; on a cluster, the folder sayso is installed in there)
env = {"PATH": os.environ["PATH"]}
lines = articles.select("id", "text", "url").toJSON()           # RDD of JSON strings
scored = lines.pipe("sayso score --input-format jsonl --keep url --jobs 1 -q", env=env)

df = spark.read.json(scored)
df.filter("error IS NULL").groupBy().avg("share_unnamed", "hedge_density").show()
# --- end of recipe ---

with open(sys.argv[2], "w", encoding="utf-8") as out:
    for row in df.collect():
        out.write(json.dumps(row.asDict(recursive=True)) + "\n")
spark.stop()
