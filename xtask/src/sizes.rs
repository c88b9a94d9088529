//! Size report of the shipped files: raw, `gzip -9` and brotli quality 11, as a table and as JSON.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Result;

/// One shipped file and its sizes in bytes.
pub struct FileSizes {
    /// What the file is: `loader`, `wasm`, `js`, `css`, `lang` (a language's reader messages),
    /// `lang-mod` (its moderator messages).
    pub label: &'static str,
    /// The bundle a `wasm` or `js` file belongs to (`threadline`, `isso`, ...); empty for the
    /// files every bundle shares.
    pub bundle: &'static str,
    /// The file name inside `dist/`.
    pub file: String,
    /// Uncompressed.
    pub raw: usize,
    /// Compressed with gzip at level 9.
    pub gzip: usize,
    /// Compressed with brotli at quality 11.
    pub brotli: usize,
}

impl FileSizes {
    /// Reads `path` and compresses it both ways.
    pub fn measure(label: &'static str, bundle: &'static str, path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let file = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        Ok(Self {
            label,
            bundle,
            file,
            raw: bytes.len(),
            gzip: gzip_len(&bytes)?,
            brotli: brotli_len(&bytes)?,
        })
    }
}

/// What one bundle costs a page once the reader reaches the comments: its wasm and JS glue
/// plus the shared stylesheet and one language's messages (English; the moderator's too for
/// the moderator bundle), brotli bytes. `None` when `files` has no such bundle.
pub fn bundle_brotli(files: &[FileSizes], bundle: &str) -> Option<usize> {
    bundle_total(files, bundle).map(|(_, _, brotli)| brotli)
}

/// Raw, gzip and brotli totals of one bundle's wasm + js + the shared css.
fn bundle_total(files: &[FileSizes], bundle: &str) -> Option<(usize, usize, usize)> {
    let own: Vec<&FileSizes> = files.iter().filter(|f| f.bundle == bundle).collect();
    if own.is_empty() {
        return None;
    }
    let english =
        |label: &'static str| files.iter().filter(move |f| f.label == label && f.file.starts_with("en-"));
    let moderator = (bundle == "moderator").then(|| english("lang-mod")).into_iter().flatten();
    let shared = files.iter().filter(|f| f.label == "css").chain(english("lang")).chain(moderator);
    let parts = own.into_iter().chain(shared);
    Some(parts.fold((0, 0, 0), |(r, g, b), f| (r + f.raw, g + f.gzip, b + f.brotli)))
}

/// Prints the table (with each bundle's total) and writes it to `target/dist-sizes.json`.
pub fn report(files: &[FileSizes]) -> Result<PathBuf> {
    let row = |part: &str, file: &str, raw, gzip, brotli| {
        println!("{part:<20} {file:<48} {raw:>10} {gzip:>10} {brotli:>10}");
    };
    println!();
    row("part", "file", "raw".into(), "gzip -9".into(), "brotli 11".into());
    for f in files {
        let part =
            if f.bundle.is_empty() { f.label.to_string() } else { format!("{} {}", f.bundle, f.label) };
        row(&part, &f.file, f.raw.to_string(), f.gzip.to_string(), f.brotli.to_string());
    }
    let mut bundles: Vec<&str> = files.iter().map(|f| f.bundle).filter(|b| !b.is_empty()).collect();
    bundles.dedup();
    let mut totals = Vec::new();
    for bundle in bundles {
        if let Some((raw, gzip, brotli)) = bundle_total(files, bundle) {
            row(
                &format!("{bundle} total"),
                "wasm + js + css + en",
                raw.to_string(),
                gzip.to_string(),
                brotli.to_string(),
            );
            totals.push(format!(
                "    \"{bundle}\": {{\"raw\": {raw}, \"gzip\": {gzip}, \"brotli\": {brotli}}}"
            ));
        }
    }

    let entries: Vec<String> = files
        .iter()
        .map(|f| {
            format!(
                "    {{\"part\": \"{}\", \"bundle\": \"{}\", \"file\": \"{}\", \"raw\": {}, \"gzip\": {}, \"brotli\": {}}}",
                f.label,
                f.bundle,
                json_escape(&f.file),
                f.raw,
                f.gzip,
                f.brotli
            )
        })
        .collect();
    let json = format!(
        "{{\n  \"files\": [\n{}\n  ],\n  \"bundles\": {{\n{}\n  }}\n}}\n",
        entries.join(",\n"),
        totals.join(",\n")
    );
    let target = crate::target_dir();
    std::fs::create_dir_all(&target)?;
    let path = target.join("dist-sizes.json");
    std::fs::write(&path, json)?;
    Ok(path)
}

fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

fn brotli_len(bytes: &[u8]) -> Result<usize> {
    // Quality 11 with brotli's default 4 MiB window (lgwin 22); `into_inner` ends the stream.
    let mut writer = brotli::CompressorWriter::new(Vec::new(), 4096, 11, 22);
    writer.write_all(bytes)?;
    Ok(writer.into_inner().len())
}

fn json_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_shrinks_repetitive_input() {
        let input = "threadline ".repeat(500);
        let (gzip, brotli) = (gzip_len(input.as_bytes()).unwrap(), brotli_len(input.as_bytes()).unwrap());
        assert!(gzip > 0 && gzip < input.len() / 10, "gzip {gzip}");
        assert!(brotli > 0 && brotli < input.len() / 10, "brotli {brotli}");
    }

    #[test]
    fn empty_input_still_has_headers() {
        assert!(gzip_len(b"").unwrap() >= 18);
        assert!(brotli_len(b"").unwrap() >= 1);
    }
}
