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

// ---------------------------------------------------------------------------
// bounded reads: limits, special files, endless streams

/// Run `sayso args` with `stdin`, killing it after `secs` seconds: a hang fails
/// the test instead of stalling the suite.
fn run_bounded(args: &[&str], stdin: std::process::Stdio, secs: u64) -> Run {
    use std::io::Read;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("sayso"))
        .args(args)
        .stdin(stdin)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let reader = std::thread::spawn(move || {
        let (mut o, mut e) = (String::new(), String::new());
        let _ = out.read_to_string(&mut o);
        let _ = err.read_to_string(&mut e);
        (o, e)
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("sayso {args:?} did not finish in {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let (stdout, stderr) = reader.join().unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
    }
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success(), "mkfifo {}", path.display());
}

#[test]
fn a_huge_sparse_file_is_refused_before_it_is_read() {
    let d = tempfile::tempdir().unwrap();
    let g = good(d.path());
    let big = d.path().join("huge.txt");
    fs::File::create(&big).unwrap().set_len(40 << 30).unwrap(); // 40 GiB of holes
    let big = big.display().to_string();
    let r = run_bounded(
        &["annotate", "--format", "jsonl", &big, &g],
        std::process::Stdio::null(),
        20,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("huge.txt") && r.stderr.contains("--max-file-size"),
        "{}",
        r.stderr
    );
    assert_eq!(jsonl(&r.stdout).len(), 1, "the good file is still annotated");
}

