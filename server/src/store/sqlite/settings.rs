//! Server secrets kept in the database: generated once, at first start, and the same after
//! every restart (so IP hashes stay comparable and issued challenges stay valid).

use sqlx::SqlitePool;

use crate::store::StoreError;

/// The setting `name`; when it does not exist yet, `make()` is stored and returned. Two
/// servers starting at once on a new database agree on one value.
pub(super) async fn setting_or_insert(
    writes: &SqlitePool,
    name: &str,
    make: impl FnOnce() -> String,
) -> Result<String, StoreError> {
    sqlx::query("INSERT INTO settings (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .bind(make())
        .execute(writes)
        .await?;
    let value =
        sqlx::query_scalar("SELECT value FROM settings WHERE name = ?1").bind(name).fetch_one(writes).await?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    #[tokio::test]
    async fn first_value_wins() {
        let store = Store::open_in_memory().await.unwrap();
        assert_eq!(store.setting_or_insert("salt", || "a".into()).await.unwrap(), "a");
        assert_eq!(store.setting_or_insert("salt", || "b".into()).await.unwrap(), "a");
        assert_eq!(store.setting_or_insert("other", || "c".into()).await.unwrap(), "c");
    }
}
