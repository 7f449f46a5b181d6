//! Any bytes through one format's parser, forced: the first byte picks the format.
#![no_main]

use dateline::article::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, input)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[usize::from(pick) % Format::ALL.len()];
    let _ = dateline::ingest::parse_bytes("fuzz", input, Some(format));
});
