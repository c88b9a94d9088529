//! WordPress 6.1 from Debian's `wordpress` package, with MariaDB and the PHP CLI to run it.
//!
//! Nothing is configured or started here: the end-to-end harness (`tests/e2e/peers/wordpress.mjs`)
//! copies `/usr/share/wordpress`, makes a throwaway MariaDB and serves it with `php -S` per run.

use std::path::Path;

use crate::{cmd, Result};

/// What the harness runs: WordPress itself, the database server and the PHP CLI with mysqli.
const PACKAGES: [&str; 4] = ["wordpress", "mariadb-server", "php-cli", "php-mysql"];

/// Installs [`PACKAGES`] with apt-get, unless WordPress, `mariadbd`, `mariadb-install-db` and a
/// `php` with the mysqli extension are all there already.
pub fn ensure_wordpress() -> Result {
    if installed() {
        return Ok(());
    }
    println!("xtask: installing {} with apt-get (about a minute)", PACKAGES.join(" "));
    cmd::run(cmd::program("apt-get", ["update"]).env("DEBIAN_FRONTEND", "noninteractive"))?;
    cmd::run(
        cmd::program("apt-get", ["install", "-y", "--no-install-recommends"])
            .args(PACKAGES)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn installed() -> bool {
    let mysqli = "echo extension_loaded('mysqli') ? 'yes' : 'no';";
    Path::new("/usr/share/wordpress/wp-load.php").is_file()
        && sbin_or_path("mariadbd")
        && sbin_or_path("mariadb-install-db")
        && cmd::stdout_of("php", &["-r", mysqli]).as_deref() == Some("yes")
}

/// Whether `program` is on `PATH` or in `/usr/sbin` (where Debian puts `mariadbd`, and which a
/// non-root `PATH` may lack).
fn sbin_or_path(program: &str) -> bool {
    cmd::on_path(program)
        || ["/usr/sbin", "/usr/bin"].iter().any(|dir| Path::new(dir).join(program).is_file())
}
