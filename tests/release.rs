//! Release archives and the GitHub Action (issue 19): the workflow
//! (`.github/workflows/release.yml`) packs each target with
//! `scripts/release-archive.sh`, and the action (`action.yml`) installs one
//! with `scripts/install-release.sh`. These tests check that the two agree on
//! the targets and the archive names, then pack the binary just built and
//! install it through a `file://` URL exactly as the action does on a runner.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// The targets of the workflow's build matrix (`- target: X` under `include:`).
fn workflow_targets(yml: &str) -> Vec<String> {
    yml.lines()
        .filter_map(|l| l.trim().strip_prefix("- target:"))
        .map(|t| t.trim().to_string())
        .collect()
}

/// The targets the installer maps runners to (`Linux-X64) target=X ;;`), with the runner.
fn installer_targets(sh: &str) -> Vec<(String, String)> {
    sh.lines()
        .filter_map(|l| {
            let (runner, rest) = l.trim().split_once(") target=")?;
            let target = rest.split(';').next()?.trim();
            Some((runner.to_string(), target.to_string()))
        })
        .collect()
}

/// The value of `key:` on the first line that sets it (a structural check of
/// the YAML, by key line: the project has no YAML parser, nor needs one).
fn value_of<'a>(yml: &'a str, key: &str) -> Option<&'a str> {
    yml.lines()
        .find_map(|l| l.trim().strip_prefix(key)?.strip_prefix(':'))
        .map(str::trim)
}

