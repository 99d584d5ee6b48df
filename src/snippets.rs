//! Code that reproduces the page's values elsewhere: Node's `crypto`,
//! Python's `hmac`, Rust's `hmac` and `sha2`, and the `openssl` command.
//!
//! Secrets appear as hex so that every byte survives quoting in every
//! language, and user ids and JSON texts as JSON string literals, which are
//! also valid JavaScript and Python string literals.

use base64ct::{Base64UrlUnpadded, Encoding};

use crate::alg::HmacAlg;
use crate::api_key::{API_KEY_HEX_CHARS, API_KEY_PREFIX};

/// A language a snippet is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// Node.js with its `crypto` module.
    Node,
    /// Python 3 with `hmac`, `hashlib` and `base64`.
    Python,
    /// Rust with the `hmac`, `sha2` and `base64ct` crates.
    Rust,
    /// A POSIX shell with `openssl`.
    Shell,
}

impl Language {
    /// All languages, in the order the page shows them.
    pub const ALL: [Language; 4] = [
        Language::Node,
        Language::Python,
        Language::Rust,
        Language::Shell,
    ];

    /// Returns the stable identifier used in test ids.
    pub fn id(self) -> &'static str {
        match self {
            Language::Node => "node",
            Language::Python => "python",
            Language::Rust => "rust",
            Language::Shell => "shell",
        }
    }

    /// Returns the name shown on the tab.
    pub fn label(self) -> &'static str {
        match self {
            Language::Node => "JavaScript (Node)",
            Language::Python => "Python",
            Language::Rust => "Rust",
            Language::Shell => "Shell (openssl)",
        }
    }
}

fn json_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

fn hex(bytes: &[u8]) -> String {
    base16ct::lower::encode_string(bytes)
}

/// Returns a program that prints the API key of `user_id` under `secret`.
///
/// NOTE: the tests run the Node, Python and shell programs; the Rust one is
/// only checked for its crate names, never compiled.
pub fn api_key_snippet(language: Language, secret: &[u8], user_id: &str) -> String {
    let key_hex = hex(secret);
    let id = json_string(user_id);
    match language {
        Language::Node => format!(
            "const {{ createHmac }} = require('node:crypto');\n\
             const secret = Buffer.from('{key_hex}', 'hex');\n\
             const mac = createHmac('sha256', secret).update({id}, 'utf8').digest('hex');\n\
             console.log('{API_KEY_PREFIX}' + mac.slice(0, {API_KEY_HEX_CHARS}));\n"
        ),
        Language::Python => format!(
            "import hashlib, hmac\n\
             secret = bytes.fromhex('{key_hex}')\n\
             mac = hmac.new(secret, {id}.encode('utf-8'), hashlib.sha256).hexdigest()\n\
             print('{API_KEY_PREFIX}' + mac[:{API_KEY_HEX_CHARS}])\n"
        ),
        Language::Rust => format!(
            "// Cargo.toml: hmac = \"0.12\", sha2 = \"0.10\", base16ct = {{ version = \"0.2\", features = [\"alloc\"] }}\n\
             use hmac::{{Hmac, Mac}};\n\
             use sha2::Sha256;\n\n\
             fn main() {{\n    \
                 let secret = base16ct::lower::decode_vec(\"{key_hex}\").unwrap();\n    \
                 let mut mac = Hmac::<Sha256>::new_from_slice(&secret).unwrap();\n    \
                 mac.update({id}.as_bytes());\n    \
                 let hex = base16ct::lower::encode_string(&mac.finalize().into_bytes());\n    \
                 println!(\"{API_KEY_PREFIX}{{}}\", &hex[..{API_KEY_HEX_CHARS}]);\n\
             }}\n"
        ),
        Language::Shell => format!(
            "printf '%s' {quoted} \\\n  | openssl dgst -sha256 -mac HMAC -macopt hexkey:{key_hex} \\\n  | sed 's/.*= //' | cut -c1-{API_KEY_HEX_CHARS} | sed 's/^/{API_KEY_PREFIX}/'\n",
            quoted = shell_quote(user_id),
        ),
    }
}

