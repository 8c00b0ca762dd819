//! The grammar parser: any text as a .sayso file must give Ok or an error
//! with a position, never a panic. A grammar that parses is then used.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sayso::analysis::Analyzer;
use sayso::grammar::Grammar;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut g = Grammar::default();
    match g.add_source("fuzz.sayso", text) {
        Ok(()) => {
            // a grammar that parses must also run without panicking
            let a = Analyzer::new(g);
            let _ = a.analyze_text("Officials said the port was closed, according to a report. \"It is over,\" she said.");
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    // on top of the built-in grammar as well (replacement by name)
    let mut g = Grammar::builtin();
    if g.add_source("fuzz.sayso", text).is_ok() {
        let a = Analyzer::new(g);
        let _ = a.analyze_text("The minister denied the claim, sources familiar with the matter said.");
    }
});