#[test]
fn the_action_downloads_exactly_the_archives_the_workflow_builds() {
    let workflow = read(".github/workflows/release.yml");
    let action = read("action.yml");
    let pack = read("scripts/release-archive.sh");
    let install = read("scripts/install-release.sh");

    // the workflow runs on tags and packs each matrix target under the tag's name
    assert!(workflow.contains("tags: [\"v*\"]"), "release.yml must run on v* tags");
    assert_eq!(value_of(&workflow, "TAG"), Some("${{ inputs.tag || github.ref_name }}"));
    assert!(
        workflow.contains("bash scripts/release-archive.sh \"$TAG\" ${{ matrix.target }}"),
        "release.yml must pack with scripts/release-archive.sh TAG TARGET"
    );
    assert!(
        workflow.contains("path: dist/*"),
        "release.yml must upload what it packed"
    );
    assert!(workflow.contains("gh release create \"$TAG\" dist/*"));

    // the action installs with the installer, at the tag it is used at unless told a version
    assert_eq!(value_of(&action, "using"), Some("composite"));
    assert_eq!(
        value_of(&action, "SAYSO_VERSION"),
        Some("${{ inputs.version || github.action_ref }}")
    );
    assert!(action.contains("run: bash \"$GITHUB_ACTION_PATH/scripts/install-release.sh\""));
    assert!(action.contains("run: sayso check $SAYSO_CHECK_ARGS"));
    assert_eq!(value_of(&action, "if"), Some("inputs.check != ''"));

    // the same targets on both sides, each once
    let built: BTreeSet<String> = workflow_targets(&workflow).into_iter().collect();
    let mapped = installer_targets(&install);
    let fetched: BTreeSet<String> = mapped.iter().map(|(_, t)| t.clone()).collect();
    assert_eq!(
        built.len(),
        5,
        "linux x86_64/aarch64, macOS x86_64/aarch64, windows: {built:?}"
    );
    assert_eq!(
        fetched, built,
        "the installer must fetch exactly what the workflow builds"
    );
    assert_eq!(fetched.len(), mapped.len(), "each target for one runner: {mapped:?}");
    let runners: BTreeSet<&str> = mapped.iter().map(|(r, _)| r.as_str()).collect();
    for r in ["Linux-X64", "Linux-ARM64", "macOS-X64", "macOS-ARM64", "Windows-X64"] {
        assert!(runners.contains(r), "no archive for the runner {r}");
    }

    // and the same names: the lines that name an archive are identical in both scripts
    for line in [
        "name=\"sayso-${version}-${target}\"",
        "*windows*) ext=zip exe=sayso.exe ;;",
        "*) ext=tar.gz exe=sayso ;;",
    ] {
        assert!(
            pack.lines().any(|l| l.trim() == line),
            "release-archive.sh lacks `{line}`"
        );
        assert!(
            install.lines().any(|l| l.trim() == line),
            "install-release.sh lacks `{line}`"
        );
    }
    assert!(pack.contains("\"$name.$ext.sha256\"") && install.contains("$name.$ext.sha256"));
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

fn pack(version: &str, target: &str, out: &Path) -> Output {
    run(Command::new("bash")
        .arg(root().join("scripts/release-archive.sh"))
        .args([version, target, env!("CARGO_BIN_EXE_sayso")])
        .arg(out))
}

fn install(version: &str, runner: (&str, &str), dist: &Path, home: &Path) -> Output {
    run(Command::new("bash")
        .arg(root().join("scripts/install-release.sh"))
        .env("SAYSO_VERSION", version)
        .env("SAYSO_DOWNLOAD_BASE", format!("file://{}", dist.display()))
        .env("RUNNER_OS", runner.0)
        .env("RUNNER_ARCH", runner.1)
        .env("RUNNER_TOOL_CACHE", home.join("cache"))
        .env("GITHUB_PATH", home.join("github_path"))
        .env("GITHUB_OUTPUT", home.join("github_output")))
}

/// This machine as a GitHub runner names it, and its release target.
fn this_runner() -> ((&'static str, &'static str), &'static str) {
    match std::env::consts::ARCH {
        "aarch64" => (("Linux", "ARM64"), "aarch64-unknown-linux-gnu"),
        _ => (("Linux", "X64"), "x86_64-unknown-linux-gnu"),
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
#[cfg(target_os = "linux")]
fn an_archive_packed_by_the_workflow_script_installs_through_the_action_script() {
    let tmp = TempDir::new().unwrap();
    let dist = tmp.path().join("dist");
    let (runner, target) = this_runner();
    let out = pack("v9.8.7", target, &dist);
    assert!(out.status.success(), "release-archive.sh failed: {}", text(&out.stderr));
    let name = format!("sayso-v9.8.7-{target}");
    let archive = dist.join(format!("{name}.tar.gz"));
    assert_eq!(text(&out.stdout).trim(), archive.display().to_string());

    // what is inside: the binary, the README, completions and the man page
    let list = run(Command::new("tar").arg("-tzf").arg(&archive));
    let files: BTreeSet<String> = text(&list.stdout).lines().map(str::to_string).collect();
    for f in [
        "sayso",
        "README.md",
        "completions/sayso.bash",
        "completions/_sayso",
        "completions/sayso.fish",
        "completions/sayso.elv",
        "completions/_sayso.ps1",
        "man/sayso.1",
    ] {
        assert!(
            files.contains(&format!("{name}/{f}")),
            "{f} missing from the archive: {files:?}"
        );
    }
    let sum = std::fs::read_to_string(dist.join(format!("{name}.tar.gz.sha256"))).unwrap();
    assert!(sum.ends_with(&format!("  {name}.tar.gz\n")), "{sum}");
    assert_eq!(sum.split_whitespace().next().unwrap().len(), 64);

    // the action's installer finds it by the runner's OS and architecture, checks it, installs it
    let out = install("v9.8.7", runner, &dist, tmp.path());
    assert!(out.status.success(), "install-release.sh failed: {}", text(&out.stderr));
    let on_path = std::fs::read_to_string(tmp.path().join("github_path")).unwrap();
    let dir = PathBuf::from(on_path.trim());
    assert_eq!(dir, tmp.path().join("cache/sayso/v9.8.7").join(target));
    let installed = dir.join("sayso");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("github_output")).unwrap(),
        format!("path={}\n", installed.display())
    );
    let version = run(Command::new(&installed).arg("--version"));
    assert!(version.status.success());
    assert!(text(&version.stdout).starts_with("sayso "), "{}", text(&version.stdout));
    let man = std::fs::read_to_string(dir.join("man/sayso.1")).unwrap();
    assert!(man.contains(".TH sayso"), "{}", &man[..man.len().min(200)]);
    let bash = std::fs::read_to_string(dir.join("completions/sayso.bash")).unwrap();
    assert!(bash.contains("complete -F") && bash.contains("annotate"));

    // the installed binary works on an article
    std::fs::write(
        tmp.path().join("a.txt"),
        "The mayor said the bridge would reopen in May.\n",
    )
    .unwrap();
    let out = run(Command::new(&installed)
        .args(["annotate", "--format", "jsonl"])
        .arg(tmp.path().join("a.txt")));
    assert!(out.status.success());
    assert!(
        text(&out.stdout).contains("\"verdict\":\"alleged\""),
        "{}",
        text(&out.stdout)
    );
}

#[test]
#[cfg(target_os = "linux")]
fn the_installer_refuses_a_bad_checksum_a_missing_release_and_an_unknown_runner() {
    let tmp = TempDir::new().unwrap();
    let dist = tmp.path().join("dist");
    let (runner, target) = this_runner();
    assert!(pack("v1.2.3", target, &dist).status.success());
    let sums = dist.join(format!("sayso-v1.2.3-{target}.tar.gz.sha256"));
    let good = std::fs::read_to_string(&sums).unwrap();
    std::fs::write(&sums, format!("{}{}", "0".repeat(64), &good[64..])).unwrap();
    let out = install("v1.2.3", runner, &dist, tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("checksum mismatch"), "{}", text(&out.stderr));
    assert!(!tmp.path().join("github_path").exists(), "nothing goes on PATH");

    let out = install("v0.0.1", runner, &dist, tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot download"), "{}", text(&out.stderr));

    let out = install("v1.2.3", ("Linux", "ARM"), &dist, tmp.path());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("no sayso release archive for Linux on ARM") && err.contains("cargo install"),
        "{err}"
    );

    let out = install("", runner, &dist, tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no version"), "{}", text(&out.stderr));
}

#[test]
#[cfg(target_os = "linux")]
fn a_windows_archive_is_a_zip_with_sayso_exe() {
    // packed from this machine's binary under the windows name: the zip path of both scripts
    if !["zip", "unzip"]
        .iter()
        .all(|t| Command::new(t).arg("-v").output().is_ok())
    {
        eprintln!("note: zip/unzip not installed; the zip path is not checked here");
        return;
    }
    let tmp = TempDir::new().unwrap();
    let dist = tmp.path().join("dist");
    let out = pack("v2.0.0", "x86_64-pc-windows-msvc", &dist);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let zip = dist.join("sayso-v2.0.0-x86_64-pc-windows-msvc.zip");
    let list = text(&run(Command::new("unzip").arg("-Z1").arg(&zip)).stdout);
    assert!(
        list.lines()
            .any(|l| l == "sayso-v2.0.0-x86_64-pc-windows-msvc/sayso.exe"),
        "{list}"
    );
    assert!(dist.join("sayso-v2.0.0-x86_64-pc-windows-msvc.zip.sha256").is_file());
    let out = install("v2.0.0", ("Windows", "X64"), &dist, tmp.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let dir = tmp.path().join("cache/sayso/v2.0.0/x86_64-pc-windows-msvc");
    assert!(dir.join("sayso.exe").is_file());
}
