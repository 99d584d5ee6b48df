//! Bit differences between MACs, checked against independent computations.

use std::process::Command;

use one_secret::api_key::KeyDeriver;
use one_secret::server::avalanche::{bit_diff, user_mac_pair};

/// Returns the bytes as a string of '0' and '1', most significant bit first.
fn binary_string(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:08b}")).collect()
}

/// Counts differing characters of the two binary strings.
fn count_by_strings(a: &[u8], b: &[u8]) -> u32 {
    binary_string(a)
        .chars()
        .zip(binary_string(b).chars())
        .filter(|(x, y)| x != y)
        .count() as u32
}

fn fixed_pairs() -> Vec<(Vec<u8>, Vec<u8>)> {
    let (one, two) = user_mac_pair(b"demo-secret-change-me", "1", "2");
    vec![
        (vec![0x00], vec![0xff]),
        (vec![0b1010_0000], vec![0b0000_0101]),
        (vec![0x12, 0x34, 0x56], vec![0x12, 0x34, 0x56]),
        (b"avalanche".to_vec(), b"avalanchf".to_vec()),
        (one.to_vec(), two.to_vec()),
    ]
}

#[test]
fn counts_match_binary_strings() {
    for (a, b) in fixed_pairs() {
        let diff = bit_diff(&a, &b);
        assert_eq!(diff.differing, count_by_strings(&a, &b), "{a:?} vs {b:?}");
        assert_eq!(diff.total, a.len() as u32 * 8);
    }
}

#[test]
fn bits_match_binary_strings() {
    for (a, b) in fixed_pairs() {
        let diff = bit_diff(&a, &b);
        let bits_a: String = diff
            .bits
            .iter()
            .map(|(x, _)| if *x { '1' } else { '0' })
            .collect();
        let bits_b: String = diff
            .bits
            .iter()
            .map(|(_, y)| if *y { '1' } else { '0' })
            .collect();
        assert_eq!(bits_a, binary_string(&a));
        assert_eq!(bits_b, binary_string(&b));
    }
}

#[test]
fn known_small_counts() {
    assert_eq!(bit_diff(&[0x00], &[0xff]).differing, 8);
    assert_eq!(bit_diff(&[0b1010_0000], &[0b0000_0101]).differing, 4);
    assert_eq!(bit_diff(&[1, 2, 3], &[1, 2, 3]).differing, 0);
    assert_eq!(bit_diff(&[], &[]).total, 0);
    assert_eq!(bit_diff(&[], &[]).percent(), 0.0);
    assert_eq!(bit_diff(&[0x00], &[0xff]).percent(), 100.0);
}

#[test]
fn unequal_lengths_compare_prefix() {
    let diff = bit_diff(&[0xff, 0x00], &[0x0f]);
    assert_eq!(diff.total, 8);
    assert_eq!(diff.differing, 4);
}

#[test]
fn counts_match_python() {
    let probe = Command::new("python3").arg("--version").output();
    if probe.is_err() {
        // NOTE: without python3 only the binary-string comparison above runs.
        eprintln!("python3 not found; skipping the python comparison");
        return;
    }
    for (a, b) in fixed_pairs() {
        let hex_a = base16ct::lower::encode_string(&a);
        let hex_b = base16ct::lower::encode_string(&b);
        let script = format!("print(bin(int('{hex_a}', 16) ^ int('{hex_b}', 16)).count('1'))");
        let output = Command::new("python3")
            .args(["-c", &script])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let count: u32 = String::from_utf8(output.stdout)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert_eq!(bit_diff(&a, &b).differing, count, "{hex_a} vs {hex_b}");
    }
}

#[test]
fn mac_pair_matches_deriver() {
    let secret = b"demo-secret-change-me";
    let (a, b) = user_mac_pair(secret, "1", "2");
    let deriver = KeyDeriver::new(secret);
    assert_eq!(a, deriver.mac("1"));
    assert_eq!(b, deriver.mac("2"));
    assert_ne!(a, b);
    // One changed character flips a large share of the 256 bits.
    let diff = bit_diff(&a, &b);
    assert_eq!(diff.total, 256);
    assert!(
        diff.differing > 64 && diff.differing < 192,
        "{}",
        diff.differing
    );
}
