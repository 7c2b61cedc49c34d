//! Liquid Web v1 as today's clients call it (issue 11, item 3): members
//! the 2013 file lacks, added by the overlay's `additions`, go on the wire
//! and are read back, over a loopback server: top-level members, members
//! inside the types the import made (list items), and a member typed as
//! another method's imported structure (Server/clone's `zone`). The
//! members the recount of scripts/audit-liquidweb-clients.py found
//! (Network/DNS/Zone `contact`, Storage/Block/Volume/list's items'
//! `zoneAvailability`) are read here too, and Network/DNS/Record/list's
//! items as the record Network/DNS/Record/details returns (the overlay's
//! `type: Network/DNS/Record/details:[]`).

use hostapi::liquidweb_v1::{
    Client, Credentials, network_dns_record, network_dns_zone, network_ip, server,
    storage_block_volume, storm_server, types,
};
use hostapi::runtime::{ClientConfig, Sensitive};
use hostapi_testkit::{Canned, TestServer};

fn client(base: &str) -> Client {
    Client::with_config(
        Credentials::new("alice", "pw"),
        ClientConfig::default().with_base_url(base),
    )
    .unwrap()
}

fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(body)))
}

fn uniq_id(text: &str) -> types::SubaccntUniqId {
    types::SubaccntUniqId::new(text).unwrap()
}

#[tokio::test]
async fn network_ip_add_sends_pool_and_ipv6_parameters() {
    let server = TestServer::start(Canned::new(
        200,
        "application/json",
        r#"{"adding": "192.0.2.10"}"#.to_string(),
    ))
    .await;
    let request =
        network_ip::AddRequest::new(types::PositiveInt::new(1).unwrap(), uniq_id("ABC123"))
            .with_pool_ips(vec![types::IpDec::new("192.0.2.10").unwrap()])
            .with_ip6_count(types::NonNegInt::new(1).unwrap())
            .with_pool6_ips(vec!["2001:db8::/64".to_string()])
            .with_configure_ips(types::Boolean::new(true));
    let answer = client(&server.url(""))
        .network_ip()
        .add(&request)
        .await
        .unwrap();
    assert_eq!(answer.adding.as_str(), "192.0.2.10");
    let seen = server.single_request();
    assert_eq!(seen.target, "/Network/IP/add");
    assert_eq!(
        json(&seen.body),
        serde_json::json!({"params": {
            "ip_count": 1,
            "uniq_id": "ABC123",
            "configure_ips": 1,
            "ip6_count": 1,
            "pool_ips": ["192.0.2.10"],
            "pool6_ips": ["2001:db8::/64"],
        }})
    );
}

/// A Storm/Server/details answer as a server on a private parent gives it.
const DETAILS: &str = r#"{
    "accnt": 123456, "active": 1, "backup_enabled": 0, "bandwidth_quota": 0,
    "config_description": "Private parent child", "config_id": 0,
    "create_date": "2026-12-01 10:00:00", "domain": "host.example.com",
    "ip": "192.0.2.5", "ip_count": 1, "manage_level": "self",
    "template": "UBUNTU_2404_UNMANAGED", "template_description": "Ubuntu 24.04",
    "type": "SS.VPS", "uniq_id": "ABC123",
    "vcpu": 4, "memory": 8192, "diskspace": 100, "parent": "PAR123"
}"#;

#[tokio::test]
async fn storm_server_details_reads_todays_resource_fields() {
    let server = TestServer::start(Canned::new(200, "application/json", DETAILS.to_string())).await;
    let request = storm_server::DetailsRequest::new(uniq_id("ABC123"));
    let details = client(&server.url(""))
        .storm_server()
        .details(&request)
        .await
        .unwrap();
    assert_eq!(details.vcpu.as_ref().map(|n| n.get()), Some(4));
    assert_eq!(details.memory.as_ref().map(|n| n.get()), Some(8192));
    assert_eq!(details.diskspace.as_ref().map(|n| n.get()), Some(100));
    assert_eq!(details.parent.as_deref(), Some("PAR123"));
}

