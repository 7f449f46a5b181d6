//! Any text through the dateline parser; what it returns must point inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(found) = dateline::ingest::dateline::parse(text) {
        assert!(text.is_char_boundary(found.rest_start));
        assert_eq!(found.dateline.text, text[..found.rest_start].trim());
    }
});
