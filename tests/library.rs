//! The library's interface as a user meets it: the README's example is the
//! tested one, errors carry the command's messages, `extract_many` and
//! `events_only` give what `extract` gives, and the records are the ones
//! the command writes.

mod common;

use civex::{Document, Extractor};

fn extractor() -> &'static Extractor {
    static EXTRACTOR: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new().expect("the shipped gazetteers build"))
}

/// The lines of the first ```rust block after `heading` in `text`.
fn rust_block_after(text: &str, heading: &str) -> Vec<String> {
    let from = text.find(heading).expect("the heading is there");
    text[from..]
        .lines()
        .skip_while(|l| !l.starts_with("```rust"))
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_readme_example_is_the_tested_doctest() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).expect("README.md");
    let lib = std::fs::read_to_string(format!("{root}/src/lib.rs")).expect("src/lib.rs");
    let doc: String = lib
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let in_readme = rust_block_after(&readme, "## Using from Rust");
    let in_doc = rust_block_after(&doc, "");
    assert!(in_readme.len() > 5, "{in_readme:?}");
    // The doctest has one hidden line more (its `Ok`).
    let visible: Vec<String> = in_doc
        .into_iter()
        .filter(|l| !l.starts_with("# "))
        .collect();
    assert_eq!(in_readme, visible);
}

#[test]
fn a_bad_gazetteer_folder_fails_the_build_naming_file_and_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("triggers.tsv"),
        "frogmarched\tarest\tverb\tlemma=frogmarch;subject=agent;object=target\n",
    )
    .expect("writable");
    let error = match Extractor::builder().gazetteers(dir.path()).build() {
        Ok(_) => panic!("an unknown event type must fail the build"),
        Err(error) => error,
    };
    let message = error.to_string();
    assert!(message.contains("triggers.tsv:1"), "{message}");
    assert!(
        message.contains("unknown event type \"arest\""),
        "{message}"
    );
    assert!(!error.is_too_large());
    // The command prints the same message.
    let output = common::civex()
        .args(["extract", "--gazetteers"])
        .arg(dir.path())
        .arg(format!("{}/fixtures", env!("CARGO_MANIFEST_DIR")))
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&message), "{stderr}\n{message}");
}

#[test]
fn a_missing_gazetteer_folder_fails_the_build() {
    let result = Extractor::builder()
        .gazetteers("/nonexistent/civex-rules")
        .build();
    let message = result.expect_err("no such folder").to_string();
    assert!(message.contains("/nonexistent/civex-rules"), "{message}");
}

#[test]
fn bad_records_give_the_problems_of_the_commands_error_records() {
    let lines = [
        r#"{"id": "a"}"#,
        r#"{"text": "no id"}"#,
        r#"{"id": 1.5, "text": "x"}"#,
        r#"{"id": "b", "text": "x", "published": "last week"}"#,
        r#"["not", "an", "object"]"#,
        r#"{"id": "c", "text": "trunc"#,
    ];
    let input = lines.join("\n") + "\n";
    let output = common::civex()
        .args(["extract", "-q", "-"])
        .write_stdin(input)
        .assert()
        .code(1)
        .get_output()
        .clone();
    // Error records go to standard error (or --errors FILE).
    let errors = common::json_lines(&output.stderr);
    assert_eq!(errors.len(), lines.len(), "{errors:?}");
    for (line, record) in lines.iter().zip(&errors) {
        let problem = Document::from_json(line)
            .err()
            .unwrap_or_else(|| panic!("{line} must be refused"))
            .to_string();
        assert_eq!(record["error"].as_str(), Some(problem.as_str()), "{line}");
    }
}

#[test]
fn a_json_record_reads_as_the_command_reads_it() {
    let doc = Document::from_json(
        r#"{"source": "wire", "id": 17, "text": "Police detained two students on Monday.", "published": "2016-11-01T09:30:00Z", "lang": "en"}"#,
    )
    .expect("a good record");
    assert_eq!(doc.id(), "17");
    assert_eq!(
        doc.published().map(|d| d.to_string()).as_deref(),
        Some("2016-11-01")
    );
    // The other fields, in their input order.
    let keys: Vec<&str> = doc.meta().keys().map(String::as_str).collect();
    assert_eq!(keys, ["source", "lang"]);
    let analysis = extractor().extract(&doc);
    let event = &analysis.events[0];
    assert_eq!(
        event.date.as_ref().map(|d| d.value.as_str()),
        Some("2016-10-31")
    );
    assert_eq!(event.published.as_deref(), Some("2016-11-01"));
    assert_eq!(event.meta["source"], "wire");
}

#[test]
fn extract_many_and_events_only_give_what_extract_gives() {
    // The fixtures twelve times over, each copy with ids of its own: many
    // groups on every thread count.
    let fixtures = common::fixture_documents();
    let mut docs = Vec::new();
    for copy in 0..12 {
        for (_, doc) in &fixtures {
            let mut again = Document::new(format!("{}-{copy}", doc.id()), doc.text())
                .with_meta(doc.meta().clone());
            if let Some(date) = doc.published() {
                again = again.with_published(date);
            }
            docs.push(again);
        }
    }
    let one_by_one: Vec<_> = docs.iter().map(|d| extractor().extract(d)).collect();
    let pool = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool")
    };
    for threads in [1, 2, 3] {
        let many = pool(threads).install(|| extractor().extract_many(&docs));
        assert_eq!(many.len(), one_by_one.len());
        for (i, (a, b)) in many.iter().zip(&one_by_one).enumerate() {
            assert!(a == b, "{threads} threads, document {i}");
        }
    }
    let events_only = Extractor::builder()
        .events_only(true)
        .build()
        .expect("builds");
    let lean = events_only.extract_many(&docs);
    let mut events = 0;
    for (full, lean) in one_by_one.iter().zip(&lean) {
        assert!(lean.sentences.is_empty() && lean.mentions.is_empty());
        assert_eq!(full.events, lean.events);
        events += lean.events.len();
    }
    assert!(
        events > 1000,
        "{events} events in the copies of the fixtures"
    );
}

#[test]
fn min_confidence_filters_as_the_command_does() {
    let docs: Vec<Document> = common::fixture_documents()
        .into_iter()
        .map(|(_, doc)| doc)
        .collect();
    let all = Extractor::builder()
        .min_confidence(0.0)
        .events_only(true)
        .build()
        .expect("builds");
    let strict = Extractor::builder()
        .min_confidence(0.9)
        .events_only(true)
        .build()
        .expect("builds");
    let count =
        |e: &Extractor| -> usize { e.extract_many(&docs).iter().map(|a| a.events.len()).sum() };
    let (n_all, n_strict) = (count(&all), count(&strict));
    for bad in [-0.1, 1.5, f64::NAN] {
        let error = Extractor::builder().min_confidence(bad).build().err();
        let message = error.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.contains("is not between 0 and 1"),
            "{bad}: {message}"
        );
    }
    assert!(n_strict < n_all, "{n_strict} vs {n_all}");
    let output = common::civex()
        .args(["extract", "-q", "--min-confidence", "0.9"])
        .arg(format!("{}/fixtures", env!("CARGO_MANIFEST_DIR")))
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(common::json_lines(&output.stdout).len(), n_strict);
}
