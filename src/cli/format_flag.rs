//! `--format NAME`: the value parser `import` and `extract` share.

use dateline::article::Format;

/// A format by its contract name; the error lists the names there are.
pub(crate) fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format `{name}`; one of: {}", names.join(", "))
    })
}
