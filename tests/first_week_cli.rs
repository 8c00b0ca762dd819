//! Files a user named or keeps out of git, and what CI meets (issue 19): each
//! checked as the user sees it, by running `sayso` on files the test writes
//! into a temporary folder, with the output and the exit code.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tempfile::TempDir;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn sayso(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sayso"));
    cmd.current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("sayso runs");
    if let Some(text) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().expect("sayso finishes");
    Run {
        code: out.status.code().expect("sayso exits with a code"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

/// A folder that is a repository root for discovery (`sayso.toml` is not
/// looked for above it), without running git.
fn project() -> TempDir {
    let tmp = TempDir::new().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    tmp
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const ONE: &str = "The harbour master said the pier would reopen on Monday.\n";
/// A draft `check` has something to say about (a weasel, an unnamed source).
const WEASEL: &str = "Many experts say the plan will fail.\n";

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// The paths `score --format json` scored.
fn scored_paths(r: &Run) -> Vec<String> {
    let v = json(&r.stdout);
    (v["articles"].as_array().unwrap().iter())
        .map(|a| a["path"].as_str().unwrap_or("").to_string())
        .collect()
}

// ---------------------------------------------------------------------------
// --no-ignore and --hidden

#[test]
fn ignored_files_are_read_with_no_ignore_and_the_message_says_why_they_were_not() {
    let tmp = project();
    let root = tmp.path();
    write(root, ".gitignore", "data/raw/*\n");
    write(root, "data/raw/a.txt", ONE);
    for cmd in ["annotate", "score", "check", "sources"] {
        let r = sayso(root, &[cmd, "data/raw"], None);
        assert_eq!(r.code, 2, "{cmd}: {}", r.stderr);
        assert!(
            r.stderr.contains("1 file hidden by ignore rules") && r.stderr.contains("--no-ignore"),
            "{cmd}: {}",
            r.stderr
        );
        let r = sayso(root, &[cmd, "--no-ignore", "data/raw"], None);
        assert_eq!(r.code, 0, "{cmd} --no-ignore: {}", r.stderr);
    }
    let r = sayso(root, &["score", "--no-ignore", "--format", "json", "data"], None);
    assert_eq!(scored_paths(&r), ["data/raw/a.txt"]);
}

#[test]
fn hidden_files_are_read_with_hidden() {
    let tmp = project();
    let root = tmp.path();
    write(root, "site/.drafts/a.md", ONE);
    write(root, "site/b.md", ONE);
    let r = sayso(root, &["score", "--format", "json", "site"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(scored_paths(&r), ["site/b.md"]);
    let r = sayso(root, &["score", "--hidden", "--format", "json", "site"], None);
    assert_eq!(scored_paths(&r), ["site/.drafts/a.md", "site/b.md"]);
    // a folder with only hidden files: the message says so and names the flag
    write(root, "only/.hidden/c.md", ONE);
    let r = sayso(root, &["sources", "only"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("hidden files or folders") && r.stderr.contains("--hidden"),
        "{}",
        r.stderr
    );
    let r = sayso(root, &["check", "--hidden", "only"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

// ---------------------------------------------------------------------------
// check and files excluded in sayso.toml

#[test]
fn check_skips_an_excluded_file_named_on_the_command_line_and_passes() {
    let tmp = project();
    let root = tmp.path();
    write(root, "sayso.toml", "[check]\nexclude = [\"archive/**\"]\n");
    write(root, "archive/old.md", WEASEL);
    write(root, "drafts/new.md", WEASEL);
    // what a pre-commit hook passes when a change touches only excluded files
    let r = sayso(root, &["check", "--fail-on", "warning", "archive/old.md"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("skipped archive/old.md") && r.stderr.contains("sayso.toml"),
        "{}",
        r.stderr
    );
    // next to a file that is checked: that one still fails the run
    let r = sayso(
        root,
        &["check", "--fail-on", "warning", "archive/old.md", "drafts/new.md"],
        None,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("skipped archive/old.md"), "{}", r.stderr);
    assert!(
        r.stdout.contains("drafts/new.md") && !r.stdout.contains("archive/old.md"),
        "{}",
        r.stdout
    );
    // a folder that yields nothing to check is still an error
    let r = sayso(root, &["check", "archive"], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("no files to check"), "{}", r.stderr);
}

#[test]
fn sarif_with_nothing_to_check_is_a_valid_log_with_no_results() {
    let tmp = project();
    let root = tmp.path();
    write(root, "sayso.toml", "[check]\nexclude = [\"archive/**\"]\n");
    write(root, "archive/old.md", WEASEL);
    write(root, "empty/notes.docx", "not a draft");
    for (args, code) in [
        (&["check", "--format", "sarif", "archive/old.md"][..], 0),
        (&["check", "--format", "sarif", "empty"][..], 2),
        (&["check", "--format", "sarif"][..], 2),
    ] {
        let r = sayso(root, args, None);
        assert_eq!(r.code, code, "{args:?}: {}", r.stderr);
        let v = json(&r.stdout);
        assert_eq!(v["version"], "2.1.0", "{args:?}");
        let results = v["runs"][0]["results"].as_array().expect("a results array");
        assert!(results.is_empty(), "{args:?}");
        assert_eq!(v["runs"][0]["tool"]["driver"]["name"], "sayso");
    }
    let r = sayso(root, &["check", "--format", "json", "archive/old.md"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(json(&r.stdout)["files"].as_array().unwrap().len(), 0);
}

// ---------------------------------------------------------------------------
// upper-case extensions

#[test]
fn upper_case_extensions_are_read_alike_by_every_command() {
    let tmp = project();
    let root = tmp.path();
    write(root, "drafts/A.TXT", WEASEL);
    write(root, "drafts/B.MD", &format!("# Plan\n\n{WEASEL}"));
    write(root, "drafts/C.HTML", &format!("<p>{}</p>\n", WEASEL.trim()));
    let r = sayso(root, &["score", "--format", "json", "drafts"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(scored_paths(&r), ["drafts/A.TXT", "drafts/B.MD", "drafts/C.HTML"]);
    let formats: Vec<String> = (json(&r.stdout)["articles"].as_array().unwrap().iter())
        .map(|a| a["format"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(formats, ["text", "markdown", "html"]);
    let r = sayso(
        root,
        &["check", "--format", "json", "--fail-on", "never", "drafts"],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let checked: Vec<String> = (json(&r.stdout)["files"].as_array().unwrap().iter())
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(checked, ["drafts/A.TXT", "drafts/B.MD", "drafts/C.HTML"]);
}

// ---------------------------------------------------------------------------
// the format of standard input

const PAGE: &str = "<html><head><title>Port news</title><style>p { color: red }</style></head>\
<body><p>The harbour master said the pier would reopen on Monday.</p></body></html>\n";

/// Does any statement of `annotate --format jsonl` output hold `needle`?
fn statement_texts(r: &Run) -> Vec<String> {
    let v = json(r.stdout.lines().next().unwrap_or("null"));
    (v["statements"].as_array().unwrap().iter())
        .map(|s| s["text"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn standard_input_is_read_as_input_type_or_stdin_filename_says() {
    let tmp = project();
    let root = tmp.path();
    // by default: plain text, so the markup is read as words
    let r = sayso(root, &["annotate", "--format", "jsonl", "-"], Some(PAGE));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(statement_texts(&r).iter().any(|t| t.contains("<p>")), "{}", r.stdout);
    for args in [
        &["annotate", "--format", "jsonl", "--input-type", "html", "-"][..],
        &[
            "annotate",
            "--format",
            "jsonl",
            "--stdin-filename",
            "news/page.html",
            "-",
        ][..],
    ] {
        let r = sayso(root, args, Some(PAGE));
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        let v = json(r.stdout.lines().next().unwrap());
        assert_eq!(v["format"], "html", "{args:?}");
        let texts = statement_texts(&r);
        assert!(
            texts.iter().all(|t| !t.contains('<') && !t.contains("color")),
            "{args:?}: {texts:?}"
        );
        assert!(
            texts.iter().any(|t| t.contains("harbour master")),
            "{args:?}: {texts:?}"
        );
    }
    // the name is what the output calls the input
    let r = sayso(
        root,
        &["score", "--format", "json", "--stdin-filename", "news/page.html", "-"],
        Some(PAGE),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let row = &json(&r.stdout)["articles"][0];
    assert_eq!(
        (row["path"].as_str(), row["format"].as_str()),
        (Some("news/page.html"), Some("html"))
    );
    // --input-type wins over the name's extension; md is short for markdown
    let md = "# Port news\n\n* The harbour master said the pier would reopen.\n";
    let r = sayso(
        root,
        &[
            "score",
            "--format",
            "json",
            "--input-type",
            "md",
            "--stdin-filename",
            "x.txt",
            "-",
        ],
        Some(md),
    );
    assert_eq!(json(&r.stdout)["articles"][0]["format"], "markdown", "{}", r.stderr);
    // check finds the config of the folder the name places the input in
    write(root, "strict/sayso.toml", "[rules]\nunnamed-source = \"error\"\n");
    let r = sayso(
        root,
        &["check", "--stdin-filename", "strict/draft.md", "-"],
        Some(WEASEL),
    );
    assert_eq!(r.code, 1, "{} {}", r.stdout, r.stderr);
    assert!(r.stdout.contains("strict/draft.md:1:1"), "{}", r.stdout);
}

// ---------------------------------------------------------------------------
// --changed-since with a revision that is not there

#[test]
fn an_unknown_changed_since_revision_is_reported_once_and_exits_2() {
    let tmp = TempDir::new().unwrap();
    let repo = tmp.path().join("repo");
    for name in ["a.md", "b.md", "c.md"] {
        write(&repo, name, WEASEL);
    }
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "drafts"]);
    let r = sayso(
        &repo,
        &["check", "--changed-since", "no-such-branch", "a.md", "b.md", "c.md"],
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr.matches("no-such-branch").count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("is not a commit in the repository at"),
        "{}",
        r.stderr
    );
    // outside a repository the message says that, not that the revision is missing
    let outside = tmp.path().join("outside");
    write(&outside, "a.md", WEASEL);
    write(&outside, "b.md", WEASEL);
    let r = sayso(&outside, &["check", "--changed-since", "main", "a.md", "b.md"], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("is not in a git repository"), "{}", r.stderr);
    assert!(!r.stderr.contains("is not a commit"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------
// sayso.toml values, suppression comments

#[test]
fn config_option_values_are_checked_by_what_they_mean() {
    let tmp = project();
    let root = tmp.path();
    write(
        root,
        "a.md",
        "The city spent $3.5 million on the new bridge last year.\n",
    );
    let check = |config: &str| {
        write(root, "sayso.toml", config);
        sayso(root, &["check", "--format", "json", "--fail-on", "never", "a.md"], None)
    };
    // 20 meant as 20 %: refused, with the share to write instead
    let r = check("[rules.unnamed-share]\nthreshold = 20\n");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("not a percentage") && r.stderr.contains("0.20"),
        "{}",
        r.stderr
    );
    // a number of words is a whole number
    let r = check("[rules.hedge-stack]\nwindow = 2.5\n");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("window") && r.stderr.contains("whole number"),
        "{}",
        r.stderr
    );
    // a yes/no takes true, and does what 1 does
    let rules = |r: &Run| -> Vec<String> {
        (json(&r.stdout)["files"][0]["findings"].as_array().unwrap().iter())
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let off = check("[rules.unattributed-figure]\nmoney = false\n");
    assert_eq!(off.code, 0, "{}", off.stderr);
    assert!(!rules(&off).contains(&"unattributed-figure".to_string()));
    let on = check("[rules.unattributed-figure]\nmoney = true\n");
    assert_eq!(on.code, 0, "{}", on.stderr);
    assert!(rules(&on).contains(&"unattributed-figure".to_string()), "{}", on.stdout);
    assert_eq!(rules(&check("[rules.unattributed-figure]\nmoney = 1\n")), rules(&on));
    let r = check("[rules.unattributed-figure]\nmoney = \"yes\"\n");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("true or false"), "{}", r.stderr);
    // --show-config writes them back as they are meant
    write(root, "sayso.toml", "[rules.unattributed-figure]\nmoney = true\n");
    let r = sayso(root, &["check", "--show-config"], None);
    assert!(
        r.stdout.contains("money = true") && r.stdout.contains("window = 8\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn upper_case_suppression_comments_suppress() {
    let tmp = project();
    let root = tmp.path();
    write(
        root,
        "a.md",
        &format!("<!-- SAYSO-DISABLE-NEXT-LINE WEASEL, Unnamed-Source: quoting the council -->\n{WEASEL}"),
    );
    let r = sayso(root, &["check", "--format", "json", "--fail-on", "info", "a.md"], None);
    assert_eq!(r.code, 0, "{} {}", r.stdout, r.stderr);
    let findings = json(&r.stdout)["files"][0]["findings"].as_array().unwrap().clone();
    assert!(!findings.is_empty());
    for f in &findings {
        assert_eq!(f["suppression"]["justification"], "quoting the council", "{f}");
    }
}

// ---------------------------------------------------------------------------
// pipe mode: the format of each record, and rows as soon as the input stalls

#[test]
fn a_record_says_its_format_in_a_field_or_takes_input_type() {
    let tmp = project();
    let page = "<html><head><title>Port</title></head><body><p>The harbour master said the pier would reopen.</p></body></html>";
    let records = [
        serde_json::json!({"id": 1, "text": page, "format": "html"}),
        serde_json::json!({"id": 2, "text": page}),
        serde_json::json!({"id": 3, "text": page, "format": "pdf"}),
        serde_json::json!({"id": 4, "text": "# Port\n\nThe harbour master said so.\n", "kind": "MD"}),
    ];
    let input: String = records.iter().map(|r| format!("{r}\n")).collect();
    let args = ["score", "--input-format", "jsonl", "--per-statement"];
    let r = sayso(tmp.path(), &args, Some(&input));
    assert_eq!(r.code, 2, "{}", r.stderr);
    let rows: Vec<Value> = r.stdout.lines().map(json).collect();
    let texts = |id: i64| -> Vec<String> {
        (rows.iter().filter(|row| row["id"] == id))
            .map(|row| row["text"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert!(texts(1).iter().all(|t| !t.contains('<')), "{:?}", texts(1));
    assert!(
        texts(2).iter().any(|t| t.contains("<p>")),
        "no field, no --input-type: text {:?}",
        texts(2)
    );
    let bad = rows.iter().find(|row| row["id"] == 3).unwrap();
    assert!(
        bad["error"]
            .as_str()
            .unwrap()
            .contains("expected text, markdown or html"),
        "{bad}"
    );
    assert!(r.stderr.contains("line 3"), "{}", r.stderr);
    // --input-type is the default for records without the field; --format-field renames it
    let mut args = args.to_vec();
    args.extend(["--input-type", "html", "--format-field", "kind"]);
    let r = sayso(tmp.path(), &args, Some(&input));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<Value> = r.stdout.lines().map(json).collect();
    assert!(
        rows.iter().all(|row| !row["text"].as_str().unwrap().contains('<')),
        "{}",
        r.stdout
    );
    assert!(
        rows.iter().all(|row| !row["text"].as_str().unwrap().starts_with('#')),
        "{}",
        r.stdout
    );
}

#[test]
fn pipe_mode_answers_each_record_when_the_input_stalls() {
    use std::io::{BufRead, BufReader, Write};
    let tmp = project();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sayso"))
        .current_dir(tmp.path())
        .args(["score", "--input-format", "jsonl", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // a coprocess: read rows on a thread, so a missing row fails the test, not hangs it
    let (tx, rows) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    for id in 1..=3 {
        writeln!(stdin, "{{\"id\": {id}, \"text\": {:?}}}", ONE.trim()).unwrap();
        stdin.flush().unwrap();
        // stdin stays open: the row must come without more input
        let row = rows
            .recv_timeout(std::time::Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no row for record {id} while the input waits"));
        assert_eq!(json(&row)["id"], id, "{row}");
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

// ---------------------------------------------------------------------------
// a nested sayso.toml

#[test]
fn a_nested_config_builds_on_the_root_one_with_extend() {
    let tmp = project();
    let root = tmp.path();
    write(
        root,
        "sayso.toml",
        "[check]\nexclude = [\"investigations/old/**\"]\n[rules]\nweasel = \"error\"\n",
    );
    write(
        root,
        "investigations/sayso.toml",
        "[rules]\nunnamed-source = \"error\"\n",
    );
    write(root, "investigations/a.md", WEASEL);
    write(root, "investigations/old/b.md", WEASEL);
    let severities = |r: &Run| -> Vec<(String, String)> {
        (json(&r.stdout)["files"][0]["findings"].as_array().unwrap().iter())
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let check = ["check", "--format", "json", "--fail-on", "never", "investigations/a.md"];
    // without extend the nearest file wins alone, and --show-config says what it hides
    let r = sayso(root, &check, None);
    assert!(
        severities(&r).contains(&("weasel".into(), "warning".into())),
        "{}",
        r.stdout
    );
    let r = sayso(root, &["check", "--show-config", "investigations/a.md"], None);
    assert!(
        r.stdout.contains("is not used here") && r.stdout.contains("extend = \"../sayso.toml\""),
        "{}",
        r.stdout
    );
    // with extend: the root file's settings, then the nested file's
    write(
        root,
        "investigations/sayso.toml",
        "extend = \"../sayso.toml\"\n[rules]\nunnamed-source = \"error\"\n",
    );
    let r = sayso(root, &check, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let got = severities(&r);
    assert!(got.contains(&("weasel".into(), "error".into())), "{got:?}");
    // one holder gives one finding (weasel, the more specific rule): the nested file's
    // unnamed-source setting shows once weasel is out of the way
    let ignoring = [&check[..5], &["--ignore", "weasel", "investigations/a.md"]].concat();
    let got = severities(&sayso(root, &ignoring, None));
    assert!(got.contains(&("unnamed-source".into(), "error".into())), "{got:?}");
    // the root file's exclude still holds, relative to the root file's folder
    let r = sayso(root, &["check", "investigations"], None);
    assert!(!r.stdout.contains("old/b.md"), "{}", r.stdout);
    let r = sayso(root, &["check", "--show-config", "investigations/a.md"], None);
    assert!(
        r.stdout.contains("# extends: ") && !r.stdout.contains("is not used here"),
        "{}",
        r.stdout
    );
    // a cycle is an error that names it
    write(root, "sayso.toml", "extend = \"investigations/sayso.toml\"\n");
    let r = sayso(root, &check, None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cycle"), "{}", r.stderr);
}
