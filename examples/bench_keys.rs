//! Times native API key derivation for `scripts/bench.mjs`.
//!
//! Usage: `cargo run --release --example bench_keys -- COUNT RUNS`.
//! Prints one JSON object: the elapsed milliseconds of each run, where one
//! run derives the keys of user ids "1" to COUNT with one keyed-once
//! `KeyDeriver`, as the users table does.

use std::hint::black_box;
use std::time::Instant;

use one_secret::api_key::KeyDeriver;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: u32 = parse_arg(args.next(), "COUNT", 100_000);
    let runs: u32 = parse_arg(args.next(), "RUNS", 7);

    let deriver = KeyDeriver::new(b"bench-server-secret");
    let mut elapsed_ms = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        for user in 1..=count {
            black_box(deriver.api_key(&user.to_string()));
        }
        elapsed_ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }

    let list: Vec<String> = elapsed_ms.iter().map(|ms| format!("{ms:.3}")).collect();
    println!("{{\"count\":{count},\"elapsedMs\":[{}]}}", list.join(","));
}

fn parse_arg(value: Option<String>, name: &str, default: u32) -> u32 {
    match value {
        None => default,
        Some(text) => text.parse().unwrap_or_else(|_| {
            eprintln!("{name} must be a positive whole number, got {text:?}");
            std::process::exit(2);
        }),
    }
}
