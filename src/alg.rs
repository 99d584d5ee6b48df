//! The three HMAC algorithms of RFC 7518 section 3.2.

/// An HMAC-based JWS algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum HmacAlg {
    /// HMAC with SHA-256.
    #[default]
    Hs256,
    /// HMAC with SHA-384.
    Hs384,
    /// HMAC with SHA-512.
    Hs512,
}

impl HmacAlg {
    /// All supported algorithms, in the order the UI lists them.
    pub const ALL: [HmacAlg; 3] = [HmacAlg::Hs256, HmacAlg::Hs384, HmacAlg::Hs512];

    /// Returns the `alg` header value, for example `HS256`.
    pub fn name(self) -> &'static str {
        match self {
            HmacAlg::Hs256 => "HS256",
            HmacAlg::Hs384 => "HS384",
            HmacAlg::Hs512 => "HS512",
        }
    }

    /// Parses an exact, case-sensitive `alg` value.
    pub fn from_name(name: &str) -> Option<HmacAlg> {
        HmacAlg::ALL.into_iter().find(|alg| alg.name() == name)
    }

    /// Returns the hash function's name, for example `SHA-256`.
    pub fn hash_name(self) -> &'static str {
        match self {
            HmacAlg::Hs256 => "SHA-256",
            HmacAlg::Hs384 => "SHA-384",
            HmacAlg::Hs512 => "SHA-512",
        }
    }

    /// Length of the MAC in bytes, which is also the minimum key length that
    /// RFC 7518 section 3.2 requires.
    pub fn output_len(self) -> usize {
        match self {
            HmacAlg::Hs256 => 32,
            HmacAlg::Hs384 => 48,
            HmacAlg::Hs512 => 64,
        }
    }

    /// Block size of the hash in bytes. HMAC hashes longer keys first.
    pub fn block_len(self) -> usize {
        match self {
            HmacAlg::Hs256 => 64,
            HmacAlg::Hs384 | HmacAlg::Hs512 => 128,
        }
    }
}
