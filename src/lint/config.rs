//! `sayso.toml`: the check policy.
//!
//! Discovery (one rule): for each checked file, start in the file's folder and
//! walk up; the first folder holding a `sayso.toml` wins. The walk stops after
//! the repository root (a folder with `.git`) or at the filesystem root; with
//! no file found the built-in defaults apply. `--config FILE` skips discovery.
//!
//! A nested file stands alone unless it names a file to build on: `extend =
//! "../sayso.toml"` reads that file first, then this one's keys replace
//! what they name (globs keep the folder of the file that wrote them).
//!
//! ```toml
//! extend = "../sayso.toml"             # optional
//!
//! [check]
//! include = ["*.md", "*.html"]        # globs, relative to this file's folder
//! exclude = ["vendor/**"]
//! grammar = ["house-grammar"]         # extra grammar directories
//!
//! [rules]
//! unnamed-source = "warning"           # shorthand: just the severity
//!
//! [rules.unnamed-share]
//! severity = "error"                   # off | info | warning | error
//! threshold = 0.25
//!
//! [html]
//! skipped-scopes = ["nav", "aside", "footer", "header", ".ad"]
//! ```
//!
//! The `[html]` section is read by every command (`html_options_near`), so that
//! `annotate`, `score` and `check` read a page alike; the rest only by `check`.
//!
//! Unknown keys, rules, options and severities are errors with a "did you mean".

use super::{OptionKind, Options, Severity, rules};
use crate::grammar::did_you_mean;
use crate::input::{HtmlOptions, Selector};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The config file name looked for.
pub const FILE_NAME: &str = "sayso.toml";

/// The largest `sayso.toml` read (1 MiB).
pub const MAX_CONFIG_FILE: u64 = 1 << 20;

/// The longest glob accepted in `include`/`exclude` (4 KiB): a glob compiles
/// to an automaton many times its length.
pub const MAX_GLOB_LEN: usize = 4096;

/// Files checked when no `include` is given, as globs for `--show-config`;
/// the test itself is `input::has_prose_extension`, which ignores case, so that
/// `check` reads `NOTES.TXT` as `annotate` and `score` do.
pub const DEFAULT_INCLUDE: &[&str] = &["*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm"];

/// One rule's effective settings.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSettings {
    pub severity: Severity,
    pub options: Options,
    /// set in the config file (rather than the default)
    pub configured: bool,
}

/// Effective settings for every rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub rules: BTreeMap<&'static str, RuleSettings>,
}

impl Default for Settings {
    fn default() -> Settings {
        let rules = rules::all()
            .iter()
            .map(|r| {
                let options = r.options().iter().map(|o| (o.name.to_string(), o.default)).collect();
                (
                    r.id(),
                    RuleSettings {
                        severity: r.default_severity(),
                        options,
                        configured: false,
                    },
                )
            })
            .collect();
        Settings { rules }
    }
}

impl Settings {
    pub fn rule(&self, id: &str) -> &RuleSettings {
        self.rules.get(id).expect("every registered rule has settings")
    }
}

/// A loaded (or default) configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// the file read; None for the built-in defaults
    pub path: Option<PathBuf>,
    /// the folder globs and grammar paths are relative to
    pub root: PathBuf,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub grammar: Vec<PathBuf>,
    pub settings: Settings,
    /// the files this one extends (`extend = "../sayso.toml"`), nearest first
    pub extends: Vec<PathBuf>,
    /// None when `include` is not set: then the shared extension test selects
    include_set: Option<GlobSet>,
    /// how HTML files are read (`[html]`)
    pub html: HtmlOptions,
    exclude_set: GlobSet,
    /// the folders `include` and `exclude` are relative to: the folder of the
    /// file that set them (an extended file's globs keep its own folder)
    include_root: PathBuf,
    exclude_root: PathBuf,
}

/// The most files one `extend` chain may hold.
pub const MAX_EXTEND_DEPTH: usize = 16;

fn globset(globs: &[String], what: &str, file: &str) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        if g.len() > MAX_GLOB_LEN {
            return Err(format!(
                "{file}: a glob in {what} is {} bytes long; the limit is {MAX_GLOB_LEN}",
                g.len()
            ));
        }
        b.add(Glob::new(g).map_err(|e| format!("{file}: bad glob in {what}: {e}"))?);
    }
    b.build().map_err(|e| format!("{file}: {e}"))
}

