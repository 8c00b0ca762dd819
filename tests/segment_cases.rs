//! Hand-written news-style cases for `sayso::segment`, plus property tests.

use proptest::prelude::*;
use sayso::segment::{Segmentation, SentenceKind, segment, segment_into};

fn sentence_texts<'a>(text: &'a str, seg: &Segmentation) -> Vec<&'a str> {
    seg.sentences.iter().map(|s| &text[s.span.start..s.span.end]).collect()
}

/// (name, input, expected sentences)
const CASES: &[(&str, &str, &[&str])] = &[
    (
        "plain three sentences",
        "The council met on Tuesday. It approved the budget. Residents cheered.",
        &[
            "The council met on Tuesday.",
            "It approved the budget.",
            "Residents cheered.",
        ],
    ),
    (
        "exclamation and question",
        "Nobody expected it! Could the deal survive? Analysts doubted it.",
        &["Nobody expected it!", "Could the deal survive?", "Analysts doubted it."],
    ),
    (
        "Mr. and Dr.",
        "Mr. Alvarez thanked Dr. Okafor for her work. The clinic opens soon.",
        &["Mr. Alvarez thanked Dr. Okafor for her work.", "The clinic opens soon."],
    ),
    (
        "Sen. and Rep.",
        "Sen. Marquez and Rep. Tull voted no. Both face primaries.",
        &["Sen. Marquez and Rep. Tull voted no.", "Both face primaries."],
    ),
    (
        "military ranks",
        "Lt. Col. Dana Pruitt and Sgt. Ray Ocampo briefed reporters. Gen. Hale declined.",
        &[
            "Lt. Col. Dana Pruitt and Sgt. Ray Ocampo briefed reporters.",
            "Gen. Hale declined.",
        ],
    ),
    (
        "Gov. and Prof.",
        "Gov. Lindqvist met Prof. Adeyemi on campus. They spoke for an hour.",
        &["Gov. Lindqvist met Prof. Adeyemi on campus.", "They spoke for an hour."],
    ),
    (
        "middle initial",
        "Donald J. Trump addressed the rally. Supporters waved flags.",
        &["Donald J. Trump addressed the rally.", "Supporters waved flags."],
    ),
    (
        "leading initials",
        "J. R. Kowalski wrote the report. It ran to 90 pages.",
        &["J. R. Kowalski wrote the report.", "It ran to 90 pages."],
    ),
    (
        "U.S. in the middle",
        "The U.S. Treasury issued new guidance on Friday. Banks must comply.",
        &["The U.S. Treasury issued new guidance on Friday.", "Banks must comply."],
    ),
    (
        "U.S. at the end before a starter",
        "The company moved its headquarters to the U.S. The decision surprised staff.",
        &[
            "The company moved its headquarters to the U.S.",
            "The decision surprised staff.",
        ],
    ),
    (
        "U.S. before a non-starter capital",
        "Officials in the U.S. Congress objected.",
        &["Officials in the U.S. Congress objected."],
    ),
    (
        "U.K. and U.N.",
        "The U.K. envoy addressed the U.N. General Assembly. He urged restraint.",
        &[
            "The U.K. envoy addressed the U.N. General Assembly.",
            "He urged restraint.",
        ],
    ),
    (
        "D.C. at end",
        "She grew up in Washington, D.C. Her father was a diplomat.",
        &["She grew up in Washington, D.C.", "Her father was a diplomat."],
    ),
    (
        "p.m. mid-sentence",
        "The polls close at 8 p.m. Eastern time on Tuesday. Results follow.",
        &["The polls close at 8 p.m. Eastern time on Tuesday.", "Results follow."],
    ),
    (
        "a.m. at end before starter",
        "The fire started around 4 a.m. It burned for six hours.",
        &["The fire started around 4 a.m.", "It burned for six hours."],
    ),
    (
        "a.m. followed by lowercase",
        "Trading resumed at 9:30 a.m. on Monday.",
        &["Trading resumed at 9:30 a.m. on Monday."],
    ),
    (
        "money and decimals",
        "The firm raised $50.5 million last year. Revenue grew 3.5 percent.",
        &["The firm raised $50.5 million last year.", "Revenue grew 3.5 percent."],
    ),
    (
        "months",
        "The trial begins Jan. 14 and could run into Feb. 28. Jurors were warned.",
        &[
            "The trial begins Jan. 14 and could run into Feb. 28.",
            "Jurors were warned.",
        ],
    ),
    (
        "Sept. and Oct.",
        "Filings are due Sept. 30 or Oct. 15 at the latest. Few will miss it.",
        &[
            "Filings are due Sept. 30 or Oct. 15 at the latest.",
            "Few will miss it.",
        ],
    ),
    (
        "closing curly quote after period",
        "He said, “We will win.” Then he left.",
        &["He said, “We will win.”", "Then he left."],
    ),
    (
        "closing straight quote after period",
        "She wrote, \"The vote was rigged.\" Officials denied it.",
        &["She wrote, \"The vote was rigged.\"", "Officials denied it."],
    ),
    (
        "question with lowercase attribution",
        "“Too little?” asked Robby Mook. Nobody answered.",
        &["“Too little?” asked Robby Mook.", "Nobody answered."],
    ),
    (
        "exclamation with lowercase attribution",
        "“Get out!” shouted a protester near the gate.",
        &["“Get out!” shouted a protester near the gate."],
    ),
    (
        "quote then quote",
        "“We are ready.” “So are we,” the rival camp replied.",
        &["“We are ready.”", "“So are we,” the rival camp replied."],
    ),
    (
        "ellipsis followed by lowercase",
        "The minister paused... and then changed the subject.",
        &["The minister paused... and then changed the subject."],
    ),
    (
        "ellipsis followed by uppercase",
        "The talks dragged on... Nobody expected a deal.",
        &["The talks dragged on...", "Nobody expected a deal."],
    ),
    (
        "unicode ellipsis before opening quote",
        "He trailed off… “Ask my lawyer,” he said.",
        &["He trailed off…", "“Ask my lawyer,” he said."],
    ),
    (
        "Inc. inside sentence",
        "Shares of Acme Inc. fell sharply. Investors fled.",
        &["Shares of Acme Inc. fell sharply.", "Investors fled."],
    ),
    (
        "vs. and No.",
        "The case, Ruiz vs. Ohio, reached No. 3 on the docket. A ruling is due.",
        &[
            "The case, Ruiz vs. Ohio, reached No. 3 on the docket.",
            "A ruling is due.",
        ],
    ),
    (
        "e.g. and i.e.",
        "Some states, e.g. Texas, objected, i.e. they sued. The court agreed.",
        &[
            "Some states, e.g. Texas, objected, i.e. they sued.",
            "The court agreed.",
        ],
    ),
    (
        "domain and email",
        "Details are at example.com and tips@newsroom.org today. Read them.",
        &["Details are at example.com and tips@newsroom.org today.", "Read them."],
    ),
    (
        "URL with www",
        "The filing is posted on www.sec.gov for anyone to read. It is long.",
        &["The filing is posted on www.sec.gov for anyone to read.", "It is long."],
    ),
    (
        "numbered list marker",
        "1. The board approves the plan.",
        &["1. The board approves the plan."],
    ),
    (
        "period inside parentheses",
        "The mayor (who took office in Jan. 2020. She is a Democrat) resigned. Her deputy takes over.",
        &[
            "The mayor (who took office in Jan. 2020. She is a Democrat) resigned.",
            "Her deputy takes over.",
        ],
    ),
    (
        "whole sentence in parentheses",
        "He left early. (He later apologized.) The meeting went on.",
        &["He left early.", "(He later apologized.)", "The meeting went on."],
    ),
    (
        "headline then prose on next line",
        "Historic Operation Marks New Phase in Counter-Narcotics Campaign\nThe navy seized the vessel at dawn.",
        &[
            "Historic Operation Marks New Phase in Counter-Narcotics Campaign",
            "The navy seized the vessel at dawn.",
        ],
    ),
    (
        "headline with periods inside is not split",
        "Final Thoughts",
        &["Final Thoughts"],
    ),
    (
        "time stamp line",
        "2:45 p.m.\nThe senator arrived late.",
        &["2:45 p.m.", "The senator arrived late."],
    ),
    (
        "table rows",
        "| Candidate | Votes |\n| Ana Ruiz | 1,204 |",
        &["| Candidate | Votes |", "| Ana Ruiz | 1,204 |"],
    ),
    (
        "CRLF paragraphs",
        "The storm hit at night.\r\nPower failed.\r\n\r\nCrews worked until dawn. Roads reopened.",
        &[
            "The storm hit at night.",
            "Power failed.",
            "Crews worked until dawn.",
            "Roads reopened.",
        ],
    ),
    (
        "wrapped prose joins lines",
        "The governor said the state would\nappeal the ruling. Lawyers agreed.",
        &[
            "The governor said the state would\nappeal the ruling.",
            "Lawyers agreed.",
        ],
    ),
    (
        "tabs as white space",
        "\tThe report was late.\tIt was also wrong.\t",
        &["The report was late.", "It was also wrong."],
    ),
    ("empty input", "", &[]),
    ("white space only", "  \n\t\r\n  \n", &[]),
    (
        "Jr. before starter",
        "The award went to Martin Ellis Jr. He accepted it in person.",
        &["The award went to Martin Ellis Jr.", "He accepted it in person."],
    ),
    (
        "etc. mid-sentence",
        "Fuel, food, etc. are rationed in the city. Lines are long.",
        &["Fuel, food, etc. are rationed in the city.", "Lines are long."],
    ),
    (
        "nested closing quotes and bracket",
        "She recalled his words: “He said ‘never again.’” Then she wept.",
        &["She recalled his words: “He said ‘never again.’”", "Then she wept."],
    ),
    (
        "sentence ending in a number",
        "Unemployment peaked in 2009. It has fallen since.",
        &["Unemployment peaked in 2009.", "It has fallen since."],
    ),
    (
        "multibyte names",
        "Zoë Müller met José Núñez in Zürich. Both declined to comment.",
        &["Zoë Müller met José Núñez in Zürich.", "Both declined to comment."],
    ),
];

