//! The front page carried on by imports, checked against the whole catalogue: after batches
//! of new stories, new versions of stories on the page and of stories far down, its rows are
//! the whole list's first rows, its counts the archive's.

use std::path::{Path, PathBuf};

use crate::archive::WriteLock;
use crate::catalog::file::{self, Front};
use crate::importer::{self, Base, Commits};
use crate::ingest::Options;

/// A ninjs item: `uri` its feed id, `evolvedfrom` the version it follows (a chain's link),
/// `version` its number.
fn write(
    dir: &Path,
    uri: &str,
    time: &str,
    version: Option<u32>,
    evolvedfrom: Option<&str>,
) -> PathBuf {
    let path = dir.join(format!("{}.json", uri.replace(':', "_")));
    let mut item = serde_json::json!({
        "uri": uri,
        "headline": format!("Headline of {uri}"),
        "versioncreated": time,
        "body_text": "LYON (XNA) - What happened.",
    });
    if let Some(v) = version {
        item["version"] = v.to_string().into();
    }
    if let Some(from) = evolvedfrom {
        item["evolvedfrom"] = from.into();
    }
    std::fs::write(&path, item.to_string()).unwrap();
    path
}

/// The time of hour `h` (counted from 2026-10-01 00:00 UTC).
fn at(h: u32) -> String {
    format!("2026-10-{:02}T{:02}:00:00Z", 1 + h / 24, h % 24)
}

fn import(archive: &Path, files: &[PathBuf]) {
    let _lock = WriteLock::acquire(archive).unwrap();
    let base = match file::indexed(archive) {
        Ok(Some(indexed)) => Base::Indexed(indexed),
        _ => Base::New,
    };
    let commits = Commits {
        stories: 7,
        ..Commits::default()
    };
    importer::import_with(
        archive,
        base,
        files,
        Options::default(),
        commits,
        &|| {},
        &|w| panic!("{w}"),
    )
    .unwrap();
}

/// The front page beside the archive, if any, checked against the whole catalogue: the same
/// counts, and its rows (as far as they go) the newest of the whole list, chains and all.
fn check(archive: &Path) -> Option<usize> {
    let front = Front::load(archive)?;
    let whole = file::load_saved(archive).unwrap();
    assert_eq!(front.stories, whole.stories() as u64);
    assert_eq!(front.versions, whole.len() as u64);
    let rows = super::front::newest(&whole);
    assert!(!front.is_empty());
    assert_eq!(front.rows(), &rows[..front.len()]);
    Some(front.len())
}

#[test]
fn batches_of_stories_and_versions_carry_the_front_page_on_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive.jsonl");
    let copy = dir.path().join("copy");
    std::fs::create_dir_all(&copy).unwrap();
    // Far more than a page, an hour apart.
    let first: Vec<PathBuf> = (0..300)
        .map(|i| write(&copy, &format!("urn:s:{i}"), &at(i), None, None))
        .collect();
    import(&archive, &first);
    assert_eq!(
        check(&archive),
        Some(super::front::ROWS),
        "the first import writes it"
    );

    for round in 0..5u32 {
        let hour = 400 + round * 10;
        let mut files = Vec::new();
        for k in 0..6 {
            let uri = format!("urn:n:{round}:{k}");
            files.push(write(&copy, &uri, &at(hour + k), None, None));
        }
        // A story on the page updated now, and a story far down updated with its old time
        // (below the page: placed nowhere, counted nowhere).
        let recent = 299 - round;
        let update = format!("urn:s:{recent}:v2");
        let from = format!("urn:s:{recent}");
        files.push(write(&copy, &update, &at(hour + 7), Some(2), Some(&from)));
        let old = format!("urn:s:{}", round * 3);
        let again = format!("{old}:v2");
        files.push(write(
            &copy,
            &again,
            &at(round * 3 + 1),
            Some(2),
            Some(&old),
        ));
        // Version 3 of the last round's update, then version 2 again refiled later: the
        // numbers, not the times, make version 3 the newest.
        if round > 0 {
            let last = format!("urn:s:{}:v2", recent + 1);
            let third = format!("urn:s:{}:v3", recent + 1);
            files.push(write(&copy, &third, &at(hour + 8), Some(3), Some(&last)));
            let refiled = format!("urn:s:{}:v2b", recent + 1);
            files.push(write(&copy, &refiled, &at(hour + 9), Some(2), Some(&third)));
        }
        import(&archive, &files);
        assert!(check(&archive).is_some(), "round {round}: carried on");
    }
    let whole = file::load_saved(&archive).unwrap();
    assert_eq!(
        whole.len() - whole.stories(),
        5 + 5 + 4 * 2,
        "versions joined"
    );
    let front = Front::load(&archive).unwrap();
    assert!(
        front
            .rows()
            .iter()
            .filter(|r| r.versions().len() > 2)
            .count()
            >= 4,
        "chains of three versions and more on the page"
    );

    // A story on the page whose newest version is dated far back: it leaves the page, which
    // ends where its last row was (what came after that is not known to it).
    let top = write(&copy, "urn:p:1", &at(500), Some(1), None);
    import(&archive, &[top]);
    assert_eq!(check(&archive), Some(super::front::ROWS));
    let back = write(&copy, "urn:p:1:v2", &at(5), Some(2), Some("urn:p:1"));
    import(&archive, &[back]);
    assert_eq!(check(&archive), Some(super::front::ROWS - 1));

    // A story far down updated now would come on the page, but where its chain stood is not
    // on the page: the front page is taken away, and the next full open writes it again.
    let far = write(&copy, "urn:s:20:v2", &at(900), Some(2), Some("urn:s:20"));
    import(&archive, &[far]);
    assert!(!file::front_path(&archive).exists());
    drop(file::open(&archive, &|_| {}, &|w| panic!("{w}")).unwrap());
    assert_eq!(check(&archive), Some(super::front::ROWS));
}
