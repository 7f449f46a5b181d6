//! Atomic file writes: a temporary file in the target's folder, written, synced, then renamed
//! over the target, so a crash or a full disk leaves the old file exactly as it was.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Whether an existing target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    Yes,
    /// Fail with `AlreadyExists` instead (checked at the rename, so no race).
    No,
}

/// Writes `path` atomically with `write`, which gets a buffered writer. The temporary file is
/// named `.NAME.XXXX.tmp` beside the target; `sweep_stale` removes ones a killed run left.
pub fn write(
    path: &Path,
    replace: Replace,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write_when(path, replace, write, || Ok(()))
}

/// [`write`], renaming only once `ready` says so: what another file must have on disk before
/// this one may stand (an index the archive's lines it points at) is synced while this one is
/// written. An error from `ready` leaves the target as it was.
pub fn write_when(
    path: &Path,
    replace: Replace,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ready: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    let prefix = temp_prefix(path);
    builder.prefix(&prefix).suffix(".tmp");
    // NamedTempFile defaults to 0600; the files we write are ordinary documents (0666 & !umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir)?;
    {
        let mut out = BufWriter::new(tmp.as_file());
        write(&mut out)?;
        out.flush()?;
    }
    tmp.as_file().sync_all()?;
    ready()?;
    match replace {
        Replace::Yes => tmp.persist(path).map(drop).map_err(|e| e.error)?,
        Replace::No => tmp.persist_noclobber(path).map(drop).map_err(|e| e.error)?,
    }
    // The rename is durable once the folder is synced (a power cut could undo it otherwise).
    // Some systems cannot open a folder to sync it; the rename stands there all the same.
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Removes temporary files that an interrupted `write` to `path` left behind. Call it only
/// while holding the lock that serialises writers of `path`.
pub(crate) fn sweep_stale(path: &Path) {
    let (Some(dir), prefix) = (path.parent(), temp_prefix(path)) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| "dateline".into(), |n| n.to_string_lossy());
    format!(".{name}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_or_refuses() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write(&path, Replace::No, |w| w.write_all(b"one")).unwrap();
        let err = write(&path, Replace::No, |w| w.write_all(b"two")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        write(&path, Replace::Yes, |w| w.write_all(b"three")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "three");
    }

    #[test]
    fn renames_only_once_ready_and_not_at_all_when_it_fails() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        let mut seen_before_rename = String::new();
        write_when(
            &path,
            Replace::Yes,
            |w| w.write_all(b"new"),
            || {
                seen_before_rename = fs::read_to_string(&path)?;
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen_before_rename, "old");
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let err = write_when(
            &path,
            Replace::Yes,
            |w| w.write_all(b"newer"),
            || Err(io::Error::other("not synced")),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "not synced");
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        let err = write(&path, Replace::Yes, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn sweeps_only_its_own_stale_temps() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        fs::write(dir.path().join(".archive.jsonl.abc123.tmp"), "x").unwrap();
        fs::write(dir.path().join(".other.jsonl.abc123.tmp"), "x").unwrap();
        sweep_stale(&path);
        let left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, [".other.jsonl.abc123.tmp"]);
    }

    #[cfg(unix)]
    #[test]
    fn written_files_are_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write(&path, Replace::Yes, |w| w.write_all(b"x")).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_ne!(mode & 0o044, 0, "mode {mode:o}");
    }
}
