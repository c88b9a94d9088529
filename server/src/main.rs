//! The `threadline-server` binary: parses the command line, sets up logging, opens the
//! database, binds, announces the address on stdout and serves until SIGINT or SIGTERM.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use threadline_server::abuse::{Guards, LimitArgs};
use threadline_server::admin::{self, Command};
use threadline_server::mail::{worker::Worker, Mail, MailArgs};
use threadline_server::screen_report::{self, ScreenReportArgs};
use threadline_server::site::{self, SiteArgs, SiteRegistry, Sites};
use threadline_server::{app, clock, seed, AppState, Store};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

mod mapping_check;

/// Reference backend for the Threadline comment widget.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Address to listen on; port 0 picks a free port (the chosen one is printed).
    #[arg(long, env = "THREADLINE_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// SQLite database file, created if missing.
    #[arg(long, env = "THREADLINE_DB", default_value = "./threadline.db", global = true)]
    db: PathBuf,
    /// Directory with the built widget and demo page, served at `/`.
    #[arg(long, value_name = "DIR")]
    dist: Option<PathBuf>,
    /// Fill the demo thread with sample comments if it is empty.
    #[arg(long)]
    seed_demo: bool,
    /// Memory for cached thread pages, in MiB; 0 turns the cache off. The cache only hears of
    /// comments posted through this process: turn it off if other processes write to --db.
    #[arg(long, env = "THREADLINE_PAGE_CACHE_MB", value_name = "MIB", default_value_t = 32)]
    page_cache_mb: u64,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    site: SiteArgs,
    #[command(flatten)]
    mail: MailArgs,
    /// Live-update streams one client address may keep open at once.
    #[arg(long, env = "THREADLINE_STREAMS_PER_CLIENT", value_name = "N", default_value_t = 8)]
    streams_per_client: usize,
    /// How long after posting authors may edit or delete their own comment, in minutes.
    #[arg(long, env = "THREADLINE_EDIT_WINDOW_MINS", value_name = "MINUTES", default_value_t = 15)]
    edit_window_mins: u32,
    /// With --seed-demo: print a sign-in link for the demo moderator (of `default`) on
    /// stdout, after the "listening" line.
    #[arg(long)]
    demo_moderator: bool,
    /// How the log lines on stderr look: `text` for people, `json` (one object per line, with
    /// the request's span fields) for a log collector.
    #[arg(long, env = "THREADLINE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Option<Subcommand>,
}

/// The log's format (`--log-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    /// Lines for people, coloured on a terminal.
    Text,
    /// One JSON object per line.
    Json,
}

/// The subcommands: administration, run on `--db`, and the screen's report, which needs none.
#[derive(Debug, clap::Subcommand)]
enum Subcommand {
    #[command(flatten)]
    Admin(Command),
    /// Print the built-in screen's hold rates on a labelled corpus as JSON (for `cargo xtask
    /// bench`); opens no database.
    ScreenReport(ScreenReportArgs),
    /// Check a custom-backend mapping against a sample answer; opens no database.
    #[command(subcommand)]
    Mapping(mapping_check::MappingCommand),
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Subcommand::Mapping(mapping_check::MappingCommand::Check(args))) = &cli.command {
        return mapping_check_main(args);
    }
    // stdout carries only the "listening" line; everything else goes to stderr, written by
    // a thread of its own: a write that blocks (a slow disk, a full pipe) then holds up that
    // thread instead of a runtime worker and every request queued on it. Not lossy: when the
    // queue is full, logging waits rather than drop lines. The guard flushes at exit.
    let (stderr, _flush_on_exit) =
        tracing_appender::non_blocking::NonBlockingBuilder::default().lossy(false).finish(std::io::stderr());
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let log = tracing_subscriber::fmt().with_env_filter(filter).with_writer(stderr);
    match cli.log_format {
        LogFormat::Json => log.json().with_current_span(true).with_span_list(false).init(),
        LogFormat::Text => log.with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr())).init(),
    }
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err}");
            ExitCode::FAILURE
        }
    }
}