fn line_of(src: &str, key: &str) -> usize {
    src.lines()
        .position(|l| {
            let t = l.trim_start().trim_start_matches('[');
            t.starts_with(key) || t.starts_with(&format!("\"{key}\"")) || t.starts_with(&format!("rules.{key}"))
        })
        .map_or(0, |i| i + 1)
}

fn unknown(file: &str, src: &str, what: &str, word: &str, options: &[&str]) -> String {
    let line = line_of(src, word);
    let at = if line > 0 {
        format!("{file}:{line}")
    } else {
        file.to_string()
    };
    match did_you_mean(word, options.iter().copied()) {
        Some(s) => format!("{at}: unknown {what} '{word}'; did you mean '{s}'?"),
        None => format!("{at}: unknown {what} '{word}'; expected one of: {}", options.join(", ")),
    }
}

fn string_list(v: &toml::Value, key: &str, file: &str) -> Result<Vec<String>, String> {
    let arr = v
        .as_array()
        .ok_or_else(|| format!("{file}: [check] {key} must be a list of strings, e.g. {key} = [\"*.md\"]"))?;
    arr.iter()
        .map(|x| {
            x.as_str()
                .map(str::to_string)
                .ok_or_else(|| format!("{file}: [check] {key} must be a list of strings"))
        })
        .collect()
}

/// The number an option's value stands for, or why it is refused (the
/// message goes on after "option 'NAME' of rule 'RULE' ").
fn option_value(v: &toml::Value, kind: OptionKind) -> Result<f64, String> {
    let n = match (v, kind) {
        (toml::Value::Boolean(b), OptionKind::Switch) => return Ok(if *b { 1.0 } else { 0.0 }),
        (toml::Value::Integer(i), _) => *i as f64,
        (toml::Value::Float(f), _) => *f,
        (_, OptionKind::Switch) => return Err("is a yes/no: true or false".into()),
        (_, OptionKind::Count) => return Err("must be a whole number (8)".into()),
        (_, OptionKind::Share) => return Err("must be a share between 0 and 1 (0.25 is a quarter)".into()),
    };
    if !n.is_finite() {
        return Err("must be a finite number".into());
    }
    if n < 0.0 {
        return Err("must not be negative".into());
    }
    match kind {
        OptionKind::Switch if n != 0.0 && n != 1.0 => Err(format!("is a yes/no: true or false, not {n}")),
        OptionKind::Count if n.fract() != 0.0 => Err(format!("is a count: a whole number, not {n}")),
        // 20 meant as 20 %: a share that large would silently never be reached
        OptionKind::Share if n > 1.0 && n <= 100.0 => Err(format!(
            "is a share between 0 and 1, not a percentage: for {n} % write {:.2}",
            n / 100.0
        )),
        OptionKind::Share if n > 1.0 => Err("is a share: between 0 and 1 (0.25 is a quarter)".into()),
        _ => Ok(n),
    }
}

fn severity(v: &toml::Value, rule: &str, file: &str, src: &str) -> Result<Severity, String> {
    let s = v
        .as_str()
        .ok_or_else(|| format!("{file}: severity of rule '{rule}' must be a string: off, info, warning or error"))?;
    Severity::parse(s).ok_or_else(|| unknown(file, src, "severity", s, &Severity::NAMES))
}

/// The `[html]` section: `skipped-scopes`, a list of selectors.
fn html_section(value: &toml::Value, file: &str, src: &str) -> Result<HtmlOptions, String> {
    let t = value
        .as_table()
        .ok_or_else(|| format!("{file}: 'html' must be a table: [html]"))?;
    let mut options = HtmlOptions::default();
    for (k, v) in t {
        match k.as_str() {
            "skipped-scopes" => {
                let list = v.as_array().ok_or_else(|| {
                    format!("{file}: [html] skipped-scopes must be a list of strings, e.g. skipped-scopes = [\"nav\", \".ad\"]")
                })?;
                options.skipped_scopes = list
                    .iter()
                    .map(|x| {
                        let s = x
                            .as_str()
                            .ok_or_else(|| format!("{file}: [html] skipped-scopes must be a list of strings"))?;
                        Selector::parse(s).map_err(|e| format!("{file}: [html] skipped-scopes: {e}"))
                    })
                    .collect::<Result<_, String>>()?;
            }
            other => return Err(unknown(file, src, "key in [html]", other, &["skipped-scopes"])),
        }
    }
    Ok(options)
}

