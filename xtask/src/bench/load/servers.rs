//! Starting and stopping the servers (threadline-server, Isso under gunicorn, the floor), and
//! what /proc says about them.

use std::fs::{self, File};
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::data::SeedComment;
use super::http::http;
use super::install::isso_venv_bin;
use super::{Server, START_DEADLINE};
use crate::{cmd, Result};

pub(super) struct Bins {
    pub(super) threadline: PathBuf,
    pub(super) floor: PathBuf,
    pub(super) work: PathBuf,
}

/// A running server; dropping it stops the server (and, for gunicorn, its workers).
pub(super) struct Running {
    pub(super) server: Server,
    child: Child,
    pub(super) port: u16,
    pub(super) log: PathBuf,
}

impl Running {
    pub(super) fn start(bins: &Bins, server: Server, label: &str) -> Result<Running> {
        let dir = bins.work.join(format!("{}-{label}", server.name().replace(' ', "-")));
        fs::create_dir_all(&dir)?;
        let port = free_port()?;
        let listen = format!("127.0.0.1:{port}");
        let log = dir.join("server.log");
        let mut command = match server {
            Server::Threadline | Server::ThreadlineQuiet | Server::ThreadlineUnscreened => {
                let db = dir.join("threadline.db");
                if server == Server::ThreadlineUnscreened {
                    screening_off(&bins.threadline, &db)?;
                }
                let mut c = Command::new(&bins.threadline);
                // Limits off: every bench client is on loopback.
                c.args(["--listen", &listen, "--post-rate", "0", "--duplicate-window-mins", "0"])
                    .args(["--exempt-loopback", "--db"])
                    .arg(&db);
                // Whatever the caller's environment says: shipped default, or quiet.
                c.env_remove("RUST_LOG").env_remove("THREADLINE_POW").env_remove("THREADLINE_POW_DIFFICULTY");
                if server == Server::ThreadlineQuiet {
                    c.env("RUST_LOG", "warn");
                }
                c
            }
            Server::Floor => {
                let mut c = Command::new(&bins.floor);
                c.args(["--listen", &listen, "--db"]).arg(dir.join("floor.db"));
                c
            }
            Server::Isso => {
                let config = dir.join("isso.cfg");
                fs::write(
                    &config,
                    format!(
                        "[general]\ndbpath = {}\nhost =\n    http://{listen}\n\n[server]\nlisten = http://{listen}/\n\n\
                         [guard]\nenabled = false\n",
                        dir.join("comments.db").display()
                    ),
                )?;
                let mut c = Command::new(isso_venv_bin().join("gunicorn"));
                // --preload: the app (and its new database) is set up once in the master before the
                // workers fork; otherwise both workers create the schema at once and one can die
                // on a UNIQUE constraint in Isso's `preferences` table.
                c.args([
                    "--preload",
                    "--workers",
                    "2",
                    "--bind",
                    &listen,
                    "--log-level",
                    "warning",
                    "isso.run:application",
                ])
                .env("ISSO_SETTINGS", &config);
                c
            }
        };
        let out = File::create(&log)?;
        command.current_dir(&dir).stdin(Stdio::null()).stdout(out.try_clone()?).stderr(out);
        let child = command.spawn().map_err(|e| format!("cannot start {}: {e}", server.name()))?;
        let mut running = Running { server, child, port, log };
        running.wait_ready()?;
        Ok(running)
    }

    fn wait_ready(&mut self) -> Result {
        let deadline = Instant::now() + START_DEADLINE;
        let path = self.server.list_path("/bench/ready");
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Err(format!(
                    "{} exited at start ({status}); see {}",
                    self.server.name(),
                    self.log.display()
                )
                .into());
            }
            if matches!(http(self.port, "GET", &path, None), Ok((200, _))) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("{} did not answer within {START_DEADLINE:?}", self.server.name()).into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Peak resident memory (VmHWM) of the server and all its descendants, in MiB.
    pub(super) fn peak_rss_mb(&self) -> f64 {
        let mut pids = vec![self.child.id()];
        pids.extend(descendants(self.child.id()));
        let kb: u64 = pids.iter().filter_map(|&pid| vm_hwm_kb(pid)).sum();
        kb as f64 / 1024.0
    }

    /// [`process_counters`] summed over the server and its descendants.
    pub(super) fn counters(&self) -> (u64, u64) {
        let mut pids = vec![self.child.id()];
        pids.extend(descendants(self.child.id()));
        pids.into_iter().map(process_counters).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    }

    /// Posts `c` into `thread`; an error unless the server answers 201.
    pub(super) fn post(&self, thread: &str, c: &SeedComment) -> Result {
        let (status, body) =
            http(self.port, "POST", &self.server.post_path(thread), Some(&self.server.post_body(thread, c)))?;
        if status != 201 {
            return Err(format!("{}: seeding {thread} got {status}: {body:.300}", self.server.name()).into());
        }
        Ok(())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let pid = self.child.id();
        let family = descendants(pid);
        let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).stderr(Stdio::null()).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        if !matches!(self.child.try_wait(), Ok(Some(_))) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        // gunicorn's workers leave with their master; make sure of it.
        for child in family {
            if Path::new(&format!("/proc/{child}")).exists() {
                let _ =
                    Command::new("kill").args(["-KILL", &child.to_string()]).stderr(Stdio::null()).status();
            }
        }
    }
}

/// Stores the `default` site of the database `db` with screening off, as a site owner would
/// (`threadline-server --db DB site set default --screening off`). The server reads its sites
/// at start, so this runs on the fresh file before the server starts.
fn screening_off(threadline: &Path, db: &Path) -> Result {
    let output = Command::new(threadline)
        .arg("--db")
        .arg(db)
        .args(["site", "set", "default", "--screening", "off"])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", threadline.display()))?;
    if !output.status.success() {
        return Err(format!(
            "`site set default --screening off` failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )
        .into());
    }
    Ok(())
}

/// Nanoseconds since the Unix epoch, to make request bodies unique across runs.
pub(super) fn nanos_now() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?.local_addr()?.port())
}

/// The pids whose parent chain leads to `pid`.
fn descendants(pid: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(entries) = fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(child) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                continue;
            };
            let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else { continue };
            // `pid (comm) state ppid …`; comm may contain spaces and parentheses.
            let ppid =
                stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse().ok());
            if let Some(ppid) = ppid {
                parents.push((child, ppid));
            }
        }
    }
    let mut found = vec![pid];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(parents.iter().filter(|&&(_, p)| p == parent).map(|&(c, _)| c));
        i += 1;
    }
    found.remove(0);
    found
}

/// Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux).
pub(super) fn clock_ticks_per_sec() -> f64 {
    cmd::stdout_of("getconf", &["CLK_TCK"]).and_then(|s| s.parse().ok()).unwrap_or(100.0)
}

/// CPU ticks (user + system, all threads) and context switches (voluntary and not, all
/// threads) of `pid` so far.
fn process_counters(pid: u32) -> (u64, u64) {
    let ticks = fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
            // After `pid (comm)`: state is field 3, utime 14 and stime 15 (1-based).
            Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
        })
        .unwrap_or(0);
    let mut switches = 0;
    if let Ok(tasks) = fs::read_dir(format!("/proc/{pid}/task")) {
        for task in tasks.flatten() {
            let Ok(status) = fs::read_to_string(task.path().join("status")) else { continue };
            switches += status
                .lines()
                .filter(|l| l.contains("ctxt_switches:"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .sum::<u64>();
        }
    }
    (ticks, switches)
}

fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
