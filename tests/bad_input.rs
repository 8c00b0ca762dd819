//! The bad-input matrix at the command line: every case gives a clear message
//! and the documented exit code (0 ok, 2 input/usage error), and in a run over
//! several files the good ones are still annotated.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn sayso() -> Command {
    Command::cargo_bin("sayso").unwrap()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = sayso().args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn jsonl(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

const GOOD: &str = "The mayor said the bridge would reopen in June.\n";

fn good(dir: &Path) -> String {
    let p = dir.join("good.txt");
    fs::write(&p, GOOD).unwrap();
    p.display().to_string()
}

#[test]
fn missing_path_is_an_error_and_good_files_still_run() {
    let d = tempfile::tempdir().unwrap();
    let g = good(d.path());
    let missing = d.path().join("nope.txt").display().to_string();
    let r = run(&["annotate", "--format", "jsonl", &missing, &g]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("nope.txt") && r.stderr.contains("no such file"),
        "{}",
        r.stderr
    );
    assert_eq!(jsonl(&r.stdout).len(), 1, "the good file is still annotated");
}

#[test]
fn permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("locked.txt");
    fs::write(&p, GOOD).unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&p).is_ok() {
        eprintln!("note: running as root, chmod 000 does not stop reads; permission case skipped");
        return;
    }
    let g = good(d.path());
    let r = run(&["annotate", "--format", "jsonl", &p.display().to_string(), &g]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("locked.txt") && r.stderr.to_lowercase().contains("permission"),
        "{}",
        r.stderr
    );
    assert_eq!(jsonl(&r.stdout).len(), 1);
}

#[test]
fn symlink_loop_does_not_hang() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("loop");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("a.txt"), GOOD).unwrap();
    std::os::unix::fs::symlink("..", root.join("up")).unwrap();
    std::os::unix::fs::symlink(&root, root.join("self")).unwrap();
    let r = run(&["annotate", "--format", "jsonl", &root.display().to_string()]);
    assert!(r.code == 0 || r.code == 2, "{}", r.stderr);
    let docs = jsonl(&r.stdout);
    assert_eq!(docs.len(), 1, "a.txt once, links skipped or reported: {}", r.stderr);
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_and_offsets_stay_in_the_original() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("bad.txt");
    let bytes = b"The mayor said \xff\xfe it was \xc3 over. Officials denied it.\n".to_vec();
    fs::write(&p, &bytes).unwrap();
    let r = run(&["annotate", "--format", "jsonl", &p.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("UTF-8"),
        "{}",
        r.stderr
    );
    let doc = &jsonl(&r.stdout)[0];
    let sts = doc["statements"].as_array().unwrap();
    assert!(!sts.is_empty());
    assert!(sts[0]["text"].as_str().unwrap().contains('\u{FFFD}'));
    for st in sts {
        let (s, e) = (
            st["span"][0].as_u64().unwrap() as usize,
            st["span"][1].as_u64().unwrap() as usize,
        );
        assert!(s <= e && e <= bytes.len());
    }
    // the second statement starts at "Officials" in the original bytes
    let off = bytes.windows(9).position(|w| w == b"Officials").unwrap();
    assert!(
        sts.iter().any(|st| st["span"][0].as_u64() == Some(off as u64)),
        "{}",
        r.stdout
    );
}

