//! docs/types.md publishes how every documented type phrase (Liquid Web's
//! catalogue, eNom's and Sive.Host's types) maps to the rule the generated
//! code enforces. It is produced from the spec, so
//! it cannot drift: this test fails when it is stale, and rewrites it when
//! run with `HOSTAPI_UPDATE_DOCS=1`.

use std::path::Path;

const HEADER: &str = "\
# Type phrases and the rules hostapi enforces

How each type phrase in the vendors' documentation maps to the rule the
generated code enforces. Produced from `spec/` by
`HOSTAPI_UPDATE_DOCS=1 cargo test -p hostapi-codegen --test type_table`; do not
edit by hand.

Every type name in `docs-v1.json` (the 2013 machine-readable docs) has a row,
plus the seeds' newer types, which have no vendor name. Three names carry no
rule and map to builtins instead of named types: `STRING` (\"a string.\") to
`string`, `INTEGER` (\"an integer value.\") to `integer`, and `FLOAT` (\"a
floating-point value.\") to `float`. Where a phrase is vague, the rule is the
loosest the phrase supports, and the row says so.

Lengths count characters, not bytes. Values read from responses are checked
too; numbers may arrive as strings and booleans as `0`/`1` or `\"0\"`/`\"1\"`.

## Liquid Web (`spec/liquidweb/types.yaml`, shared by bleed and v1)

";

#[test]
fn type_tables_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let generated = hostapi_codegen::generate(&root.join("spec")).expect("bundled specs generate");
    let catalogue = generated
        .workspace
        .libraries
        .iter()
        .find(|l| l.module == "liquidweb_types")
        .expect("the Liquid Web APIs use the catalogue");
    let table = hostapi_codegen::emit::type_table(&catalogue.types);
    let mut expected = format!("{HEADER}{table}");
    for api in &generated.workspace.apis {
        if !api.types.is_empty() {
            expected.push_str(&format!(
                "\n## {} {} (`{}`)\n\n{}",
                api.title,
                api.version,
                api.module,
                hostapi_codegen::emit::type_table(&api.types)
            ));
        }
    }
    let path = root.join("docs/types.md");
    if std::env::var_os("HOSTAPI_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == expected,
        "docs/types.md is stale; run HOSTAPI_UPDATE_DOCS=1 cargo test -p hostapi-codegen --test type_table"
    );
    // Every vendor type name of docs-v1.json is in the table.
    for name in VENDOR_NAMES {
        assert!(
            table.contains(&format!("| `{}` |", name.replace('|', "\\|"))),
            "{name} has no row"
        );
    }
}

/// Every `type` string in docs-v1.json except STRING, INTEGER and FLOAT.
const VENDOR_NAMES: &[&str] = &[
    "ACCOUNT_NUMBER",
    "ACCOUNT_TYPE",
    "ACCOUNT_USERNAME",
    "ARRAY[IP_DEC]",
    "ARRAY[LOADBALANCER_SERVICE]",
    "ARRAY[STRING]",
    "ARRAY[WORD]",
    "ARRAY[WORD_]|WORD_",
    "BASE64",
    "BOOLEAN",
    "CVV2",
    "DATETIME",
    "DATE_VALID",
    "DNS_NAME",
    "DNS_REVERSE_RECORD|RR_WILDCARD|HOSTNAME|DNS_REVERSE_RECORD6|DNS_NAME",
    "DNS_RR_PARAMS",
    "DNS_ZONE",
    "DNS_ZONE|DNS_REVERSE_ZONE",
    "DOMAIN_ANY",
    "DOMAIN_FULL",
    "DOMAIN_FULL|LINE",
    "EMAIL_ADDR",
    "EMAIL_ADDR|SOA_ADMIN_EMAIL",
    "FIREWALL_ALLOW_LIST",
    "FIREWALL_RULESET",
    "FIREWALL_RULE_LIST",
    "FIREWALL_TYPE",
    "GENERIC_PASSWORD_BILLING_LENGTH",
    "HASH",
    "HD_SECID",
    "HD_STATUS",
    "HD_TICKET_TYPE",
    "HD_TRANSACTION_TYPE",
    "HOSTNAME",
    "HOSTNAME|SOA_NAMESERVER",
    "IP_DEC",
    "IP_DEC_MASK",
    "IP_DEC|IPV6",
    "LAXWORD",
    "LAXWORDS",
    "LINE",
    "LW_EMAIL_ADDR",
    "MIME_TYPE",
    "MONEY",
    "NON_NEG_INT",
    "OPTIONS_NAME",
    "PORT_NUMBER",
    "POSITIVE_FLOAT",
    "POSITIVE_INT",
    "POSITIVE_INT|PRODUCT_CODE",
    "POSITIVE_MONEY",
    "PRICE",
    "PRIVATE_KEY",
    "PRODUCT_ALIAS",
    "PRODUCT_CODE",
    "PRODUCT_CODE|ARRAY[PRODUCT_CODE]",
    "RELATION_ID",
    "RR_TYPE",
    "SSH_KEY_PUBLIC",
    "SSL_CERT",
    "STORM_INSTANCE_PASSWORD",
    "SUBACCNT_UNIQ_ID",
    "SUBACCNT_USERNAME",
    "SUBACCNT_USERNAME|SAN_USERNAME",
    "TEXT_GENERAL",
    "TEXT_GENERAL[60]",
    "TEXT_GENERAL[80]",
    "TIMESTAMP_VALID",
    "UNIXTIME",
    "WORD",
    "WORD_",
    "WORD|EMAIL_ADDR",
    // Names that occur only inside the unions above.
    "DNS_REVERSE_ZONE",
    "DNS_REVERSE_RECORD",
    "DNS_REVERSE_RECORD6",
    "RR_WILDCARD",
    "SOA_ADMIN_EMAIL",
    "SOA_NAMESERVER",
    "SAN_USERNAME",
    "IPV6",
    "LOADBALANCER_SERVICE",
];
