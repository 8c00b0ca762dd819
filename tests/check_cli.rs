//! `sayso check` end to end: a small drafts repository in a tempdir (git init,
//! the drafts in tests/fixtures/drafts, a sayso.toml), the built binary run in
//! every format. Phrases in the drafts are the textbook cases of each rule
//! ("sources familiar with the matter", "Some critics argue", "slammed"), so
//! these tests do not hinge on fine grammar tuning.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/drafts");

fn git(dir: &Path, args: &[&str]) {
    let st = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        st.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&st.stderr)
    );
}

/// A repository with the fixture drafts under drafts/ and the given sayso.toml at the root.
fn repo(config: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    let drafts = root.join("drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    for f in ["problems.md", "clean.md", "page.html"] {
        std::fs::copy(Path::new(FIXTURES).join(f), drafts.join(f)).unwrap();
    }
    std::fs::write(root.join("sayso.toml"), config).unwrap();
    git(&root, &["init", "-q"]);
    git(&root, &["add", "."]);
    git(&root, &["commit", "-q", "-m", "drafts"]);
    (tmp, root)
}

fn sayso(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("sayso").unwrap();
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = sayso(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut a = vec!["check", "--format", "json", "--fail-on", "never"];
    a.extend_from_slice(args);
    let (code, out, err) = run(dir, &a);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("bad JSON ({e}): {out}"))
}

