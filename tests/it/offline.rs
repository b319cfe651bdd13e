//! Offline by construction: no networking crate anywhere in the resolved dependency graph.

/// Crates that open network connections or exist to support them.
const NETWORKING: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "attohttpc",
    "tokio",
    "async-std",
    "h2",
    "h3",
    "quinn",
    "rustls",
    "native-tls",
    "openssl",
    "openssl-sys",
    "tungstenite",
    "mio",
    "socket2",
    "trust-dns-resolver",
    "hickory-resolver",
    "aws-lc-rs",
    "webpki-roots",
];

#[test]
fn the_dependency_graph_has_no_networking_crate() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    let packages: Vec<&str> = lock
        .lines()
        .filter_map(|line| line.strip_prefix("name = \""))
        .filter_map(|rest| rest.strip_suffix('"'))
        .collect();
    assert!(packages.contains(&"jsonschema"), "Cargo.lock was read");
    let found: Vec<&&str> = packages.iter().filter(|p| NETWORKING.contains(p)).collect();
    assert!(
        found.is_empty(),
        "networking crates in Cargo.lock: {found:?}"
    );
}
