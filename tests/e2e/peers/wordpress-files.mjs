// The files wordpress.mjs writes into its throwaway WordPress copy: wp-config.php, the install
// script and the must-use plugin that lets anonymous visitors comment over REST. See
// shared/PEERS.md ("WordPress 6.1.9") for why each setting is there.

import { randomBytes } from 'node:crypto';

/** Database name, user and password of the throwaway MariaDB (bound to 127.0.0.1 only). */
export const DB = { name: 'wordpress', user: 'wordpress', password: 'wordpress' };

/** The SQL run as root over the socket once mariadbd is up. */
export const CREATE_DB_SQL = [
  `CREATE DATABASE ${DB.name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;`,
  `CREATE USER '${DB.user}'@'127.0.0.1' IDENTIFIED BY '${DB.password}';`,
  `GRANT ALL PRIVILEGES ON ${DB.name}.* TO '${DB.user}'@'127.0.0.1';`,
].join(' ');

/** The site's timezone: not UTC on purpose, so that `date` and `date_gmt` differ in responses. */
export const TIMEZONE = 'America/Chicago';

/** Pretty permalinks shaped like the seed thread's path (`/2026/11/<slug>/`). */
export const PERMALINKS = '/%year%/%monthnum%/%postname%/';

/** wp-config.php for a copy of /usr/share/wordpress at `dir`, served at `url`. */
export function wpConfig({ dir, url, dbPort }) {
  const salts = ['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE']
    .flatMap((name) => [`${name}_KEY`, `${name}_SALT`])
    .map((name) => `define('${name}', '${randomBytes(24).toString('hex')}');`)
    .join('\n');
  return `<?php
// Written by tests/e2e/peers/wordpress.mjs for one test run; replaces Debian's wp-config.php.
define('DB_NAME', '${DB.name}');
define('DB_USER', '${DB.user}');
define('DB_PASSWORD', '${DB.password}');
define('DB_HOST', '127.0.0.1:${dbPort}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${salts}
$table_prefix = 'wp_';
define('WP_HOME', '${url}');
define('WP_SITEURL', '${url}');
define('WP_CONTENT_DIR', ${phpString(`${dir}/wp-content`)});
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_DEBUG', false);
if (!defined('ABSPATH')) {
    define('ABSPATH', ${phpString(`${dir}/`)});
}
require_once ABSPATH . 'wp-settings.php';
`;
}

/**
 * The install script, run once with the PHP CLI: wp_install(), site options, then the article
 * from the environment variable THREADLINE_WP_ARTICLE (`{title, slug}`). Prints `{"postId":N}`.
 */
export const INSTALL_PHP = `<?php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = parse_url(getenv('THREADLINE_WP_URL'), PHP_URL_HOST);
require __DIR__ . '/wp-load.php';

// No "your new site" mail: there is no sendmail here.
function wp_new_blog_notification() {}
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

// A permalink structure already set keeps wp_install() from probing the site over HTTP.
$permalinks = fn() => '${PERMALINKS}';
add_filter('pre_option_permalink_structure', $permalinks);
wp_install('Threadline peer test', 'admin', 'admin@example.org', true, '', wp_generate_password(24));
remove_filter('pre_option_permalink_structure', $permalinks);
update_option('permalink_structure', '${PERMALINKS}');
delete_option('rewrite_rules');
update_option('timezone_string', '${TIMEZONE}');
update_option('default_comment_status', 'open');
update_option('comment_registration', 0);
update_option('comment_moderation', 0);
update_option('comments_notify', 0);
update_option('moderation_notify', 0);

$article = json_decode(getenv('THREADLINE_WP_ARTICLE'), true);
// The seed thread is dated November 2026; never in the future, or the post is only "scheduled".
$when = min(strtotime('2026-11-02 09:00:00 UTC'), time());
$id = wp_insert_post([
    'post_title' => $article['title'],
    'post_name' => $article['slug'],
    'post_content' => '<p>The riverfront reopened this month.</p>',
    'post_status' => 'publish',
    'post_author' => 1,
    'comment_status' => 'open',
    'post_date_gmt' => gmdate('Y-m-d H:i:s', $when),
    'post_date' => get_date_from_gmt(gmdate('Y-m-d H:i:s', $when)),
], true);
if (is_wp_error($id)) {
    fwrite(STDERR, $id->get_error_message() . "\\n");
    exit(1);
}
echo json_encode(['postId' => $id]);
`;

/** The must-use plugin; without `allowAnonymous` WordPress's default (401 for visitors) stays. */
export function muPlugin({ allowAnonymous }) {
  return `<?php
/* Plugin Name: Threadline peer tests (written by tests/e2e/peers/wordpress.mjs) */
${allowAnonymous ? "add_filter('rest_allow_anonymous_comments', '__return_true');" : '// Anonymous REST comments stay forbidden (401 rest_comment_login_required).'}
// Else a second comment within 15 s from 127.0.0.1 is 429 comment_flood.
add_filter('comment_flood_filter', '__return_false', PHP_INT_MAX);
// Else a first-time commenter's comment is held for moderation and missing from the list.
add_filter('pre_option_comment_previously_approved', '__return_zero');
// Else WordPress tries to mail the admin ("sendmail: not found").
add_filter('pre_option_comments_notify', '__return_zero');
add_filter('pre_option_moderation_notify', '__return_zero');
`;
}

function phpString(text) {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
