#pragma once

#include <QString>
#include <QStringView>

#include <charconv>
#include <string>
#include <string_view>
#include <system_error>

/// Shared by the domain parsers (not part of the public API): strict ASCII digit
/// parsing on top of std::from_chars, which already refuses signs, spaces and
/// prefixes and reports overflow, and quoting of user input for error messages.
namespace prov::parsesupport {

enum class DigitsOutcome { Ok, Empty, Invalid, OutOfRange };

struct DigitsResult
{
    DigitsOutcome outcome = DigitsOutcome::Empty;
    /// Index of the first character not consumed (where Invalid stopped).
    std::size_t stop = 0;
};

/// Parses the whole of `digits` in `base`; no sign, prefix or blank is accepted.
template<typename T>
[[nodiscard]] DigitsResult parseDigits(std::string_view digits, int base, T &out)
{
    if (digits.empty())
        return {DigitsOutcome::Empty, 0};
    T value {};
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
    const auto stop = static_cast<std::size_t>(ptr - digits.data());
    if (ec == std::errc::result_out_of_range)
        return {DigitsOutcome::OutOfRange, stop};
    if (ec != std::errc() || stop != digits.size())
        return {DigitsOutcome::Invalid, stop};
    out = value;
    return {DigitsOutcome::Ok, stop};
}

/// The text as Latin-1 bytes with every non-ASCII character replaced by '\x7F'
/// (DEL), which no parser accepts, so positions stay the same as in `text`.
[[nodiscard]] std::string asciiOrInvalid(QStringView text);

/// `text` in double quotes for an error message: control and non-ASCII-printable
/// characters escaped as \uXXXX so the message stays one line, and cut after
/// kMaxQuotedChars characters (with "...") so a pasted novel does not become one.
[[nodiscard]] QString quoted(QStringView text);

inline constexpr int kMaxQuotedChars = 64;

[[nodiscard]] inline bool isAsciiHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
}

} // namespace prov::parsesupport