#[tokio::test]
async fn storm_server_clone_onto_a_private_parent_sends_its_resources() {
    let server = TestServer::start(Canned::new(200, "application/json", DETAILS.to_string())).await;
    let request = storm_server::CloneServerRequest::new(
        types::DomainFull::new("clone.example.com").unwrap(),
        Sensitive::new(types::StormInstancePassword::new("Secr3t-pass").unwrap()),
        uniq_id("ABC123"),
    )
    .with_parent(uniq_id("PAR123"))
    .with_memory(types::PositiveInt::new(4096).unwrap())
    .with_diskspace(types::PositiveInt::new(50).unwrap())
    .with_vcpu(types::PositiveInt::new(2).unwrap());
    let clone = client(&server.url(""))
        .storm_server()
        .clone_server(&request)
        .await
        .unwrap();
    assert_eq!(clone.parent.as_deref(), Some("PAR123"));
    let seen = server.single_request();
    assert_eq!(seen.target, "/Storm/Server/clone");
    assert_eq!(
        json(&seen.body),
        serde_json::json!({"params": {
            "domain": "clone.example.com",
            "password": "Secr3t-pass",
            "uniq_id": "ABC123",
            "parent": "PAR123",
            "memory": 4096,
            "diskspace": 50,
            "vcpu": 2,
        }})
    );
}

/// One page of Storm/Server/list whose item is a server on a private parent.
fn list_page() -> String {
    format!(
        r#"{{"item_count": 1, "item_total": 1, "page_num": 1, "page_size": 25,
            "page_total": 1, "items": [{DETAILS}]}}"#
    )
}

#[tokio::test]
async fn storm_server_list_items_carry_todays_resource_fields() {
    let server = TestServer::start(Canned::new(200, "application/json", list_page())).await;
    let request = storm_server::ListRequest::new().with_parent(uniq_id("PAR123"));
    let page = client(&server.url(""))
        .storm_server()
        .list(&request)
        .await
        .unwrap();
    let item = &page.items[0];
    assert_eq!(item.vcpu.as_ref().map(|n| n.get()), Some(4));
    assert_eq!(item.memory.as_ref().map(|n| n.get()), Some(8192));
    assert_eq!(item.diskspace.as_ref().map(|n| n.get()), Some(100));
    assert_eq!(item.parent.as_deref(), Some("PAR123"));
    // A child of a private parent has `config_id` 0, which the 2013 type
    // (`PositiveInt`) refuses: kept and reported; the added fields are clean.
    let paths: Vec<String> = page.violations().iter().map(|v| v.path.clone()).collect();
    assert_eq!(paths, ["items[0].config_id"]);
    assert_eq!(
        json(&server.single_request().body),
        serde_json::json!({"params": {"parent": "PAR123"}})
    );
}

#[tokio::test]
async fn network_ip_list_items_carry_their_network() {
    let body = r#"{"item_count": 1, "item_total": 1, "page_num": 1, "page_size": 25,
        "page_total": 1, "items": [{"broadcast": "192.0.2.255", "gateway": "192.0.2.1",
        "id": 7, "ip": "192.0.2.10", "netmask": "255.255.255.0", "network": "192.0.2.0",
        "reverse_dns": "host.example.com"}]}"#;
    let server = TestServer::start(Canned::new(200, "application/json", body.to_string())).await;
    let request =
        network_ip::ListRequest::new(uniq_id("ABC123")).with_expand_ips(types::Boolean::new(true));
    let page = client(&server.url(""))
        .network_ip()
        .list(&request)
        .await
        .unwrap();
    assert_eq!(page.items[0].network.as_deref(), Some("192.0.2.0"));
    assert_eq!(page.items[0].ip.as_str(), "192.0.2.10");
}

#[tokio::test]
async fn server_clone_reads_its_zone_as_storm_server_details_shapes_it() {
    let body = r#"{"accnt": 123456, "active": 1, "description": "clone", "domain": "clone.example.com",
        "region_id": 1, "type": "SS.VPS", "uniq_id": "NEW123", "memory": 4096,
        "zone": {"id": 40, "name": "Zone C", "region": {"id": 1, "name": "US Central"}}}"#;
    let server = TestServer::start(Canned::new(200, "application/json", body.to_string())).await;
    let request = server::CloneServerRequest::new(
        types::DomainFull::new("clone.example.com").unwrap(),
        Sensitive::new(types::StormInstancePassword::new("Secr3t-pass").unwrap()),
        uniq_id("ABC123"),
    );
    let clone = client(&server.url(""))
        .server()
        .clone_server(&request)
        .await
        .unwrap();
    let zone = clone.zone.as_ref().expect("the zone is read");
    assert_eq!(zone.id.get(), 40);
    assert_eq!(zone.name, "Zone C");
    assert_eq!(zone.region.name, "US Central");
    assert_eq!(clone.memory.as_ref().map(|n| n.get()), Some(4096));
}

