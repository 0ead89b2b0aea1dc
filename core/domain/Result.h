#pragma once

#include "domain/FailureCause.h"
#include "domain/ResultCode.h"

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace prov {

/// A failure: a result code of the CLI contract whenever one fits, a sentence
/// naming what was wrong (the value, file, port or host), and optional context
/// (e.g. the file or step it happened in), and where known the cause with
/// its facts (CauseCatalogue), which the window shows in the operator's
/// language. Never carries secrets.
struct Error
{
    ResultCode code = ResultCode::UnknownError;
    QString message;
    QString context;
    FailureCause cause = FailureCause::None;
    QStringList facts {}; ///< the cause's facts, in the order CauseCatalogue::text wants

    [[nodiscard]] QString toString() const
    {
        return context.isEmpty() ? message : context + QStringLiteral(": ") + message;
    }
};

[[nodiscard]] inline Error makeError(ResultCode code, QString message, QString context = {})
{
    return Error {code, std::move(message), std::move(context)};
}

/// An Error whose cause is known: `facts` as CauseCatalogue documents them.
[[nodiscard]] inline Error makeCausedError(ResultCode code, FailureCause cause, QStringList facts, QString message)
{
    return Error {code, std::move(message), {}, cause, std::move(facts)};
}

/// Value or Error; no exceptions cross module boundaries.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_v(std::in_place_index<0>, std::move(value))
    { }
    Result(Error error)
        : m_v(std::in_place_index<1>, std::move(error))
    { }

    [[nodiscard]] bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] T &value() & { return std::get<0>(m_v); }
    [[nodiscard]] const T &value() const & { return std::get<0>(m_v); }
    [[nodiscard]] T &&value() && { return std::get<0>(std::move(m_v)); }
    [[nodiscard]] const Error &error() const { return std::get<1>(m_v); }

    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

private:
    std::variant<T, Error> m_v;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    { }

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace prov