#[test]
fn utf16_with_bom_is_decoded() {
    let d = tempfile::tempdir().unwrap();
    let text = "The mayor said the bridge would reopen.";
    for (name, bom, le) in [("le.txt", [0xFF, 0xFE], true), ("be.txt", [0xFE, 0xFF], false)] {
        let mut bytes = bom.to_vec();
        for u in text.encode_utf16() {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let p = d.path().join(name);
        fs::write(&p, &bytes).unwrap();
        let r = run(&["annotate", "--format", "jsonl", &p.display().to_string()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let doc = &jsonl(&r.stdout)[0];
        let st = &doc["statements"][0];
        assert_eq!(st["text"].as_str(), Some(text));
        let e = st["span"][1].as_u64().unwrap() as usize;
        assert!(
            e <= bytes.len() && st["span"][0].as_u64() == Some(2),
            "offsets into the UTF-16 bytes: {st}"
        );
    }
}

#[test]
fn nul_bytes_and_binary_files_are_rejected_clearly() {
    let d = tempfile::tempdir().unwrap();
    let nul = d.path().join("nul.txt");
    fs::write(&nul, b"The mayor\x00 said it.").unwrap();
    let bin = d.path().join("bin.txt");
    let mut b: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    b.extend_from_slice(&[0x7f, b'E', b'L', b'F']);
    fs::write(&bin, &b).unwrap();
    let g = good(d.path());
    let r = run(&[
        "annotate",
        "--format",
        "jsonl",
        &nul.display().to_string(),
        &bin.display().to_string(),
        &g,
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("nul.txt") && r.stderr.contains("binary"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("bin.txt"), "{}", r.stderr);
    assert_eq!(jsonl(&r.stdout).len(), 1);
}

#[test]
fn empty_file_gives_a_warning_and_no_statements() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("empty.txt");
    fs::write(&p, b"").unwrap();
    let r = run(&["annotate", "--format", "jsonl", &p.display().to_string()]);
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("empty"), "{}", r.stderr);
    assert_eq!(jsonl(&r.stdout)[0]["statements"].as_array().unwrap().len(), 0);
}

#[test]
fn fifty_megabyte_single_word_line_finishes() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("big.txt");
    fs::write(&p, "a".repeat(50_000_000)).unwrap();
    let r = run(&["annotate", "--format", "jsonl", &p.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = &jsonl(&r.stdout)[0];
    for st in doc["statements"].as_array().unwrap() {
        assert!(st["span"][1].as_u64().unwrap() <= 50_000_000);
    }
}

// Was quadratic (`LineTable::line_col` counted characters from the line start for
// every statement); columns on ASCII files are now a subtraction. 50 MB of
// prose on one line is 2.4 million statements: about 2 minutes in a release
// build, far longer in a debug one, so it runs on request.
#[test]
#[ignore = "slow by size (2.4 M statements): run with --ignored in a release build"]
fn fifty_megabyte_single_line_of_prose_finishes() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("big.txt");
    let s = "The port was closed. ";
    fs::write(&p, s.repeat(50_000_000 / s.len())).unwrap();
    let r = run(&["annotate", "--format", "jsonl", &p.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        jsonl(&r.stdout)[0]["statements"].as_array().unwrap().len(),
        50_000_000 / s.len()
    );
}

fn many_files(n: usize) {
    let d = tempfile::tempdir().unwrap();
    for i in 0..n {
        fs::write(d.path().join(format!("{i:06}.txt")), format!("Item {i} said it.\n")).unwrap();
    }
    let r = run(&["annotate", "--format", "jsonl", &d.path().display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), n);
    // in sorted input order
    assert!(lines[n - 1].contains(&format!("{:06}.txt", n - 1)));
}

#[test]
fn twenty_thousand_tiny_files() {
    many_files(20_000);
}

#[test]
#[ignore = "100,000 files take a while on a shared machine; the 20,000 variant runs by default"]
fn hundred_thousand_tiny_files() {
    many_files(100_000);
}

#[test]
fn deeply_nested_html() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("deep.html");
    let text = "The mayor said it was over.";
    let html = format!("{}{text}{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
    fs::write(&p, &html).unwrap();
    let r = run(&["annotate", "--format", "jsonl", &p.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let st = &jsonl(&r.stdout)[0]["statements"][0];
    let (s, e) = (
        st["span"][0].as_u64().unwrap() as usize,
        st["span"][1].as_u64().unwrap() as usize,
    );
    assert_eq!(&html[s..e], text);
}

#[test]
fn unterminated_quotes_and_comments() {
    let d = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str)] = &[
        (
            "q.txt",
            "The mayor said \u{201c}the bridge will reopen. Nobody knows when.\n",
        ),
        (
            "q2.txt",
            "\"Unclosed quote said the mayor. And another \" one \" here \"\n",
        ),
        (
            "c.html",
            "<p>The mayor said it.</p><!-- never closed <p>Officials denied it.</p>",
        ),
        ("c2.html", "<p>The mayor <b said=\"it was over.</p>"),
        ("c.md", "The mayor said it.\n\n<!-- open\n\n```\nunclosed fence said\n"),
    ];
    let mut paths = Vec::new();
    for (name, body) in cases {
        let p = d.path().join(name);
        fs::write(&p, body).unwrap();
        paths.push(p.display().to_string());
    }
    let mut args = vec!["annotate", "--format", "jsonl"];
    args.extend(paths.iter().map(String::as_str));
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let docs = jsonl(&r.stdout);
    assert_eq!(docs.len(), cases.len());
    for (doc, (_, body)) in docs.iter().zip(cases) {
        for st in doc["statements"].as_array().unwrap() {
            let (s, e) = (
                st["span"][0].as_u64().unwrap() as usize,
                st["span"][1].as_u64().unwrap() as usize,
            );
            assert!(body.is_char_boundary(s) && body.is_char_boundary(e) && e <= body.len());
        }
    }
}

#[test]
fn grammar_syntax_errors_give_exit_2_and_a_position() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "unclosed block",
            "cue foo {\n    stance: assert\n    verbs: foo\n",
            ":4:",
        ),
        (
            "missing colon",
            "cue foo {\n    stance assert\n    verbs: foo\n}\n",
            ":2:",
        ),
        (
            "unknown key",
            "cue foo {\n    stance: assert\n    verbs: foo\n    colour: red\n}\n",
            ":4:",
        ),
        ("unknown kind", "cu foo {\n    stance: assert\n}\n", ":1:"),
        (
            "unknown stance",
            "cue foo {\n    stance: asert\n    verbs: foo\n}\n",
            ":2:",
        ),
        (
            "bad pattern element",
            "construction foo {\n    pattern: CONTENT CUEE SOURCE\n}\n",
            ":2:",
        ),
        (
            "unterminated string",
            "cue foo {\n    stance: assert\n    phrases: \"foo bar\n}\n",
            ":3:",
        ),
    ];
    let d = tempfile::tempdir().unwrap();
    let g = good(d.path());
    for (what, src, line) in cases {
        let gd = d.path().join(what.replace(' ', "_"));
        fs::create_dir(&gd).unwrap();
        fs::write(gd.join("x.sayso"), src).unwrap();
        let r = run(&[
            "--grammar",
            &gd.display().to_string(),
            "annotate",
            "--format",
            "jsonl",
            &g,
        ]);
        assert_eq!(r.code, 2, "{what}: {}", r.stderr);
        let needle = format!("x.sayso{line}");
        let pos = r
            .stderr
            .find(&needle)
            .unwrap_or_else(|| panic!("{what}: no file:line:col in {}", r.stderr));
        // file:line:col: message
        let rest = &r.stderr[pos + needle.len()..];
        let col: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        assert!(
            !col.is_empty() && rest[col.len()..].starts_with(": "),
            "{what}: {}",
            r.stderr
        );
    }
}
