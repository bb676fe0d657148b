//! `civex explain TEXT-OR-FILE`: the trace of the library's `explain`, as text
//! (coloured on a terminal unless `NO_COLOR` is set) or JSON Lines.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::document::{Document, Origin};
use crate::explain::Explainer;
use crate::gazetteer::Gazetteers;
use crate::input::{InputOptions, Inputs};
use crate::pipeline::{Pipeline, Stages};

use super::Failure;

/// What to explain and how to print it.
pub struct Request<'a> {
    /// A file (`.txt`, `.jsonl`, gzipped or not), `-` for standard input,
    /// or else the text itself.
    pub input: &'a str,
    /// Only the document of this id (in a JSON Lines file).
    pub id: Option<&'a str>,
    pub json: bool,
    pub options: InputOptions,
    pub min_confidence: f64,
}

/// Prints the trace of every document of the input (or of the one `id`
/// names).
pub fn run(request: &Request, gazetteers: &Gazetteers, out: &mut dyn Write) -> Result<(), Failure> {
    let documents = documents(request)?;
    let documents: Vec<Document> = match request.id {
        Some(id) => {
            let chosen: Vec<Document> = documents.into_iter().filter(|d| d.id == id).collect();
            if chosen.is_empty() {
                return Err(Failure::Usage(format!(
                    "no document with id {id:?} in {}",
                    request.input
                )));
            }
            chosen
        }
        None => documents,
    };
    let pipeline = Pipeline::new(gazetteers, Stages::Events)
        .map_err(|e| Failure::Usage(e.to_string()))?
        .with_min_confidence(request.min_confidence);
    let colour = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let explainer = Explainer::new(&pipeline, gazetteers);
    for (i, doc) in documents.iter().enumerate() {
        let explanation = explainer.explain(doc);
        if request.json {
            let line = serde_json::to_string(&explanation)
                .map_err(|e| Failure::Usage(format!("cannot write the trace: {e}")))?;
            writeln!(out, "{line}")?;
        } else {
            if i > 0 {
                writeln!(out)?;
            }
            write!(out, "{}", explanation.render(colour))?;
        }
    }
    Ok(())
}

/// The documents of the input: a file's or standard input's, or the text
/// given on the command line (id `text`).
fn documents(request: &Request) -> Result<Vec<Document>, Failure> {
    let input = request.input;
    // A missing file is an error, not a text to explain: one word ending
    // in a document's extension is taken for a file name.
    let looks_like_a_file = !input.contains(char::is_whitespace)
        && [".txt", ".jsonl", ".ndjson", ".json", ".gz"]
            .iter()
            .any(|ext| input.ends_with(ext));
    if looks_like_a_file && !Path::new(input).exists() {
        return Err(Failure::Usage(format!(
            "no such file: {input} (to explain a text, give the text itself)"
        )));
    }
    if input != "-" && !Path::new(input).exists() {
        return Ok(vec![Document {
            id: "text".into(),
            text: input.to_string(),
            published: request.options.default_published,
            meta: Default::default(),
            origin: Origin {
                path: "<argument>".into(),
                line: None,
            },
        }]);
    }
    let mut documents = Vec::new();
    for item in Inputs::new(vec![input.to_string()], request.options.clone()) {
        documents.push(item.map_err(|e| Failure::Usage(e.to_string()))?);
    }
    Ok(documents)
}
