//! `secret-name`: a value named like a secret that is not held as one.

use super::{FileContext, Findings};
use crate::diag::Severity;
use crate::lint::registry::{Rule, Source};
use crate::lint::words::words;
use crate::spec::model::Field;
use crate::spec::span::{Entries, Sp};

pub const RULE: Rule = Rule {
    id: "secret-name",
    severity: Severity::Warning,
    source: Source::Lint(check),
    summary: "A parameter, returned field, error field or credential is named like a secret \
              (password, pass, pw, secret, token, key) but is not marked `secret`.",
    rationale: "Values marked `secret` are held in types whose `Debug` and `Display` never show \
                them, and validation errors never quote them; an unmarked password or API key \
                ends up in logs. The name is read as words (`apiKey`, `api_key` and `APIKey` \
                are all `api key`; `Err{n}` is `err n`), so `passive`, `keyword`, `monkey` or \
                `bypass` never match. A word counts when it is one of password, passwd, \
                passphrase, pass, pw, pwd, secret, token or key (or their plurals), or a \
                compound ending in password, passwd, passphrase, secret or token \
                (`newpassword`, `authtoken`), or apikey, accesskey, secretkey, privatekey. It \
                does not count after `public` (`public_key`, `public_ssh_key`), or when a word follows that \
                describes the secret instead of holding it (`key_id`, `token_type`, \
                `password_expiry`, `key_file`).",
    fix: "Add `secret: true`. If the value is not a secret after all (a key's name, an \
          identifier), allow `secret-name` on the item with that reason.",
};

/// Words that name a secret on their own.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwords",
    "passwd",
    "passphrase",
    "passphrases",
    "pass",
    "pw",
    "pwd",
    "secret",
    "secrets",
    "token",
    "tokens",
    "key",
    "keys",
    "apikey",
    "accesskey",
    "secretkey",
    "privatekey",
];

/// Endings that make a run-together word a secret (`newpassword`).
const SECRET_ENDINGS: &[&str] = &["password", "passwd", "passphrase", "secret", "token"];

/// Words that, after a secret word, describe the secret instead of holding
/// it: `key_id`, `token_type`, `password_expires_at`.
const DESCRIBING: &[&str] = &[
    "id",
    "ids",
    "name",
    "names",
    "type",
    "types",
    "kind",
    "label",
    "index",
    "length",
    "len",
    "count",
    "size",
    "policy",
    "hint",
    "format",
    "expiry",
    "expires",
    "expired",
    "expiration",
    "expire",
    "ttl",
    "lifetime",
    "timeout",
    "age",
    "created",
    "updated",
    "changed",
    "reset",
    "set",
    "required",
    "enabled",
    "status",
    "state",
    "version",
    "url",
    "uri",
    "file",
    "path",
    "fingerprint",
    "algorithm",
    "strength",
];

/// The word that makes `name` a secret's name, if any.
pub fn secret_word(name: &str) -> Option<String> {
    let words = words(name);
    for (i, word) in words.iter().enumerate() {
        let secret = SECRET_WORDS.contains(&word.as_str())
            || SECRET_ENDINGS
                .iter()
                .any(|end| word.len() > end.len() && word.ends_with(end));
        if !secret {
            continue;
        }
        // A public key is not a secret, however it is qualified
        // (`public_key`, `public_ssh_key`).
        let after_public = words[..i].iter().any(|w| w == "public");
        let described = words
            .get(i + 1)
            .is_some_and(|next| DESCRIBING.contains(&next.as_str()));
        if !after_public && !described {
            return Some(word.clone());
        }
    }
    None
}

fn fields<'a>(what: &'a str, list: &'a Entries<Field>) -> Vec<(&'a str, &'a Sp<String>, bool)> {
    list.iter()
        .map(|(name, field)| (what, name, field.secret))
        .collect()
}

fn check(cx: &FileContext<'_>, out: &mut Findings<'_>) {
    let spec = &cx.file.spec;
    // (what it is, its name, whether it is marked secret)
    let mut named: Vec<(&str, &Sp<String>, bool)> = Vec::new();
    if let Some(api) = &spec.api {
        for (name, credential) in api.credentials.iter() {
            named.push(("credential", name, credential.secret));
        }
    }
    for (_, error) in spec.errors.iter() {
        named.extend(fields("error field", &error.fields));
    }
    for (_, section) in spec.sections.iter() {
        for (_, method) in section.methods.iter() {
            for (name, param) in method.every_param() {
                named.push(("parameter", name, param.secret));
            }
            named.extend(fields("returned field", &method.returns));
        }
    }
    for (what, name, secret) in named {
        if secret {
            continue;
        }
        if let Some(word) = secret_word(&name.value) {
            out.report(
                name.pos,
                format!(
                    "{what} `{}` is named like a secret (`{word}`) but is not marked `secret`",
                    name.value
                ),
                "add `secret: true`; if it is not a secret, allow `secret-name` here with the reason",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::secret_word;

    #[test]
    fn secrets_are_words_not_substrings() {
        for name in [
            "password",
            "Password",
            "pass",
            "pw",
            "api_key",
            "apiKey",
            "APIKey",
            "api-key",
            "secret",
            "api_secret",
            "token",
            "authToken",
            "auth_token",
            "authtoken",
            "newpassword",
            "passphrase",
            "ftp_pass",
            "password_new",
            "key2",
            "tokens",
        ] {
            assert!(
                secret_word(name).is_some(),
                "{name} should be a secret name"
            );
        }
        for name in [
            "passive",
            "keyword",
            "keyboard",
            "monkey",
            "bypass",
            "compass",
            "passage",
            "tokenizer",
            "public_key",
            "publicKey",
            "public_ssh_key",
            "key_id",
            "keyId",
            "token_type",
            "password_expiry",
            "ssh_key_fingerprint",
            "uniq_id",
            "hash",
            "Err{n}",
            "",
        ] {
            assert!(
                secret_word(name).is_none(),
                "{name} should not be a secret name"
            );
        }
    }
}
