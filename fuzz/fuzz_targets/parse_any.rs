//! Any bytes through format detection and the detected format's parser.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dateline::ingest::parse_bytes("fuzz", data, None);
});