#[tokio::test]
async fn network_dns_zone_details_reads_its_contact() {
    let body = r#"{"active": 1, "id": 12, "master": "192.0.2.53", "name": "example.com",
        "type": "NATIVE", "contact": "hostmaster.example.com"}"#;
    let server = TestServer::start(Canned::new(200, "application/json", body.to_string())).await;
    let request =
        network_dns_zone::DetailsRequest::new().with_id(types::PositiveInt::new(12).unwrap());
    let zone = client(&server.url(""))
        .network_dns_zone()
        .details(&request)
        .await
        .unwrap();
    assert_eq!(zone.contact.as_deref(), Some("hostmaster.example.com"));
    assert!(zone.violations().is_empty(), "{:?}", zone.violations());
}

#[tokio::test]
async fn network_dns_zone_list_items_carry_their_contact() {
    let body = r#"{"item_count": 1, "item_total": 1, "page_num": 1, "page_size": 25,
        "page_total": 1, "items": [{"active": 1, "id": 12, "master": "192.0.2.53",
        "name": "example.com", "type": "NATIVE", "contact": "hostmaster.example.com"}]}"#;
    let server = TestServer::start(Canned::new(200, "application/json", body.to_string())).await;
    let page = client(&server.url(""))
        .network_dns_zone()
        .list(&network_dns_zone::ListRequest::new())
        .await
        .unwrap();
    assert_eq!(
        page.items[0].contact.as_deref(),
        Some("hostmaster.example.com")
    );
}

#[tokio::test]
async fn storage_block_volume_list_items_carry_their_zone_availability() {
    let body = r#"{"item_count": 1, "item_total": 1, "page_num": 1, "page_size": 25,
        "page_total": 1, "items": [{"attachedTo": [], "cross_attach": 0, "domain": "vol1",
        "size": 10, "status": "Active", "uniq_id": "VOL123", "zone": 40,
        "zoneAvailability": [40, 41]}]}"#;
    let server = TestServer::start(Canned::new(200, "application/json", body.to_string())).await;
    let page = client(&server.url(""))
        .storage_block_volume()
        .list(&storage_block_volume::ListRequest::new())
        .await
        .unwrap();
    assert_eq!(
        page.items[0].zone_availability,
        Some(serde_json::json!([40, 41]))
    );
}

#[tokio::test]
async fn network_dns_record_list_items_are_the_records_details_returns() {
    // The second item carries a key no source lists: still read.
    let body = r#"{"item_count": 2, "item_total": 2, "page_num": 1, "page_size": 25,
        "page_total": 1, "items": [
          {"id": 101, "name": "www.example.com", "rdata": "192.0.2.10", "type": "A",
           "zone_id": 12, "ttl": 3600, "zone": "example.com",
           "created": "2026-11-02 10:00:00", "last_updated": "2026-11-30 09:15:00"},
          {"id": 102, "name": "example.com", "rdata": "10 mail.example.com", "type": "MX",
           "zone_id": 12, "prio": 10, "zone": "example.com", "unheard_of": {"x": 1}}
        ]}"#;
    let server = TestServer::start(Canned::new(200, "application/json", body.to_string())).await;
    let request =
        network_dns_record::ListRequest::new().with_zone_id(types::PositiveInt::new(12).unwrap());
    let page = client(&server.url(""))
        .network_dns_record()
        .list(&request)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 2);
    let first: &types::RecordDetails = &page.items[0];
    assert_eq!(first.id.get(), 101);
    assert_eq!(first.rdata, "192.0.2.10");
    assert_eq!(first.type_, types::RecordType::A);
    assert_eq!(first.ttl.as_ref().map(|n| n.get()), Some(3600));
    // The members details has from the overlay's own additions.
    assert_eq!(first.zone.as_deref(), Some("example.com"));
    assert_eq!(first.created.as_deref(), Some("2026-11-02 10:00:00"));
    assert_eq!(first.last_updated.as_deref(), Some("2026-11-30 09:15:00"));
    let second = &page.items[1];
    assert_eq!(second.type_, types::RecordType::Mx);
    assert_eq!(second.prio.as_ref().map(|n| n.get()), Some(10));
    assert_eq!(second.zone.as_deref(), Some("example.com"));
    assert!(second.created.is_none());
    assert!(page.violations().is_empty(), "{:?}", page.violations());
    assert_eq!(
        json(&server.single_request().body),
        serde_json::json!({"params": {"zone_id": 12}})
    );
}
