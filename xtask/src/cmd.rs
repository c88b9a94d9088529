//! Running external programs: echo the command, fail on any non-zero exit, optionally capture stdout.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use crate::Result;

/// A `Command` for the same `cargo` that runs xtask, started at the workspace root.
pub fn cargo<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(args).current_dir(crate::root());
    command
}

/// A `Command` for `program`, started at the workspace root.
pub fn program<I, S>(program: &str, args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = Command::new(program);
    command.args(args).current_dir(crate::root());
    command
}

/// Runs `command` with inherited stdio; an error unless it exits with status 0.
pub fn run(command: &mut Command) -> Result {
    if status(command)? {
        Ok(())
    } else {
        Err(format!("command failed: {}", describe(command)).into())
    }
}

/// Runs `command` with inherited stdio and tells whether it exited with status 0.
pub fn status(command: &mut Command) -> Result<bool> {
    echo(command);
    let status = command.status().map_err(|e| format!("cannot start {}: {e}", describe(command)))?;
    Ok(status.success())
}

/// Runs `command`, copying its stdout to ours line by line as it arrives and returning it too.
/// Returns whether it exited with status 0, and the captured stdout.
pub fn tee(command: &mut Command) -> Result<(bool, String)> {
    echo(command);
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", describe(command)))?;
    let mut captured = String::new();
    let mut reader = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut line = Vec::new();
    let mut out = std::io::stdout();
    while reader.read_until(b'\n', &mut line)? > 0 {
        out.write_all(&line)?;
        out.flush()?;
        captured.push_str(&String::from_utf8_lossy(&line));
        line.clear();
    }
    Ok((child.wait()?.success(), captured))
}

/// The trimmed stdout of `program args`, or `None` when it cannot run or fails.
pub fn stdout_of(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).stderr(Stdio::null()).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Whether `program` can be found on `PATH`.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

fn echo(command: &Command) {
    println!("$ {}", describe(command));
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}
