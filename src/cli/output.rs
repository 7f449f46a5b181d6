//! Writing to stdout, and the one way output may end early without being an error: a closed
//! pipe (`dateline list | head`).

use std::io::Write as _;

use anyhow::Result;

/// Writes text to stdout, locked and flushed.
pub(crate) fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// A broken pipe (`dateline list | head`) is a normal way for output to end.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            // JSON written straight to the pipe wraps the write's error in its own.
            || e.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(std::io::ErrorKind::BrokenPipe)
    })
}
