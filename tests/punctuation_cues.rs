//! Attributions whose cue is punctuation (issue 18): a credit line's dash
//! ("“…” ― Jane Roe, 54, of Dayton", or "- Jane Roe." under the quote), a
//! speaker's colon after a headline's dash or closing a sentence, and the
//! places where a dash or a colon credits nobody. The articles are written for
//! this test.

use serde_json::Value;
use std::process::Command;

/// (cue text, holder text, construction, content text) of every attribution.
fn attributions(text: &str, grammar_only: bool) -> Vec<(String, String, String, String)> {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("page.txt");
    std::fs::write(&path, text).unwrap();
    let mut args = vec![];
    if grammar_only {
        args.push("--grammar-only");
    }
    args.extend(["annotate", "--format", "jsonl", path.to_str().unwrap()]);
    let out = Command::new(env!("CARGO_BIN_EXE_sayso")).args(&args).output().unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let piece = |v: &Value| -> String {
        let spans: Vec<(usize, usize)> = match v.get("span") {
            Some(s) => vec![(s[0].as_u64().unwrap() as usize, s[1].as_u64().unwrap() as usize)],
            None => (v["spans"].as_array().unwrap().iter())
                .map(|s| (s[0].as_u64().unwrap() as usize, s[1].as_u64().unwrap() as usize))
                .collect(),
        };
        spans.iter().map(|&(s, e)| &text[s..e]).collect::<Vec<_>>().join(" … ")
    };
    let mut found = vec![];
    for st in doc["statements"].as_array().unwrap() {
        for a in st["attributions"].as_array().unwrap() {
            found.push((
                a["cue"]["text"].as_str().unwrap().to_string(),
                a["source"]["text"].as_str().unwrap_or("").to_string(),
                a["construction"].as_str().unwrap().to_string(),
                piece(&a["content"]),
            ));
        }
    }
    found
}

const VOICES: &str = "“The levy will pay for the new school at last.” ― Dana Holt, 61, of Millbrook\n\n\
“Nobody asked the tenants before the vote.” — Luis Ortega, a retired welder\n\n\
“We were told the rents would stay where they were.”\n\n\
- Mara Quinn, Eastport.\n\n\
The slogan “Fix the roads” — the mayor’s own — will return.\n\n\
“Fix the roads and the bridge” — Mayor Ruiz has made it her slogan again.\n";

#[test]
fn a_dash_credits_the_quote_before_it_to_the_name_after_it() {
    let found = attributions(VOICES, true);
    let credits: Vec<(&str, &str, &str)> = (found.iter())
        .filter(|a| a.2 == "quote-credit")
        .map(|a| (a.0.as_str(), a.1.as_str(), a.3.as_str()))
        .collect();
    assert_eq!(
        credits,
        [
            ("―", "Dana Holt", "“The levy will pay for the new school at last.”"),
            ("—", "Luis Ortega", "“Nobody asked the tenants before the vote.”"),
            (
                "-",
                "Mara Quinn",
                "“We were told the rents would stay where they were.”"
            ),
        ],
        "{found:?}"
    );
    // a dash inside a sentence, or before a clause, credits nobody
    assert_eq!(found.len(), 3, "{found:?}");
    // with the learned holder boundaries the same three lines are credited
    let learned = attributions(VOICES, false);
    let cues: Vec<&str> = (learned.iter())
        .filter(|a| a.2 == "quote-credit")
        .map(|a| a.0.as_str())
        .collect();
    assert_eq!(cues, ["―", "—", "-"], "{learned:?}");
}

const DIGEST: &str = "RENTS KEEP RISING IN THE HARBOUR - Mara Quinn: “Every lease in the harbour went up this year.”\n\n\
The turnout did not surprise the harbour master Dana Holt: “We saw it coming for months.”\n\n\
Rep. Luis Ortega (D-Ore.):“I have not seen that figure anywhere.”\n\n\
The council sent a blunt message to Ruiz: “Fix the roads first.”\n\n\
Later that week on Harbour Radio: “We will not back down on the fees.”\n";

#[test]
fn a_colon_credits_a_name_after_a_headline_dash_or_closing_a_sentence() {
    let found = attributions(DIGEST, true);
    let colons: Vec<(&str, &str, &str)> = (found.iter())
        .filter(|a| a.0 == ":")
        .map(|a| (a.1.as_str(), a.2.as_str(), a.3.as_str()))
        .collect();
    assert_eq!(
        colons,
        [
            (
                "Mara Quinn",
                "dash-speaker-colon",
                "“Every lease in the harbour went up this year.”"
            ),
            (
                "the harbour master Dana Holt",
                "name-colon-quote",
                "“We saw it coming for months.”"
            ),
            (
                "Rep. Luis Ortega (D-Ore.)",
                "speaker-colon",
                "“I have not seen that figure anywhere.”"
            ),
        ],
        "{found:?}"
    );
}

