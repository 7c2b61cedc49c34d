//! Where the importer is in docs.json (section, method, direction, field
//! path), for made types' names, report locations and JSON paths.

/// Which way a member travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dir {
    In,
    Out,
}

/// Where the importer is, for names, messages and JSON paths.
#[derive(Clone, Debug)]
pub(super) struct Ctx {
    pub(super) section: String,
    pub(super) method: String,
    pub(super) dir: Dir,
    /// Field names from the method down, `[]` for list items.
    pub(super) fields: Vec<String>,
    pub(super) json_path: String,
}

impl Ctx {
    pub(super) fn at(&self) -> String {
        let what = match self.dir {
            Dir::In => "param",
            Dir::Out => "returns",
        };
        format!(
            "{} {}: {what} `{}`",
            self.section,
            self.method,
            self.fields.join(".")
        )
    }

    pub(super) fn child(&self, field: &str, key: &str) -> Ctx {
        let mut ctx = self.clone();
        ctx.fields.push(field.to_string());
        ctx.json_path = json_path(&json_path(&self.json_path, key), field);
        ctx
    }

    pub(super) fn item(&self) -> Ctx {
        let mut ctx = self.clone();
        ctx.fields.push("[]".to_string());
        ctx.json_path = json_path(&self.json_path, "array_of");
        ctx
    }
}

/// `$` + `.key` or `["key"]`.
pub(super) fn json_path(base: &str, key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!("{base}.{key}")
    } else {
        format!("{base}[{}]", serde_json::Value::from(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_paths() {
        assert_eq!(json_path("$", "Account/Auth"), "$[\"Account/Auth\"]");
        assert_eq!(json_path("$[\"A\"]", "__methods"), "$[\"A\"].__methods");
    }
}