/// How HTML files in `dir` are read: the `[html]` section of the `sayso.toml`
/// found from `dir` as `check` finds it (the rest of the file is `check`'s
/// business, and checked there). Cached per folder for the whole run.
pub fn html_options_near(dir: &Path) -> Result<Arc<HtmlOptions>, String> {
    type ByFolder = HashMap<PathBuf, Result<Arc<HtmlOptions>, String>>;
    static CACHE: Mutex<Option<ByFolder>> = Mutex::new(None);
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let canon = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut cache = CACHE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let cache = cache.get_or_insert_with(HashMap::new);
    if let Some(found) = cache.get(&canon) {
        return found.clone();
    }
    let found = match discover(&canon) {
        None => Ok(Arc::new(HtmlOptions::default())),
        Some(file) => html_options_of(&file).map(Arc::new),
    };
    cache.insert(canon, found.clone());
    found
}

/// The `[html]` section of one config file (defaults when it has none).
fn html_options_of(path: &Path) -> Result<HtmlOptions, String> {
    let shown = path.display().to_string();
    let src = crate::input::read_config_file(path, MAX_CONFIG_FILE)
        .map_err(|e| format!("{shown}: cannot read config: {e}"))?;
    let table: toml::Table =
        toml::from_str(&src).map_err(|e| format!("{shown}: invalid TOML: {}", e.to_string().trim()))?;
    match table.get("html") {
        Some(v) => html_section(v, &shown, &src),
        None => Ok(HtmlOptions::default()),
    }
}

impl Config {
    /// The built-in defaults, with globs relative to `root`.
    pub fn defaults(root: &Path) -> Config {
        let include: Vec<String> = DEFAULT_INCLUDE.iter().map(|s| s.to_string()).collect();
        Config {
            path: None,
            root: root.to_path_buf(),
            include_set: None,
            include,
            exclude: vec![],
            exclude_set: GlobSet::empty(),
            grammar: vec![],
            settings: Settings::default(),
            extends: vec![],
            include_root: root.to_path_buf(),
            exclude_root: root.to_path_buf(),
            html: HtmlOptions::default(),
        }
    }

    /// Read and validate a config file.
    pub fn load(path: &Path) -> Result<Config, String> {
        Config::load_in(path, &mut Vec::new())
    }

