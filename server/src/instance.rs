//! One serving instance per SQLite file while the page cache is on. The cache hears only of
//! the writes of its own process, so a second server on the same file would make the first
//! serve pages without the second's comments. A lock file beside the database says who is
//! there: an instance with the cache takes it exclusively, one without takes it shared (several
//! cache-less instances may share a file; none may join a cached one, nor a cached one them).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// The lock file of the database at `db`: `<db>.instance-lock`.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".instance-lock");
    PathBuf::from(name)
}

/// Claims the database at `db` for this process; the claim lasts while the returned file is
/// open. Refuses, naming the way out, when another instance holds a claim that conflicts.
pub fn claim(db: &Path, page_cache: bool) -> Result<File, String> {
    let path = lock_path(db);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| format!("cannot open the lock file {}: {e}", path.display()))?;
    let taken = if page_cache { file.try_lock() } else { file.try_lock_shared() };
    match taken {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(format!(
            "another threadline-server is serving {} ({}); run one instance per SQLite file while the page \
             cache is on, or give every instance --page-cache-mb 0",
            db.display(),
            path.display()
        )),
        Err(TryLockError::Error(e)) => Err(format!("cannot lock {}: {e}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_instance_is_alone_and_cacheless_ones_share() {
        let dir = std::env::temp_dir().join(format!("tl-instance-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("t.db");
        assert_eq!(lock_path(&db), dir.join("t.db.instance-lock"));
        let first = claim(&db, true).unwrap();
        assert!(claim(&db, true).unwrap_err().contains("--page-cache-mb 0"));
        assert!(claim(&db, false).is_err(), "a cache-less one cannot join a cached one");
        drop(first);
        let a = claim(&db, false).unwrap();
        let b = claim(&db, false).unwrap();
        assert!(claim(&db, true).is_err(), "nor a cached one join cache-less ones");
        drop((a, b));
        assert!(claim(&db, true).is_ok(), "free again once they stop");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
