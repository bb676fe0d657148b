//! The events of one text, as a short table and as JSON.
//!
//! ```text
//! cargo run --example events_of_text -- 2016-11-01 "Police detained two students in Minsk on Monday."
//! echo "Riot police arrested 12 protesters in Nairobi." | cargo run --example events_of_text -- 2024-03-05
//! ```
//!
//! The first argument is the publication date (the anchor of "on Monday"),
//! the second the text; without it the text is read from standard input.

use std::io::Read;
use std::process::ExitCode;

use civex::{Document, Extractor};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(published) = args
        .next()
        .and_then(|a| chrono::NaiveDate::parse_from_str(&a, "%Y-%m-%d").ok())
    else {
        eprintln!("usage: events_of_text YYYY-MM-DD [TEXT]   (TEXT from standard input if absent)");
        return ExitCode::from(2);
    };
    let text = match args.next() {
        Some(text) => text,
        None => {
            let mut text = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut text) {
                eprintln!("cannot read standard input: {e}");
                return ExitCode::from(3);
            }
            text
        }
    };
    let extractor = match Extractor::new() {
        Ok(extractor) => extractor,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let analysis = extractor.extract(&Document::new("text", text).with_published(published));
    for event in &analysis.events {
        let date = event.date.as_ref().map_or("-", |d| d.value.as_str());
        let targets: Vec<&str> = event.targets.iter().map(|t| t.name.as_str()).collect();
        let place = event.locations.first().map_or("-", |p| p.name.as_str());
        println!(
            "{:<10} {:<10} {:<12} {:<16} {} ({:?}, chars {}..{})",
            event.event_type,
            event.modality,
            date,
            place,
            targets.join(", "),
            event.trigger.text,
            event.trigger.start,
            event.trigger.end,
        );
    }
    for event in &analysis.events {
        match serde_json::to_string(event) {
            Ok(line) => println!("{line}"),
            Err(e) => eprintln!("cannot serialise an event: {e}"),
        }
    }
    ExitCode::SUCCESS
}