    /// [`Config::load`] as a link of an `extend` chain: `chain` holds the files
    /// that extend this one, to refuse a cycle.
    fn load_in(path: &Path, chain: &mut Vec<PathBuf>) -> Result<Config, String> {
        let src = crate::input::read_config_file(path, MAX_CONFIG_FILE)
            .map_err(|e| format!("{}: cannot read config: {e}", path.display()))?;
        let root = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let root = if root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            root
        };
        Config::parse_in(&src, path, &root, chain)
    }

    /// Parse config text; `path` is for messages, `root` anchors globs and grammar paths.
    pub fn parse(src: &str, path: &Path, root: &Path) -> Result<Config, String> {
        Config::parse_in(src, path, root, &mut Vec::new())
    }

    /// The config `extend = "FILE"` names (relative to `root`), loaded with
    /// the files it extends in turn.
    fn base(v: &toml::Value, path: &Path, root: &Path, chain: &mut Vec<PathBuf>) -> Result<Config, String> {
        let file = path.display().to_string();
        let name = v
            .as_str()
            .ok_or_else(|| format!("{file}: extend must be a path: extend = \"../sayso.toml\""))?;
        let base = root.join(name);
        let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        chain.push(canon(path));
        if chain.contains(&canon(&base)) {
            let names: Vec<String> = (chain.iter().chain([&canon(&base)]))
                .map(|p| p.display().to_string())
                .collect();
            return Err(format!(
                "{file}: extend = \"{name}\" makes a cycle: {}",
                names.join(" -> ")
            ));
        }
        if chain.len() >= MAX_EXTEND_DEPTH {
            return Err(format!("{file}: more than {MAX_EXTEND_DEPTH} files extend one another"));
        }
        let mut cfg = Config::load_in(&base, chain).map_err(|e| format!("{file}: extend = \"{name}\": {e}"))?;
        cfg.extends.insert(0, base);
        Ok(cfg)
    }

    fn parse_in(src: &str, path: &Path, root: &Path, chain: &mut Vec<PathBuf>) -> Result<Config, String> {
        let file = path.display().to_string();
        let table: toml::Table =
            toml::from_str(src).map_err(|e| format!("{file}: invalid TOML: {}", e.to_string().trim()))?;
        // an extended file's settings first; what this file sets replaces them
        let mut cfg = match table.get("extend") {
            Some(v) => Config::base(v, path, root, chain)?,
            None => Config::defaults(root),
        };
        cfg.path = Some(path.to_path_buf());
        cfg.root = root.to_path_buf();
        let mut include_set = false;
        let mut exclude_set = false;
        for (key, value) in &table {
            match key.as_str() {
                "extend" => {}
                "check" => {
                    let t = value
                        .as_table()
                        .ok_or_else(|| format!("{file}: 'check' must be a table: [check]"))?;
                    for (k, v) in t {
                        match k.as_str() {
                            "include" => {
                                cfg.include = string_list(v, k, &file)?;
                                include_set = true;
                            }
                            "exclude" => {
                                cfg.exclude = string_list(v, k, &file)?;
                                exclude_set = true;
                            }
                            "grammar" => {
                                cfg.grammar = string_list(v, k, &file)?.into_iter().map(|g| root.join(g)).collect()
                            }
                            other => {
                                return Err(unknown(
                                    &file,
                                    src,
                                    "key in [check]",
                                    other,
                                    &["include", "exclude", "grammar"],
                                ));
                            }
                        }
                    }
                }
                "rules" => {
                    let t = value
                        .as_table()
                        .ok_or_else(|| format!("{file}: 'rules' must be a table: [rules]"))?;
                    for (rule_id, v) in t {
                        let ids = super::rule_ids();
                        let Some(rule) = super::rule(rule_id) else {
                            return Err(unknown(&file, src, "rule", rule_id, &ids));
                        };
                        let rs = cfg.settings.rules.get_mut(rule.id()).expect("registered");
                        rs.configured = true;
                        match v {
                            toml::Value::String(_) => rs.severity = severity(v, rule_id, &file, src)?,
                            toml::Value::Table(opts) => {
                                let mut allowed = vec!["severity"];
                                allowed.extend(rule.options().iter().map(|o| o.name));
                                for (ok, ov) in opts {
                                    if ok == "severity" {
                                        rs.severity = severity(ov, rule_id, &file, src)?;
                                        continue;
                                    }
                                    if !allowed.contains(&ok.as_str()) {
                                        return Err(unknown(
                                            &file,
                                            src,
                                            &format!("option of rule '{rule_id}'"),
                                            ok,
                                            &allowed,
                                        ));
                                    }
                                    let kind = (rule.options().iter())
                                        .find(|o| o.name == ok.as_str())
                                        .map_or(OptionKind::Share, |o| o.kind);
                                    let n = option_value(ov, kind)
                                        .map_err(|why| format!("{file}: option '{ok}' of rule '{rule_id}' {why}"))?;
                                    rs.options.insert(ok.clone(), n);
                                }
                            }
                            _ => {
                                return Err(format!(
                                    "{file}: rule '{rule_id}' takes a severity (\"warning\") or a table ([rules.{rule_id}])"
                                ));
                            }
                        }
                    }
                }
                "html" => cfg.html = html_section(value, &file, src)?,
                other => {
                    return Err(unknown(
                        &file,
                        src,
                        "section",
                        other,
                        &["check", "rules", "html", "extend"],
                    ));
                }
            }
        }
        if include_set {
            cfg.include_set = Some(globset(&cfg.include, "include", &file)?);
            cfg.include_root = root.to_path_buf();
        }
        if exclude_set {
            cfg.exclude_set = globset(&cfg.exclude, "exclude", &file)?;
            cfg.exclude_root = root.to_path_buf();
        }
        for g in &cfg.grammar {
            if !g.is_dir() {
                return Err(format!("{file}: grammar directory {} does not exist", g.display()));
            }
        }
        Ok(cfg)
    }

    /// The path of `file` relative to this config's folder.
    pub fn relative(&self, file: &Path) -> PathBuf {
        relative_to(&self.root, file)
    }

    /// Is `file` selected by include and not excluded?
    pub fn selects(&self, file: &Path) -> bool {
        let included = match &self.include_set {
            Some(set) => set.is_match(relative_to(&self.include_root, file)),
            None => crate::input::has_prose_extension(file),
        };
        included && !self.excludes(file)
    }

    /// Is `file` excluded by `exclude`? (A file named on the command line is
    /// checked whatever `include` says, unless `exclude` names it.)
    pub fn excludes(&self, file: &Path) -> bool {
        self.exclude_set.is_match(relative_to(&self.exclude_root, file))
    }

    /// A `sayso.toml` above this one, in the same repository, that this one
    /// neither is nor extends: its settings do not apply to this file's folder.
    pub fn shadows(&self) -> Option<PathBuf> {
        let own = self.path.as_ref()?;
        let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let root = canon(&self.root);
        if root.join(".git").exists() {
            return None; // (discovery stops at the repository root)
        }
        let above = discover(root.parent()?)?;
        let extended = self.extends.iter().any(|e| canon(e) == canon(&above));
        (!extended && canon(&above) != canon(own)).then_some(above)
    }

    /// The effective settings, as TOML a user could paste into sayso.toml.
    pub fn describe(&self) -> String {
        let q = |v: &[String]| v.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ");
        let mut out = String::new();
        out.push_str("[check]\n");
        out.push_str(&format!("include = [{}]\n", q(&self.include)));
        out.push_str(&format!("exclude = [{}]\n", q(&self.exclude)));
        let g: Vec<String> = self.grammar.iter().map(|p| p.display().to_string()).collect();
        out.push_str(&format!("grammar = [{}]\n", q(&g)));
        let scopes: Vec<String> = self.html.skipped_scopes.iter().map(ToString::to_string).collect();
        out.push_str(&format!("\n[html]\nskipped-scopes = [{}]\n", q(&scopes)));
        for r in rules::all() {
            let rs = self.settings.rule(r.id());
            let note = if rs.configured { "" } else { "  # default" };
            out.push_str(&format!(
                "\n[rules.{}]\nseverity = \"{}\"{note}\n",
                r.id(),
                rs.severity.as_str()
            ));
            for (k, v) in &rs.options {
                let kind = (r.options().iter())
                    .find(|o| o.name == k.as_str())
                    .map_or(OptionKind::Share, |o| o.kind);
                out.push_str(&format!("{k} = {}\n", kind.show(*v)));
            }
        }
        out
    }
}

