//! Removes what copying a token from a header, a log or a JSON file tends to
//! bring along, and records each removal so the page can show it.

/// A pasted text with wrapping removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cleaned {
    /// The token text that remains.
    pub token: String,
    /// One sentence for each thing removed, in the order it was removed.
    pub removed: Vec<String>,
}

/// Strips surrounding whitespace, an `Authorization:` header name, a
/// `Bearer` scheme and one pair of matching quotes. Whitespace inside the
/// token is kept, so the decoder can point at it.
pub fn clean_pasted(input: &str) -> Cleaned {
    let mut removed = Vec::new();
    let mut token = input;

    loop {
        let before = token;

        let trimmed = token.trim();
        if trimmed.len() != token.len() {
            removed.push(describe_whitespace(token, trimmed));
            token = trimmed;
        }

        if let Some(rest) = strip_prefix_ignore_case(token, "authorization:") {
            removed.push("Removed the \"Authorization:\" header name.".to_owned());
            token = rest;
        } else if let Some(rest) = strip_bearer(token) {
            removed.push("Removed the \"Bearer \" prefix of an Authorization header.".to_owned());
            token = rest;
        } else if let Some(inner) = strip_quotes(token) {
            removed.push("Removed the quotes around the token.".to_owned());
            token = inner;
        }

        if token == before {
            break;
        }
    }

    Cleaned {
        token: token.to_owned(),
        removed,
    }
}

fn describe_whitespace(original: &str, trimmed: &str) -> String {
    let cut: String = if let Some(start) = original.find(trimmed) {
        original[..start]
            .chars()
            .chain(original[start + trimmed.len()..].chars())
            .collect()
    } else {
        original.to_owned()
    };
    let has_line_break = cut.contains('\n') || cut.contains('\r');
    if has_line_break {
        "Removed a line break and surrounding whitespace.".to_owned()
    } else {
        "Removed surrounding whitespace.".to_owned()
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn strip_bearer(text: &str) -> Option<&str> {
    let rest = strip_prefix_ignore_case(text, "bearer")?;
    rest.starts_with(char::is_whitespace).then_some(rest)
}

fn strip_quotes(text: &str) -> Option<&str> {
    ['"', '\''].into_iter().find_map(|quote| {
        let inner = text.strip_prefix(quote)?.strip_suffix(quote)?;
        Some(inner)
    })
}