#[test]
fn table_of_cases() {
    let mut failures = Vec::new();
    for (name, input, expected) in CASES {
        let seg = segment(input);
        let got = sentence_texts(input, &seg);
        if got != *expected {
            failures.push(format!("{name}:\n  got      {got:?}\n  expected {expected:?}"));
        }
    }
    assert!(CASES.len() >= 40);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn paragraphs_blank_line_vs_single_newline_vs_wrapped() {
    // Blank line: two paragraphs.
    let seg = segment("First paragraph here.\n\nSecond paragraph here.");
    assert_eq!(seg.paragraphs.len(), 2);
    // Single newline after a sentence end: two paragraphs.
    let seg = segment("First paragraph here.\nSecond paragraph here.");
    assert_eq!(seg.paragraphs.len(), 2);
    // Single newline inside wrapped prose: one paragraph.
    let seg = segment("The first paragraph\ncontinues here.");
    assert_eq!(seg.paragraphs.len(), 1);
    assert_eq!(seg.sentences.len(), 1);
    // Headline on its own line, then prose: two paragraphs.
    let seg = segment("Budget Talks Collapse\nLawmakers walked out.");
    assert_eq!(seg.paragraphs.len(), 2);
    // Blank line made of spaces and CR.
    let seg = segment("One.\r\n  \r\nTwo.");
    assert_eq!(seg.paragraphs.len(), 2);
}

#[test]
fn paragraph_indices_and_kinds() {
    let text = "Storm Warning\nThe wind rose. Trees fell.\n| Town | Damage |\n\nFinal Thoughts";
    let seg = segment(text);
    let kinds: Vec<SentenceKind> = seg.sentences.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        vec![
            SentenceKind::Headline,
            SentenceKind::Prose,
            SentenceKind::Prose,
            SentenceKind::TableRow,
            SentenceKind::Headline,
        ]
    );
    assert_eq!(seg.paragraphs.len(), 4);
    let paras: Vec<usize> = seg.sentences.iter().map(|s| s.paragraph).collect();
    assert_eq!(paras, vec![0, 1, 1, 2, 3]);
    assert_eq!(seg.paragraphs[1].first_sentence, 1);
    assert_eq!(seg.paragraphs[1].sentence_count, 2);
    assert_eq!(
        &text[seg.paragraphs[1].span.start..seg.paragraphs[1].span.end],
        "The wind rose. Trees fell."
    );
}

