//! `record!` as generated code uses it, seen from outside the crate: secret
//! fields (`[secret]`) take the plain value or the secret in `new` and
//! their setters.

hostapi_runtime::record! {
    /// A request with secrets.
    pub struct Login: send {
        required {
            /// A password.
            password [secret]: hostapi_runtime::Secret,
        }
        optional {
            /// A numbered secret.
            pin / with_pin [secret]: hostapi_runtime::Sensitive<i64>,
        }
    }
}

#[test]
fn secret_fields_take_the_plain_value_or_the_secret() {
    let plain = Login::new("pw").with_pin(1234);
    let wrapped = Login::new(hostapi_runtime::Secret::from("pw"))
        .with_pin(hostapi_runtime::Sensitive::new(1234));
    let owned = Login::new(String::from("pw"));
    assert_eq!(plain.password.expose(), "pw");
    assert_eq!(plain.pin.as_ref().map(|p| *p.expose()), Some(1234));
    assert_eq!(
        serde_json::to_value(&plain).unwrap(),
        serde_json::to_value(&wrapped).unwrap()
    );
    assert_eq!(owned.password.expose(), "pw");
    assert!(!format!("{plain:?}").contains("pw"));
    assert!(!format!("{plain:?}").contains("1234"));
}
