//! Connecting this phone to its community's server, signing in again
//! when the session ended, and disconnecting.

use super::{ConnectError, Phase, SyncState};
use crate::couch::{self, Client};
use crate::store::StoreErrorKind;
use crate::sync::{self, AddressProblem, Connection, Role};
use crate::ui::state::AppState;
use leptos::prelude::*;

impl SyncState {
    /// Signs in and connects this phone to a community's server.
    pub async fn connect(
        &self,
        state: AppState,
        server: String,
        community: String,
        user: String,
        password: String,
    ) -> Result<(), ConnectError> {
        let origin = window().location().origin().unwrap_or_default();
        let server = sync::server_path(&server, &origin).map_err(ConnectError::Address)?;
        let community = sync::community_name(&community).map_err(ConnectError::Address)?;
        let user = user.trim().to_string();
        if user.is_empty() {
            return Err(ConnectError::Address(AddressProblem::Empty));
        }
        let account = couch::sign_in(&server, &user, &password)
            .await
            .map_err(ConnectError::Server)?;
        let role = Role::in_community(&account.roles, &community)
            .ok_or_else(|| ConnectError::NoRole(community.clone()))?;
        let connection = Connection {
            server,
            community,
            user: account.name.unwrap_or(user),
            role,
        };
        // Every database the role uses must be there and open to it.
        let client = Client::new(&connection);
        for &db in role.databases() {
            <Client as sync::Server>::doc_count(&client, db)
                .await
                .map_err(ConnectError::Server)?;
        }
        self.stop();
        state
            .store()
            .connect(connection.clone())
            .await
            .map_err(|e| ConnectError::Stored(e.kind))?;
        state.connection.set(Some(connection));
        self.phase.set(Phase::Idle);
        state.refresh();
        self.start(state);
        Ok(())
    }

    /// Signs in again after the session ended.
    pub async fn sign_in_again(
        &self,
        state: AppState,
        password: String,
    ) -> Result<(), ConnectError> {
        let Some(connection) = state.connection.get_untracked() else {
            return Ok(());
        };
        couch::sign_in(&connection.server, &connection.user, &password)
            .await
            .map_err(ConnectError::Server)?;
        self.stop();
        self.phase.set(Phase::Idle);
        self.start(state);
        Ok(())
    }

    /// Disconnects: the loops stop, the session ends, every record stays.
    pub async fn disconnect(&self, state: AppState) -> Result<(), StoreErrorKind> {
        self.stop();
        let server = state.connection.get_untracked().map(|c| c.server);
        // Wait for a round under way to finish before forgetting the server.
        let runner = self.runner();
        let _turn = runner.lock.lock().await;
        state.store().disconnect().await.map_err(|e| e.kind)?;
        state.connection.set(None);
        self.phase.set(Phase::Idle);
        state.refresh();
        if let Some(server) = server {
            couch::sign_out(&server).await;
        }
        Ok(())
    }
}
