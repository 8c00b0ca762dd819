//! Where a content starts after its cue: past the adverbials a writer puts
//! between the cue and a "that" or a quote ("said during a news conference
//! that", "has said repeatedly that", "said at a rally, “…”"), and past the
//! person asked ("asked the mayor whether …"); and where a quote interrupted
//! by its attribution goes on ("…,” she said on “This Week.” “…”"). The
//! sentences are written for these tests; both the rules alone and the
//! default build must agree.

mod common;

use common::{run, sayso, write};
use serde_json::Value;
use tempfile::TempDir;

/// The document `sayso annotate --format jsonl` with `args` prints for `text`.
fn annotate(args: &[&str], text: &str) -> Value {
    let tmp = TempDir::new().unwrap();
    let article = write(tmp.path(), "a.txt", text);
    let (code, out, err) = run(sayso().args(args).args(["annotate", "--format", "jsonl"]).arg(&article));
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(out.lines().next().unwrap()).unwrap()
}

/// The text of a `[start, end]` span.
fn piece(text: &str, s: &Value) -> String {
    text[s[0].as_u64().unwrap() as usize..s[1].as_u64().unwrap() as usize].to_string()
}

/// The text of each piece of an attribution's content.
fn content_pieces(text: &str, a: &Value) -> Vec<String> {
    match a["content"].get("spans") {
        Some(s) => s.as_array().unwrap().iter().map(|s| piece(text, s)).collect(),
        None => vec![piece(text, &a["content"]["span"])],
    }
}

/// Each statement's attributions as (construction, the text of each content piece).
fn attributions(args: &[&str], text: &str) -> Vec<Vec<(String, Vec<String>)>> {
    let doc = annotate(args, text);
    (doc["statements"].as_array().unwrap().iter())
        .map(|st| {
            (st["attributions"].as_array().unwrap().iter())
                .map(|a| (a["construction"].as_str().unwrap().to_string(), content_pieces(text, a)))
                .collect()
        })
        .collect()
}

/// The first content piece of the first attribution of each statement that has one.
fn first_contents(args: &[&str], text: &str) -> Vec<String> {
    (attributions(args, text).into_iter())
        .filter_map(|st| st.into_iter().next().map(|(_, mut pieces)| pieces.remove(0)))
        .collect()
}

/// The content pieces of every attribution, in order.
fn all_contents(args: &[&str], text: &str) -> Vec<Vec<String>> {
    (attributions(args, text).into_iter().flatten())
        .map(|(_, pieces)| pieces)
        .collect()
}

const CASES: [(&str, &str); 10] = [
    (
        "The harbour master said during a news conference that the pier would close.",
        "that the pier would close.",
    ),
    (
        "The mayor said during this week's council debate that she favours the levy.",
        "that she favours the levy.",
    ),
    (
        "The senator said following a vote in 2009 that he had doubts about the lease.",
        "that he had doubts about the lease.",
    ),
    ("The coach has said repeatedly that he will stay.", "that he will stay."),
    (
        "The chief has said for weeks that the depot is unsafe.",
        "that the depot is unsafe.",
    ),
    (
        "He said for the first time that the mine would close.",
        "that the mine would close.",
    ),
    (
        "The clerk wrote to the council that the budget was short.",
        "that the budget was short.",
    ),
    (
        "The chair said at a news conference, \"We will not move.\"",
        "\"We will not move.\"",
    ),
    (
        "The senator said of her rival, \"She has no plan.\"",
        "\"She has no plan.\"",
    ),
    (
        "The council asked the mayor whether the pier would reopen.",
        "whether the pier would reopen.",
    ),
];

#[test]
fn a_content_starts_past_the_adverbials_and_the_person_asked() {
    let text: String = CASES.iter().map(|(s, _)| format!("{s}\n\n")).collect();
    let want: Vec<&str> = CASES.iter().map(|(_, c)| *c).collect();
    assert_eq!(first_contents(&["--grammar-only"], &text), want);
    assert_eq!(first_contents(&[], &text), want);
}

#[test]
fn a_verb_among_the_adverbials_keeps_the_content_where_it_was() {
    // "announcing" is a verb: the "that" belongs to another report, so the rules keep
    // the content from the adverbial on
    let text = "The chief said at a briefing announcing the plan that the depot would close.\n";
    assert_eq!(
        first_contents(&["--grammar-only"], text),
        ["at a briefing announcing the plan that the depot would close."]
    );
}

