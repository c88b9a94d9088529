//! Cache-busting file names: a file in `dist/` carries a hash of its content in its name, so a
//! browser can cache it forever and a new release is a new name.
//!
//! `dist` (for the stylesheet) and `bundles` (for each backend's bundle) both name files this
//! way; the hashing lives here, below both, so that `bundles` need not import `dist` for it.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::Result;

/// The first 16 hex digits of the SHA-256 of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().take(8).map(|byte| format!("{byte:02x}")).collect()
}

/// Renames `path` to `<stem>-<content hash>.<ext>` and returns the new path.
pub fn hash_name(path: &Path) -> Result<PathBuf> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let hash = content_hash(&bytes);
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let ext = path.extension().unwrap_or_default().to_string_lossy();
    let hashed = path.with_file_name(format!("{stem}-{hash}.{ext}"));
    std::fs::rename(path, &hashed)?;
    Ok(hashed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_is_the_sha256_prefix() {
        // `printf 'a{}' | sha256sum` starts with these 16 hex digits.
        assert_eq!(content_hash(b"a{}"), "5f546eb4606b5c2b");
    }

    #[test]
    fn hashed_name_is_stable_and_sixteen_hex_digits() {
        let dir = std::env::temp_dir().join(format!("xtask-hash-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("threadline.css");
        std::fs::write(&path, "a{}").unwrap();
        let hashed = hash_name(&path).unwrap();
        assert_eq!(hashed.file_name().unwrap(), "threadline-5f546eb4606b5c2b.css");
        assert!(!path.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