#[test]
fn max_file_size_is_honoured_and_takes_units() {
    let d = tempfile::tempdir().unwrap();
    let g = good(d.path());
    let p = d.path().join("long.txt");
    fs::write(&p, GOOD.repeat(1_000)).unwrap(); // 49 KB
    let p = p.display().to_string();
    let r = run(&["--max-file-size", "40K", "annotate", "--format", "jsonl", &p, &g]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("larger than the limit of 40960 bytes"),
        "{}",
        r.stderr
    );
    assert_eq!(jsonl(&r.stdout).len(), 1);
    let r = run(&["--max-file-size", "50K", "annotate", "--format", "jsonl", &p, &g]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(jsonl(&r.stdout).len(), 2);
    let r = run(&["--max-file-size", "12Q", "rules"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown unit"), "{}", r.stderr);
}

#[test]
fn standard_input_is_capped_too() {
    let text = GOOD.repeat(1_000);
    let out = sayso()
        .args(["--max-file-size", "40K", "annotate", "--format", "jsonl", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("standard input is larger than the limit"), "{err}");
}

#[test]
fn endless_binary_standard_input_stops_at_the_sniff() {
    for dev in ["/dev/zero", "/dev/urandom"] {
        for args in [
            &["annotate", "--format", "jsonl", "-"][..],
            &["score", "-"][..],
            &["score", "--input-format", "jsonl"][..],
            &["score", "--input-format", "jsonl", dev][..],
        ] {
            let r = run_bounded(args, fs::File::open(dev).unwrap().into(), 20);
            assert_eq!(r.code, 2, "{args:?} < {dev}: {}", r.stderr);
            assert!(r.stderr.contains("binary"), "{args:?} < {dev}: {}", r.stderr);
        }
    }
}

#[test]
fn a_jsonl_record_past_the_limit_is_skipped_and_the_rest_run() {
    let mut input = format!("{{\"id\":1,\"text\":\"{}\"}}\n", "word ".repeat(400_000));
    input.push_str("{\"id\":2,\"text\":\"The mayor said the bridge was safe.\"}\n");
    let out = sayso()
        .args(["--max-file-size", "1M", "score", "--input-format", "jsonl", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("standard input line 1: record longer than the limit"),
        "{err}"
    );
    // the dropped record keeps an error row in its place (docs/score.md), then the next one
    let rows = jsonl(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(rows.len(), 2);
    assert!(rows[0]["id"].is_null());
    assert!(
        rows[0]["error"]
            .as_str()
            .unwrap()
            .contains("record longer than the limit")
    );
    assert_eq!(rows[1]["id"], 2);
}

#[test]
fn fifos_are_refused_not_waited_on() {
    let d = tempfile::tempdir().unwrap();
    let g = good(d.path());
    // an input path
    let fifo = d.path().join("pipe.txt");
    mkfifo(&fifo);
    let f = fifo.display().to_string();
    let r = run_bounded(
        &["annotate", "--format", "jsonl", &f, &g],
        std::process::Stdio::null(),
        20,
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
    assert!(!r.stderr.contains("directory?"), "{}", r.stderr);
    assert_eq!(jsonl(&r.stdout).len(), 1);
    // a grammar file
    let gdir = d.path().join("grammar");
    fs::create_dir(&gdir).unwrap();
    mkfifo(&gdir.join("extra.sayso"));
    let gd = gdir.display().to_string();
    let r = run_bounded(&["--grammar", &gd, "annotate", &g], std::process::Stdio::null(), 20);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("extra.sayso") && r.stderr.contains("not a regular file"),
        "{}",
        r.stderr
    );
    // check --config, and a sayso.toml found by discovery
    let cfg = d.path().join("cfg.toml");
    mkfifo(&cfg);
    let c = cfg.display().to_string();
    let r = run_bounded(&["check", "--config", &c, &g], std::process::Stdio::null(), 20);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
    mkfifo(&d.path().join("sayso.toml"));
    let r = run_bounded(&["check", &g], std::process::Stdio::null(), 20);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
}

#[test]
fn oversized_configuration_is_rejected() {
    let d = tempfile::tempdir().unwrap();
    let g = good(d.path());
    // a 5 MB glob: the file is over the config limit
    fs::write(
        d.path().join("sayso.toml"),
        format!("[check]\ninclude = [\"{}\"]\n", "a".repeat(5 << 20)),
    )
    .unwrap();
    let r = run_bounded(&["check", &g], std::process::Stdio::null(), 20);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("larger than the limit"), "{}", r.stderr);
    // a 10 KB glob in a small file: over the glob limit
    fs::write(
        d.path().join("sayso.toml"),
        format!("[check]\ninclude = [\"{}\"]\n", "*a".repeat(5000)),
    )
    .unwrap();
    let r = run_bounded(&["check", &g], std::process::Stdio::null(), 20);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("the limit is 4096"), "{}", r.stderr);
}

#[test]
fn jobs_are_capped_with_a_warning() {
    let d = tempfile::tempdir().unwrap();
    let g = good(d.path());
    let r = run_bounded(&["score", "--jobs", "100000", &g], std::process::Stdio::null(), 20);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("--jobs 100000 is more than"), "{}", r.stderr);
}

#[test]
fn escape_sequences_in_articles_never_reach_the_terminal() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("esc.md");
    // CSI colour, OSC window title (BEL- and ST-terminated), a C1 CSI, a bidi override
    fs::write(
        &p,
        "Many experts say the \u{1b}]0;pwned\u{7} plan \u{1b}[31mwill\u{1b}[0m fail.\n\n\
         The mayor \u{1b}]8;;http://x\u{1b}\\said\u{1b}]8;;\u{1b}\\ the \u{9b}2J bridge \u{202e}was safe.\n",
    )
    .unwrap();
    let f = p.display().to_string();
    for args in [
        &["annotate", &f][..],
        &["annotate", "--explain", &f][..],
        &["score", "--per-statement", &f][..],
        &["score", &f][..],
        &["sources", &f][..],
        &["check", "--fail-on", "never", &f][..],
    ] {
        let r = run(args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(
            !r.stdout.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
            "{args:?}: a raw control character in {:?}",
            r.stdout
        );
    }
    let r = run(&["annotate", &f]);
    assert!(r.stdout.contains("␛[31mwill"), "shown, not dropped: {}", r.stdout);
}

#[test]
fn a_byte_order_mark_starts_a_grammar_file_without_error() {
    let d = tempfile::tempdir().unwrap();
    let g = good(d.path());
    let gdir = d.path().join("grammar");
    fs::create_dir(&gdir).unwrap();
    fs::write(
        gdir.join("extra.sayso"),
        "\u{feff}list pronouns {\n    doc: Pronouns.\n    words: he she they we i it you who\n}\n",
    )
    .unwrap();
    let gd = gdir.display().to_string();
    let r = run(&["--grammar", &gd, "annotate", "--format", "jsonl", &g]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(jsonl(&r.stdout).len(), 1);
}

#[test]
fn utf16_without_a_byte_order_mark_is_decoded_not_called_binary() {
    let d = tempfile::tempdir().unwrap();
    for (name, le) in [("le.txt", true), ("be.txt", false)] {
        let p = d.path().join(name);
        let bytes: Vec<u8> = GOOD
            .encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect();
        fs::write(&p, bytes).unwrap();
        let r = run(&["annotate", "--format", "jsonl", &p.display().to_string()]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert!(r.stderr.contains("UTF-16"), "{name}: {}", r.stderr);
        let docs = jsonl(&r.stdout);
        assert_eq!(docs[0]["statements"].as_array().unwrap().len(), 1, "{name}");
        assert_eq!(docs[0]["statements"][0]["span"][0], 0, "{name}: no mark to skip");
    }
}

#[test]
fn a_nul_byte_past_the_first_eight_kilobytes_is_binary_too() {
    let d = tempfile::tempdir().unwrap();
    let g = good(d.path());
    let p = d.path().join("late-nul.txt");
    let mut bytes = GOOD.repeat(400).into_bytes(); // 19 KB
    bytes[12_000] = 0;
    fs::write(&p, bytes).unwrap();
    let r = run(&["annotate", "--format", "jsonl", &p.display().to_string(), &g]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("late-nul.txt") && r.stderr.contains("binary"),
        "{}",
        r.stderr
    );
    assert_eq!(jsonl(&r.stdout).len(), 1);
}

#[test]
fn unknown_list_names_and_duplicate_blocks_are_grammar_errors() {
    let d = tempfile::tempdir().unwrap();
    let g = good(d.path());
    for (src, expected) in [
        ("list pronounz {\n    words: he she\n}\n", "did you mean 'pronouns'"),
        (
            "list pronouns {\n    words: he she\n}\n\nlist pronouns {\n    words: they\n}\n",
            "a second list block named 'pronouns'",
        ),
    ] {
        let gdir = tempfile::tempdir_in(d.path()).unwrap();
        fs::write(gdir.path().join("x.sayso"), src).unwrap();
        let gd = gdir.path().display().to_string();
        let r = run(&["--grammar", &gd, "annotate", &g]);
        assert_eq!(r.code, 2, "{src}");
        assert!(
            r.stderr.contains("x.sayso:") && r.stderr.contains(expected),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn zero_width_only_input_gives_no_statements_and_a_warning() {
    let d = tempfile::tempdir().unwrap();
    // a thousand lines of zero-width and other invisible characters, in every format
    let invisible = "\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}\u{AD} \u{200B}\t\u{2060}\n";
    let text = invisible.repeat(1000);
    let mut paths = Vec::new();
    for ext in ["txt", "md", "html"] {
        let p = d.path().join(format!("blank.{ext}"));
        let body = if ext == "html" {
            format!("<p>{}</p>", text.replace('\n', "</p>\n<p>"))
        } else {
            text.clone()
        };
        fs::write(&p, body).unwrap();
        paths.push(p.display().to_string());
    }
    for p in &paths {
        let r = run(&["annotate", "--format", "jsonl", p]);
        assert_eq!(r.code, 0, "{p}: {}", r.stderr);
        assert!(
            r.stderr.contains(p.as_str()) && r.stderr.contains("no visible text"),
            "{p}: {}",
            r.stderr
        );
        let doc = &jsonl(&r.stdout)[0];
        assert_eq!(doc["statements"].as_array().unwrap().len(), 0, "{p}");
        // score and check see no statement either, and say why
        let r = run(&["score", "--format", "json", p]);
        assert!(r.stderr.contains("no visible text"), "{p}: {}", r.stderr);
        let r = run(&["check", "--format", "json", p]);
        assert!(r.stderr.contains("no visible text"), "{p}: {}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(v["totals"]["warnings"], 0, "{p}: {}", r.stdout);
    }
}

#[test]
fn zero_width_characters_between_sentences_are_no_statements_and_offsets_stay_exact() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("mixed.txt");
    let a = "The mayor said the bridge was safe.";
    let b = "Officials denied it.";
    // a sentence of invisible characters between two real ones, and a paragraph of them
    let text = format!("{a} \u{200B}\u{2060}. {b}\n\n\u{200B}\u{FEFF}\u{200D}\n\n{b}\n");
    fs::write(&p, &text).unwrap();
    let r = run(&["annotate", "--format", "jsonl", &p.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("no visible text"), "{}", r.stderr);
    let doc = &jsonl(&r.stdout)[0];
    let statements = doc["statements"].as_array().unwrap();
    let texts: Vec<&str> = statements.iter().map(|s| s["text"].as_str().unwrap()).collect();
    // "\u{200B}\u{2060}." has a visible full stop: it stays part of the text, so it may
    // be a statement of its own (a non-claim), but nothing is made of invisible ones alone
    assert!(
        texts.iter().all(|t| t.chars().any(|c| c.is_alphanumeric() || c == '.')),
        "{texts:?}"
    );
    assert_eq!(texts.first(), Some(&a));
    assert_eq!(texts.last(), Some(&b));
    // offsets slice the original file to the statement's text
    for s in statements {
        let span = s["span"].as_array().unwrap();
        let (start, end) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], s["text"].as_str().unwrap());
    }
}

/// Runs the binary with raw `OsStr` arguments (a file name that is not UTF-8).
fn run_os(args: &[&std::ffi::OsStr]) -> Run {
    let out = sayso().args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_file_name_that_is_not_utf8_is_read_and_shown_with_replacement_characters() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let d = tempfile::tempdir().unwrap();
    // "caf\xE9-report.txt": Latin-1 é, invalid as UTF-8
    let name = OsStr::from_bytes(b"caf\xE9-report.txt");
    let p = d.path().join(name);
    if fs::write(&p, "The mayor said the bridge was closed. Officials denied it.\n").is_err() {
        eprintln!("note: this file system refuses names that are not UTF-8; case skipped");
        return;
    }
    let g = good(d.path());
    let shown = format!("{}", d.path().join("caf\u{FFFD}-report.txt").display());
    let (pa, ga) = (p.as_os_str(), OsStr::new(&g));
    fn os(args: &[&'static str]) -> Vec<&'static OsStr> {
        args.iter().map(|a| OsStr::new(*a)).collect()
    }

    let mut args = os(&["annotate", "--format", "jsonl"]);
    args.extend([pa, ga]);
    let r = run_os(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let docs = jsonl(&r.stdout);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["path"], shown.as_str());
    assert_eq!(docs[0]["statements"].as_array().unwrap().len(), 2);

    let mut args = os(&["annotate"]);
    args.push(pa);
    let r = run_os(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("caf\u{FFFD}-report.txt"), "{}", r.stdout);

    let mut args = os(&["score", "--format", "jsonl"]);
    args.push(pa);
    let r = run_os(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("caf\u{FFFD}-report.txt"), "{}", r.stdout);

    let mut args = os(&["sources", "--format", "json"]);
    args.push(pa);
    let r = run_os(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("caf\u{FFFD}-report.txt"), "{}", r.stdout);

    for format in ["json", "sarif", "github", "human"] {
        let mut args = os(&["check", "--fail-on", "never", "--format", format]);
        args.push(pa);
        let r = run_os(&args);
        assert_eq!(r.code, 0, "{format}: {}", r.stderr);
        assert!(
            r.stdout.contains("caf\u{FFFD}-report.txt") || r.stdout.contains("1 file"),
            "{format}: {}",
            r.stdout
        );
    }
    let mut args = os(&["check", "--format", "json"]);
    args.push(pa);
    let r = run_os(&args);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["totals"]["files"], 1, "{}", r.stdout);

    // a missing file with such a name is an error naming it; the good file still runs
    let missing = d.path().join(OsStr::from_bytes(b"gone\xFF.txt"));
    let mut args = os(&["annotate", "--format", "jsonl"]);
    args.extend([missing.as_os_str(), ga]);
    let r = run_os(&args);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("gone\u{FFFD}.txt") && r.stderr.contains("no such file"),
        "{}",
        r.stderr
    );
    assert_eq!(jsonl(&r.stdout).len(), 1);
}