/// The attributions whose cue is a colon: (holder, construction, content).
fn colons(found: &[(String, String, String, String)]) -> Vec<(&str, &str, &str)> {
    (found.iter())
        .filter(|a| a.0 == ":")
        .map(|a| (a.1.as_str(), a.2.as_str(), a.3.as_str()))
        .collect()
}

#[test]
fn a_headline_names_its_speaker_before_a_topic() {
    for (headline, holder, content) in [
        (
            "Ruiz on Harbour Fees: ‘We Will Not Raise Them Again.’",
            "Ruiz",
            "‘We Will Not Raise Them Again.’",
        ),
        (
            "Former Mayor Dana Holt to Tenants: the rent freeze will hold.",
            "Former Mayor Dana Holt",
            "the rent freeze will hold.",
        ),
        (
            "Harbour Master Ortega at Council: “The pier is not safe.”",
            "Harbour Master Ortega",
            "“The pier is not safe.”",
        ),
    ] {
        let text = format!("{headline}\n\nThe council met on Monday to set the fees for next year.\n");
        for grammar_only in [true, false] {
            let found = attributions(&text, grammar_only);
            assert_eq!(
                colons(&found),
                [(holder, "speaker-topic-colon", content)],
                "{headline} (grammar only: {grammar_only}): {found:?}"
            );
        }
    }
}

#[test]
fn a_topic_before_a_colon_names_nobody_outside_a_headline_or_without_a_name() {
    // the same shape inside the text, a phrase that opens with a determiner or a cue
    // word, and no clause after the colon
    for text in [
        "The council met on Monday.\n\nRuiz on Harbour Fees: ‘We Will Not Raise Them Again.’\n",
        "A Plan to Fix the Pier: It Will Cost Millions.\n\nThe council met on Monday.\n",
        "Ruiz Responds to Critics: the fees will stay.\n\nThe council met on Monday.\n",
        "Ruiz on Harbour Fees: Higher, Again.\n\nThe council met on Monday.\n",
        "The fees rose.\n\nStill to come: the council will vote on the fees.\n",
    ] {
        let found = attributions(text, true);
        assert_eq!(colons(&found), [], "{text}: {found:?}");
    }
}

#[test]
fn a_label_a_list_a_time_or_a_title_before_a_colon_is_no_speaker() {
    for text in [
        "The Latest: The pier will reopen in May.\n",
        "BREAKING: The council has voted down the harbour fees.\n",
        "Exclusive: Ortega has not paid the harbour fees.\n",
        "The pier reopened.\n\nCorrection: An earlier version of this story had the wrong date.\n",
        "The pier reopened.\n\nEditor's note: The harbour master has not answered our questions.\n",
        "Three things matter: cost, time and safety.\n",
        "The meeting starts at 10:30 and will end at noon.\n",
        "Part 2: The council has voted down the fees.\n",
    ] {
        let found = attributions(text, true);
        assert_eq!(colons(&found), [], "{text}: {found:?}");
    }
    // a name before the same clause is a speaker
    let found = attributions("Ortega: The council has voted down the harbour fees.\n", true);
    assert_eq!(
        colons(&found),
        [(
            "Ortega",
            "speaker-colon",
            "The council has voted down the harbour fees."
        )],
        "{found:?}"
    );
}

#[test]
fn a_straight_quote_glued_to_a_speakers_colon_opens_the_quote() {
    let text = "The hearing ran for nine hours.\n\nRep. Dana Holt (D-Ore.):\"I have not seen that figure anywhere.\"\n\n\
Former harbour master Luis Ortega:\"We learned it from the port office.\"\n";
    for grammar_only in [true, false] {
        let found = attributions(text, grammar_only);
        assert_eq!(
            colons(&found),
            [
                (
                    "Rep. Dana Holt (D-Ore.)",
                    "speaker-colon",
                    "\"I have not seen that figure anywhere.\""
                ),
                (
                    "Former harbour master Luis Ortega",
                    "speaker-colon",
                    "\"We learned it from the port office.\""
                ),
            ],
            "grammar only: {grammar_only}: {found:?}"
        );
        // the words inside the quote are the speaker's, not cues of their own
        assert_eq!(found.len(), 2, "{found:?}");
    }
}