/// The path of `file` relative to `root` (for globs), or `file` itself outside it.
fn relative_to(root: &Path, file: &Path) -> PathBuf {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    canon(file)
        .strip_prefix(canon(root))
        .map_or_else(|_| file.to_path_buf(), Path::to_path_buf)
}

/// Walk up from `start` (a folder) for `sayso.toml`: the first one found wins;
/// the walk stops after a folder holding `.git` or at the filesystem root.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    let mut dir: Option<&Path> = Some(&start);
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        // (anything but a folder: a FIFO or device named sayso.toml is then
        // refused by `Config::load`, not skipped in silence)
        if std::fs::metadata(&candidate).is_ok_and(|m| !m.is_dir()) {
            return Some(candidate);
        }
        if d.join(".git").exists() {
            return None;
        }
        dir = d.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<Config, String> {
        Config::parse(src, Path::new("sayso.toml"), Path::new("."))
    }

    #[test]
    fn a_threshold_is_a_finite_share() {
        for bad in ["nan", "inf", "-inf", "5", "1.5"] {
            let e = parse(&format!("[rules.unnamed-share]\nthreshold = {bad}\n"))
                .map(|_| ())
                .unwrap_err();
            assert!(e.contains("threshold"), "{bad}: {e}");
        }
        assert!(parse("[rules.unnamed-share]\nthreshold = 1\n").is_ok());
    }

    #[test]
    fn option_values_are_checked_by_their_kind() {
        let e = parse("[rules.unnamed-share]\nthreshold = 20\n").unwrap_err();
        assert!(e.contains("not a percentage") && e.contains("0.20"), "{e}");
        let e = parse("[rules.hedge-stack]\nwindow = 2.5\n").unwrap_err();
        assert!(e.contains("whole number"), "{e}");
        assert_eq!(
            parse("[rules.hedge-stack]\nwindow = 3\n")
                .unwrap()
                .settings
                .rule("hedge-stack")
                .options["window"],
            3.0
        );
        for (yes, n) in [("true", 1.0), ("false", 0.0), ("1", 1.0), ("0", 0.0)] {
            let c = parse(&format!("[rules.unattributed-figure]\nmoney = {yes}\n")).unwrap();
            assert_eq!(c.settings.rule("unattributed-figure").options["money"], n, "{yes}");
        }
        let e = parse("[rules.weasel]\nvague = 2\n").unwrap_err();
        assert!(e.contains("true or false"), "{e}");
        let e = parse("[rules.weasel]\nvague = \"yes\"\n").unwrap_err();
        assert!(e.contains("true or false"), "{e}");
        let e = parse("[rules.unnamed-share]\nmin-statements = true\n").unwrap_err();
        assert!(e.contains("whole number"), "{e}");
    }

    #[test]
    fn severities_options_and_shorthand() {
        let c = parse("[rules]\nweasel = \"off\"\n[rules.unnamed-share]\nseverity = \"error\"\nthreshold = 0.25\n")
            .unwrap();
        assert_eq!(c.settings.rule("weasel").severity, Severity::Off);
        let s = c.settings.rule("unnamed-share");
        assert_eq!(s.severity, Severity::Error);
        assert_eq!(s.options["threshold"], 0.25);
        assert_eq!(s.options["min-statements"], 5.0, "unset options keep their default");
    }

    #[test]
    fn unknown_names_get_did_you_mean() {
        let e = parse("[rules]\nwesel = \"off\"\n").unwrap_err();
        assert!(e.contains("unknown rule 'wesel'; did you mean 'weasel'?"), "{e}");
        assert!(e.starts_with("sayso.toml:2:"), "{e}");
        let e = parse("[rules.unnamed-share]\nthreshhold = 0.2\n").unwrap_err();
        assert!(e.contains("did you mean 'threshold'"), "{e}");
        let e = parse("[check]\nexlude = []\n").unwrap_err();
        assert!(e.contains("did you mean 'exclude'"), "{e}");
        let e = parse("[rules]\nweasel = \"warn\"\n").unwrap_err();
        assert!(e.contains("did you mean 'warning'"), "{e}");
        let e = parse("[rulez]\n").unwrap_err();
        assert!(e.contains("did you mean 'rules'"), "{e}");
    }

    #[test]
    fn the_default_include_is_the_shared_extension_test_in_any_case() {
        let listed: Vec<String> = (crate::input::PROSE_EXTENSIONS.iter())
            .map(|x| format!("*.{x}"))
            .collect();
        assert_eq!(listed, DEFAULT_INCLUDE);
        let c = parse("").unwrap();
        for name in ["a.txt", "A.TXT", "b.MD", "c.Html", "d/e.markdown"] {
            assert!(c.selects(Path::new(name)), "{name}");
        }
        assert!(!c.selects(Path::new("notes.docx")));
    }

    #[test]
    fn html_skipped_scopes() {
        let c = parse("[html]\nskipped-scopes = [\"nav\", \"figure\", \".ad\"]\n").unwrap();
        let got: Vec<String> = c.html.skipped_scopes.iter().map(ToString::to_string).collect();
        assert_eq!(got, ["nav", "figure", ".ad"]);
        assert!(
            c.describe()
                .contains("[html]\nskipped-scopes = [\"nav\", \"figure\", \".ad\"]")
        );
        let defaults: Vec<String> = parse("")
            .unwrap()
            .html
            .skipped_scopes
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(defaults, crate::input::DEFAULT_SKIPPED_SCOPES);
        let e = parse("[html]\nskipped-scopes = [\"div > p\"]\n").unwrap_err();
        assert!(e.contains("'div > p' is not a scope"), "{e}");
        let e = parse("[html]\nskiped-scopes = []\n").unwrap_err();
        assert!(e.contains("did you mean 'skipped-scopes'"), "{e}");
        let e = parse("[html]\nskipped-scopes = \"nav\"\n").unwrap_err();
        assert!(e.contains("must be a list of strings"), "{e}");
    }

    #[test]
    fn globs_select_relative_paths() {
        let c = parse("[check]\ninclude = [\"drafts/**/*.md\"]\nexclude = [\"drafts/old/**\"]\n").unwrap();
        assert!(c.selects(Path::new("drafts/a/b.md")));
        assert!(!c.selects(Path::new("drafts/old/b.md")));
        assert!(!c.selects(Path::new("notes/b.md")));
    }
}
