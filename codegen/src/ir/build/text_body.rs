//! Plain-text success answers (`response: text` on a method): the whole
//! body fills one returned field, so the method must return exactly one
//! field that is not read from a header, and that field must read text.

use super::*;
use crate::spec::responses::MethodResponse;

impl<'a, 'd> ApiBuilder<'a, 'd> {
    /// The wire name of the field a `response: text` method's body fills,
    /// checked; `None` for a method read in the API's format, or after an
    /// error.
    pub(super) fn text_body(
        &mut self,
        name: &Sp<String>,
        method: &'a model::Method,
    ) -> Option<String> {
        let response = method.response.as_ref()?;
        let MethodResponse::Text = response.value;
        let refuse = |builder: &mut Self, message: String| {
            builder.diags.push(
                Diagnostic::error("text-response", builder.path, response.pos, message).with_help(
                    "a text answer is one string: return one field of type `string` (or a \
                     named string or enum type), other fields only from headers",
                ),
            );
            None
        };
        if method.returns_map.is_some() || method.paging.is_some() {
            let message = format!(
                "method `{}` answers in plain text, which holds no map or page: expected \
                 `returns` with one field, without `returns_map` or `paging`",
                name.value
            );
            return refuse(self, message);
        }
        let body_fields: Vec<(&Sp<String>, &model::Field)> = method
            .returns
            .iter()
            .filter(|(_, field)| field.header.is_none())
            .collect();
        let [(field_name, field)] = body_fields.as_slice() else {
            let found: Vec<&str> = body_fields.iter().map(|(n, _)| n.value.as_str()).collect();
            let message = format!(
                "method `{}` answers in plain text, which fills one returned field: found {} \
                 fields read from the body ({}), expected exactly one",
                name.value,
                found.len(),
                if found.is_empty() {
                    "none".to_owned()
                } else {
                    found.join(", ")
                }
            );
            return refuse(self, message);
        };
        if field.series || !self.reads_text(&field.ty.value) {
            let message = format!(
                "method `{}` answers in plain text, but its field `{}` is {}: expected a \
                 string",
                name.value,
                field_name.value,
                if field.series {
                    "a numbered series".to_owned()
                } else {
                    format!("of type `{}`", crate::text::visible(&field.ty.value))
                }
            );
            return refuse(self, message);
        }
        Some(field_name.value.clone())
    }

    /// Whether a value of the type named `ty` is read from a JSON string
    /// as it stands: `string`, or a named string or enum type. An unknown
    /// name is reported where the field is lowered, so it passes here.
    fn reads_text(&self, ty: &str) -> bool {
        if let Some(builtin) = Builtin::from_name(ty) {
            return builtin == Builtin::String;
        }
        match self.type_index.get(ty).map(|&i| self.types[i].def) {
            Some(def) => def.string.is_some() || def.enumeration.is_some(),
            None => true,
        }
    }
}