/// `mapping check`: the report on stdout; exit code 0 (clean), 1 (warnings) or 2 (unreadable
/// mapping or answer, the reason on stderr).
fn mapping_check_main(args: &mapping_check::CheckArgs) -> ExitCode {
    match mapping_check::run(args, clock::now_ms()) {
        Ok(checked) => {
            let written = std::io::stdout().lock().write_all(checked.out.as_bytes());
            match (written, checked.warned) {
                (Err(_), _) => ExitCode::from(2),
                (Ok(()), true) => ExitCode::from(1),
                (Ok(()), false) => ExitCode::SUCCESS,
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(Subcommand::ScreenReport(args)) = &cli.command {
        std::io::stdout().lock().write_all(screen_report::run(args)?.as_bytes())?;
        return Ok(());
    }
    if let Some(dir) = &cli.dist {
        if !dir.is_dir() {
            return Err(format!("--dist {} is not a directory", dir.display()).into());
        }
    }
    // Serving claims the file (administration does not): see `instance`. Held until exit.
    let _instance = match cli.command {
        Some(Subcommand::Admin(_)) => None,
        _ => Some(threadline_server::instance::claim(&cli.db, cli.page_cache_mb > 0)?),
    };
    let store = Store::open_with_cache(&cli.db, cli.page_cache_mb.saturating_mul(1 << 20))
        .await
        .map_err(|e| format!("cannot open {}: {e}", cli.db.display()))?;
    if let Some(Subcommand::Admin(command)) = cli.command {
        let out = admin::run(&store, command).await;
        store.close().await;
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(out?.as_bytes())?;
        return Ok(());
    }
    if cli.seed_demo {
        let added = seed::seed_demo(&store, clock::now_ms()).await?;
        tracing::info!(added, thread = threadline_server::DEMO_THREAD, "demo seed");
    }
    let listener =
        TcpListener::bind(cli.listen).await.map_err(|e| format!("cannot listen on {}: {e}", cli.listen))?;
    let addr = listener.local_addr()?;
    let mut own_origins = vec![format!("http://{addr}")];
    if addr.ip().is_loopback() {
        own_origins.push(format!("http://localhost:{}", addr.port()));
    }
    let guards = Arc::new(Guards::new(&cli.limits, &store).await?);
    let limits = &cli.limits;
    tracing::info!(
        post_rate = limits.post_rate,
        post_window = limits.post_window,
        trust_forwarded_for = limits.trust_forwarded_for,
        exempt_loopback = limits.exempt_loopback,
        duplicate_window_mins = limits.duplicate_window_mins,
        new_threads_per_hour = limits.new_threads_per_hour,
        pow = guards.pow.is_some(),
        thread_key_pattern = cli.site.thread_key_pattern.as_ref().map(|p| p.as_str()),
        "abuse limits"
    );
    if addr.ip().is_loopback() && !limits.trust_forwarded_for {
        // The usual set-up behind nginx or Caddy on the same host, and the usual mistake.
        tracing::warn!(
            listen = %addr,
            exempt_loopback = limits.exempt_loopback,
            "listening on a loopback address without --trust-forwarded-for: if a reverse proxy on this \
             machine forwards to it, every reader has the proxy's address, so all of them share one rate \
             limit{}. Behind a proxy, pass --trust-forwarded-for.",
            if limits.exempt_loopback {
                " (with --exempt-loopback: no limit at all)"
            } else {
                ""
            }
        );
    }
    let sites = SiteRegistry::new(Sites::load(&store, &cli.site).await?);
    sites.watch(store.clone(), cli.site.clone());
    // A fresh one-time link at every start, so that `cargo xtask demo` can always print one.
    let demo_link = if cli.seed_demo && cli.demo_moderator {
        let page = format!("http://{addr}/");
        Some(admin::add_moderator(&store, site::DEFAULT_SITE, seed::DEMO_MODERATOR, &page).await?)
    } else {
        None
    };
    let edit_window_ms = i64::from(cli.edit_window_mins) * 60_000;
    let streams = threadline_server::streams::Streams::new(cli.streams_per_client.max(1));
    let (mail, transport) = Mail::from_args(&cli.mail, &format!("http://{addr}"))?;
    tracing::info!(mail = mail.enabled(), "notification email");
    let worker = transport.map(|transport| Worker::spawn(mail.clone(), transport, store.clone()));
    let state = AppState {
        store: store.clone(),
        own_origins,
        dist: cli.dist,
        guards,
        sites,
        edit_window_ms,
        streams,
        mail,
    };
    let streams = state.streams.clone();
    let router = app(state);

    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "threadline-server listening on http://{addr}")?;
    if let Some(link) = demo_link {
        writeln!(stdout, "demo moderator sign-in: {link}")?;
    }
    stdout.flush()?;
    drop(stdout);

    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            // Open live-update streams would keep the graceful shutdown waiting for ever.
            streams.close_all();
        })
        .await?;
    // The send in hand finishes and its outcome is stored before the database closes.
    if let Some(worker) = worker {
        worker.shutdown().await;
    }
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on the first SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down");
}
