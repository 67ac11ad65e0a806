//! What the meta store keeps beside the records: this device's id, the
//! community's settings, and when the last backup was made.

use super::error::StoreResult;
use super::open::Store;
use super::schema::META_STORE;
use crate::domain::{DeviceId, Settings};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use jiff::Timestamp;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Keys of the meta store.
const KEY_DEVICE: &str = "device_id";
pub(super) const KEY_SETTINGS: &str = "settings";
pub(super) const KEY_LAST_BACKUP: &str = "last_backup_at";

impl Store {
    async fn meta_get<T: DeserializeOwned>(&self, key: &str) -> StoreResult<Option<T>> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readonly).await?;
        let store = tx.object_store(META_STORE)?;
        let value: Option<T> = store.get(key.to_string()).serde()?.await?;
        Ok(value)
    }

    async fn meta_put<T: Serialize>(&self, key: &str, value: T) -> StoreResult<()> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readwrite).await?;
        let store = tx.object_store(META_STORE)?;
        store.put(value).with_key(key.to_string()).serde()?;
        tx.commit().await?;
        Ok(())
    }

    /// This device's id, created on first use and kept for good.
    pub async fn device_id(&self, make: impl FnOnce() -> String) -> StoreResult<DeviceId> {
        if let Some(id) = self.meta_get::<String>(KEY_DEVICE).await? {
            return Ok(DeviceId(id));
        }
        let id = make();
        self.meta_put(KEY_DEVICE, id.clone()).await?;
        Ok(DeviceId(id))
    }

    pub async fn settings(&self) -> StoreResult<Settings> {
        Ok(self
            .meta_get::<Settings>(KEY_SETTINGS)
            .await?
            .unwrap_or_default())
    }

    pub async fn save_settings(&self, settings: &Settings) -> StoreResult<()> {
        self.meta_put(KEY_SETTINGS, settings.clone()).await
    }

    pub async fn last_backup_at(&self) -> StoreResult<Option<Timestamp>> {
        self.meta_get::<Timestamp>(KEY_LAST_BACKUP).await
    }

    pub async fn set_last_backup_at(&self, at: Timestamp) -> StoreResult<()> {
        self.meta_put(KEY_LAST_BACKUP, at).await
    }
}
