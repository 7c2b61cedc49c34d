//! The constraints of named types: strings, numbers, decimals, unions and
//! enums, each checked and lowered.

use super::*;

impl<'a, 'd> ApiBuilder<'a, 'd> {
    pub(super) fn string_rule(
        &mut self,
        file: &Path,
        rule: &Sp<model::StringRule>,
    ) -> Option<StringRule> {
        let mut out = StringRule::default();
        let mut ok = true;
        if let Some(lengths) = &rule.length {
            if lengths.value.is_empty() {
                self.error(
                    "unsatisfiable",
                    file,
                    lengths.pos,
                    "`length` lists no permitted length",
                );
                ok = false;
            }
            let mut sorted = lengths.value.clone();
            sorted.sort_unstable();
            sorted.dedup();
            out.lengths = sorted;
            if rule.min_length.is_some() || rule.max_length.is_some() {
                self.error(
                    "contradiction",
                    file,
                    lengths.pos,
                    "use either `length` or `min_length`/`max_length`, not both",
                );
                ok = false;
            }
        }
        out.min_length = rule.min_length.as_ref().map(|m| m.value);
        out.max_length = rule.max_length.as_ref().map(|m| m.value);
        if let (Some(min), Some(max)) = (&rule.min_length, &rule.max_length)
            && min.value > max.value
        {
            self.error(
                "unsatisfiable",
                file,
                max.pos,
                format!("max_length {} is below min_length {}", max.value, min.value),
            );
            ok = false;
        }
        for (slot, class) in [
            (&mut out.chars, &rule.chars),
            (&mut out.first_char, &rule.first_char),
        ] {
            if let Some(text) = class {
                match CharClass::parse(&text.value) {
                    Ok(parsed) => *slot = Some(parsed),
                    Err(problem) => {
                        self.diags.push(
                            Diagnostic::error(
                                "char-class",
                                file,
                                text.pos,
                                format!("bad character class `{}`: {problem}", text.value),
                            )
                            .with_help("write ranges and characters, e.g. `A-Z0-9` or `a-z0-9._-`"),
                        );
                        ok = false;
                    }
                }
            }
        }
        if let Some(control) = &rule.control_chars {
            let allow = &control.value.allow;
            out.control_chars = Some((
                allow.contains(&model::ControlChar::Tab),
                allow.contains(&model::ControlChar::Cr),
                allow.contains(&model::ControlChar::Lf),
            ));
        }
        if let Some(text) = &rule.not_chars {
            match CharClass::parse(&text.value) {
                Ok(parsed) => out.not_chars = Some(parsed),
                Err(problem) => {
                    self.error(
                        "char-class",
                        file,
                        text.pos,
                        format!("bad character class `{}`: {problem}", text.value),
                    );
                    ok = false;
                }
            }
        }
        if let Some(classes) = &rule.classes {
            let mut kinds = classes.value.of.clone();
            kinds.sort_unstable();
            kinds.dedup();
            if kinds.len() != classes.value.of.len() {
                self.error(
                    "contradiction",
                    file,
                    classes.pos,
                    "`classes.of` lists a class twice",
                );
                ok = false;
            }
            let at_least = classes.value.at_least.value;
            if at_least == 0 || at_least as usize > classes.value.of.len() {
                self.error(
                    "unsatisfiable",
                    file,
                    classes.value.at_least.pos,
                    format!(
                        "`at_least` must be 1 to {} (the number of classes listed), got {at_least}",
                        classes.value.of.len()
                    ),
                );
                ok = false;
            }
            out.classes = Some((at_least, classes.value.of.clone()));
        }
        if let Some(format) = &rule.format {
            out.format = Some(self.string_format(file, format)?);
        }
        if let Some(pattern) = &rule.pattern {
            match super::pattern::checked(file, pattern) {
                Ok(canonical) => out.pattern = Some(canonical),
                Err(diagnostic) => {
                    self.diags.push(diagnostic);
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    pub(super) fn string_format(
        &mut self,
        file: &Path,
        format: &Sp<model::StringFormat>,
    ) -> Option<StringFormat> {
        use model::StringFormat as F;
        Some(match &format.value {
            F::Base64 => StringFormat::Base64,
            F::HttpUri => StringFormat::HttpUri,
            F::Hostname => StringFormat::Hostname,
            F::Fqdn => StringFormat::Fqdn,
            F::DomainName => StringFormat::DomainName,
            F::WildcardDomain => StringFormat::WildcardDomain,
            F::ReverseDnsV4 => StringFormat::ReverseDnsV4,
            F::ReverseDnsV6 => StringFormat::ReverseDnsV6,
            F::ReverseZone => StringFormat::ReverseZone,
            F::Ipv4 => StringFormat::Ipv4,
            F::Ipv4Cidr => StringFormat::Ipv4Cidr,
            F::Ipv6 => StringFormat::Ipv6,
            F::Email => StringFormat::Email,
            F::Date => StringFormat::Date,
            F::Datetime => StringFormat::Datetime,
            F::MimeType => StringFormat::MimeType,
            F::SshPublicKey => StringFormat::SshPublicKey,
            F::Pem(label) => {
                let usable = !label.value.is_empty()
                    && label
                        .value
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == ' ')
                    && !label.value.starts_with(' ')
                    && !label.value.ends_with(' ');
                if !usable {
                    self.error(
                        "format",
                        file,
                        label.pos,
                        format!(
                            "PEM label `{}` must be capital letters, digits and single spaces, e.g. `CERTIFICATE`",
                            label.value
                        ),
                    );
                    return None;
                }
                StringFormat::Pem(label.value.clone())
            }
        })
    }

    pub(super) fn float_rule(
        &mut self,
        file: &Path,
        rule: &Sp<model::FloatRule>,
    ) -> Option<TypeKind> {
        let mut ok = true;
        for bound in [&rule.min, &rule.max, &rule.above].into_iter().flatten() {
            if !bound.value.is_finite() {
                self.error(
                    "unsatisfiable",
                    file,
                    bound.pos,
                    "bounds must be finite numbers",
                );
                ok = false;
            }
        }
        if let (Some(min), Some(above)) = (&rule.min, &rule.above) {
            self.error(
                "contradiction",
                file,
                above.pos,
                format!(
                    "use either `min` ({}) or `above` ({}), not both",
                    min.value, above.value
                ),
            );
            ok = false;
        }
        if let Some(max) = &rule.max {
            if let Some(min) = rule.min.as_ref().filter(|m| m.value > max.value) {
                self.error(
                    "unsatisfiable",
                    file,
                    max.pos,
                    format!("max {} is below min {}", max.value, min.value),
                );
                ok = false;
            }
            if let Some(above) = rule.above.as_ref().filter(|a| a.value >= max.value) {
                self.error(
                    "unsatisfiable",
                    file,
                    max.pos,
                    format!(
                        "no number is above {} and at most {}",
                        above.value, max.value
                    ),
                );
                ok = false;
            }
        }
        ok.then(|| TypeKind::Float {
            min: rule.min.as_ref().map(|m| m.value),
            max: rule.max.as_ref().map(|m| m.value),
            above: rule.above.as_ref().map(|m| m.value),
        })
    }

    pub(super) fn decimal_rule(
        &mut self,
        file: &Path,
        rule: &Sp<model::DecimalRule>,
    ) -> Option<Decimal> {
        let mut ok = true;
        let currency = match &rule.currency {
            Some(symbol) => {
                let mut chars = symbol.value.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_ascii_digit() && c != '-' && c != '.' => Some(c),
                    _ => {
                        self.error(
                            "format",
                            file,
                            symbol.pos,
                            format!(
                                "`currency` must be one character other than a digit, '-' or '.', got `{}`",
                                symbol.value
                            ),
                        );
                        ok = false;
                        None
                    }
                }
            }
            None => None,
        };
        if rule.negative && rule.positive {
            self.error(
                "contradiction",
                file,
                rule.pos,
                "`negative: true` allows a '-' that `positive: true` forbids",
            );
            ok = false;
        }
        let min_fraction = rule.min_fraction_digits.as_ref().map_or(0, |m| m.value);
        if let Some(max) = &rule.max_fraction_digits
            && max.value < min_fraction
        {
            self.error(
                "unsatisfiable",
                file,
                max.pos,
                format!(
                    "max_fraction_digits {} is below min_fraction_digits {min_fraction}",
                    max.value
                ),
            );
            ok = false;
        }
        ok.then(|| Decimal {
            currency,
            negative: rule.negative,
            positive: rule.positive,
            min_fraction,
            max_fraction: rule.max_fraction_digits.as_ref().map(|m| m.value),
        })
    }

    pub(super) fn union_rule(
        &mut self,
        file: &Path,
        name: &Sp<String>,
        rule: &Sp<model::UnionRule>,
    ) -> Option<TypeKind> {
        if rule.of.len() < 2 {
            self.error(
                "unsatisfiable",
                file,
                rule.pos,
                format!("union `{}` needs at least two member types", name.value),
            );
            return None;
        }
        let mut members: Vec<UnionMember> = Vec::new();
        for member in &rule.of {
            if member.value == name.value {
                self.error(
                    "unsatisfiable",
                    file,
                    member.pos,
                    format!("union `{}` cannot contain itself", name.value),
                );
                return None;
            }
            let ty = self.type_ref(file, member);
            // Variants are named within the enum, so a builtin's variant
            // can be called `String` beside the prelude's type.
            let rust_name = match &ty {
                TypeRef::Named(rust) => rust.clone(),
                TypeRef::Builtin(builtin) => builtin.variant_name().to_string(),
            };
            if members.iter().any(|m| m.ty == ty) {
                self.error(
                    "contradiction",
                    file,
                    member.pos,
                    format!("union `{}` lists `{}` twice", name.value, member.value),
                );
                return None;
            }
            if let Some(other) = members.iter().find(|m| m.rust_name == rust_name) {
                let message = format!(
                    "union `{}` would have two variants named `{rust_name}` (for `{}` and `{}`)",
                    name.value,
                    type_ref_name(&other.ty),
                    member.value
                );
                self.diags.push(
                    Diagnostic::error("name-collision", file, member.pos, message)
                        .with_help("rename the named type"),
                );
                return None;
            }
            let boxed = self
                .boxed
                .contains(&(name.value.clone(), member.value.clone()));
            members.push(UnionMember {
                rust_name,
                ty,
                boxed,
            });
        }
        Some(TypeKind::Union { members })
    }

    pub(super) fn enum_rule(
        &mut self,
        file: &Path,
        rule: &Sp<model::EnumRule>,
    ) -> Option<TypeKind> {
        if rule.values.is_empty() {
            self.error(
                "unsatisfiable",
                file,
                rule.pos,
                "an enum needs at least one value",
            );
            return None;
        }
        let mut values: Vec<EnumValue> = Vec::new();
        for (index, value) in rule.values.iter().enumerate() {
            // Enum values are the vendor's wire values and have no
            // `rust_name`: one that names no variant (`+`, `é`, `unknown`,
            // which the catch-all variant takes) is called by its position.
            let rust_name = naming::checked_camel(&value.value)
                .ok()
                .filter(|name| name != "Unknown")
                .unwrap_or_else(|| format!("Value{}", index + 1));
            let clash = values.iter().find(|v| {
                v.rust_name == rust_name
                    || (rule.case_insensitive && v.wire.eq_ignore_ascii_case(&value.value))
            });
            if let Some(other) = clash {
                let message = format!(
                    "enum values `{}` and `{}` collide (as `{rust_name}` or ignoring case)",
                    other.wire, value.value
                );
                self.error("name-collision", file, value.pos, message);
                continue;
            }
            values.push(EnumValue {
                wire: value.value.clone(),
                rust_name,
            });
        }
        Some(TypeKind::Enum {
            values,
            case_insensitive: rule.case_insensitive,
        })
    }
}

/// How a member type is called in messages.
pub(super) fn type_ref_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(rust) => rust.clone(),
        TypeRef::Builtin(builtin) => builtin.variant_name().to_lowercase(),
    }
}
