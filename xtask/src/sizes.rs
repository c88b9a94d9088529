//! Size report of the shipped files: raw, `gzip -9` and brotli quality 11, as a table and as JSON.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Result;

/// One shipped file and its sizes in bytes.
pub struct FileSizes {
    /// What the file is: `loader`, `wasm`, `js`, `css`.
    pub label: &'static str,
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
    pub fn measure(label: &'static str, path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let file = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        Ok(Self { label, file, raw: bytes.len(), gzip: gzip_len(&bytes)?, brotli: brotli_len(&bytes)? })
    }
}

/// Prints the table (with a total row) and writes it to `target/dist-sizes.json`.
pub fn report(files: &[FileSizes]) -> Result<PathBuf> {
    let total = |f: fn(&FileSizes) -> usize| files.iter().map(f).sum::<usize>();
    let (raw, gzip, brotli) = (total(|f| f.raw), total(|f| f.gzip), total(|f| f.brotli));

    println!("\n{:<8} {:<40} {:>10} {:>10} {:>10}", "part", "file", "raw", "gzip -9", "brotli 11");
    for f in files {
        println!("{:<8} {:<40} {:>10} {:>10} {:>10}", f.label, f.file, f.raw, f.gzip, f.brotli);
    }
    println!("{:<8} {:<40} {:>10} {:>10} {:>10}", "total", "", raw, gzip, brotli);

    let entries: Vec<String> = files
        .iter()
        .map(|f| {
            format!(
                "    {{\"part\": \"{}\", \"file\": \"{}\", \"raw\": {}, \"gzip\": {}, \"brotli\": {}}}",
                f.label,
                json_escape(&f.file),
                f.raw,
                f.gzip,
                f.brotli
            )
        })
        .collect();
    let json = format!(
        "{{\n  \"files\": [\n{}\n  ],\n  \"total\": {{\"raw\": {raw}, \"gzip\": {gzip}, \"brotli\": {brotli}}}\n}}\n",
        entries.join(",\n")
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
