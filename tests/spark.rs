//! The Spark recipe of docs/score.md, run as documented (issue 19: as written
//! it failed on the first record, because `rdd.pipe` starts its command with an
//! empty environment). `tests/spark/recipe.py` holds the recipe; the first test
//! checks that the doc shows its lines word for word, the second runs it with
//! pyspark in local mode over articles it writes and checks every row against
//! `sayso score` run directly.
//!
//! The second test needs Java (17 or newer) and PyPI: it makes a virtual
//! environment in `target/spark-venv` with `tests/spark/requirements.txt` the
//! first time (kept for later runs). Without Java, or when the environment
//! cannot be made, it fails with what is missing, unless `SAYSO_SKIP_SPARK=1`.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const START: &str = "# --- recipe (docs/score.md) ---";
const END: &str = "# --- end of recipe ---";

/// The lines of the script between its markers.
fn script_recipe() -> Vec<String> {
    let script = std::fs::read_to_string(root().join("tests/spark/recipe.py")).unwrap();
    let body = script.split_once(START).expect("start marker").1;
    let body = body.split_once(END).expect("end marker").0;
    body.trim_matches('\n').lines().map(str::to_string).collect()
}

/// The python block of docs/score.md's Spark section.
fn doc_recipe() -> Vec<String> {
    let doc = std::fs::read_to_string(root().join("docs/score.md")).unwrap();
    let section = doc.split_once("### Spark (`rdd.pipe`)").expect("Spark section").1;
    let block = section.split_once("```python\n").expect("python block").1;
    let block = block.split_once("```").unwrap().0;
    block.trim_matches('\n').lines().map(str::to_string).collect()
}

#[test]
fn the_documented_recipe_is_the_tested_script() {
    let (doc, script) = (doc_recipe(), script_recipe());
    assert_eq!(
        doc.len(),
        script.len(),
        "docs/score.md:\n{doc:#?}\nrecipe.py:\n{script:#?}"
    );
    for (d, s) in doc.iter().zip(&script) {
        if d.starts_with("ARTICLES = ") && s.starts_with("ARTICLES = ") {
            continue; // where the articles are: s3://... in the doc, the test's file in the script
        }
        assert_eq!(d, s, "docs/score.md and tests/spark/recipe.py differ");
    }
    // what issue 19 found missing: the command gets a PATH
    assert!(doc.iter().any(|l| l.contains(".pipe(") && l.contains("env=env")));
    assert!(doc.iter().any(|l| l.starts_with("env = {\"PATH\": ")));
}

fn skip_or_fail(what: String) -> bool {
    if std::env::var("SAYSO_SKIP_SPARK").is_ok_and(|v| v == "1") {
        eprintln!("note: the Spark recipe test is skipped (SAYSO_SKIP_SPARK=1): {what}");
        return true;
    }
    panic!("{what}\n(set SAYSO_SKIP_SPARK=1 to skip the Spark recipe test)");
}