#[test]
fn the_question_before_a_parenthetical_attribution_is_not_its_content() {
    // "Asked …" is an attribution of its own; the mayor's content is what follows "said,"
    let text = "Asked about the closure, the mayor said, the pier would reopen in May.\n";
    let found = attributions(&["--grammar-only"], text);
    let (_, said) = (found.iter().flatten())
        .find(|(construction, _)| construction == "parenthetical-source-cue")
        .expect("the mayor's attribution");
    assert_eq!(said, &["the pier would reopen in May."]);
}

#[test]
fn an_interrupted_quote_goes_on_past_a_quoted_title_and_a_topic() {
    let text = "\"The budget is a mess,\" the senator said on \"This Week.\" \"We will fix it.\"\n\n\
                \"The plant is moving,\" the mayor said of the move during an interview. \"That hurts.\"\n";
    let want = [
        vec!["\"The budget is a mess,\"", "\"We will fix it.\""],
        vec!["\"The plant is moving,\"", "\"That hurts.\""],
    ];
    assert_eq!(all_contents(&["--grammar-only"], text), want);
    assert_eq!(all_contents(&[], text), want);
}

#[test]
fn a_topic_before_a_comma_is_the_cues_object_not_an_adverbial() {
    // "raised concerns about the plan, with …": the attribution's content is the topic on,
    // not a parenthetical split by the cue
    let text = "However, residents and critics have raised concerns about the plan, with some calling it reckless.\n";
    let found = all_contents(&["--grammar-only"], text);
    assert!(
        found.iter().all(|c| c.iter().all(|piece| piece != "However")),
        "{found:?}"
    );
}

/// The content pieces of the attribution whose cue is `cue`.
fn pieces_of(args: &[&str], text: &str, cue: &str) -> Vec<String> {
    let doc = annotate(args, text);
    let all =
        (doc["statements"].as_array().unwrap().iter()).flat_map(|st| st["attributions"].as_array().unwrap().iter());
    for a in all {
        if piece(text, &a["cue"]["span"]) == cue {
            return content_pieces(text, a);
        }
    }
    panic!("no attribution with the cue {cue:?} in {text:?}");
}

#[test]
fn an_object_relative_keeps_its_pronoun_in_the_content() {
    for args in [&[][..], &["--grammar-only"][..]] {
        let text = "The council approved the levy, which the mayor said would fund the new pier.";
        assert_eq!(
            pieces_of(args, text, "said"),
            ["which", "would fund the new pier."],
            "{args:?}"
        );
        let text = "The harbour master, who aides say was furious, left the meeting.";
        assert_eq!(pieces_of(args, text, "say")[0], "who", "{args:?}");
        // a pronoun that fills no gap in the content stays out of it
        let text = "It was the stage on which the mayor said that the pier would close.";
        assert_eq!(
            pieces_of(args, text, "said"),
            ["that the pier would close."],
            "{args:?}"
        );
        // a holder that opens its clause has no pronoun before it
        let text = "The mayor said the levy would fund the new pier.";
        assert_eq!(
            pieces_of(args, text, "said"),
            ["the levy would fund the new pier."],
            "{args:?}"
        );
    }
}

#[test]
fn what_seems_or_is_expected_keeps_its_subject_in_the_content() {
    let text = "The harbour vote is expected to pass on Friday.";
    assert_eq!(
        pieces_of(&[], text, "is expected"),
        ["The harbour vote", "to pass on Friday."]
    );
    let text = "The ferry operator seemed ready to drop its fare rise.";
    assert_eq!(
        pieces_of(&[], text, "seemed"),
        ["The ferry operator", "ready to drop its fare rise."]
    );
    // the expletive "it" is no subject of what appears
    let text = "It appears that the pier will close in March.";
    assert_eq!(pieces_of(&[], text, "appears"), ["that the pier will close in March."]);
}

#[test]
fn a_learned_cue_takes_its_short_object_and_preposition() {
    // the object and "over" belong to the cue; the content starts after them
    let text = "The mayor expressed frustration over the delays at the harbor.";
    assert_eq!(
        pieces_of(&[], text, "expressed frustration over"),
        vec!["the delays at the harbor.".to_string()]
    );
}

#[test]
fn a_learned_cue_takes_its_phrasal_particle() {
    let text = "The judge struck down the new parking rules.";
    assert_eq!(
        pieces_of(&[], text, "struck down"),
        vec!["the new parking rules.".to_string()]
    );
}