/// (rule, line, column, suppressed justification) of every finding in one file.
fn findings(doc: &Value, file: &str) -> Vec<(String, u64, u64, Option<String>)> {
    doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().ends_with(file))
        .flat_map(|f| f["findings"].as_array().unwrap().clone())
        .map(|x| {
            (
                x["rule"].as_str().unwrap().to_string(),
                x["line"].as_u64().unwrap(),
                x["column"].as_u64().unwrap(),
                x["suppression"]["justification"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn has(fs: &[(String, u64, u64, Option<String>)], rule: &str, line: u64) -> bool {
    fs.iter().any(|f| f.0 == rule && f.1 == line)
}

const CONFIG: &str = "[rules]\nunnamed-share = \"off\"\n";

#[test]
fn wrapped_list_item_and_html_are_located_in_the_original_file() {
    let (_t, root) = repo(CONFIG);
    let d = json(&root, &["drafts"]);
    let md = findings(&d, "problems.md");
    // "sources familiar with the matter" starts the second line of a wrapped list item
    assert!(
        md.iter()
            .any(|f| f.0 == "anonymity-unexplained" && f.1 == 6 && f.2 == 3),
        "{md:?}"
    );
    assert!(md.iter().any(|f| f.0 == "weasel" && f.1 == 7 && f.2 == 3), "{md:?}");
    assert!(
        md.iter().any(|f| f.0 == "loaded-cue" && f.1 == 9 && f.2 == 18),
        "{md:?}"
    );
    let html = findings(&d, "page.html");
    assert!(
        html.iter()
            .any(|f| f.0 == "anonymity-unexplained" && f.1 == 6 && f.2 == 1),
        "{html:?}"
    );
    assert!(findings(&d, "clean.md").is_empty(), "the clean draft has no findings");
}

#[test]
fn human_output_shows_the_line_and_a_caret() {
    let (_t, root) = repo(CONFIG);
    let (code, out, _) = run(&root, &["check", "drafts/problems.md"]);
    assert_eq!(code, 1, "blanket-suppression is an error by default:\n{out}");
    assert!(
        out.contains("warning[loaded-cue]: loaded attribution verb \"slammed\""),
        "{out}"
    );
    assert!(out.contains("drafts/problems.md:9:18"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.contains("Mayor Jane Ortiz slammed the decision"))
        .expect("source line shown");
    let caret = lines[i + 1];
    let col = caret.find('^').expect("caret under the span");
    assert_eq!(
        &lines[i][col..col + 7],
        "slammed",
        "caret under the verb:\n{}\n{caret}",
        lines[i]
    );
    assert!(!out.contains("\u{1b}["), "no colour when NO_COLOR is set");
    // suppression reasons are for machines, not for the human report
    assert!(!out.contains("she used the word herself"), "{out}");
    assert!(out.contains("suppressed"), "{out}");
}

#[test]
fn suppressions_next_line_block_blanket_and_unknown_rule() {
    let (_t, root) = repo(CONFIG);
    let d = json(&root, &["drafts/problems.md"]);
    let fs = findings(&d, "problems.md");
    let sup = |rule: &str, line: u64| fs.iter().find(|f| f.0 == rule && f.1 == line).and_then(|f| f.3.clone());
    // next-line: the loaded cue on line 12 is suppressed with its reason
    assert_eq!(
        sup("loaded-cue", 12).as_deref(),
        Some("she used the word herself in the interview")
    );
    // block: weasel inside disable/enable is suppressed (and, being the most specific rule for
    // the holder, it is the only finding there: no unnamed-source beside it)
    assert_eq!(
        sup("weasel", 15).as_deref(),
        Some("the council's own summary, quoted in full below")
    );
    assert_eq!(fs.iter().filter(|f| f.1 == 15).count(), 1, "{fs:?}");
    // blanket: reported, and suppresses nothing
    assert!(has(&fs, "blanket-suppression", 18), "{fs:?}");
    assert!(
        fs.iter().any(|f| f.0 == "weasel" && f.1 == 19 && f.3.is_none()),
        "{fs:?}"
    );
    // unknown rule in a comment: reported with did-you-mean, and the figure below is not suppressed
    let msg = d["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["rule"] == "invalid-suppression")
        .map(|x| x["message"].as_str().unwrap().to_string())
        .expect("invalid-suppression finding");
    assert!(msg.contains("did you mean 'weasel'"), "{msg}");
    assert!(
        fs.iter()
            .any(|f| f.0 == "unattributed-figure" && f.1 == 22 && f.3.is_none()),
        "{fs:?}"
    );
    assert_eq!(d["totals"]["suppressed"], 2);
}

#[test]
fn sarif_has_the_required_2_1_0_fields() {
    let (_t, root) = repo(CONFIG);
    let (_, out, err) = run(&root, &["check", "--format", "sarif", "--fail-on", "never", "drafts"]);
    let s: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"));
    assert_eq!(s["version"], "2.1.0");
    assert!(s["$schema"].as_str().unwrap().contains("sarif"));
    let runs = s["runs"].as_array().expect("runs array");
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "sayso");
    assert!(driver["informationUri"].as_str().unwrap().starts_with("https://"));
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for r in rules {
        assert!(r["shortDescription"]["text"].is_string());
        assert!(r["fullDescription"]["text"].is_string());
        assert!(r["help"]["text"].is_string());
        assert!(["note", "warning", "error"].contains(&r["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let results = runs[0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert!(ids.contains(&r["ruleId"].as_str().unwrap()), "{r}");
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        assert!(["note", "warning", "error"].contains(&r["level"].as_str().unwrap()));
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("drafts/"), "relative URI: {uri}");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(loc["region"]["startColumn"].as_u64().unwrap() >= 1);
    }
    let suppressed: Vec<&Value> = results.iter().filter(|r| r.get("suppressions").is_some()).collect();
    assert_eq!(suppressed.len(), 2);
    for r in suppressed {
        assert_eq!(r["suppressions"][0]["kind"], "inSource");
        assert!(r["suppressions"][0]["justification"].as_str().unwrap().len() > 5);
    }
}

#[test]
fn github_workflow_commands() {
    let (_t, root) = repo(CONFIG);
    let (code, out, _) = run(
        &root,
        &["check", "--format", "github", "drafts/problems.md", "drafts/page.html"],
    );
    assert_eq!(code, 1);
    assert!(
        out.lines()
            .any(|l| l.starts_with("::warning file=drafts/problems.md,line=6,col=3,")
                && l.contains("title=anonymity-unexplained::")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("::error file=drafts/problems.md,line=18,")),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.starts_with("::notice ")),
        "info is a notice: {out}"
    );
    assert!(
        out.lines().any(|l| l.contains("file=drafts/page.html,line=6,col=1,")),
        "{out}"
    );
    // suppressed findings are not annotated
    assert!(!out.contains("line=12,"), "{out}");
    assert!(out.lines().all(|l| l.starts_with("::")), "{out}");
}

#[test]
fn fail_on_sets_the_exit_code() {
    let (_t, root) = repo(
        "[rules]\nunnamed-share = \"off\"\nblanket-suppression = \"warning\"\ninvalid-suppression = \"warning\"\n",
    );
    let p = "drafts/problems.md";
    // the default changed from `error` to `warning` (as ruff and Vale users expect, findings
    // fail the run): a draft with only warnings and info now fails
    assert_eq!(
        run(&root, &["check", p]).0,
        1,
        "only warnings and info: fails the default --fail-on warning"
    );
    assert_eq!(
        run(&root, &["check", "--fail-on", "error", p]).0,
        0,
        "--fail-on error fails only on errors"
    );
    assert_eq!(run(&root, &["check", "--fail-on", "warning", p]).0, 1);
    assert_eq!(run(&root, &["check", "--fail-on", "info", p]).0, 1);
    assert_eq!(run(&root, &["check", "--fail-on", "never", p]).0, 0);
    assert_eq!(run(&root, &["check", "--fail-on", "info", "drafts/clean.md"]).0, 0);
    assert_eq!(run(&root, &["check", "--fail-on", "sometimes", p]).0, 2, "usage error");
}

#[test]
fn config_severity_and_discovery_first_file_wins() {
    let (_t, root) = repo(CONFIG);
    // a sayso.toml nearer the draft wins over the one at the root
    std::fs::write(
        root.join("drafts/sayso.toml"),
        "[rules.loaded-cue]\nseverity = \"error\"\n",
    )
    .unwrap();
    let (code, out, _) = run(
        &root,
        &["check", "--format", "github", "drafts/clean.md", "drafts/problems.md"],
    );
    assert_eq!(code, 1);
    assert!(out.contains("::error file=drafts/problems.md,line=9,col=18,"), "{out}");
    let (code, out, _) = run(&root, &["check", "--show-config", "drafts/problems.md"]);
    assert_eq!(code, 0);
    assert!(out.contains("drafts/sayso.toml"), "{out}");
    assert!(out.contains("[rules.loaded-cue]\nseverity = \"error\"\n"), "{out}");
    assert!(
        out.contains("[rules.unnamed-share]\nseverity = \"warning\"  # default"),
        "nearest file only: {out}"
    );
    // --config overrides discovery
    let (_, out, _) = run(
        &root,
        &["check", "--show-config", "--config", "sayso.toml", "drafts/problems.md"],
    );
    assert!(out.contains("[rules.unnamed-share]\nseverity = \"off\"\n"), "{out}");
}

#[test]
fn config_errors_say_did_you_mean_and_exit_2() {
    for (cfg, want) in [
        (
            "[rules]\nwesel = \"off\"\n",
            "unknown rule 'wesel'; did you mean 'weasel'?",
        ),
        ("[rules.unnamed-share]\nthreshhold = 0.5\n", "did you mean 'threshold'?"),
        ("[check]\nexlude = [\"x\"]\n", "did you mean 'exclude'?"),
        ("[rules]\nweasel = \"warn\"\n", "did you mean 'warning'?"),
        ("[rules\n", "invalid TOML"),
    ] {
        let (_t, root) = repo(cfg);
        let (code, out, err) = run(&root, &["check", "drafts/clean.md"]);
        assert_eq!(code, 2, "{cfg}: {out}{err}");
        assert!(err.contains(want), "{cfg}: {err}");
        assert!(err.contains("sayso.toml"), "names the file: {err}");
    }
}

#[test]
fn zero_files_is_an_error() {
    let (_t, root) = repo("[check]\nexclude = [\"drafts/**\"]\n");
    let (code, _, err) = run(&root, &["check", "drafts"]);
    assert_eq!(code, 2);
    assert!(err.contains("no files to check") && err.contains("excluded"), "{err}");
    let (code, _, err) = run(&root, &["check"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&root, &["check", "drafts/missing.md"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn changed_since_reports_only_changed_lines() {
    let (_t, root) = repo(CONFIG);
    let p = root.join("drafts/clean.md");
    let text = std::fs::read_to_string(&p).unwrap();
    // edit one line: a loaded cue; the other drafts keep their (old) findings out of the report
    let edited = text.replace(
        "Head librarian Ana Ruiz said the new reading room",
        "Head librarian Ana Ruiz boasted the new reading room",
    );
    assert_ne!(text, edited);
    std::fs::write(&p, edited).unwrap();
    let d = json(&root, &["--changed-since", "HEAD", "drafts"]);
    let all: Vec<_> = ["problems.md", "clean.md", "page.html"]
        .iter()
        .flat_map(|f| findings(&d, f))
        .collect();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!((all[0].0.as_str(), all[0].1), ("loaded-cue", 4));
    // a new, untracked draft counts as changed throughout
    std::fs::copy(Path::new(FIXTURES).join("page.html"), root.join("drafts/new.html")).unwrap();
    let d = json(&root, &["--changed-since", "HEAD", "drafts/new.html"]);
    assert!(has(&findings(&d, "new.html"), "anonymity-unexplained", 6));
    // a revision that does not exist is an error
    let (code, _, err) = run(&root, &["check", "--changed-since", "no-such-rev", "drafts/clean.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-rev"), "{err}");
}

#[test]
fn rules_lists_and_explains() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run(dir.path(), &["rules"]);
    assert_eq!(code, 0);
    for id in [
        "unnamed-source",
        "anonymity-unexplained",
        "weasel",
        "loaded-cue",
        "unattributed-figure",
        "hedge-stack",
        "unnamed-share",
        "blanket-suppression",
    ] {
        assert!(out.contains(id), "{id} listed: {out}");
    }
    let (code, out, _) = run(dir.path(), &["rules", "weasel"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Examples:") && out.contains("flagged") && out.contains("sayso-disable-next-line weasel"),
        "{out}"
    );
    let (_, again, _) = run(dir.path(), &["rules", "explain", "weasel"]);
    assert_eq!(out, again);
    let (code, _, err) = run(dir.path(), &["rules", "wesel"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean 'weasel'"), "{err}");
}

#[test]
fn a_file_named_on_the_command_line_needs_no_include_glob() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir(root.join(".git")).unwrap(); // stop discovery here: no sayso.toml
    std::fs::write(root.join("article"), "Many experts say the plan will fail.\n").unwrap();
    let (code, out, err) = run(root, &["check", "--format", "json", "article"]);
    assert_eq!(code, 1, "checked, and its weasel warning fails the default run: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 1, "{out}");
    // an exclude still applies: the file is skipped, as ruff's --force-exclude
    // does, with a note that names the file that excludes it, and the run passes
    std::fs::write(root.join("sayso.toml"), "[check]\nexclude = [\"article\"]\n").unwrap();
    let (code, _, err) = run(root, &["check", "article"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("skipped article") && err.contains("sayso.toml"), "{err}");
}

/// A folder with a `.git` (so discovery stops there) and the given files.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    for (name, text) in files {
        let p = tmp.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    tmp
}

/// (rule, line, column) of every unsuppressed finding in a `--format json` report.
fn open_findings(out: &str) -> Vec<(String, u64, u64)> {
    let v: Value = serde_json::from_str(out).unwrap_or_else(|e| panic!("bad JSON ({e}): {out}"));
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap().clone())
        .filter(|x| x["suppression"].is_null())
        .map(|x| {
            (
                x["rule"].as_str().unwrap().to_string(),
                x["line"].as_u64().unwrap(),
                x["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn findings_fail_by_default_and_help_readme_and_hooks_agree() {
    let t = folder(&[
        ("warned.md", "A few pundits claim the bridge toll will double.\n"),
        ("noted.md", "Turnout reached 61 percent in the western wards.\n"),
    ]);
    let root = t.path();
    // one warning: the default run fails, --fail-on error lets it pass
    let (code, out, _) = run(root, &["check", "warned.md"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("warning["), "{out}");
    assert_eq!(run(root, &["check", "--fail-on", "error", "warned.md"]).0, 0);
    // info findings alone are notes, not failures
    let (code, out, _) = run(root, &["check", "noted.md"]);
    assert!(out.contains("info[unattributed-figure]"), "{out}");
    assert_eq!(code, 0, "{out}");
    assert_eq!(run(root, &["check", "--fail-on", "info", "noted.md"]).0, 1);
    // --help states the default
    let (_, help, _) = run(root, &["check", "--help"]);
    assert!(help.contains("[default: warning]"), "{help}");
    // the README, docs and the hook file say the same
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(repo.join("README.md")).unwrap();
    assert!(
        readme.contains("exit 1 on any warning or error"),
        "README command table"
    );
    let docs = std::fs::read_to_string(repo.join("docs/check.md")).unwrap();
    assert!(docs.contains("`warning` (default)"), "docs/check.md exit codes");
    assert!(
        !docs.contains("`error` (default)"),
        "docs/check.md still gives the old default"
    );
    let hooks = std::fs::read_to_string(repo.join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("default `--fail-on warning`"), "{hooks}");
}

#[test]
fn one_holder_gives_one_finding_and_suppressing_it_silences_the_phrase() {
    let t = folder(&[
        (
            "d.md",
            "Some critics argue the ferry subsidy helps only tourists.\n\n\
             The contract was cancelled, officials said.\n",
        ),
        (
            "quiet.md",
            "<!-- sayso-disable-next-line weasel: the column names these critics below -->\n\
             Some critics argue the ferry subsidy helps only tourists.\n",
        ),
    ]);
    let root = t.path();
    let (_, out, err) = run(root, &["check", "--format", "json", "--fail-on", "never", "d.md"]);
    let got = open_findings(&out);
    assert_eq!(
        got,
        [
            ("weasel".to_string(), 1, 1),
            ("anonymity-unexplained".to_string(), 3, 29)
        ],
        "one finding per holder, the most specific rule: {err}"
    );
    // the finding has the reported rule's own severity, whatever the general rule's
    std::fs::write(root.join("sayso.toml"), "[rules]\nunnamed-source = \"error\"\n").unwrap();
    let (code, out, _) = run(root, &["check", "--format", "github", "d.md"]);
    assert_eq!(code, 1);
    assert!(!out.contains("::error"), "{out}");
    assert!(
        out.contains("::warning file=d.md,line=1,col=1,") && out.contains("title=weasel::"),
        "{out}"
    );
    std::fs::remove_file(root.join("sayso.toml")).unwrap();
    // naming the reported rule silences the phrase: nothing is left, not even at --fail-on info
    let (code, out, _) = run(root, &["check", "--format", "json", "--fail-on", "info", "quiet.md"]);
    assert_eq!(open_findings(&out), [], "{out}");
    assert_eq!(code, 0, "{out}");
    // with the specific rules ignored, the general one reports both holders (these are the
    // duplicates the merge removed)
    let (_, out, _) = run(
        root,
        &[
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--ignore",
            "weasel,anonymity-unexplained",
            "d.md",
        ],
    );
    assert_eq!(
        open_findings(&out),
        [
            ("unnamed-source".to_string(), 1, 1),
            ("unnamed-source".to_string(), 3, 29)
        ],
        "{out}"
    );
}

#[test]
fn select_ignore_and_statistics() {
    let t = folder(&[(
        "d.md",
        "Some critics argue the ferry subsidy helps only tourists.\n\n\
         The mayor slammed the vote.\n\n\
         Many analysts believe fares will rise.\n",
    )]);
    let root = t.path();
    let rules_of = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["check", "--format", "json", "--fail-on", "never"];
        a.extend_from_slice(args);
        a.push("d.md");
        let (code, out, err) = run(root, &a);
        assert_eq!(code, 0, "{err}");
        open_findings(&out).into_iter().map(|f| f.0).collect()
    };
    assert_eq!(rules_of(&[]), ["weasel", "loaded-cue", "weasel"]);
    assert_eq!(rules_of(&["--select", "loaded-cue"]), ["loaded-cue"]);
    assert_eq!(
        rules_of(&["--select", "loaded-cue,weasel"]),
        ["weasel", "loaded-cue", "weasel"]
    );
    assert_eq!(rules_of(&["--select", "loaded-cue", "--select", "weasel"]).len(), 3);
    assert_eq!(rules_of(&["--ignore", "weasel,unnamed-source"]), ["loaded-cue"]);
    // a rule turned off in sayso.toml runs when selected by name
    std::fs::write(root.join("sayso.toml"), "[rules]\nloaded-cue = \"off\"\n").unwrap();
    assert!(!rules_of(&[]).contains(&"loaded-cue".to_string()));
    assert_eq!(rules_of(&["--select", "loaded-cue"]), ["loaded-cue"]);
    std::fs::remove_file(root.join("sayso.toml")).unwrap();
    // unknown names are usage errors with a suggestion
    for flag in ["--select", "--ignore"] {
        let (code, out, err) = run(root, &["check", flag, "loaded-cue,wesel", "d.md"]);
        assert_eq!(code, 2, "{out}");
        assert!(
            err.contains(&format!("{flag}: unknown rule 'wesel'; did you mean 'weasel'?")),
            "{err}"
        );
        assert!(out.is_empty(), "{out}");
    }
    // --statistics: a count per rule instead of each finding, and the same exit code
    let (code, out, _) = run(root, &["check", "--statistics", "d.md"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["2", "weasel", "warning"],
        "{out}"
    );
    assert_eq!(
        lines[1].split_whitespace().collect::<Vec<_>>(),
        ["1", "loaded-cue", "warning"],
        "{out}"
    );
    assert!(
        lines[2].starts_with("sayso check: 1 file: 0 errors, 3 warnings"),
        "{out}"
    );
    assert!(!out.contains("-->"), "no single findings: {out}");
    let (_, out, _) = run(
        root,
        &[
            "check",
            "--statistics",
            "--format",
            "json",
            "--select",
            "weasel",
            "d.md",
        ],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["rules"],
        serde_json::json!([{"rule": "weasel", "severity": "warning", "count": 2}])
    );
    let (code, _, err) = run(root, &["check", "--statistics", "--format", "sarif", "d.md"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_baseline_hides_old_findings_across_line_shifts_and_reports_new_ones() {
    let old = "Some critics argue the ferry subsidy helps only tourists.\n\n\
               The mayor slammed the vote.\n";
    let t = folder(&[
        ("archive/old.md", old),
        ("archive/other.md", "The mayor slammed the vote.\n"),
    ]);
    let root = t.path();
    let (code, out, err) = run(root, &["check", "--write-baseline", "sayso-baseline.json", "archive"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "findings are recorded, not printed: {out}");
    assert!(
        err.contains("wrote 3 findings in 2 files to the baseline sayso-baseline.json"),
        "{err}"
    );
    let b: Value = serde_json::from_str(&std::fs::read_to_string(root.join("sayso-baseline.json")).unwrap()).unwrap();
    let paths: Vec<&str> = b["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["archive/old.md", "archive/old.md", "archive/other.md"]);
    // the baselined archive passes, and says how much it hid
    let (code, out, err) = run(root, &["check", "--baseline", "sayso-baseline.json", "archive"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        err.contains("3 findings hidden by the baseline sayso-baseline.json"),
        "{err}"
    );
    // lines inserted above, and a paragraph rewrapped: still the same findings
    let shifted = "# Ferry subsidy\n\nAn introduction of two lines\nwas added here.\n\n\
                   Some critics argue the ferry subsidy helps\nonly tourists.\n\n\
                   The mayor slammed\nthe vote.\n";
    std::fs::write(root.join("archive/old.md"), shifted).unwrap();
    let (code, out, err) = run(root, &["check", "--baseline", "sayso-baseline.json", "archive"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("3 findings hidden"), "{err}");
    // run from another folder, on one file, with the baseline given relative to it
    let (code, _, err) = run(
        &root.join("archive"),
        &["check", "--baseline", "../sayso-baseline.json", "old.md"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("2 findings hidden"), "{err}");
    // a new finding (a second slammed, in another sentence) is reported; the old ones stay hidden
    std::fs::write(
        root.join("archive/old.md"),
        format!("{shifted}\nThe council slammed the ferry operator.\n"),
    )
    .unwrap();
    let (code, out, err) = run(
        root,
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "sayso-baseline.json",
            "archive",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(open_findings(&out), [("loaded-cue".to_string(), 12, 13)], "{out}");
    assert!(err.contains("3 findings hidden"), "{err}");
    // a missing or malformed baseline is an error, not an empty one
    let (code, _, err) = run(root, &["check", "--baseline", "nope.json", "archive"]);
    assert_eq!(code, 2);
    assert!(err.contains("nope.json"), "{err}");
    std::fs::write(root.join("bad.json"), "[1, 2]").unwrap();
    let (code, _, err) = run(root, &["check", "--baseline", "bad.json", "archive"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a sayso baseline"), "{err}");
}
