//! clap's mistakes in the user's language: clap words its errors in English, so they are
//! rebuilt here from the error's kind and context (the argument, the value, the valid
//! values, clap's suggestion), never printed as clap's English text.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Whether the command line asks for English messages (`--lang en`, `--lang=en`). Read
/// from the raw arguments: when clap fails there are no parsed options.
pub fn english() -> bool {
    let args: Vec<String> = std::env::args().collect();
    args.iter().any(|a| a == "--lang=en")
        || args
            .windows(2)
            .any(|w| w[0] == "--lang" && w[1].eq_ignore_ascii_case("en"))
}

fn context(e: &clap::Error, k: ContextKind) -> Option<String> {
    match e.get(k)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The message for a command-line mistake: what is wrong, in one line, then the usage line
/// and where to read more. `en` for English.
pub fn message(e: &clap::Error, en: bool) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let valid =
        context(e, ContextKind::ValidValue).or_else(|| context(e, ContextKind::ValidSubcommand));
    let suggested = context(e, ContextKind::SuggestedArg)
        .or_else(|| context(e, ContextKind::SuggestedValue))
        .or_else(|| context(e, ContextKind::SuggestedSubcommand));
    let what = match (e.kind(), en) {
        (ErrorKind::UnknownArgument, false) => format!("không có tùy chọn `{arg}`"),
        (ErrorKind::UnknownArgument, true) => format!("there is no option `{arg}`"),
        (ErrorKind::InvalidSubcommand, false) => format!("không có lệnh `{}`", command(e)),
        (ErrorKind::InvalidSubcommand, true) => format!("there is no command `{}`", command(e)),
        (ErrorKind::InvalidValue | ErrorKind::ValueValidation, false) => {
            format!("giá trị `{value}` không hợp lệ cho `{arg}`")
        }
        (ErrorKind::InvalidValue | ErrorKind::ValueValidation, true) => {
            format!("the value `{value}` is not valid for `{arg}`")
        }
        (ErrorKind::MissingRequiredArgument, false) => format!("thiếu {arg}"),
        (ErrorKind::MissingRequiredArgument, true) => format!("{arg} is missing"),
        (ErrorKind::MissingSubcommand, false) => {
            "thiếu lệnh (render, check, merge, ntm, schema)".into()
        }
        (ErrorKind::MissingSubcommand, true) => {
            "the command is missing (render, check, merge, ntm, schema)".into()
        }
        (ErrorKind::ArgumentConflict, false) => {
            let other = context(e, ContextKind::PriorArg).unwrap_or_default();
            format!("`{arg}` không dùng được cùng `{other}`")
        }
        (ErrorKind::ArgumentConflict, true) => {
            let other = context(e, ContextKind::PriorArg).unwrap_or_default();
            format!("`{arg}` cannot be used with `{other}`")
        }
        (
            ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues,
            false,
        ) => format!("số giá trị cho `{arg}` không đúng"),
        (
            ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues,
            true,
        ) => format!("wrong number of values for `{arg}`"),
        (ErrorKind::InvalidUtf8, false) => "tham số không phải văn bản UTF-8".into(),
        (ErrorKind::InvalidUtf8, true) => "an argument is not UTF-8 text".into(),
        (_, false) => format!("tham số không hợp lệ{}", sep(&arg)),
        (_, true) => format!("an argument is not valid{}", sep(&arg)),
    };
    let mut out = if en {
        format!("error: wrong command line: {what}")
    } else {
        format!("lỗi: gọi lệnh sai cách: {what}")
    };
    if let Some(v) = valid.filter(|v| !v.is_empty()) {
        out.push_str(&if en {
            format!("\n  valid: {v}")
        } else {
            format!("\n  giá trị hợp lệ: {v}")
        });
    }
    if let Some(s) = suggested.filter(|s| !s.is_empty()) {
        out.push_str(&if en {
            format!("\n  did you mean `{s}`?")
        } else {
            format!("\n  có phải ý bạn là `{s}`?")
        });
    }
    if let Some(u) = context(e, ContextKind::Usage) {
        let u = u.trim();
        let u = u.strip_prefix("Usage:").unwrap_or(u).trim();
        out.push_str(&if en {
            format!("\n  usage: {u}")
        } else {
            format!("\n  cách dùng: {}", u.replace("[OPTIONS]", "[TÙY_CHỌN]"))
        });
    }
    out.push_str(if en {
        "\n  see `vanban --help` or `vanban COMMAND --help`"
    } else {
        "\n  xem `vanban --help` hoặc `vanban LỆNH --help`"
    });
    out
}

/// The mistyped command.
fn command(e: &clap::Error) -> String {
    context(e, ContextKind::InvalidSubcommand).unwrap_or_default()
}

fn sep(arg: &str) -> String {
    if arg.is_empty() {
        String::new()
    } else {
        format!(" (`{arg}`)")
    }
}