#[test]
fn a_learned_cue_leaves_an_object_before_to_in_the_content() {
    // "to" after a short object opens a clause of the content as often as not: kept out of the cue
    let text = "The senator hasn't outlined a plan to overhaul the harbor taxes.";
    assert_eq!(
        pieces_of(&[], text, "hasn't outlined"),
        vec!["a plan to overhaul the harbor taxes.".to_string()]
    );
}

#[test]
fn an_opening_adverbial_is_no_content_when_the_cue_has_its_own() {
    for args in [&[][..], &["--grammar-only"][..]] {
        // the stretch before "X said:" is where it was said; the content is what follows
        let text = "In a statement on Monday, the harbour master said: “The pier will reopen in May.”";
        assert_eq!(
            pieces_of(args, text, "said"),
            ["“The pier will reopen in May.”"],
            "{args:?}"
        );
        let text = "But during the debate, the mayor said: “We will not raise the levy.”";
        assert_eq!(
            pieces_of(args, text, "said"),
            ["“We will not raise the levy.”"],
            "{args:?}"
        );
        // a content before the comma that is a clause keeps the rules' reading
        let text = "The pier will reopen in May, the harbour master said.";
        assert_eq!(
            pieces_of(args, text, "said"),
            ["The pier will reopen in May"],
            "{args:?}"
        );
    }
}

#[test]
fn a_quote_keeps_its_attribution_past_a_closing_prepositional_phrase() {
    for args in [&[][..], &["--grammar-only"][..]] {
        // "with a laugh", "to cheers": the manner of the saying, not what was said
        let text = "“We have waited forty years for this bridge,” the mayor said to cheers.";
        assert_eq!(
            pieces_of(args, text, "said"),
            ["“We have waited forty years for this bridge,”"],
            "{args:?}"
        );
        let text = "“Nobody reads the small print,” the ferry captain said with a laugh.";
        assert_eq!(
            pieces_of(args, text, "said"),
            ["“Nobody reads the small print,”"],
            "{args:?}"
        );
    }
}

#[test]
fn a_subject_pronoun_ends_the_audience_and_opens_the_content() {
    for args in [&[][..], &["--grammar-only"][..]] {
        let text = "The harbour master told the local paper she expected the pier to close.";
        assert_eq!(
            pieces_of(args, text, "told"),
            ["she expected the pier to close."],
            "{args:?}"
        );
        let text = "The coach told reporters they’d play the rookie on Sunday.";
        assert_eq!(
            pieces_of(args, text, "told"),
            ["they’d play the rookie on Sunday."],
            "{args:?}"
        );
    }
}

#[test]
fn a_content_before_a_source_telling_an_audience() {
    for args in [&[][..], &["--grammar-only"][..]] {
        let text = "The ferry will not sail on Sunday, a spokeswoman for the port told reporters.";
        assert_eq!(
            pieces_of(args, text, "told"),
            ["The ferry will not sail on Sunday"],
            "{args:?}"
        );
    }
}

#[test]
fn a_fronted_subordinate_clause_does_not_end_the_reported_clause() {
    // the comma closes "once …" / "unless …", whose main clause the content goes on to
    // (list fronted-subordinators; the learned content ends would stop at it otherwise)
    for args in [&[][..], &["--grammar-only"][..]] {
        let text = "The coach predicted that once the injured players return, the team will win the title.";
        assert_eq!(
            pieces_of(args, text, "predicted"),
            ["that once the injured players return, the team will win the title."],
            "{args:?}"
        );
        let text = "The union warned that unless the council acts soon, the library will close in March.";
        assert_eq!(
            pieces_of(args, text, "warned"),
            ["that unless the council acts soon, the library will close in March."],
            "{args:?}"
        );
    }
}

#[test]
fn a_reported_clause_does_not_end_before_its_verb() {
    // "that" before a determiner opens a clause: a comma, preposition or time phrase
    // before the clause's verb is no end the learned content ends may choose
    for args in [&[][..], &["--grammar-only"][..]] {
        let text = "The inspector said that the report, a long review of the agency, shows that the agency lost track of its grants.";
        let pieces = pieces_of(args, text, "said");
        assert!(
            pieces[0].starts_with("that the report, a long review"),
            "{args:?}: {pieces:?}"
        );
        assert!(pieces.concat().contains("shows"), "{args:?}: {pieces:?}");
    }
}
