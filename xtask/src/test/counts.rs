//! Test counts read from what the runners print: cargo's `test result:` lines and the closing
//! `# pass` / `# fail` / `# cancelled` lines of node's TAP report.

/// How many tests passed and failed in one run.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed, or were cancelled.
    pub failed: u64,
}

/// Sums every `test result: ok. N passed; M failed; …` line.
pub fn cargo_counts(output: &str) -> Counts {
    let mut counts = Counts::default();
    for line in output.lines().filter(|line| line.contains("test result:")) {
        counts.passed += number_before(line, " passed").unwrap_or(0);
        counts.failed += number_before(line, " failed").unwrap_or(0);
    }
    counts
}

/// Reads the closing `# pass N`, `# fail N` and `# cancelled N` lines of node's TAP report.
pub fn tap_counts(output: &str) -> Counts {
    let mut counts = Counts::default();
    for line in output.lines() {
        if let Some(n) = line.strip_prefix("# pass ").and_then(|n| n.trim().parse().ok()) {
            counts.passed = n;
        }
        // Tests cancelled because their hook failed did not pass either.
        for prefix in ["# fail ", "# cancelled "] {
            if let Some(n) = line.strip_prefix(prefix).and_then(|n| n.trim().parse::<u64>().ok()) {
                counts.failed += n;
            }
        }
    }
    counts
}

/// The number just before `suffix` in `line`, as in `"3 passed"`.
fn number_before(line: &str, suffix: &str) -> Option<u64> {
    let head = &line[..line.find(suffix)?];
    let digits = head.rsplit(|c: char| !c.is_ascii_digit()).next()?;
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_cargo_result_lines() {
        let output = "\
running 2 tests
test a ... ok
test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
test result: FAILED. 10 passed; 3 failed; 1 ignored; 0 measured; 0 filtered out; finished in 1.20s
";
        assert_eq!(cargo_counts(output), Counts { passed: 12, failed: 3 });
        assert_eq!(cargo_counts("error: could not compile"), Counts::default());
    }

    #[test]
    fn reads_tap_summary() {
        let output = "TAP version 13\nok 1 - a\n# tests 7\n# suites 0\n# pass 4\n# fail 1\n# cancelled 2\n";
        assert_eq!(tap_counts(output), Counts { passed: 4, failed: 3 });
    }
}
