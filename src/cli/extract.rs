//! `dateline extract [--json] FILE...`: parse story files and print what was found, one JSON
//! object per article (the scorer's contract), without touching the archive.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use dateline::article::{Article, Format};
use dateline::ingest::{self, Options};
use dateline::pipeline;
use dateline::reflow;

use super::format_flag::parse_format;
use super::output::print;
use super::settings::Settings;

#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    /// Story files (folders are searched recursively).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print JSON Lines: one object per article, in input order.
    #[arg(long)]
    json: bool,
    /// Parse every file as this format instead of detecting it.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    format: Option<Format>,
}

pub(crate) fn run(settings: &Settings, args: &ExtractArgs) -> Result<ExitCode> {
    let (files, mut failures) = ingest::collect_files(&args.files);
    let options = Options {
        format: args.format,
        max_file_bytes: settings.max_file_bytes,
    };
    let mut out = String::new();
    for file in &files {
        match pipeline::read_file(file, options) {
            Ok(articles) => {
                for article in &articles {
                    if args.json {
                        out.push_str(&serde_json::to_string(article)?);
                        out.push('\n');
                    } else {
                        summary(article, &mut out);
                    }
                }
            }
            Err(err) => failures.push(err),
        }
    }
    print(&out)?;
    for failure in &failures {
        eprintln!("dateline: {failure}");
    }
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The human-readable form: what was parsed, field by field.
fn summary(article: &Article, out: &mut String) {
    let _ = writeln!(out, "{} ({})", article.source.path, article.source.format);
    let _ = writeln!(out, "  headline:  {}", article.headline);
    let _ = writeln!(out, "  meta:      {}", reflow::metadata_line(article));
    if let Some(d) = &article.dateline {
        let _ = writeln!(out, "  dateline:  {}", d.text);
    }
    if let Some(c) = &article.caption {
        let _ = writeln!(out, "  caption:   {}", c.text);
    }
    for credit in &article.credits {
        let _ = writeln!(out, "  credit:    {credit}");
    }
    if !article.editor_codes.is_empty() {
        let _ = writeln!(out, "  codes:     {}", article.editor_codes.join(" "));
    }
    let _ = writeln!(out, "  paragraphs: {}", article.paragraphs.len());
    for q in &article.quotes {
        let _ = writeln!(
            out,
            "  quote:     {} — “{}”",
            q.speaker.as_deref().unwrap_or("unattributed"),
            q.text
        );
    }
    for e in &article.entities {
        let _ = writeln!(out, "  {:<12} {} ({})", e.kind.name(), e.name, e.count);
    }
    out.push('\n');
}