/// Returns a program that prints `token` again from its header and payload
/// JSON and the secret, or `None` if `token` is not three base64url
/// segments of UTF-8 text.
pub fn token_snippet(
    language: Language,
    alg: HmacAlg,
    secret: &[u8],
    token: &str,
) -> Option<String> {
    let mut parts = token.split('.');
    let header = String::from_utf8(Base64UrlUnpadded::decode_vec(parts.next()?).ok()?).ok()?;
    let payload = String::from_utf8(Base64UrlUnpadded::decode_vec(parts.next()?).ok()?).ok()?;
    let key_hex = hex(secret);
    let bits = &alg.name()[2..];
    let header_literal = json_string(&header);
    let payload_literal = json_string(&payload);

    Some(match language {
        Language::Node => format!(
            "const {{ createHmac }} = require('node:crypto');\n\
             const secret = Buffer.from('{key_hex}', 'hex');\n\
             const b64url = (text) => Buffer.from(text, 'utf8').toString('base64url');\n\
             const signingInput = b64url({header_literal}) + '.' + b64url({payload_literal});\n\
             const signature = createHmac('sha{bits}', secret).update(signingInput).digest('base64url');\n\
             console.log(signingInput + '.' + signature);\n"
        ),
        Language::Python => format!(
            "import base64, hashlib, hmac\n\
             secret = bytes.fromhex('{key_hex}')\n\
             def b64url(data):\n    \
                 return base64.urlsafe_b64encode(data).rstrip(b'=').decode('ascii')\n\
             signing_input = b64url({header_literal}.encode('utf-8')) + '.' + b64url({payload_literal}.encode('utf-8'))\n\
             signature = hmac.new(secret, signing_input.encode('ascii'), hashlib.sha{bits}).digest()\n\
             print(signing_input + '.' + b64url(signature))\n"
        ),
        Language::Rust => format!(
            "// Cargo.toml: hmac = \"0.12\", sha2 = \"0.10\", base16ct = {{ version = \"0.2\", features = [\"alloc\"] }},\n\
             // base64ct = {{ version = \"1\", features = [\"alloc\"] }}\n\
             use base64ct::{{Base64UrlUnpadded, Encoding}};\n\
             use hmac::{{Hmac, Mac}};\n\
             use sha2::Sha{bits};\n\n\
             fn main() {{\n    \
                 let secret = base16ct::lower::decode_vec(\"{key_hex}\").unwrap();\n    \
                 let header = Base64UrlUnpadded::encode_string({header_literal}.as_bytes());\n    \
                 let payload = Base64UrlUnpadded::encode_string({payload_literal}.as_bytes());\n    \
                 let signing_input = format!(\"{{header}}.{{payload}}\");\n    \
                 let mut mac = Hmac::<Sha{bits}>::new_from_slice(&secret).unwrap();\n    \
                 mac.update(signing_input.as_bytes());\n    \
                 let signature = Base64UrlUnpadded::encode_string(&mac.finalize().into_bytes());\n    \
                 println!(\"{{signing_input}}.{{signature}}\");\n\
             }}\n"
        ),
        Language::Shell => format!(
            "b64url() {{ openssl base64 -A | tr '+/' '-_' | tr -d '='; }}\n\
             signing_input=\"$(printf '%s' {header_quoted} | b64url).$(printf '%s' {payload_quoted} | b64url)\"\n\
             signature=\"$(printf '%s' \"$signing_input\" | openssl dgst -sha{bits} -mac HMAC -macopt hexkey:{key_hex} -binary | b64url)\"\n\
             echo \"$signing_input.$signature\"\n",
            header_quoted = shell_quote(&header),
            payload_quoted = shell_quote(&payload),
        ),
    })
}