/// A virtual environment with pyspark, made once under target/.
fn venv() -> Result<PathBuf, String> {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.parent().unwrap_or(&tmp).join("spark-venv");
    let requirements = std::fs::read_to_string(root().join("tests/spark/requirements.txt")).unwrap();
    let marker = dir.join("sayso-requirements.txt");
    let python = dir.join("bin/python");
    if python.is_file() && std::fs::read_to_string(&marker).is_ok_and(|m| m == requirements) {
        return Ok(python);
    }
    let started = Instant::now();
    let _ = std::fs::remove_dir_all(&dir);
    let python3 = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    let run = |cmd: &mut Command, what: &str| -> Result<(), String> {
        let out = cmd.output().map_err(|e| format!("{what}: cannot run it: {e}"))?;
        if out.status.success() {
            return Ok(());
        }
        Err(format!(
            "{what} failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    };
    run(
        Command::new(&python3).args(["-m", "venv"]).arg(&dir),
        &format!(
            "`{python3} -m venv {}` (Debian: apt-get install python3-venv)",
            dir.display()
        ),
    )?;
    run(
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r"])
            .arg(root().join("tests/spark/requirements.txt")),
        "the pyspark install (pip install -r tests/spark/requirements.txt, from PyPI)",
    )?;
    std::fs::write(&marker, requirements).unwrap();
    eprintln!(
        "note: made {} with pyspark in {:.0} s",
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(python)
}

fn java_version() -> Result<String, String> {
    let out = Command::new("java").arg("-version").output().map_err(|e| {
        format!("Java is not installed ({e}); Spark needs Java 17 or newer: apt-get install default-jre-headless")
    })?;
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    // `openjdk version "17.0.15"`, `java version "21"`, `openjdk version "1.8.0_392"`
    let major: u32 = (text.split('"').nth(1))
        .and_then(|v| v.split('.').next())
        .and_then(|m| m.parse().ok())
        .ok_or_else(|| format!("cannot read the Java version from `java -version`: {text}"))?;
    if major < 17 {
        return Err(format!("Spark 4 needs Java 17 or newer; `java -version` says: {text}"));
    }
    Ok(text.lines().next().unwrap_or_default().to_string())
}

/// Articles written here: every plain-text article of corpus/, and one record
/// without a text (an error row that must come through Spark too).
fn articles(path: &Path) -> Vec<String> {
    let mut ids = Vec::new();
    let mut lines = Vec::new();
    let mut names: Vec<PathBuf> = (std::fs::read_dir(root().join("corpus")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    for p in names {
        let id = p.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&p).unwrap();
        let url = format!("https://example.org/{id}");
        lines.push(serde_json::json!({"id": id, "text": text, "url": url}).to_string());
        ids.push(id);
    }
    lines.push(serde_json::json!({"id": "no-text", "url": "https://example.org/none"}).to_string());
    ids.push("no-text".to_string());
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
    ids
}

fn by_id(jsonl: &str) -> BTreeMap<String, Value> {
    (jsonl.lines())
        .map(|l| serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .map(|v| (v["id"].as_str().unwrap().to_string(), v))
        .collect()
}

#[test]
fn the_documented_spark_recipe_scores_every_article() {
    let java = match java_version() {
        Ok(v) => v,
        Err(e) => {
            if skip_or_fail(e) {
                return;
            }
            unreachable!()
        }
    };
    let python = match venv() {
        Ok(p) => p,
        Err(e) => {
            if skip_or_fail(e) {
                return;
            }
            unreachable!()
        }
    };
    let tmp = tempfile::TempDir::new().unwrap();
    let input = tmp.path().join("articles.jsonl");
    let ids = articles(&input);
    let out = tmp.path().join("rows.jsonl");

    // sayso on the PATH of the driver, as a user who installed it has it
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_sayso"));
    let path = std::env::join_paths(
        std::iter::once(bin.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let started = Instant::now();
    let run = Command::new(&python)
        .arg(root().join("tests/spark/recipe.py"))
        .arg(&input)
        .arg(&out)
        .current_dir(tmp.path())
        .env("PATH", &path)
        .env("PYSPARK_PYTHON", &python)
        .env("PYSPARK_DRIVER_PYTHON", &python)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .env_remove("SPARK_HOME")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "the recipe failed ({}, {java}):\n{stdout}\n{stderr}",
        run.status
    );
    eprintln!("note: the recipe ran in {:.0} s", started.elapsed().as_secs_f64());
    // the aggregate the recipe shows
    assert!(
        stdout.contains("avg(share_unnamed)") && stdout.contains("avg(hedge_density)"),
        "{stdout}"
    );

    // every row, as sayso scores the same records without Spark
    let direct = Command::new(&bin)
        .args(["score", "--input-format", "jsonl", "--keep", "url", "--jobs", "1", "-q"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(
        direct.status.code(),
        Some(2),
        "the record without a text is an error row"
    );
    let want = by_id(&String::from_utf8_lossy(&direct.stdout));
    let got = by_id(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(got.keys().cloned().collect::<Vec<_>>(), {
        let mut ids = ids.clone();
        ids.sort();
        ids
    });
    assert_eq!(want.len(), ids.len());
    for (id, w) in &want {
        let g = &got[id];
        for (key, wv) in w.as_object().unwrap() {
            let gv = &g[key];
            let same = match (wv, gv) {
                (Value::Number(a), Value::Number(b)) => (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() < 1e-9,
                // "FILE line 12: no field ..." from sayso, "standard input line 12: ..." through Spark
                (Value::String(a), Value::String(b)) if key == "error" => {
                    a.split_once(": ").map(|x| x.1) == b.split_once(": ").map(|x| x.1)
                }
                _ => wv == gv,
            };
            assert!(same, "{id}: {key} is {gv} through Spark, {wv} from sayso");
        }
    }
    assert!(got["no-text"]["error"].as_str().is_some_and(|e| e.contains("text")));
    assert!(got["01-port-strike"]["error"].is_null());
    assert!(got["01-port-strike"]["statements"].as_u64().unwrap() > 5);
    assert_eq!(got["01-port-strike"]["url"], "https://example.org/01-port-strike");
}
