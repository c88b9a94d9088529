//! The moderation API of a Threadline server (`/moderation/…`, see the "Moderation" part of
//! `docs/protocol.md`), for the moderator bundle only: sign-in, the session, actions on a
//! comment and the site's queue. Every call but sign-in carries `Authorization: Bearer`.

use super::native::NativeApi;
use super::{check, fetch, send_json, with_json};
use crate::error::ClientError;
use gloo_net::http::{Request, RequestBuilder};
use threadline_protocol::moderation::{
    Ban, BanList, ModerationNote, ModeratorEdit, ModeratorSession, NewBan, Queue, SignIn, ThreadLock,
};

/// What a moderator does to one comment, in one click.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verb {
    /// Publish a held or hidden comment.
    Approve,
    /// Refuse it, with a reason.
    Reject,
    /// Delete it (a placeholder stays while it has replies).
    Delete,
    /// List it first.
    Pin,
    /// Undo a pin.
    Unpin,
}

impl Verb {
    /// The last segment of `POST /moderation/comments/{id}/…`.
    pub fn path(self) -> &'static str {
        match self {
            Verb::Approve => "approve",
            Verb::Reject => "reject",
            Verb::Delete => "delete",
            Verb::Pin => "pin",
            Verb::Unpin => "unpin",
        }
    }
}

impl NativeApi {
    /// The same API, as the moderator whose session this is.
    pub fn with_session(mut self, session: Option<String>) -> Self {
        self.session = session.filter(|s| !s.is_empty());
        self
    }

    /// The site this API is for.
    pub fn site(&self) -> &str {
        &self.site
    }

    /// The moderator's session, when signed in.
    pub fn session(&self) -> Option<&str> {
        self.session.as_deref()
    }

    /// Adds `Authorization: Bearer …` when a moderator is signed in.
    pub(super) fn as_moderator(&self, builder: RequestBuilder) -> RequestBuilder {
        match &self.session {
            Some(s) => builder.header("Authorization", &format!("Bearer {s}")),
            None => builder,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/moderation/{path}", self.base())
    }

    /// `POST /moderation/sign-in`: trades the one-time token of a sign-in link for a session.
    pub async fn sign_in(&self, token: &str) -> Result<ModeratorSession, ClientError> {
        let body = SignIn { token: token.to_string() };
        send_json(with_json(Request::post(&self.url("sign-in")), &body)?).await
    }

    /// `GET /moderation/session`: whether the stored session still works, and whose it is.
    pub async fn check_session(&self) -> Result<ModeratorSession, ClientError> {
        send_json(self.as_moderator(Request::get(&self.url("session"))).build()?).await
    }

    /// `DELETE /moderation/session`: signs out (204, no body).
    pub async fn sign_out(&self) -> Result<(), ClientError> {
        let answer = fetch(self.as_moderator(Request::delete(&self.url("session"))).build()?).await?;
        check(answer.status, &answer.body)
    }

    /// `POST /moderation/comments/{id}/{verb}`: answers the comment as moderators now see it.
    pub async fn moderate(
        &self,
        id: &str,
        verb: Verb,
        reason: Option<String>,
    ) -> Result<threadline_protocol::Comment, ClientError> {
        let url = self.url(&format!("comments/{id}/{}", verb.path()));
        let builder = self.as_moderator(Request::post(&url));
        send_json(with_json(builder, &ModerationNote { reason })?).await
    }

    /// `GET /moderation/queue?site=…[&cursor=…]`: held and reported comments of the whole
    /// site, newest first, a page at a time.
    pub async fn queue(&self, site: &str, cursor: Option<&str>) -> Result<Queue, ClientError> {
        let builder = Request::get(&self.url("queue")).query([("site", site)]);
        let builder = match cursor {
            Some(c) => builder.query([("cursor", c)]),
            None => builder,
        };
        send_json(self.as_moderator(builder).build()?).await
    }

    /// `POST /moderation/comments/{id}/edit`: new text, and a note for the audit log.
    pub async fn edit(
        &self,
        id: &str,
        edit: &ModeratorEdit,
    ) -> Result<threadline_protocol::Comment, ClientError> {
        let builder = self.as_moderator(Request::post(&self.url(&format!("comments/{id}/edit"))));
        send_json(with_json(builder, edit)?).await
    }

    /// `POST /moderation/threads/lock`: locks or unlocks a thread; answers whether it is locked.
    pub async fn lock(&self, lock: &ThreadLock) -> Result<ThreadLock, ClientError> {
        send_json(with_json(self.as_moderator(Request::post(&self.url("threads/lock"))), lock)?).await
    }

    /// `GET /moderation/audit?site=…`: the newest actions (a thread's lock state is its newest
    /// `lock` or `unlock`).
    pub async fn audit(&self, site: &str) -> Result<crate::state::desk::LockLog, ClientError> {
        let builder = Request::get(&self.url("audit")).query([("site", site)]);
        send_json(self.as_moderator(builder).build()?).await
    }

    /// `POST /moderation/bans`: bans the author of a comment.
    pub async fn ban(&self, ban: &NewBan) -> Result<Ban, ClientError> {
        send_json(with_json(self.as_moderator(Request::post(&self.url("bans"))), ban)?).await
    }

    /// `GET /moderation/bans?site=…`: live bans, newest first.
    pub async fn bans(&self, site: &str) -> Result<BanList, ClientError> {
        let builder = Request::get(&self.url("bans")).query([("site", site)]);
        send_json(self.as_moderator(builder).build()?).await
    }

    /// `DELETE /moderation/bans/{id}` (204).
    pub async fn unban(&self, id: i64) -> Result<(), ClientError> {
        let request = self.as_moderator(Request::delete(&self.url(&format!("bans/{id}")))).build()?;
        let answer = fetch(request).await?;
        check(answer.status, &answer.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_kept_only_when_there_is_one() {
        let api = NativeApi::new("https://h/api");
        assert_eq!(api.session(), None);
        assert_eq!(api.clone().with_session(Some(String::new())).session(), None);
        assert_eq!(api.with_session(Some("s".into())).session(), Some("s"));
        let paths: Vec<&str> =
            [Verb::Approve, Verb::Reject, Verb::Delete, Verb::Pin, Verb::Unpin].map(Verb::path).to_vec();
        assert_eq!(paths, ["approve", "reject", "delete", "pin", "unpin"]);
    }
}