#[test]
fn segment_into_matches_segment() {
    let mut out = Segmentation::default();
    for (_, input, _) in CASES {
        segment_into(input, &mut out);
        let fresh = segment(input);
        assert_eq!(out.sentences, fresh.sentences);
        assert_eq!(out.paragraphs, fresh.paragraphs);
    }
}

#[test]
fn one_megabyte_single_line() {
    let unit = "Mr. Ortiz said the U.S. economy grew 2.5 percent in Jan. 2024, “a good sign.” Critics disagreed... and said so! ";
    let mut text = String::with_capacity(1 << 20);
    while text.len() < (1 << 20) {
        text.push_str(unit);
    }
    let seg = segment(&text);
    check_invariants(&text, &seg);
    assert_eq!(seg.paragraphs.len(), 1);
    // Each unit holds two sentences.
    let units = text.len() / unit.len();
    assert_eq!(seg.sentences.len(), units * 2);

    // Pathological: no white space at all, and all periods.
    let dots = ".".repeat(1 << 20);
    let seg = segment(&dots);
    check_invariants(&dots, &seg);
    let mixed = "a. ".repeat(300_000);
    let seg = segment(&mixed);
    check_invariants(&mixed, &seg);
}

fn check_invariants(text: &str, seg: &Segmentation) {
    let mut covered = vec![false; text.len()];
    let mut last_end = 0;
    for (idx, s) in seg.sentences.iter().enumerate() {
        let sp = s.span;
        assert!(sp.start < sp.end, "empty sentence {idx}");
        assert!(sp.end <= text.len());
        assert!(sp.start >= last_end, "overlap/order at {idx}");
        assert!(text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end));
        let slice = &text[sp.start..sp.end];
        assert_eq!(slice.trim(), slice, "untrimmed sentence {idx}");
        let para = &seg.paragraphs[s.paragraph];
        assert!(para.span.start <= sp.start && sp.end <= para.span.end);
        assert!(
            para.first_sentence <= idx && idx < para.first_sentence + para.sentence_count,
            "sentence {idx} outside its paragraph range"
        );
        for c in covered.iter_mut().take(sp.end).skip(sp.start) {
            *c = true;
        }
        last_end = sp.end;
    }
    for (ci, c) in text.char_indices() {
        if !c.is_whitespace() {
            let n = c.len_utf8();
            assert!(
                covered[ci..ci + n].iter().all(|&b| b),
                "non-white-space char at byte {ci} not covered"
            );
        }
    }
    let mut next = 0;
    let mut last_para_end = 0;
    for p in &seg.paragraphs {
        assert_eq!(p.first_sentence, next);
        assert!(p.sentence_count > 0);
        assert!(p.span.start >= last_para_end && p.span.start < p.span.end);
        last_para_end = p.span.end;
        next += p.sentence_count;
    }
    assert_eq!(next, seg.sentences.len());
}

#[test]
fn invariants_hold_on_cases() {
    for (_, input, _) in CASES {
        check_invariants(input, &segment(input));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn prop_arbitrary_strings(text in any::<String>()) {
        check_invariants(&text, &segment(&text));
    }

    #[test]
    fn prop_newsy_alphabet(text in "[a-zA-Z .!?…“”‘’\"'()\\[\\]|\n\r\t\u{a0}é0-9$:;,-]{0,200}") {
        check_invariants(&text, &segment(&text));
    }

    #[test]
    fn prop_word_soup(words in prop::collection::vec(prop::sample::select(vec![
        "Mr.", "U.S.", "The", "he", "said.", "“Yes.”", "(so.", "it)", "p.m.", "3.5", "J.",
        "...", "…", "No.", "5", "|", "\n", "\n\n", "\r\n", "\t", "?”", "asked", "Inc.", "A",
    ]), 0..60)) {
        let text = words.join(" ");
        check_invariants(&text, &segment(&text));
    }
}
