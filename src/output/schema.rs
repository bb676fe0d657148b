//! JSON Schemas (draft 2020-12) of the records civex writes, one per
//! record kind, embedded from `schemas/` and printed by `civex schema KIND`.
//!
//! The schemas are the contract of `RECORDS.md` made checkable: every
//! field the code always writes is `required`, enumerations are closed
//! (event types, modalities, penalty kinds, mention kinds), and records
//! stay open to fields added later (`additionalProperties` at the top).
//! CI validates the records of the fixtures and of 1,000 corpus documents
//! against them (`scripts/validate_schemas.py`).

/// The record kinds, each with its schema.
pub const SCHEMAS: &[(&str, &str)] = &[
    ("events", include_str!("../../schemas/events.schema.json")),
    (
        "mentions",
        include_str!("../../schemas/mentions.schema.json"),
    ),
    (
        "sentences",
        include_str!("../../schemas/sentences.schema.json"),
    ),
    (
        "documents",
        include_str!("../../schemas/documents.schema.json"),
    ),
    ("errors", include_str!("../../schemas/errors.schema.json")),
    (
        "incidents",
        include_str!("../../schemas/incidents.schema.json"),
    ),
];

/// The schema of one record kind.
pub fn schema(kind: &str) -> Option<&'static str> {
    SCHEMAS.iter().find(|(k, _)| *k == kind).map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_is_a_draft_2020_12_schema_of_its_kind() {
        for (kind, text) in SCHEMAS {
            let schema: serde_json::Value = serde_json::from_str(text).expect(kind);
            assert_eq!(
                schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
                "{kind}"
            );
            assert!(
                schema["$id"]
                    .as_str()
                    .is_some_and(|id| id.ends_with(&format!("/{kind}.schema.json"))),
                "{kind}"
            );
            assert!(
                schema["required"].as_array().is_some_and(|r| !r.is_empty()),
                "{kind}"
            );
        }
        assert!(schema("events").is_some() && schema("weather").is_none());
    }

    #[test]
    fn the_event_schema_requires_what_the_contract_fixes() {
        let schema: serde_json::Value = serde_json::from_str(schema("events").unwrap()).unwrap();
        let required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        for field in [
            "doc_id",
            "event_id",
            "type",
            "modality",
            "trigger",
            "sentence",
            "date",
            "targets",
            "target_count",
            "target_description",
            "agents",
            "locations",
            "penalty",
            "rule",
        ] {
            assert!(required.contains(&field), "{field}");
        }
    }
}
